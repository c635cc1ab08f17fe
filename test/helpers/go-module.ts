/**
 * The Go SDK as `go get` fetches a published version: a module proxy folder holding the SDK at the
 * package's version under its published path (scripts/go-module-proxy), and a copy of test/go
 * (which requires it by that path, with no `replace`) to build against it, so the checksums go
 * adds stay out of the repository.
 */
import { execFile } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./pulumi";

const exec = promisify(execFile);

export interface GoModuleSetup {
    /** The copy of test/go. */
    dir: string;
    /** The environment for `go` there: the proxy first, then the usual one for everything else. */
    vars: NodeJS.ProcessEnv;
}

export const GO_SDK_FOLDER = path.join(REPO_ROOT, "sdk", "go");
export const goSdkModule = () => /^module\s+(\S+)/m.exec(readFileSync(path.join(GO_SDK_FOLDER, "go.mod"), "utf8"))![1]!;

export async function goModuleSetup(work: string): Promise<GoModuleSetup> {
    const base = { ...process.env, GOTOOLCHAIN: "local" };
    const version = `v${(JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version}`;
    const proxy = path.join(work, "goproxy");
    await exec("go", ["run", ".", "-module", GO_SDK_FOLDER, "-version", version, "-out", proxy], {
        cwd: path.join(REPO_ROOT, "scripts", "go-module-proxy"),
        env: { ...base, GOFLAGS: "-mod=mod" },
    });
    const upstream = (await exec("go", ["env", "GOPROXY"], { env: base })).stdout.trim();
    const dir = path.join(work, "go-test");
    cpSync(path.join(REPO_ROOT, "test", "go"), dir, { recursive: true });
    return {
        dir,
        vars: {
            ...base,
            GOPROXY: [`file://${proxy}`, upstream].filter((p) => p && p !== "off").join(","),
            // No checksum database knows a version served from a folder.
            GONOSUMDB: ["github.com/pulumi/pulumi", goSdkModule()].join(","),
            GOFLAGS: "-mod=mod",
        },
    };
}
