/**
 * `npm run bench`: performance figures measured side by side in one run against the emulator,
 * printed as a table. `--quick` runs a tenth of the sizes (for CI, to prove the bench runs).
 *
 * 1. `pulumi refresh` of ElsKeys, IP licenses and FluxArk users: API requests and wall time, ours
 *    (one shared list per kind) against a naive one-list-per-resource read.
 * 2. `pulumi up` creating N resources, ours against N no-op dynamic resources (the engine's own
 *    floor), at 0 ms and at 50 ms emulated latency; the median of three runs, alternating the two.
 * 3. `__provider` bytes per resource, and the provider process's peak memory during an `up` of
 *    1000 resources, ours against the same host running no-op resources.
 * 4. The native plugin (pulumi-resource-tuxcare, on PATH through with-pulumi.sh): `up` of 300 and
 *    1000 ElsKeys against the dynamic no-op floor, its peak memory, and the state bytes per
 *    resource of each kind, which is where the engine's per-step checkpoint time goes.
 * 5. `report diff` of previews of 2000, 4000 and 8000 steps (bench/access-diff.ts): the time grows
 *    as the steps do.
 */
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type ConfigMap, type PulumiFn } from "@pulumi/pulumi/automation";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../emulator";
import { ElsKey, FluxarkUser, IpLicense } from "../provider";
import { dynamicToken, nativeToken } from "../provider/tokens";
import { makeProjectDir } from "../scripts/project-dir";
import { accessDiffRows } from "./access-diff";

const quick = process.argv.includes("--quick");
/** Each `up` is timed this many times, alternating ours and the floor; the table shows the median. */
const runs = quick ? 1 : 3;
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
        envVars: {
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_HOME: path.join(dir, "home"),
            PULUMI_CONFIG_PASSPHRASE: "bench",
        },
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
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: name, projectName: "bench", program },
        { workDir: e.project, envVars: { ...e.envVars, ...extraEnv } },
    );
    await stack.setAllConfig(e.config);
    return stack;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
    const t0 = Date.now();
    const r = await f();
    return [r, (Date.now() - t0) / 1000];
}

/**
 * The peak resident set (the kernel's VmHWM, so no short peak is missed) of the dynamic-provider
 * processes while `f` runs, in MB. Read from /proc asynchronously, so sampling neither blocks the
 * emulator and the program in this process nor misses the peak; 0 where /proc is missing.
 */
async function peakProviderMemory<T>(f: () => Promise<T>, process = "dynamic-provider"): Promise<[T, number]> {
    let peak = 0;
    const sample = async () => {
        const pids = await readdir("/proc").catch(() => [] as string[]);
        for (const pid of pids.filter((p) => /^\d+$/.test(p))) {
            const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
            if (!cmdline.includes(process)) continue;
            const hwm = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8").catch(() => ""));
            if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
        }
    };
    const timer = setInterval(() => void sample(), 250);
    try {
        return [await f(), peak];
    } finally {
        clearInterval(timer);
    }
}

/** A resource of a native package, by its type token. */
class Native extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) {
        super(type, name, props);
    }
}

/** The average bytes of a resource of this type in the exported state (inputs, outputs and all). */
function stateBytesPerResource(e: Env, stack: string, isType: (type: string) => boolean): number {
    const state = JSON.parse(
        execFileSync("pulumi", ["stack", "export", "--stack", stack], {
            cwd: e.project,
            env: { ...process.env, ...e.envVars },
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
        }),
    );
    const sizes = (state.deployment.resources as { type: string }[]).filter((r) => isType(r.type)).map((r) => JSON.stringify(r).length);
    return sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
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
            for (let i = 0; i < nUsers; i++)
                new FluxarkUser(`u${i}`, {
                    username: `u${i}`,
                    email: `u${i}@example.com`,
                    password: "Bench-Passw0rd",
                    fullName: `U${i}`,
                    authType: "password",
                });
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
        const state = JSON.parse(
            execFileSync("pulumi", ["stack", "export", "--stack", "refresh"], {
                cwd: e.project,
                env: { ...process.env, ...e.envVars },
                encoding: "utf8",
                maxBuffer: 256 * 1024 * 1024,
            }),
        );
        const sizes = (state.deployment.resources as { outputs?: { __provider?: string } }[])
            .map((r) => r.outputs?.__provider?.length ?? 0)
            .filter((n) => n > 0);
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
        const floors: number[] = [];
        const ours: number[] = [];
        for (let run = 0; run < runs; run++) {
            const noop = await stackOf(
                e,
                `noop${latency}-${run}`,
                async () => void Array.from({ length: nUp }, (_, i) => new Noop(`n${i}`, i)),
            );
            floors.push((await timed(() => noop.up()))[1]);
            const stack = await stackOf(
                e,
                `ours${latency}-${run}`,
                async () =>
                    void Array.from({ length: nUp }, (_, i) => new ElsKey(`k${i}`, { productCode: "CELS", limit: i, note: `n${i}` })),
            );
            ours.push((await timed(() => stack.up()))[1]);
        }
        const [floor, secs] = [median(floors), median(ours)];
        const of = runs > 1 ? `median of ${runs}` : "one run";
        rows.push([`up of ${nUp} resources at ${latency} ms latency: engine floor (no-op)`, `${floor.toFixed(1)} s`, of]);
        rows.push([
            `up of ${nUp} resources at ${latency} ms latency: ours`,
            `${secs.toFixed(1)} s`,
            `${(secs / floor).toFixed(2)}x the floor (${of})`,
        ]);
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    // 3. Provider memory during an up of many resources, ours against the host's own with no-op resources.
    {
        const nMem = scale(1000);
        const e = await env();
        for (const [label, program] of [
            ["engine floor (no-op)", async () => void Array.from({ length: nMem }, (_, i) => new Noop(`m${i}`, i))],
            [
                "ours",
                async () =>
                    void Array.from({ length: nMem }, (_, i) => new ElsKey(`m${i}`, { productCode: "ESU", limit: i, note: `m${i}` })),
            ],
        ] as const) {
            const stack = await stackOf(e, `memory-${label.split(" ")[0]}`, program);
            const [, peak] = await peakProviderMemory(() => stack.up());
            rows.push([
                `provider process peak memory, up of ${nMem} resources: ${label}`,
                peak ? `${peak.toFixed(0)} MB` : "not measured",
                peak ? "" : "needs /proc (Linux)",
            ]);
        }
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    // 4. The native plugin against the dynamic no-op floor, and the state each kind of resource writes.
    for (const n of [scale(300), scale(1000)]) {
        const e = await env();
        const noop = await stackOf(e, `noop-${n}`, async () => void Array.from({ length: n }, (_, i) => new Noop(`n${i}`, i)));
        const [, floor] = await timed(() => noop.up());
        const dynamic = await stackOf(
            e,
            `dynamic-${n}`,
            async () => void Array.from({ length: n }, (_, i) => new ElsKey(`d${i}`, { productCode: "CELS", limit: i, note: `d${i}` })),
        );
        const [, dynamicSecs] = await timed(() => dynamic.up());
        const native = await stackOf(
            e,
            `native-${n}`,
            async () =>
                void Array.from(
                    { length: n },
                    (_, i) => new Native(nativeToken("tuxcare:ElsKey"), `k${i}`, { productCode: "CELS", limit: i, note: `n${i}` }),
                ),
        );
        const [[, nativeSecs], peak] = await peakProviderMemory(() => timed(() => native.up()), "provider/host/main.js");
        rows.push([`up of ${n} resources: engine floor (no-op dynamic)`, `${floor.toFixed(1)} s`, "one run"]);
        rows.push([
            `up of ${n} resources: dynamic provider`,
            `${dynamicSecs.toFixed(1)} s`,
            `${(dynamicSecs / floor).toFixed(2)}x the floor`,
        ]);
        rows.push([`up of ${n} resources: native plugin`, `${nativeSecs.toFixed(1)} s`, `${(nativeSecs / floor).toFixed(2)}x the floor`]);
        rows.push([
            `native plugin process peak memory, up of ${n}`,
            peak ? `${peak.toFixed(0)} MB` : "not measured",
            peak ? "" : "needs /proc (Linux)",
        ]);
        if (n === scale(1000)) {
            for (const [label, stack, isType] of [
                // Dynamic resources' types carry the SDK's dynamic prefix; the native one is the package's token.
                ["no-op dynamic", `noop-${n}`, (t: string) => t.endsWith("Noop")],
                ["dynamic ElsKey", `dynamic-${n}`, (t: string) => t === dynamicToken("tuxcare:ElsKey")],
                ["native ElsKey", `native-${n}`, (t: string) => t === nativeToken("tuxcare:ElsKey")],
            ] as const) {
                rows.push([
                    `state bytes per resource: ${label}`,
                    `${stateBytesPerResource(e, stack, isType).toFixed(0)} bytes`,
                    "written by every checkpoint",
                ]);
            }
        }
        await e.emulator.close();
        rmSync(e.dir, { recursive: true, force: true });
    }

    // 5. The access diff against the size of the preview (pure: no engine).
    rows.push(...accessDiffRows(quick ? [500, 1000] : [2000, 4000, 8000]));

    const w = [
        Math.max(...rows.map((r) => r[0].length)),
        Math.max(...rows.map((r) => r[1].length)),
        Math.max(...rows.map((r) => r[2].length)),
    ];
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
    process.stdout.write(
        `\n${line(["measurement", "figure", "note"])}\n${line(w.map((n) => "-".repeat(n)))}\n${rows.map(line).join("\n")}\n`,
    );
}

main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
});
