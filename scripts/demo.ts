/**
 * `npm run demo`: starts the emulator, runs `pulumi up` of the root program (index.ts: licenses
 * and SSH access of a small company) with a local file backend, lets the emulated servers check
 * in, previews a follow-up change (demo:followUp), and writes the three reports (access,
 * licenses, and the access diff of that change) with the CLI's own `report` command. State lives
 * in .demo/ (the emulator's too), so a second run shows no changes; `npm run demo -- --destroy`
 * tears it all down. `--out DIR` writes the reports elsewhere (default .demo/reports); `--dir DIR`
 * keeps the state elsewhere (the tests run it in a temporary folder).
 */
import { LocalWorkspace, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { run as runCli } from "../cli/main";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, EmulatorAdmin, startEmulator, type Emulator } from "../emulator";
import { simulateFleet } from "./demo-fleet";
import { makeProjectDir, REPO_ROOT } from "./project-dir";
import { exportedState } from "./stack-export";

const write = (s: string) => process.stdout.write(s);

function credentials(emulator: Emulator): Record<string, string> {
    return {
        TUXCARE_API_URL: emulator.tuxcareApiUrl,
        TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
        TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
        FLUXARK_URL: emulator.fluxarkUrl,
        FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
    };
}

/** index.ts, evaluated afresh on every operation as the language host would (a cached module would declare nothing). */
async function runRootProgram(): Promise<Record<string, unknown>> {
    const file = require.resolve(path.join(REPO_ROOT, "dist", "index.js"));
    delete require.cache[file];
    return require(file);
}

function projectDir(demoDir: string): string {
    const dir = path.join(demoDir, "project");
    return existsSync(dir) ? dir : makeProjectDir(demoDir, "project");
}

async function demoStack(emulator: Emulator, demoDir: string): Promise<Stack> {
    const stack = await LocalWorkspace.createOrSelectStack(
        // The root program, run inline: the SDK serves the language runtime, the CLI the engine.
        { stackName: "demo", projectName: "tuxcare-fluxark-demo", program: runRootProgram },
        {
            // The stack's settings live with its state, not in the repository; the folder reaches this
            // package (and the engine's dynamic provider its @pulumi/pulumi) through node_modules links.
            workDir: projectDir(demoDir),
            projectSettings: { name: "tuxcare-fluxark-demo", runtime: "nodejs" },
            envVars: {
                PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
                PULUMI_HOME: path.join(demoDir, "home"),
                PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-passphrase",
            },
        },
    );
    await stack.setAllConfig({
        "tuxcare:apiUrl": { value: emulator.tuxcareApiUrl },
        "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
        "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
        "fluxark:url": { value: emulator.fluxarkUrl },
        "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
        "demo:followUp": { value: "false" },
        // The emulator's users and remote users; index.ts has no default for them.
        "demo:userPassword": { value: "Demo-User-Passw0rd", secret: true },
        "demo:deployKey": {
            value: "-----BEGIN OPENSSH PRIVATE KEY-----\ndemo-only-not-a-real-key\n-----END OPENSSH PRIVATE KEY-----",
            secret: true,
        },
    });
    return stack;
}

/**
 * The engine events of a preview of the follow-up change; the stack's config is left as it was.
 * Diagnostic events are left out: the diff does not read them, and an inline program's debug
 * diagnostics ("RegisterResource RPC finished: ...") carry its secret inputs in plaintext.
 */
async function previewFollowUp(stack: Stack): Promise<EngineEvent[]> {
    const events: EngineEvent[] = [];
    await stack.setConfig("demo:followUp", { value: "true" });
    try {
        await stack.preview({ onEvent: (e) => (e.diagnosticEvent === undefined ? events.push(e) : undefined) });
    } finally {
        await stack.setConfig("demo:followUp", { value: "false" });
    }
    return events;
}

/** Runs `pulumi-tuxcare-fluxark report ...` in this process, as a user would from a shell. */
async function report(args: string[]): Promise<void> {
    const errors: string[] = [];
    const code = await runCli(["report", ...args], { log: (s) => write(`  ${s}\n`), err: (s) => errors.push(s) });
    if (code !== 0) throw new Error(`report ${args.join(" ")}: ${errors.join("\n")}`);
}

async function writeReports(outDir: string, stackExport: string, events: EngineEvent[]): Promise<string[]> {
    mkdirSync(outDir, { recursive: true });
    const preview = path.join(outDir, "follow-up-preview.json");
    writeFileSync(preview, JSON.stringify(events));
    const files = {
        access: path.join(outDir, "access.html"),
        licenses: path.join(outDir, "licenses.html"),
        diff: path.join(outDir, "access-diff.html"),
        diffComment: path.join(outDir, "access-diff.md"),
    };
    await report(["access", "--stack", stackExport, "--out", files.access]);
    await report(["licenses", "--out", files.licenses]);
    await report(["diff", "--preview", preview, "--out", files.diff]);
    await report(["diff", "--preview", preview, "--out", files.diffComment]);
    return Object.values(files);
}

/**
 * The emulator on the port of the demo's first run: the engine deletes and refreshes with the
 * provider configuration recorded in state, so a later `--destroy` must find the APIs where `up` left them.
 */
async function startDemoEmulator(demoDir: string): Promise<Emulator> {
    const portFile = path.join(demoDir, "emulator-port");
    const port = existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : 0;
    try {
        const emulator = await startEmulator({ stateFile: path.join(demoDir, "emulator-state.json"), port });
        writeFileSync(portFile, String(new URL(emulator.url).port));
        return emulator;
    } catch (e) {
        if (port === 0) throw e;
        throw new Error(
            `the demo's emulator runs on port ${port}, where its state expects it, and that port is busy: free it, or remove ${shown(demoDir)} to start afresh (${(e as Error).message})`,
        );
    }
}

/** A path as the user can type it: relative when it is under the current folder. */
function shown(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { destroy: { type: "boolean" }, out: { type: "string" }, dir: { type: "string" } } });
    const demoDir = path.resolve(values.dir ?? path.join(REPO_ROOT, ".demo"));
    const outDir = path.resolve(values.out ?? path.join(demoDir, "reports"));
    mkdirSync(path.join(demoDir, "state"), { recursive: true });
    const emulator = await startDemoEmulator(demoDir);
    try {
        const stack = await demoStack(emulator, demoDir);
        const onOutput = write;
        if (values.destroy) {
            await stack.destroy({ onOutput });
            return;
        }
        await stack.up({ onOutput });
        await simulateFleet(new EmulatorAdmin(emulator.url));
        write("\nPreviewing the follow-up change (the on-call team gains the payments servers; the contractor's rule goes)...\n");
        const events = await previewFollowUp(stack);
        write("\nReports:\n");
        Object.assign(process.env, credentials(emulator));
        const stackExport = path.join(demoDir, "stack-export.json");
        // Secrets stay encrypted in it; the access report reads from it the grants' username rules and expiries FluxArk does not list.
        writeFileSync(stackExport, await exportedState(stack));
        const files = await writeReports(outDir, stackExport, events);
        write(
            `\nOpen them in a browser:\n${files
                .filter((f) => f.endsWith(".html"))
                .map((f) => `  ${pathToFileURL(f).href}\n`)
                .join("")}`,
        );
        write(`The diff as a pull-request comment: ${shown(files.at(-1)!)}\n`);
        const again = values.dir === undefined ? "" : ` --dir ${shown(demoDir)}`;
        write(
            `\nThe state is in ${shown(demoDir)}; run again to see no changes, or 'npm run demo --${again} --destroy' to tear it down.\n`,
        );
    } finally {
        await emulator.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
