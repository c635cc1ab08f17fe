/**
 * The CLI with the emulator's credentials in its environment, two ways: in this process (its
 * `main`, what the executable runs, given an environment and capturing what it prints), for the
 * contract tests; and the built executable as a child process, for the smoke and e2e tests.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { main } from "../../cli/main";
import { clearRegisteredSecrets } from "../../provider/core/redact";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, type Emulator, type EmulatorAdmin } from "../../emulator";

const exec = promisify(execFile);
export const CLI = path.resolve(__dirname, "../../dist/cli/main.js");

export type CliResult = { code: number; stdout: string; stderr: string };

/** The environment a user of the emulator sets: its URLs and credentials. */
export function cliEnvironment(emulator: Emulator): NodeJS.ProcessEnv {
    return {
        ...process.env,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        TUXCARE_API_URL: emulator.tuxcareApiUrl,
        FLUXARK_URL: emulator.fluxarkUrl,
        FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
    };
}

export function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
    return exec(file, args, { env, maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
}

/** The built executable, a child process. `environment` overrides the emulator's credentials (a wrong secret key, say). */
export function runCli(emulator: Emulator, args: string[], environment: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return runCommand(process.execPath, [CLI, ...args], { ...cliEnvironment(emulator), ...environment });
}

/**
 * The CLI's `main` in this process: what the executable would print (console.log adds the line
 * ends) and its exit code. Each run starts as a new process: no secret registered for redaction
 * (the run registers its own), no client or cached list kept (main configures afresh).
 */
export async function runCliInProcess(emulator: Emulator, args: string[], environment: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    clearRegisteredSecrets();
    let stdout = "";
    let stderr = "";
    const out = {
        log: (s: string) => {
            stdout += `${s}\n`;
        },
        err: (s: string) => {
            stderr += `${s}\n`;
        },
    };
    const code = await main(args, out, { ...cliEnvironment(emulator), ...environment });
    return { code, stdout, stderr };
}

/** Runs the CLI in this process and returns its result with the API calls it made (admin calls aside). */
export async function runCliCalls(emulator: Emulator, admin: EmulatorAdmin, args: string[]): Promise<CliResult & { calls: string[] }> {
    await admin.clearRequests();
    const r = await runCliInProcess(emulator, args);
    const calls = (await admin.requests()).filter((q) => q.api !== "admin").map((q) => q.operation);
    return { ...r, calls };
}
