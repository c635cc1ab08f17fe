/**
 * A Pulumi project folder that reaches this package the way a `file:` dependency installs it
 * (a node_modules symlink), for tests and benchmarks that run programs inline.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The repository root, from either the sources or dist/. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export function makeProjectDir(parent: string, name = "program"): string {
    const projectDir = path.join(parent, name);
    mkdirSync(path.join(projectDir, "node_modules", "@pulumi"), { recursive: true });
    writeFileSync(
        path.join(projectDir, "package.json"),
        JSON.stringify({ name, private: true, dependencies: { "pulumi-tuxcare-fluxark": `file:${REPO_ROOT}` } }),
    );
    symlinkSync(REPO_ROOT, path.join(projectDir, "node_modules", "pulumi-tuxcare-fluxark"), "dir");
    symlinkSync(
        path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"),
        path.join(projectDir, "node_modules", "@pulumi", "pulumi"),
        "dir",
    );
    return projectDir;
}
