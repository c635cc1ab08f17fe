/** The built CLI run as a user runs it, a child process with the emulator's credentials in its environment. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, type Emulator } from "../../emulator";

const exec = promisify(execFile);
export const CLI = path.resolve(__dirname, "../../dist/cli/main.js");

export type CliResult = { code: number; stdout: string; stderr: string };

export function runCli(emulator: Emulator, args: string[]): Promise<CliResult> {
    const env = {
        ...process.env,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        TUXCARE_API_URL: emulator.tuxcareApiUrl,
        FLUXARK_URL: emulator.fluxarkUrl,
        FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
    };
    return exec(process.execPath, [CLI, ...args], { env, maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
}
