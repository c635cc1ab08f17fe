/**
 * `npm run demo`: starts the emulator, runs `pulumi up` of the root program (index.ts) with a
 * local file backend, and prints the outputs. State lives in .demo/ (the emulator's too), so a
 * second run shows no changes; `npm run demo -- --destroy` tears it all down.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_TUXCARE_ACCOUNT, startEmulator } from "../emulator";

const root = path.resolve(__dirname, "../..");
const demoDir = path.join(root, ".demo");

async function main(): Promise<void> {
    const destroy = process.argv.includes("--destroy");
    mkdirSync(path.join(demoDir, "state"), { recursive: true });
    const emulator = await startEmulator({ stateFile: path.join(demoDir, "emulator-state.json") });
    try {
        const stack = await LocalWorkspace.createOrSelectStack(
            // The root program, run inline: the SDK serves the language runtime, the CLI the engine.
            { stackName: "demo", projectName: "tuxcare-fluxark-demo", program: async () => require(path.join(root, "dist", "index.js")) },
            {
                workDir: root,
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
        });
        const onOutput = (s: string) => process.stdout.write(s);
        if (destroy) {
            await stack.destroy({ onOutput });
            return;
        }
        const result = await stack.up({ onOutput });
        process.stdout.write("\nStack outputs:\n");
        for (const [name, out] of Object.entries(result.outputs)) {
            process.stdout.write(`  ${name}: ${out.secret ? "[secret]" : JSON.stringify(out.value)}\n`);
        }
        process.stdout.write(`\nThe emulator's state is in .demo/emulator-state.json; run again to see no changes, or 'npm run demo -- --destroy'.\n`);
    } finally {
        await emulator.close();
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
