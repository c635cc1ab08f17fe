/**
 * Runs Pulumi programs through the real CLI (the Automation API with inline programs) against a
 * fresh emulator. Each test environment gets its own file:// backend, PULUMI_HOME and project
 * folder; the project folder reaches this package through a node_modules symlink, the way a
 * `file:` dependency installs it.
 */
import { LocalWorkspace, type Stack, type PulumiFn, type ConfigMap } from "@pulumi/pulumi/automation";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import ts from "typescript";
import { tmpdir } from "node:os";
import path from "node:path";
import {
    DEFAULT_FLUXARK_API_KEY,
    DEFAULT_TUXCARE_ACCOUNT,
    EmulatorAdmin,
    startEmulator,
    type Emulator,
    type EmulatorOptions,
} from "../../emulator";

export { makeProjectDir, REPO_ROOT } from "../../scripts/project-dir";
export { exportedState } from "../../scripts/stack-export";
import { makeProjectDir } from "../../scripts/project-dir";

export interface TestEnv {
    emulator: Emulator;
    admin: EmulatorAdmin;
    dir: string;
    projectDir: string;
    envVars: Record<string, string>;
    close(): Promise<void>;
}

export async function startTestEnv(options: EmulatorOptions = {}): Promise<TestEnv> {
    const dir = mkdtempSync(path.join(tmpdir(), "tuxcare-fluxark-e2e-"));
    const emulator = await startEmulator({ idleTimeoutMs: 15 * 60_000, ...options });
    const backend = path.join(dir, "state");
    mkdirSync(backend);
    const envVars: Record<string, string> = {
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    return {
        emulator,
        admin: new EmulatorAdmin(emulator.url),
        dir,
        projectDir: makeProjectDir(dir),
        envVars,
        async close() {
            await emulator.close();
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

export function tuxcareConfig(env: TestEnv, secretKey = DEFAULT_TUXCARE_ACCOUNT.secretKey): ConfigMap {
    return {
        "tuxcare:apiUrl": { value: env.emulator.tuxcareApiUrl },
        "tuxcare:login": { value: DEFAULT_TUXCARE_ACCOUNT.login },
        "tuxcare:secretKey": { value: secretKey, secret: true },
    };
}

export function fluxarkConfig(env: TestEnv, apiKey = DEFAULT_FLUXARK_API_KEY.key): ConfigMap {
    return {
        "fluxark:url": { value: env.emulator.fluxarkUrl },
        "fluxark:apiKey": { value: apiKey, secret: true },
    };
}

/** `project` adds settings to the project's Pulumi.yaml (say, `plugins`). */
export async function makeStack(
    env: TestEnv,
    stackName: string,
    program: PulumiFn,
    config: ConfigMap,
    project: Record<string, unknown> = {},
): Promise<Stack> {
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, projectName: "e2e", program },
        { workDir: env.projectDir, envVars: env.envVars, projectSettings: { name: "e2e", runtime: "nodejs", ...project } },
    );
    await stack.setAllConfig(config);
    return stack;
}

/** Collects what an operation prints, to assert on it afterwards. */
export function collectOutput(): { onOutput: (s: string) => void; text: () => string } {
    const parts: string[] = [];
    return { onOutput: (s) => parts.push(s), text: () => parts.join("") };
}

/**
 * A Pulumi program file (TypeScript, as users write it) as an inline program. The file is
 * evaluated afresh on every operation, as the language host would run it, while its imports
 * come from this process's one module registry (a second copy of the SDK cannot talk to the
 * engine).
 */
export function programFromFile(file: string): PulumiFn {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
    });
    return async () => {
        const module = { exports: {} as Record<string, unknown> };
        new Function("require", "exports", "module", "__filename", "__dirname", outputText)(
            require,
            module.exports,
            module,
            file,
            path.dirname(file),
        );
        return module.exports;
    };
}

/** One bad input: what it is, the property the error must name, the rule it must state, and the program. */
export type BadInputCase = [name: string, property: string, rule: RegExp, make: () => void];

/** Each case must fail at preview naming the property and the rule, with no API call. */
export function describeBadInputs(title: string, cases: BadInputCase[], config: (env: TestEnv) => ConfigMap): void {
    describe(title, () => {
        let env: TestEnv;
        let stack: Stack;
        let make: () => void = () => undefined;

        beforeAll(async () => {
            env = await startTestEnv();
            stack = await makeStack(env, "bad", async () => make(), config(env));
        });
        afterAll(async () => env?.close());

        test.each(cases)("%s names %s", async (_name, property, rule, m) => {
            make = m;
            await env.admin.clearRequests();
            const message = await stack.preview().then(
                () => "preview passed",
                (e: Error) => e.message,
            );
            // The engine prints: resource 'r': property <name> value {...} has a problem: <rule>
            expect(message).toContain(`property ${property} value`);
            expect(message).toMatch(rule);
            expect(await env.admin.requests()).toEqual([]);
        });
    });
}
