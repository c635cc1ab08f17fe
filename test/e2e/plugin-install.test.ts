/**
 * The plugins as a user installs them: `npm run package` builds the tarballs, `pulumi plugin install
 * resource <name> <version> --file` puts them in PULUMI_HOME, and a program asking for that version
 * runs with them, with the repository's bin/ off the PATH and no "from $PATH" warning.
 */
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { collectOutput, fluxarkConfig, makeStack, REPO_ROOT, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
jest.setTimeout(600_000);

class Native extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

test("installed from the packaged tarballs, the plugins serve a program without bin/ on the PATH", async () => {
    const version = (require(path.join(REPO_ROOT, "package.json")) as { version: string }).version;
    const { stdout } = await execFileAsync("bash", [path.join(REPO_ROOT, "scripts", "package-plugins.sh")], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    const tarballs = stdout.trim().split("\n");
    expect(tarballs).toHaveLength(2);
    const pathWithoutBin = (process.env.PATH ?? "").split(":").filter((d) => path.resolve(d) !== path.join(REPO_ROOT, "bin")).join(":");
    const cliEnv = { ...process.env, ...env.envVars, PATH: pathWithoutBin };
    for (const [i, name] of ["tuxcare", "fluxark"].entries()) {
        await execFileAsync("pulumi", ["plugin", "install", "resource", name, version, "--file", tarballs[i]!], { env: cliEnv });
    }
    const listed = (await execFileAsync("pulumi", ["plugin", "ls"], { env: cliEnv })).stdout;
    expect(listed).toMatch(new RegExp(`tuxcare\\s+resource\\s+${version}`));
    expect(listed).toMatch(new RegExp(`fluxark\\s+resource\\s+${version}`));

    env.envVars.PATH = pathWithoutBin;
    const stack = await makeStack(
        env,
        "installed",
        async () => {
            new Native("tuxcare:index:KcareKey", "k", { limit: 2, note: "installed plugin" }, { version });
            new Native("fluxark:index:FluxarkServer", "s", { name: "installed", ipAddr: "10.6.6.6" }, { version });
        },
        { ...tuxcareConfig(env), ...fluxarkConfig(env) },
    );
    const output = collectOutput();
    const up = await stack.up({ onOutput: output.onOutput });
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(output.text()).not.toContain("from $PATH");
    expect(await env.admin.list("kcareKeys")).toHaveLength(1);
    await stack.destroy();
    expect(await env.admin.list("fluxarkServers")).toHaveLength(0);
});
