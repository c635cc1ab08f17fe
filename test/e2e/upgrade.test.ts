/**
 * Upgrading the provider leaves an existing stack unchanged. test/upgrade/v<release>/ holds what a
 * user of that release has (made by test/upgrade/make-fixture.js with the release's own build):
 * the `pulumi stack export` of program.js, dynamic and native resources (secrets encrypted), its
 * stack config file, and the emulator's objects with secret values masked. Here the state is
 * imported with `pulumi stack import` into a fresh backend, a fresh emulator is seeded with the
 * same objects, and the same program under the current code previews with no change, with and
 * without a refresh.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as pkg from "../../provider";
import { REPO_ROOT, startTestEnv, type TestEnv } from "../helpers/pulumi";

const exec = promisify(execFile);
jest.setTimeout(10 * 60_000);
// Plain JavaScript, shared with make-fixture.js (which runs it with a previous release's build).
const upgradeProgram = require("../upgrade/program.js") as (p: typeof pkg, sdk: typeof pulumi, version: string) => Record<string, unknown>;
const FIXTURES = path.join(REPO_ROOT, "test", "upgrade");
const releases = readdirSync(FIXTURES).filter((d) => /^v\d+\.\d+\.\d+$/.test(d));
const currentVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

test("a fixture is kept for the released version", () => {
    expect(releases).toContain("v0.1.0");
});

test.each(releases)("a stack written by %s previews with no change under the current code, with and without refresh", async (release) => {
    const dir = path.join(FIXTURES, release);
    const fixture = JSON.parse(readFileSync(path.join(dir, "fixture.json"), "utf8")) as { passphrase: string; urls: { emulator: string } };
    const moved = (text: string) => text.split(fixture.urls.emulator).join(env.emulator.url);
    const state = readFileSync(path.join(dir, "state.json"), "utf8");
    // The program pins the native plugins at the current version: an upgrade is the program asking for the new one.
    const stateFile = path.join(env.dir, "state.json");
    writeFileSync(stateFile, moved(state));
    writeFileSync(path.join(env.projectDir, "Pulumi.upgrade.yaml"), moved(readFileSync(path.join(dir, "Pulumi.upgrade.yaml"), "utf8")));
    const envVars = { ...env.envVars, PULUMI_CONFIG_PASSPHRASE: fixture.passphrase };
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "upgrade", projectName: "upgrade", program: async () => upgradeProgram(pkg, pulumi, currentVersion) },
        { workDir: env.projectDir, envVars, projectSettings: { name: "upgrade", runtime: "nodejs" } },
    );
    const cli = { cwd: env.projectDir, env: { ...process.env, ...envVars }, maxBuffer: 64 * 1024 * 1024 };
    await exec("pulumi", ["stack", "import", "--stack", "upgrade", "--file", stateFile], cli);

    // The emulator's objects, their secret values taken from the imported state.
    const plain = JSON.parse((await exec("pulumi", ["stack", "export", "--stack", "upgrade", "--show-secrets"], cli)).stdout) as {
        deployment: { resources: { urn: string; outputs?: Record<string, unknown> }[] };
    };
    const secretAt = (urn: string, prop: string): string => {
        const value = plain.deployment.resources.find((r) => r.urn === urn)?.outputs?.[prop] as { plaintext?: string } | undefined;
        if (typeof value?.plaintext !== "string") throw new Error(`no secret ${prop} of ${urn} in the imported state`);
        return JSON.parse(value.plaintext) as string;
    };
    const objects = readFileSync(path.join(dir, "emulator-objects.json"), "utf8").replace(
        /<secret (\S+) (\w+)>/g,
        (_m, urn: string, prop: string) => secretAt(urn, prop),
    );
    const seeded = await fetch(`${env.emulator.url}/_admin/state`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: objects,
    });
    expect(seeded.status).toBe(200);
    // Nothing secret in plaintext in what is checked in, and no folder of the machine that made it.
    expect(state).not.toMatch(/project:\/\/\/|sourcePosition/);
    for (const r of plain.deployment.resources) {
        for (const v of Object.values(r.outputs ?? {}) as { plaintext?: string }[]) {
            if (typeof v?.plaintext === "string" && JSON.parse(v.plaintext).length >= 8)
                expect(state).not.toContain(JSON.parse(v.plaintext));
        }
    }

    const types = plain.deployment.resources.map((r) => r.urn.split("::")[2] ?? "");
    expect(types).toEqual(
        expect.arrayContaining(["pulumi-nodejs:dynamic/tuxcare:KcareKey", "tuxcare:index:ElsKey", "fluxark:index:FluxarkServer"]),
    );
    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: types.filter((t) => !t.startsWith("pulumi:providers:")).length });
    // The refresh reads every object back from the seeded emulator, and finds it as the state says.
    await env.admin.clearRequests();
    const refreshed = await stack.preview({ expectNoChanges: true, refresh: true });
    expect(Object.keys(refreshed.changeSummary)).toEqual(["same"]);
    const operations = new Set((await env.admin.requests()).map((r) => r.operation));
    expect(operations.size).toBeGreaterThanOrEqual(2);
});
