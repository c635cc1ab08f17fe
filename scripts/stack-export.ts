/** `pulumi stack export` of an Automation API stack, for scripts and tests. */
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * What `pulumi stack export` prints, as a user would run it: secrets stay encrypted. (The
 * Automation API's exportStack passes --show-secrets, which decrypts every secret.)
 */
export async function exportedState(stack: Stack): Promise<string> {
    const ws = stack.workspace as LocalWorkspace;
    const { stdout } = await execFileAsync(ws.pulumiCommand.command, ["stack", "export", "--stack", stack.name], {
        cwd: ws.workDir,
        env: { ...process.env, ...ws.envVars },
        maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
}
