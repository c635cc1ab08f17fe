/**
 * The local drift gate (examples/gitops/drift-check.ts), run as a user runs it: a child process
 * in a project that has the package installed. Exit 0 on a clean stack, non-zero after an
 * out-of-band change.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeProjectDir, REPO_ROOT } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

function run(projectDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["-r", require.resolve("ts-node/register/transpile-only"), path.join(projectDir, "drift-check.ts"), ...args],
            { cwd: projectDir, env: { ...process.env, DRIFT_DIR: path.join(projectDir, ".drift") }, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
        );
    });
}

test("drift-check exits 0 on a clean stack and non-zero after an out-of-band change", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "drift-"));
    try {
        const project = makeProjectDir(dir, "gitops");
        for (const f of ["index.ts", "drift-check.ts", "Pulumi.yaml", "tsconfig.json"])
            copyFileSync(path.join(REPO_ROOT, "examples", "gitops", f), path.join(project, f));
        const init = await run(project, "--init");
        expect(init.out).toContain("created");
        expect(init.code).toBe(0);

        const clean = await run(project);
        expect(clean.out).toContain("No drift");
        expect(clean.code).toBe(0);

        // Someone changes the ESU key's limit in the portal.
        const stateFile = path.join(project, ".drift", "emulator.json");
        const state = JSON.parse(readFileSync(stateFile, "utf8"));
        const [key] = Object.keys(state.collections.elsKeys);
        state.collections.elsKeys[key!].usageLimit = 99;
        writeFileSync(stateFile, JSON.stringify(state));

        const drift = await run(project);
        expect(drift.code).toBe(2);
        expect(drift.out).toContain("Drift: the accounts differ from the code");
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
