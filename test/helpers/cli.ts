/** The built CLI run as a user runs it, a child process with the emulator's credentials in its environment. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
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

/** `environment` overrides the emulator's credentials (a wrong secret key, say). */
export function runCli(emulator: Emulator, args: string[], environment: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return runCommand(process.execPath, [CLI, ...args], { ...cliEnvironment(emulator), ...environment });
}

/** Runs the CLI and returns its result with the API calls it made (admin calls aside). */
export async function runCliCalls(emulator: Emulator, admin: EmulatorAdmin, args: string[]): Promise<CliResult & { calls: string[] }> {
    await admin.clearRequests();
    const r = await runCli(emulator, args);
    const calls = (await admin.requests()).filter((q) => q.api !== "admin").map((q) => q.operation);
    return { ...r, calls };
}
