/**
 * `npm run bench:plugin`: the self-contained plugin executable (scripts/package-plugins.ts) against
 * the Node.js launcher in bin/, side by side in one run: size on disk, start time (process start to
 * the port printed, the engine's wait for each plugin), and `pulumi up` / `destroy` of N KernelCare
 * keys through each against the emulator (median of three, alternating). `--quick` runs fewer.
 */
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_TUXCARE_ACCOUNT, startEmulator } from "../emulator";
import { makeProjectDir, REPO_ROOT } from "../scripts/project-dir";
import { archiveName, packageVersion } from "../scripts/package-plugins";
import { nativeToken } from "../provider/tokens";

const quick = process.argv.includes("--quick");
const runs = quick ? 1 : 3;
const starts = quick ? 3 : 9;
const keys = quick ? 5 : 50;
const version = packageVersion();
const LAUNCHER = path.join(REPO_ROOT, "bin", "pulumi-resource-tuxcare");

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (s: number) => `${s.toFixed(2)} s`;

/** Bytes of a file or a folder's files (symbolic links not followed). */
function sizeOf(p: string): number {
    const st = statSync(p);
    return st.isDirectory() ? readdirSync(p).reduce((sum, n) => sum + sizeOf(path.join(p, n)), 0) : st.size;
}

/** Seconds from starting a plugin to its port on stdout. */
function startTime(exe: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const t0 = process.hrtime.bigint();
        const child = spawn(exe, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "ignore"] });
        child.stdout.once("data", () => {
            resolve(Number(process.hrtime.bigint() - t0) / 1e9);
            child.kill();
        });
        child.once("exit", (code) => reject(new Error(`${exe} exited with ${code} before printing its port`)));
    });
}

class Native extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}

/** `up` and `destroy` of `keys` KcareKeys with the plugin the engine finds in `home` or on `PATH`. */
async function upAndDestroy(dir: string, label: string, envVars: Record<string, string>, apiUrl: string): Promise<[number, number]> {
    const work = path.join(dir, label);
    mkdirSync(work);
    const stack = await LocalWorkspace.createOrSelectStack(
        {
            stackName: label,
            projectName: "bench-plugin",
            program: async () => {
                for (let i = 0; i < keys; i++)
                    new Native(nativeToken("tuxcare:KcareKey"), `k${i}`, { limit: 1, note: `bench ${i}` }, { version });
            },
        },
        { workDir: makeProjectDir(work), envVars, projectSettings: { name: "bench-plugin", runtime: "nodejs" } },
    );
    await stack.setAllConfig({
        "tuxcare:apiUrl": { value: apiUrl },
        "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
        "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
    });
    let t0 = Date.now();
    await stack.up();
    const up = (Date.now() - t0) / 1000;
    t0 = Date.now();
    await stack.destroy();
    return [up, (Date.now() - t0) / 1000];
}

async function main(): Promise<void> {
    const dir = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-bench-plugin-"));
    const rows: string[][] = [];
    try {
        const archives = path.join(dir, "archives");
        execFileSync(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "package-plugins.js"), archives], {
            stdio: ["ignore", "ignore", "ignore"],
        });
        const archive = path.join(archives, archiveName("tuxcare", version));
        const base = {
            PULUMI_CONFIG_PASSPHRASE: "bench",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        };
        const home = path.join(dir, "home-exe");
        execFileSync("pulumi", ["plugin", "install", "resource", "tuxcare", version, "--file", archive], {
            env: { ...process.env, ...base, PULUMI_HOME: home },
            stdio: "ignore",
        });
        const exe = path.join(home, "plugins", `resource-tuxcare-v${version}`, "pulumi-resource-tuxcare");

        // What the launcher needs beside Node.js: the compiled package and its production dependencies.
        const modules = path.join(REPO_ROOT, "node_modules");
        const prodDeps = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
            cwd: REPO_ROOT,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        })
            .trim()
            .split("\n")
            .slice(1);
        // Top-level folders only: a nested package is inside one of them.
        const topLevel = [...new Set(prodDeps)].filter(
            (d) =>
                path.dirname(d) === modules ||
                (path.dirname(path.dirname(d)) === modules && path.basename(path.dirname(d)).startsWith("@")),
        );
        const launcherBytes = sizeOf(path.join(REPO_ROOT, "dist")) + topLevel.reduce((sum, d) => sum + sizeOf(d), 0);
        rows.push([
            "size on disk",
            `${mb(launcherBytes)} (dist/ and the production dependencies) + Node.js`,
            `${mb(sizeOf(exe))} executable, ${mb(sizeOf(archive))} archive`,
        ]);

        const launcherStarts: number[] = [];
        const exeStarts: number[] = [];
        for (let i = 0; i < starts; i++) {
            launcherStarts.push(await startTime(LAUNCHER));
            exeStarts.push(await startTime(exe));
        }
        rows.push([`start to port printed (median of ${starts})`, secs(median(launcherStarts)), secs(median(exeStarts))]);

        const emulator = await startEmulator();
        try {
            const pathWithoutBin = (process.env.PATH ?? "")
                .split(path.delimiter)
                .filter((d) => path.resolve(d) !== path.join(REPO_ROOT, "bin"))
                .join(path.delimiter);
            const times: Record<string, [number, number][]> = { launcher: [], executable: [] };
            for (let r = 0; r < runs; r++) {
                for (const label of ["launcher", "executable"] as const) {
                    const backend = path.join(dir, `state-${label}-${r}`);
                    mkdirSync(backend);
                    const envVars =
                        label === "launcher"
                            ? { ...base, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_HOME: path.join(dir, `home-launcher-${r}`) }
                            : { ...base, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_HOME: home, PATH: pathWithoutBin };
                    times[label]!.push(await upAndDestroy(dir, `${label}-${r}`, envVars, emulator.tuxcareApiUrl));
                }
            }
            rows.push([
                `up of ${keys} KcareKeys (median of ${runs})`,
                secs(median(times.launcher!.map((t) => t[0]))),
                secs(median(times.executable!.map((t) => t[0]))),
            ]);
            rows.push([
                `destroy of ${keys} KcareKeys (median of ${runs})`,
                secs(median(times.launcher!.map((t) => t[1]))),
                secs(median(times.executable!.map((t) => t[1]))),
            ]);
        } finally {
            await emulator.close();
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(
        `| measure | launcher (bin/, Node.js) | self-contained executable |\n| --- | --- | --- |\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`,
    );
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
});
