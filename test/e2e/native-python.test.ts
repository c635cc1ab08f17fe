/**
 * The Python side of the native packages: test/python/test_native.py runs a Python program (the
 * generated Python SDKs, an Automation API inline program) through the real engine against this
 * emulator, with the venv scripts/setup-python.sh prepares.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { fluxarkClientFor } from "../helpers/clients";
import { REPO_ROOT } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
jest.setTimeout(600_000);

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
    emulator = await startEmulator({ idleTimeoutMs: 20 * 60_000 });
    dir = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-py-"));
});
afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
});

test("a Python program creates, imports, refreshes, updates and destroys through the plugins", async () => {
    const python = (await execFileAsync("bash", [path.join(REPO_ROOT, "scripts", "setup-python.sh")], { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
    const flux = fluxarkClientFor(emulator);
    const importedId = await flux.client.createServer({ name: "py-imported", ip_addr: "10.5.5.5", active: true, is_jump: false, is_cron: false, is_api: false, port: 22, groups: [] });
    await flux.transport.close();
    const work = path.join(dir, "project");
    mkdirSync(work);
    mkdirSync(path.join(dir, "state"));
    const env = {
        ...process.env,
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_CONFIG_PASSPHRASE: "py-passphrase",
        EMULATOR_URL: emulator.url,
        TUXCARE_API_URL: emulator.tuxcareApiUrl,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        FLUXARK_URL: emulator.fluxarkUrl,
        FLUXARK_KEY: DEFAULT_FLUXARK_API_KEY.key,
        IMPORT_SERVER_ID: String(importedId),
        WORK_DIR: work,
    };
    const result = await execFileAsync(python, [path.join(REPO_ROOT, "test", "python", "test_native.py")], { env, maxBuffer: 64 * 1024 * 1024 }).catch(
        (e: { stdout?: string; stderr?: string; message: string }) => ({ stdout: e.stdout ?? "", stderr: `${e.stderr ?? ""}\n${e.message}` }),
    );
    const output = `${result.stdout}\n${result.stderr}`;
    // unittest reports on stderr: the one test, and OK.
    expect(output).toMatch(/test_lifecycle \(__main__\.NativePython\.test_lifecycle\)[^\n]*\.\.\. ok/);
    expect(output).toMatch(/\nOK\n/);
});
