/**
 * Builds the native plugins as self-contained executables, one archive per plugin, for this
 * machine's platform: dist-plugins/pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz, the name
 * the engine asks a plugin server for (`pulumi plugin install --server`, a schema's
 * pluginDownloadURL). Each archive holds `pulumi-resource-<name>` (`.exe` on Windows): Node's
 * single-executable application, this Node binary with the host bundled by esbuild injected by
 * postject, so it runs where no Node.js is installed. The executable's name says which package it
 * serves (provider/host/served-package.ts), so both are the same bytes.
 *
 * `npm run package` builds dist/ first and runs this; the release workflow runs the same on each
 * platform's own runner (a Node binary can only be injected for the platform it runs on).
 * Prints the archives' paths, one a line.
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PACKAGES } from "../provider/tokens";
import { REPO_ROOT as ROOT } from "./project-dir";

/** The fuse Node's single-executable support looks for (Node's documentation names it). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Pulumi's names for this machine's platform (the ones in plugin archive names). */
export function pulumiPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): { os: string; arch: string } {
    const os = { linux: "linux", darwin: "darwin", win32: "windows" }[platform as string];
    const cpu = { x64: "amd64", arm64: "arm64" }[arch];
    if (!os || !cpu) throw new Error(`no Pulumi plugin platform for ${platform}/${arch}`);
    return { os, arch: cpu };
}

export const archiveName = (name: string, version: string, platform = pulumiPlatform()) =>
    `pulumi-resource-${name}-v${version}-${platform.os}-${platform.arch}.tar.gz`;

export const packageVersion = (): string =>
    (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The host (dist/provider/host/main.js, built already) and everything it requires, as one CommonJS file. */
async function bundleHost(file: string): Promise<void> {
    await build({
        entryPoints: [path.join(ROOT, "dist", "provider", "host", "main.js")],
        outfile: file,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: `node${process.versions.node.split(".")[0]}`,
        minify: true,
        keepNames: true,
        logLevel: "error",
        // Code the host never reaches, which @pulumi/pulumi's npm tooling asks for by path.
        external: ["node-gyp/bin/node-gyp.js"],
    });
}

/** This Node binary with the bundle injected: the single-executable application. */
async function singleExecutable(bundle: string, work: string, exe: string): Promise<void> {
    const blob = path.join(work, "sea.blob");
    const config = path.join(work, "sea-config.json");
    writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
    execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
    copyFileSync(process.execPath, exe);
    const mac = process.platform === "darwin";
    if (mac) execFileSync("codesign", ["--remove-signature", exe]);
    // postject ships no types.
    const { inject } = require("postject") as {
        inject(file: string, resource: string, data: Buffer, options: Record<string, unknown>): Promise<void>;
    };
    await inject(exe, "NODE_SEA_BLOB", readFileSync(blob), { sentinelFuse: SEA_FUSE, ...(mac ? { machoSegmentName: "NODE_SEA" } : {}) });
    if (mac) execFileSync("codesign", ["--sign", "-", exe]);
}

export async function packagePlugins(out = path.join(ROOT, "dist-plugins")): Promise<string[]> {
    const version = packageVersion();
    const suffix = process.platform === "win32" ? ".exe" : "";
    const work = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-package-"));
    try {
        const bundle = path.join(work, "host.js");
        await bundleHost(bundle);
        const built = path.join(work, `plugin${suffix}`);
        await singleExecutable(bundle, work, built);
        mkdirSync(out, { recursive: true });
        return PACKAGES.map((name) => {
            const dir = path.join(work, name);
            mkdirSync(dir);
            const exe = `pulumi-resource-${name}${suffix}`;
            copyFileSync(built, path.join(dir, exe));
            copyFileSync(path.join(ROOT, "README.md"), path.join(dir, "README.md"));
            const archive = path.join(out, archiveName(name, version));
            // bsdtar on Windows and macOS, GNU tar on Linux: both read and write these flags.
            execFileSync("tar", ["-czf", archive, "-C", dir, exe, "README.md"]);
            return archive;
        });
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

if (require.main === module) {
    packagePlugins(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
        (files) => process.stdout.write(`${files.join("\n")}\n`),
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
        },
    );
}
