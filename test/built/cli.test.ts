/**
 * The built CLI executable (dist/cli/main.js), spawned as a user runs it against the emulator: it
 * starts, answers with the exit codes its contract names, and a failure it did not foresee (the
 * portal refusing the credentials) reaches the process's exit code and standard error, redacted.
 * Every command's behaviour is tested in-process in test/contract (cli, report-cli, access-cli).
 */
import { existsSync } from "node:fs";
import type { Emulator, EmulatorAdmin } from "../../emulator";
import { startTestEnv, type TestEnv } from "../helpers/pulumi";
import { CLI, runCli } from "../helpers/cli";

let env: TestEnv;
let emulator: Emulator;
let admin: EmulatorAdmin;
beforeAll(async () => {
    expect(existsSync(CLI)).toBe(true); // run `npm run -s build` first
    env = await startTestEnv();
    ({ emulator, admin } = env);
});
afterAll(async () => env?.close());

test("the executable answers help (0), a usage error (2), a dry run (3), a removal (0) and rejected credentials (1, redacted)", async () => {
    const help = await runCli(emulator, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pulumi-tuxcare-fluxark <command> \[options\]/);

    await admin.clearRequests();
    const usage = await runCli(emulator, ["nagios-register-key", "--key", "SecretMonitorKey-9"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error: --key must be 16 to 32 letters and digits/);
    expect(usage.stderr + usage.stdout).not.toContain("SecretMonitorKey-9");
    expect((await admin.requests()).filter((q) => q.api !== "admin")).toEqual([]);

    emulator.store.put("kcareKeys", "K1", { key: "K1", owner: "demo", enabled: true, created: "", limit: 0, note: "", cidrs: [] });
    emulator.store.put("kcareServers", "srv-1", { id: "srv-1", key: "K1", ip: "10.0.0.9", hostname: "x", created: "" });
    expect(await runCli(emulator, ["kcare-server-remove", "--id", "srv-1"])).toMatchObject({
        code: 3,
        stderr: "Would remove KernelCare server srv-1. Nothing was changed: run again with --yes to do it.\n",
    });
    expect(await runCli(emulator, ["kcare-server-remove", "--id", "srv-1", "--yes"])).toMatchObject({
        code: 0,
        stdout: "Removed KernelCare server srv-1.\n",
    });
    expect(emulator.store.get("kcareServers", "srv-1")).toBeUndefined();

    const refused = await runCli(emulator, ["kcare-server-remove", "--id", "1", "--yes"], { TUXCARE_SECRET_KEY: "wrong-secret-value" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .*Authorization failed/);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(refused.stderr + refused.stdout).not.toContain("wrong-secret-value");
});
