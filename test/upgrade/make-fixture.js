// Writes the upgrade fixture of a release: `node make-fixture.js <release checkout> <out folder>`,
// run with that release's build (npm ci && npm run build there) and its bin/ plugins. It runs
// program.js against that release's emulator, then keeps what a user of that release has:
// `pulumi stack export` (secrets encrypted), the stack's config file (its encryption salt and
// encrypted credentials), and the emulator's objects with every secret value masked (the test fills
// them from the state). The passphrase is the fixture's, not a secret.
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const [root, out] = process.argv.slice(2).map((p) => path.resolve(p));
const load = (m) => require(path.join(root, "node_modules", m));
const { LocalWorkspace } = load("@pulumi/pulumi/automation");
const pulumi = load("@pulumi/pulumi");
const pkg = require(path.join(root, "dist", "provider"));
const { startEmulator, DEFAULT_TUXCARE_ACCOUNT, DEFAULT_FLUXARK_API_KEY } = require(path.join(root, "dist", "emulator"));
const version = require(path.join(root, "package.json")).version;
const PASSPHRASE = "upgrade-fixture";

async function main() {
    const dir = mkdtempSync(path.join(tmpdir(), "upgrade-fixture-"));
    const emulator = await startEmulator();
    try {
        const project = path.join(dir, "project");
        mkdirSync(path.join(project, "node_modules", "@pulumi"), { recursive: true });
        symlinkSync(root, path.join(project, "node_modules", "pulumi-tuxcare-fluxark"));
        symlinkSync(path.join(root, "node_modules", "@pulumi", "pulumi"), path.join(project, "node_modules", "@pulumi", "pulumi"));
        mkdirSync(path.join(dir, "state"));
        const envVars = {
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_HOME: path.join(dir, "home"),
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PATH: `${path.join(root, "bin")}${path.delimiter}${process.env.PATH}`,
        };
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "upgrade", projectName: "upgrade", program: async () => require("./program")(pkg, pulumi, version) },
            { workDir: project, envVars, projectSettings: { name: "upgrade", runtime: "nodejs" } },
        );
        await stack.setAllConfig({
            "tuxcare:apiUrl": { value: emulator.tuxcareApiUrl },
            "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
            "tuxcare:secretKey": { value: DEFAULT_TUXCARE_ACCOUNT.secretKey, secret: true },
            "fluxark:url": { value: emulator.fluxarkUrl },
            "fluxark:apiKey": { value: DEFAULT_FLUXARK_API_KEY.key, secret: true },
        });
        await stack.up();
        const env = { ...process.env, ...envVars };
        // Without where in the program each resource was made: it names the folder the fixture was made in.
        const exported = JSON.parse(
            execFileSync("pulumi", ["stack", "export", "--stack", "upgrade"], { cwd: project, env, encoding: "utf8" }),
        );
        for (const r of exported.deployment.resources) for (const where of ["sourcePosition", "stackTrace"]) delete r[where];
        const state = `${JSON.stringify(exported, null, 4)}\n`;
        const plain = execFileSync("pulumi", ["stack", "export", "--stack", "upgrade", "--show-secrets"], {
            cwd: project,
            env,
            encoding: "utf8",
        });
        const objects = await (await fetch(`${emulator.url}/_admin/state`)).text();
        // Each secret output of the state (decrypted), masked in the emulator's objects by where it is
        // in the state: `<secret URN property>`; the test fills them from the imported state.
        const SECRET = "4dabf18193072939515e22adb298388d";
        const secrets = [];
        for (const r of JSON.parse(plain).deployment.resources) {
            for (const [prop, v] of Object.entries(r.outputs ?? {})) {
                if (v?.[SECRET] && typeof v.plaintext === "string") secrets.push({ urn: r.urn, prop, value: JSON.parse(v.plaintext) });
            }
        }
        let masked = objects;
        for (const s of secrets.filter((s) => typeof s.value === "string" && s.value.length >= 8))
            masked = masked.split(s.value).join(`<secret ${s.urn} ${s.prop}>`);
        mkdirSync(out, { recursive: true });
        const urls = { tuxcare: emulator.tuxcareApiUrl, fluxark: emulator.fluxarkUrl, emulator: emulator.url };
        writeFileSync(path.join(out, "state.json"), state);
        writeFileSync(path.join(out, "Pulumi.upgrade.yaml"), readFileSync(path.join(project, "Pulumi.upgrade.yaml"), "utf8"));
        writeFileSync(path.join(out, "emulator-objects.json"), masked);
        writeFileSync(path.join(out, "fixture.json"), `${JSON.stringify({ version, passphrase: PASSPHRASE, urls }, null, 2)}\n`);
        for (const s of secrets)
            if (typeof s.value === "string" && (state + masked).includes(s.value))
                throw new Error("a secret is left in plaintext in the fixture");
    } finally {
        await emulator.close();
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
