/**
 * The Python side of the native packages: test/python/test_native.py runs a Python program (the
 * generated Python SDKs, an Automation API inline program) through the real engine against this
 * emulator, with the venv scripts/setup-python.sh prepares.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { languageEnv, printed } from "../helpers/language-env";
import { REPO_ROOT } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
jest.setTimeout(600_000);
const env = languageEnv("py", { name: "py-imported", ip: "10.5.5.5" });

test("a Python program creates, imports, refreshes, updates and destroys through the plugins", async () => {
    const python = (
        await execFileAsync("bash", [path.join(REPO_ROOT, "scripts", "setup-python.sh")], { maxBuffer: 16 * 1024 * 1024 })
    ).stdout.trim();
    const output = await printed(
        execFileAsync(python, [path.join(REPO_ROOT, "test", "python", "test_native.py")], { env: env.vars, maxBuffer: 64 * 1024 * 1024 }),
    );
    // unittest reports on stderr: the one test, and OK.
    expect(output).toMatch(/test_lifecycle \(__main__\.NativePython\.test_lifecycle\)[^\n]*\.\.\. ok/);
    expect(output).toMatch(/\nOK\n/);
    expect(await env.env.admin.list("fluxarkServers")).toEqual([]);
});
