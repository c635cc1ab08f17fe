/**
 * The built emulator executable (dist/emulator/main.js, what `npm run emulator` runs), spawned: a
 * bad option exits 2 without a stack trace; started with --state and an admin token from the
 * environment it prints its banner (without the token), answers, points the built CLI at itself
 * with the banner's export lines alone, and at SIGTERM saves the state (0600) and exits 0.
 * Every option's behaviour is tested in-process in test/contract/emulator-command.test.ts.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmulatorAdmin } from "../../emulator";
import { CLI, runCommand } from "../helpers/cli";

const MAIN = path.resolve(__dirname, "../../dist/emulator/main.js");

let dir: string;
beforeAll(() => {
    expect(existsSync(MAIN)).toBe(true); // run `npm run -s build` first
    dir = mkdtempSync(path.join(tmpdir(), "emulator-built-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a bad option: exit 2 naming it, no stack trace", async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
        execFile(process.execPath, [MAIN, "--port", "abc"], { timeout: 15_000 }, (error, _stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
        ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port: "abc" is not a port');
    expect(r.stderr).not.toMatch(/^\s+at /m);
});

test("started, it answers, its banner points the CLI at it, and SIGTERM saves the state (0600) and exits 0", async () => {
    const file = path.join(dir, "state.json");
    const token = "token-from-environment";
    const child = spawn(process.execPath, [MAIN, "--port", "0", "--state", file], { env: { ...process.env, EMULATOR_ADMIN_TOKEN: token } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
        const url = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no banner in 15 s: ${stdout} ${stderr}`)), 15_000);
            void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
            child.stdout.on("data", () => {
                const found = /Emulator listening on (http:\/\/\S+)/.exec(stdout)?.[1];
                if (found && /export FLUXARK_URL=.*\n/.test(stdout)) {
                    clearTimeout(timer);
                    resolve(found);
                }
            });
        });
        expect(stdout).not.toContain(token);
        await expect(new EmulatorAdmin(url).state()).rejects.toThrow(/HTTP 401/);
        await new EmulatorAdmin(url, { token }).put("fluxarkUsers", "1", { id: 1, username: "survivor", password: "Secret-Passw0rd" });

        const exported = Object.fromEntries(
            [...stdout.matchAll(/^\s*export (.+)$/gm)].flatMap((m) =>
                m[1]!.split(" ").map((pair) => pair.split("=", 2) as [string, string]),
            ),
        );
        const {
            TUXCARE_API_URL: _t,
            FLUXARK_URL: _f,
            TUXCARE_LOGIN: _l,
            TUXCARE_SECRET_KEY: _s,
            FLUXARK_API_KEY: _k,
            ...rest
        } = process.env;
        const report = await runCommand(process.execPath, [CLI, "report", "access", "--format", "json"], { ...rest, ...exported });
        expect(report.code).toBe(0);
        expect(JSON.parse(report.stdout)).toMatchObject({ schemaVersion: 1, kind: "access" });
    } finally {
        child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["state.json"]);
    expect(JSON.parse(readFileSync(file, "utf8")).collections.fluxarkUsers["1"].username).toBe("survivor");
});
