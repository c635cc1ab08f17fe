/**
 * The drift gate, locally, against the emulator: `npx ts-node drift-check.ts --init` creates the
 * stack; later runs do `pulumi preview --refresh --expect-no-changes --diff` and exit 0 when the
 * accounts match the code, 2 on drift, 1 on any other failure. State (the stack's and the
 * emulator's) lives in .drift/ beside this file, or in DRIFT_DIR.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator } from "pulumi-tuxcare-fluxark/emulator";

async function main(): Promise<number> {
    const dir = process.env.DRIFT_DIR ?? path.join(__dirname, ".drift");
    mkdirSync(path.join(dir, "state"), { recursive: true });
    // The same port every run: a refresh talks to the provider with the configuration recorded in state.
    const portFile = path.join(dir, "emulator.port");
    const port = existsSync(portFile) ? Number(readFileSync(portFile, "utf8")) : 0;
    const emulator = await startEmulator({ port, stateFile: path.join(dir, "emulator.json") });
    writeFileSync(portFile, new URL(emulator.url).port);
    try {
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "drift", projectName: "gitops", program: async () => require("./index") },
            {
                workDir: __dirname,
                envVars: {
                    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
                    PULUMI_HOME: path.join(dir, "home"),
                    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "drift-check",
                },
            },
        );
        await stack.setAllConfig({
            "tuxcare:apiUrl": { value: emulator.tuxcareApiUrl },
            "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
            "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
            "fluxark:url": { value: emulator.fluxarkUrl },
            "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
        });
        if (process.argv.includes("--init")) {
            await stack.up({ onOutput: (s) => process.stdout.write(s) });
            return 0;
        }
        try {
            await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: (s) => process.stdout.write(s) });
            process.stdout.write("\nNo drift: the accounts match the code.\n");
            return 0;
        } catch (e) {
            if (/no changes were expected/.test(String(e))) {
                process.stderr.write("\nDrift: the accounts differ from the code (see the diff above).\n");
                return 2;
            }
            throw e;
        }
    } finally {
        await emulator.close();
    }
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        process.stderr.write(`drift check failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    },
);
