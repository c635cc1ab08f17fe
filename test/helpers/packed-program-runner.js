/**
 * Copied into an example installed from the packed tarball and run there with plain `node`, so
 * every `require` resolves from that install: the Automation API comes from the example's own
 * @pulumi/pulumi, and the program's `import "pulumi-tuxcare-fluxark"` from the tarball.
 *
 * No Pulumi language host exists on the test machines, so the program runs inline, but loaded the
 * way the Node.js language host loads a TypeScript program (@pulumi/pulumi's cmd/run): ts-node
 * registered with the compiler the SDK picks and the host's compiler options, type checking on.
 *
 * The engine finds the policy pack's analyzer launcher on PATH (scripts/with-pulumi.sh).
 *
 * Input: RUNNER_STACK and RUNNER_CONFIG (a JSON ConfigMap) in the environment, with the
 * PULUMI_* variables of the backend. Output: one JSON line on stdout with what the test checks.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const tsutils = require("@pulumi/pulumi/tsutils");

function registerTypeScript() {
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const ts = require(typescriptRequire);
    const [major, minor] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    require(tsnodeRequire).register({
        compiler: typescriptRequire,
        project: "tsconfig.json",
        skipProject: !fs.existsSync("tsconfig.json"),
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: "true",
        },
    });
    return ts.version;
}

async function main() {
    const dir = __dirname;
    process.chdir(dir);
    const typescript = registerTypeScript();
    const entry = path.join(dir, "index.ts");
    // Evaluated afresh for every operation, as the language host does.
    const program = async () => {
        delete require.cache[entry];
        return require(entry);
    };
    // The example's own Pulumi.yaml names the project.
    const projectName = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))[1];
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: process.env.RUNNER_STACK, projectName, program }, { workDir: dir });
    await stack.setAllConfig(JSON.parse(process.env.RUNNER_CONFIG));
    const up = await stack.up();
    // The clean preview also runs the package's policy pack, from the install, as its README says.
    let previewText = "";
    const preview = await stack.preview({
        expectNoChanges: true,
        policyPacks: [path.join(dir, "node_modules", "pulumi-tuxcare-fluxark", "policy")],
        onOutput: (s) => (previewText += s),
    });
    const destroy = await stack.destroy();

    const sdk = require.resolve("@pulumi/pulumi");
    const pkg = require.resolve("pulumi-tuxcare-fluxark");
    return {
        typescript,
        sdk,
        pkg,
        sdkOfPackage: createRequire(pkg).resolve("@pulumi/pulumi"),
        up: { result: up.summary.result, changes: up.summary.resourceChanges, outputs: Object.keys(up.outputs) },
        preview: preview.changeSummary,
        // The engine's summary line of each pack that ran.
        policyPack: previewText
            .split("\n")
            .filter((l) => l.includes("tuxcare-fluxark@"))
            .map((l) => l.trim()),
        destroy: { result: destroy.summary.result, changes: destroy.summary.resourceChanges },
    };
}

main().then(
    (result) => {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        process.exit(0);
    },
    (e) => {
        process.stderr.write(`${e instanceof Error ? e.stack || e.message : String(e)}\n`);
        process.exit(1);
    },
);
