/**
 * Every program under examples/ runs through `up` (twice: the second must change nothing) and
 * `destroy` against the emulator, through the real CLI.
 */
import path from "node:path";
import { readdirSync, existsSync } from "node:fs";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import {
    exportedState,
    fluxarkConfig,
    makeStack,
    programFromFile,
    REPO_ROOT,
    startTestEnv,
    tuxcareConfig,
    type TestEnv,
} from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

/** A private key as FluxArk takes one (an example, not a real key). */
const DEPLOY_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAExampleOnlyDeployKey\n-----END OPENSSH PRIVATE KEY-----";

/** The secret config an example's README tells the user to set (the project is "e2e" here). */
const SECRET_CONFIG: Record<string, ConfigMap> = {
    "fluxark-access": { "e2e:deployKey": { value: DEPLOY_KEY, secret: true } },
};

const examplesDir = path.join(REPO_ROOT, "examples");
// The TypeScript programs; the Pulumi YAML projects (examples/yaml-*) run through the plain CLI in yaml-projects.test.ts.
const examples = readdirSync(examplesDir).filter((d) => existsSync(path.join(examplesDir, d, "index.ts")));

describe.each(examples)("example %s", (name) => {
    let env: TestEnv;
    beforeAll(async () => {
        env = await startTestEnv();
    });
    afterAll(async () => env?.close());

    test("up, a clean preview, destroy", async () => {
        const program = programFromFile(path.join(examplesDir, name, "index.ts"));
        const secrets = SECRET_CONFIG[name] ?? {};
        const stack = await makeStack(env, name, program, { ...tuxcareConfig(env), ...fluxarkConfig(env), ...secrets });
        const up = await stack.up();
        expect(up.summary.result).toBe("succeeded");
        expect(Object.keys(up.outputs).length).toBeGreaterThan(0);
        // Secret config reaches the service but never the state in plaintext.
        const state = await exportedState(stack);
        for (const { value } of Object.values(secrets)) for (const line of value.split("\n")) expect(state).not.toContain(line);
        if (name === "fluxark-access") {
            const remoteKeys = (await env.admin.list<{ ssh_key: string }>("fluxarkServerUsers")).map((u) => u.ssh_key);
            expect(remoteKeys).toEqual([DEPLOY_KEY, DEPLOY_KEY]);
        }
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
        expect(await env.admin.list("kcareKeys")).toEqual([]);
        expect(await env.admin.list("elsKeys")).toEqual([]);
        expect(await env.admin.list("ipLicenses")).toEqual([]);
        expect(await env.admin.list("fluxarkServers")).toEqual([]);
        expect(await env.admin.list("fluxarkAcl")).toEqual([]);
    });
});
