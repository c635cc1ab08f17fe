/**
 * The Go side of the native packages: `go test` in test/go runs a Go program (the generated Go
 * SDK, an Automation API inline program) through the real engine against this emulator. This
 * file starts the emulator, makes the object the Go program imports, and runs the Go test.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, EmulatorAdmin, startEmulator, type Emulator } from "../../emulator";
import { fluxarkClientFor } from "../helpers/clients";
import { REPO_ROOT } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
jest.setTimeout(900_000);

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
    emulator = await startEmulator({ idleTimeoutMs: 20 * 60_000 });
    dir = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-go-"));
});
afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
});

test("go test: a Go program creates, imports, refreshes, updates and destroys through the plugins", async () => {
    const flux = fluxarkClientFor(emulator);
    const importedId = await flux.client.createServer({ name: "go-imported", ip_addr: "10.3.3.3", active: true, is_jump: false, is_cron: false, is_api: false, port: 22, groups: [] });
    await flux.transport.close();
    const work = path.join(dir, "project");
    mkdirSync(work);
    mkdirSync(path.join(dir, "state"));
    const env = {
        ...process.env,
        GOTOOLCHAIN: "local",
        GOFLAGS: "-mod=mod",
        GONOSUMDB: "github.com/pulumi/pulumi",
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_CONFIG_PASSPHRASE: "go-passphrase",
        EMULATOR_URL: emulator.url,
        TUXCARE_API_URL: emulator.tuxcareApiUrl,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        FLUXARK_URL: emulator.fluxarkUrl,
        FLUXARK_KEY: DEFAULT_FLUXARK_API_KEY.key,
        IMPORT_SERVER_ID: String(importedId),
        WORK_DIR: work,
    };
    const result = await execFileAsync("go", ["test", "-count=1", "-v", "./..."], { cwd: path.join(REPO_ROOT, "test", "go"), env, maxBuffer: 64 * 1024 * 1024 }).catch(
        (e: { stdout?: string; stderr?: string; message: string }) => ({ stdout: e.stdout ?? "", stderr: `${e.stderr ?? ""}\n${e.message}` }),
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/--- PASS: TestNativeGo/);
    expect(output).not.toMatch(/--- FAIL/);
    // The imported server was taken over, not copied, and destroy removed everything.
    expect(await new EmulatorAdmin(emulator.url).list("fluxarkServers")).toEqual([]);
});
