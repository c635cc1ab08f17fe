/**
 * Runs `pulumi-tuxcare-fluxark report ...` as a user runs it: the built CLI in a child process,
 * credentials for the test's emulator in its environment.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { REPO_ROOT, type TestEnv } from "./pulumi";

const exec = promisify(execFile);
const CLI = path.join(REPO_ROOT, "dist", "cli", "main.js");

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export async function runReportCli(env: TestEnv, args: string[]): Promise<CliResult> {
    const childEnv = {
        ...process.env,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        TUXCARE_API_URL: env.emulator.tuxcareApiUrl,
        FLUXARK_URL: env.emulator.fluxarkUrl,
        FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
    };
    return exec(process.execPath, [CLI, "report", ...args], { env: childEnv, maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: CliResult) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
}
