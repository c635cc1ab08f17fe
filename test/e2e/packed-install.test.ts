/**
 * An example installed exactly as its README says, the closest to a user's install: the package
 * packed with `npm pack`, the example copied out of the repository, the tarball installed there
 * with the README's own command. Then `up`, a clean preview and `destroy` against the emulator,
 * driven from inside that install (test/helpers/packed-program-runner.js), so the Automation API,
 * the program's `import "pulumi-tuxcare-fluxark"` and the dynamic provider all resolve from it.
 * `@pulumi/pulumi` is a peer dependency: the install holds one copy, shared by program and package.
 */
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);
const exec = promisify(execFile);
const EXAMPLE = "els-fleet";
/** The install stays quick and off the network when npm's cache holds the packages (as after `npm ci`). */
const NPM_QUIET = ["--prefer-offline", "--no-audit", "--no-fund"];

/** Every folder named node_modules/@pulumi/pulumi under a tree. */
function sdkCopies(dir: string): string[] {
    const found: string[] = [];
    const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            if (!e.isDirectory()) continue;
            const p = path.join(d, e.name);
            if (p.endsWith(path.join("node_modules", "@pulumi", "pulumi")) && existsSync(path.join(p, "package.json"))) found.push(p);
            walk(p);
        }
    };
    walk(dir);
    return found;
}

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

test(`${EXAMPLE}, installed from the packed tarball as its README says: one @pulumi/pulumi, up, clean preview with the package's policy pack, destroy`, async () => {
    // The repository's build (npm run build ran before the e2e tests) packed as npm publishes it.
    const packed = await exec("npm", ["pack", "--ignore-scripts", "--pack-destination", env.dir, ...NPM_QUIET], { cwd: REPO_ROOT });
    const tarball = path.join(env.dir, packed.stdout.trim().split("\n").pop()!);
    expect(existsSync(tarball)).toBe(true);

    const app = path.join(env.dir, EXAMPLE);
    cpSync(path.join(REPO_ROOT, "examples", EXAMPLE), app, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
    // The README's install line names the tarball `npm pack` writes; the copy gives its path.
    const readmeInstall = /^npm install (\S+\.tgz)$/m.exec(readFileSync(path.join(app, "README.md"), "utf8"));
    expect(readmeInstall).not.toBeNull();
    expect(path.basename(readmeInstall![1]!)).toBe(path.basename(tarball));
    expect(JSON.parse(readFileSync(path.join(app, "package.json"), "utf8")).dependencies["pulumi-tuxcare-fluxark"]).not.toMatch(
        /^file:|^link:/,
    );
    await exec("npm", ["install", ...NPM_QUIET, tarball], { cwd: app });

    // One copy of the SDK, the program's, which the package uses too.
    const sdk = path.join(app, "node_modules", "@pulumi", "pulumi");
    expect(sdkCopies(path.join(app, "node_modules"))).toEqual([sdk]);
    const ls = await exec("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], { cwd: app });
    expect([...new Set(ls.stdout.split("\n").filter((l) => l.includes("@pulumi")))]).toEqual([sdk]);
    expect((await exec("npm", ["ls", "@pulumi/pulumi", "--all"], { cwd: app })).stdout).toMatch(
        /pulumi-tuxcare-fluxark@[\s\S]*@pulumi\/pulumi@\S+ deduped/,
    );

    // The engine finds the dynamic-provider plugin in the SDK folder: the install's, not the repository's.
    const PATH = [
        sdk,
        ...(process.env.PATH ?? "").split(path.delimiter).filter((d) => !d.endsWith(path.join("node_modules", "@pulumi", "pulumi"))),
    ].join(path.delimiter);
    copyFileSync(path.join(REPO_ROOT, "test", "helpers", "packed-program-runner.js"), path.join(app, "packed-program-runner.js"));
    await env.admin.clearRequests();
    const run = await exec(process.execPath, ["packed-program-runner.js"], {
        cwd: app,
        env: { ...process.env, ...env.envVars, PATH, RUNNER_STACK: "packed", RUNNER_CONFIG: JSON.stringify(tuxcareConfig(env)) },
        maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(run.stdout.trim().split("\n").pop()!);
    expect(result).toMatchObject({
        sdk: path.join(sdk, "index.js"),
        sdkOfPackage: path.join(sdk, "index.js"),
        pkg: path.join(app, "node_modules", "pulumi-tuxcare-fluxark", "dist", "provider", "index.js"),
        up: { result: "succeeded", changes: { create: 4 }, outputs: ["esuKey", "keyIds"] },
        preview: { same: 4 },
        // Loaded from the install (the engine shortens the path), and passed.
        policyPack: [expect.stringMatching(/^✅ tuxcare-fluxark@v0\.1\.0 \(local: .*pulumi-tuxcare-fluxark[/\\]policy\)$/)],
        destroy: { result: "succeeded", changes: { delete: 4 } },
    });
    // The program's own TypeScript (a devDependency of the example), not the SDK's old fallback.
    expect(result.typescript).toMatch(/^5\./);
    // The three keys were made through the emulator, and removed.
    const operations = (await env.admin.requests()).map((r) => r.operation);
    expect(operations.filter((o) => o === "els.key.create")).toHaveLength(3);
    expect(operations.filter((o) => o === "els.key.remove")).toHaveLength(3);
    expect(await env.admin.list("elsKeys")).toEqual([]);
});
