/**
 * A Pulumi YAML project run as a user runs it: a copy of a folder in a temporary directory and the
 * plain `pulumi` command in it (the one on PATH under with-pulumi.sh, with this repository's bin/,
 * so the engine takes the native plugins from there), against the test environment's file://
 * backend and Pulumi home. No Automation API, no inline program: the YAML language host runs it.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import type { TestEnv } from "./pulumi";

export interface Run {
    code: number;
    /** stdout and stderr together, as a user's terminal shows them. */
    out: string;
    stdout: string;
}

export interface ConfigValue {
    value: string;
    secret?: boolean;
}

export interface YamlProject {
    dir: string;
    /** What the runs write: the project folder, the backend's state (with history and backups) and the Pulumi home. */
    written: string[];
    /** `pulumi <args>` in the project folder; resolves with the exit code, never rejects. */
    pulumi(args: string[], input?: string): Promise<Run>;
    /** The same, failing the test (with what it printed) unless it exits 0. */
    ok(args: string[], input?: string): Promise<string>;
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
        const out: string[] = [];
        const stdout: string[] = [];
        child.stdout.on("data", (d: Buffer) => {
            out.push(d.toString());
            stdout.push(d.toString());
        });
        child.stderr.on("data", (d: Buffer) => out.push(d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, out: out.join(""), stdout: stdout.join("") }));
        child.stdin.end(input ?? "");
    });
}

/** The provider configuration pointing at the test environment's emulator (secrets set as secrets). */
export function emulatorConfig(env: TestEnv): Record<string, ConfigValue> {
    return {
        "tuxcare:apiUrl": { value: env.emulator.tuxcareApiUrl },
        "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
        "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
        "fluxark:url": { value: env.emulator.fluxarkUrl },
        "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
    };
}

/**
 * Copies `source` (a project folder) into the environment's directory as `name`, makes stack `dev`
 * there and sets `config` with `pulumi config set` (a secret's value through stdin, as a user pipes
 * a key file, so it is never on a command line).
 */
export async function yamlProject(env: TestEnv, source: string, name: string, config: Record<string, ConfigValue>): Promise<YamlProject> {
    const dir = path.join(env.dir, name);
    cpSync(source, dir, { recursive: true });
    const vars = { ...process.env, ...env.envVars };
    const pulumi = (args: string[], input?: string) => run("pulumi", [...args, "--non-interactive"], dir, vars, input);
    const ok = async (args: string[], input?: string) => {
        const r = await pulumi(args, input);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.out}`);
        return r.out;
    };
    await ok(["stack", "init", "dev"]);
    for (const [key, { value, secret }] of Object.entries(config)) await ok(["config", "set", ...(secret ? ["--secret"] : []), key], value);
    const written = [dir, env.envVars.PULUMI_BACKEND_URL!.replace(/^file:\/\//, ""), env.envVars.PULUMI_HOME!];
    return { dir, written, pulumi, ok };
}

/**
 * Which files under `dirs` (the backend's state, its history and backups; the project; the Pulumi
 * home) hold a secret, or a line of a multi-line one: "file: secret's first characters…" per hit.
 */
export function plaintextSecrets(secrets: string[], ...dirs: string[]): string[] {
    // A PEM armour line ("-----BEGIN OPENSSH PRIVATE KEY-----") is no secret; the lines between are.
    const needles = secrets.flatMap((s) => s.split("\n")).filter((l) => l.length >= 8 && !/^-----[A-Z ]+-----$/.test(l));
    const hits: string[] = [];
    const walk = (p: string) => {
        if (statSync(p).isDirectory()) {
            for (const e of readdirSync(p)) walk(path.join(p, e));
            return;
        }
        const text = readFileSync(p).toString("latin1");
        for (const n of needles) if (text.includes(n)) hits.push(`${p}: ${n.slice(0, 4)}…`);
    };
    for (const d of dirs) if (existsSync(d)) walk(d);
    return hits;
}

/** An ISO-8601 UTC time `days` from now, to the second. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

/**
 * An emulator admin call, tried again once if the connection was reset: after a long `pulumi` run
 * the kept-alive connection may be closed by the server just as the next call reuses it.
 */
export async function again<T>(call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (e) {
        if ((e as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw e;
        return call();
    }
}
