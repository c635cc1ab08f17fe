/**
 * `npm run bench`: performance figures measured side by side in one run against the emulator,
 * printed as a table. `--quick` runs a tenth of the sizes (for CI, to prove the bench runs).
 *
 * 1. `pulumi refresh` of ElsKeys, IP licenses and FluxArk users: API requests and wall time, ours
 *    (one shared list per kind) against a naive one-list-per-resource read.
 * 2. `pulumi up` creating N resources, ours against N no-op dynamic resources (the engine's own
 *    floor), at 0 ms and at 50 ms emulated latency.
 * 3. `__provider` bytes per resource, and the provider process's peak memory during an `up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type ConfigMap, type PulumiFn } from "@pulumi/pulumi/automation";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { ElsKey, FluxarkUser, IpLicense } from "../provider";
import { makeProjectDir } from "../scripts/project-dir";

const quick = process.argv.includes("--quick");
const scale = (n: number) => (quick ? Math.max(3, Math.round(n / 10)) : n);

const noopProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        return { id: `noop-${inputs.n}`, outs: inputs };
    },
};
class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, n: number) {
        super(noopProvider, name, { n }, {}, "bench", "Noop");
    }
}

interface Env {
    dir: string;
    emulator: Emulator;
    project: string;
    envVars: Record<string, string>;
    config: ConfigMap;
}

async function env(): Promise<Env> {
    const dir = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-bench-"));
    mkdirSync(path.join(dir, "state"));
    const emulator = await startEmulator();
    return {
        dir,
        emulator,
        project: makeProjectDir(dir),
        envVars: { PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`, PULUMI_HOME: path.join(dir, "home"), PULUMI_CONFIG_PASSPHRASE: "bench" },
        config: {
            "tuxcare:apiUrl": { value: emulator.tuxcareApiUrl },
            "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
            "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
            "fluxark:url": { value: emulator.fluxarkUrl },
            "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
        },
    };
}

async function stackOf(e: Env, name: string, program: PulumiFn, extraEnv: Record<string, string> = {}) {
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, projectName: "bench", program }, { workDir: e.project, envVars: { ...e.envVars, ...extraEnv } });
    await stack.setAllConfig(e.config);
    return stack;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
    const t0 = Date.now();
    const r = await f();
    return [r, (Date.now() - t0) / 1000];
}

/** The largest resident set of the dynamic-provider processes while `f` runs, in MB. */
async function peakProviderMemory<T>(f: () => Promise<T>): Promise<[T, number]> {
    let peak = 0;
    const sample = () => {
        try {
            const out = execFileSync("ps", ["-eo", "rss=,args="], { encoding: "utf8" });
            for (const line of out.split("\n")) if (line.includes("dynamic-provider")) peak = Math.max(peak, Number(line.trim().split(/\s+/)[0]) / 1024);
        } catch {
            // ps unavailable: no figure
        }
    };
    const timer = setInterval(sample, 200);
    try {
        return [await f(), peak];
    } finally {
        clearInterval(timer);
        sample();
    }
}

async function main(): Promise<void> {
    const rows: [string, string, string][] = [];
    const nEls = scale(300);
    const nIpl = scale(100);
    const nUsers = scale(100);

    // 1. Refresh: ours against one list per resource.
    {
        const e = await env();
        const program = async () => {
            for (let i = 0; i < nEls; i++) new ElsKey(`els${i}`, { productCode: "ESU", limit: i, note: `k${i}` });
            for (let i = 0; i < nIpl; i++) new IpLicense(`ipl${i}`, { ip: `10.${Math.floor(i / 250)}.${i % 250}.1`, type: 16 });
            for (let i = 0; i < nUsers; i++) new FluxarkUser(`u${i}`, { username: `u${i}`, email: `u${i}@example.com`, password: "Bench-Passw0rd", fullName: `U${i}`, authType: "password" });
        };
        const stack = await stackOf(e, "refresh", program);
        await stack.up();
        const objects = nEls + nIpl + nUsers;
        for (const [label, extra] of [
            ["ours (one list per kind)", {}],
            ["naive (one list per resource)", { PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS: "0" }],
        ] as const) {
            const s = await stackOf(e, "refresh", program, extra);
            e.emulator.requestLog.length = 0;
            const [, secs] = await timed(() => s.refresh());
            rows.push([`refresh of ${objects} objects: ${label}`, `${e.emulator.requestLog.length} requests`, `${secs.toFixed(1)} s`]);
        }
        const state = JSON.parse(execFileSync("pulumi", ["stack", "export", "--stack", "refresh"], { cwd: e.project, env: { ...process.env, ...e.envVars }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }));
        const sizes = (state.deployment.resources as { outputs?: { __provider?: string } }[]).map((r) => r.outputs?.__provider?.length ?? 0).filter((n) => n > 0);
        rows.push(["__provider per resource (largest)", `${Math.max(...sizes)} bytes`, `${sizes.length} resources`]);
        await stack.destroy();
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    // 2. Up of N resources: ours against no-op dynamic resources, at 0 and 50 ms latency.
    const nUp = scale(300);
    for (const latency of [0, 50]) {
        const e = await env();
        if (latency) e.emulator.faults.set({ rules: [{ match: "*", latencyMs: latency }] });
        const noop = await stackOf(e, `noop${latency}`, async () => void Array.from({ length: nUp }, (_, i) => new Noop(`n${i}`, i)));
        const [, floor] = await timed(() => noop.up());
        const ours = await stackOf(e, `ours${latency}`, async () => void Array.from({ length: nUp }, (_, i) => new ElsKey(`k${i}`, { productCode: "CELS", limit: i, note: `n${i}` })));
        const [, secs] = await timed(() => ours.up());
        rows.push([`up of ${nUp} resources at ${latency} ms latency: engine floor (no-op)`, `${floor.toFixed(1)} s`, ""]);
        rows.push([`up of ${nUp} resources at ${latency} ms latency: ours`, `${secs.toFixed(1)} s`, `${(secs / floor).toFixed(2)}x the floor`]);
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    // 3. Provider memory during an up of many resources.
    {
        const nMem = scale(1000);
        const e = await env();
        const stack = await stackOf(e, "memory", async () => void Array.from({ length: nMem }, (_, i) => new ElsKey(`m${i}`, { productCode: "ESU", limit: i, note: `m${i}` })));
        const [, peak] = await peakProviderMemory(() => stack.up());
        rows.push([`provider process peak memory, up of ${nMem} resources`, peak ? `${peak.toFixed(0)} MB` : "not measured", ""]);
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), Math.max(...rows.map((r) => r[2].length))];
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
    process.stdout.write(`\n${line(["measurement", "figure", "note"])}\n${line(w.map((n) => "-".repeat(n)))}\n${rows.map(line).join("\n")}\n`);
}

main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
});
