/**
 * Every program under examples/ runs through `up` (twice: the second must change nothing) and
 * `destroy` against the emulator, through the real CLI.
 */
import path from "node:path";
import { readdirSync, existsSync } from "node:fs";
import { fluxarkConfig, makeStack, programFromFile, REPO_ROOT, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

const examplesDir = path.join(REPO_ROOT, "examples");
const examples = readdirSync(examplesDir).filter((d) => existsSync(path.join(examplesDir, d, "index.ts")));

describe.each(examples)("example %s", (name) => {
    let env: TestEnv;
    beforeAll(async () => {
        env = await startTestEnv();
    });
    afterAll(async () => env?.close());

    test("up, a clean preview, destroy", async () => {
        const program = programFromFile(path.join(examplesDir, name, "index.ts"));
        const stack = await makeStack(env, name, program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        const up = await stack.up();
        expect(up.summary.result).toBe("succeeded");
        expect(Object.keys(up.outputs).length).toBeGreaterThan(0);
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
        expect(await env.admin.list("kcareKeys")).toEqual([]);
        expect(await env.admin.list("elsKeys")).toEqual([]);
        expect(await env.admin.list("ipLicenses")).toEqual([]);
        expect(await env.admin.list("fluxarkServers")).toEqual([]);
        expect(await env.admin.list("fluxarkAcl")).toEqual([]);
    });
});
