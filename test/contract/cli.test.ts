/** The operational commands, run as a user runs them (a child process) against the emulator. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";

const exec = promisify(execFile);
const CLI = path.resolve(__dirname, "../../dist/cli/main.js");

let emulator: Emulator;
beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(() => emulator.close());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login, TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey, TUXCARE_API_URL: emulator.tuxcareApiUrl };
    try {
        const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], { env });
        return { code: 0, stdout, stderr };
    } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
}

test("kcare-server-remove asks for --yes, then removes", async () => {
    emulator.store.put("kcareKeys", "K1", { key: "K1", owner: "demo", enabled: true, created: "", limit: 0, note: "", cidrs: [] });
    emulator.store.put("kcareServers", "s-9", { id: "s-9", key: "K1", ip: "10.0.0.9", hostname: "x", created: "" });
    const dry = await cli("kcare-server-remove", "--id", "s-9");
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/Nothing was changed: run again with --yes/);
    expect(emulator.store.get("kcareServers", "s-9")).toBeDefined();
    const real = await cli("kcare-server-remove", "--id", "s-9", "--yes");
    expect(real).toMatchObject({ code: 0, stdout: "Removed KernelCare server s-9.\n" });
    expect(emulator.store.get("kcareServers", "s-9")).toBeUndefined();
});

test("els-server-remove removes and prints what it removed", async () => {
    emulator.store.put("elsKeys", "CELS-x", { key: "CELS-x", owner: "demo", productCode: "CELS", usageLimit: 0, description: null });
    emulator.store.put("elsServers", "777", { id: "777", key: "CELS-x", ip: "10.0.0.7", hostname: "old-centos" });
    const r = await cli("els-server-remove", "--id", "777", "--yes");
    expect(r).toMatchObject({ code: 0, stdout: "Removed ELS server 777 (10.0.0.7, old-centos).\n" });
});

test("nagios-register-key reports the portal's code", async () => {
    const bad = await cli("nagios-register-key", "--key", "short");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/code 1, wrong key size or format/);
});

test("errors are redacted and usage is shown for unknown commands", async () => {
    const wrong = await exec(process.execPath, [CLI, "kcare-server-remove", "--id", "1", "--yes"], {
        env: { ...process.env, TUXCARE_LOGIN: "demo", TUXCARE_SECRET_KEY: "wrong-secret-value", TUXCARE_API_URL: emulator.tuxcareApiUrl },
    }).catch((e: { stderr: string }) => e);
    expect(wrong.stderr).toMatch(/Authorization failed/);
    expect(wrong.stderr).not.toContain("wrong-secret-value");
    const unknown = await cli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Usage:/);
});
