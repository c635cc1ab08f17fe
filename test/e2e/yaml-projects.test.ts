/**
 * The Pulumi YAML examples (examples/yaml-*) through the plain `pulumi` CLI in copies of their
 * folders, as a user runs them: `up`, a clean `preview --refresh --expect-no-changes`, a change
 * made outside Pulumi shown as drift and repaired by `up`, `pulumi import` of an object made
 * outside (the generated YAML added to the program previews clean), the policy pack, the access
 * diff report from the YAML program's `pulumi preview --json`, and `destroy`. Everything written
 * (state, its history and backups, the stack's config) is searched for plaintext secrets.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { fingerprintId } from "../../provider/core/ids";
import { runCli } from "../helpers/cli";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";
import { REPO_ROOT, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { emulatorConfig, again, inDays, plaintextSecrets, yamlProject, type YamlProject } from "../helpers/yaml-project";

jest.setTimeout(10 * 60_000);

const EXAMPLES = path.join(REPO_ROOT, "examples");
const PACK = path.join(REPO_ROOT, "policy");
const DEPLOY_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAExampleYamlDeployKey\n-----END OPENSSH PRIVATE KEY-----";

/** The engine's line for a policy violation: `- [level]  rule-id  (type: name)`. */
const violation = (level: string, id: string, type: string, name: string) =>
    new RegExp(`\\[${level}\\]\\s+${id}\\s+\\(${type}: ${name}\\)`);

/** `pulumi stack output --json`, past the engine's warnings printed before it. */
const outputsOf = (printed: string) => JSON.parse(printed.slice(printed.indexOf("{"))) as Record<string, unknown>;

/** No secret, nor any line of one, in anything the runs wrote. */
function expectNoPlaintext(project: YamlProject, secrets: string[]): void {
    expect(plaintextSecrets(secrets, ...project.written)).toEqual([]);
}

/**
 * `pulumi import` of an object made outside, with the YAML code the command generates added to the
 * program: the next preview shows no change.
 */
async function importIntoProgram(project: YamlProject, type: string, name: string, id: string): Promise<string> {
    const generated = path.join(project.dir, `${name}.generated.yaml`);
    const printed = await project.ok(["import", type, name, id, "--yes", "--protect=false", "--out", generated]);
    expect(printed).toMatch(/= 1 imported/);
    const code = readFileSync(generated, "utf8");
    // The generated file is `resources:` and the block; the block goes at the end of the program's resources.
    const block = code.slice(code.indexOf("resources:\n") + "resources:\n".length);
    const file = path.join(project.dir, "Pulumi.yaml");
    const program = readFileSync(file, "utf8");
    const end = program.search(/^(variables|outputs):/m);
    writeFileSync(file, `${program.slice(0, end)}${block}\n${program.slice(end)}`);
    await project.ok(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    return code;
}

const TESTED_HERE = ["yaml-fluxark-access", "yaml-gitops", "yaml-tuxcare-licenses"];

test("every example is a TypeScript program (examples.test.ts) or a YAML project tested here", () => {
    const folders = readdirSync(EXAMPLES).filter((d) => existsSync(path.join(EXAMPLES, d, "Pulumi.yaml")));
    const yaml = folders.filter((d) => /^runtime: yaml$/m.test(readFileSync(path.join(EXAMPLES, d, "Pulumi.yaml"), "utf8")));
    expect(yaml.sort()).toEqual(TESTED_HERE);
    for (const d of folders.filter((f) => !yaml.includes(f))) expect(existsSync(path.join(EXAMPLES, d, "index.ts"))).toBe(true);
    for (const d of yaml) expect(existsSync(path.join(EXAMPLES, d, "README.md"))).toBe(true);
});

describe("yaml-tuxcare-licenses", () => {
    let env: TestEnv;
    let project: YamlProject;
    beforeAll(async () => {
        env = await startTestEnv();
        project = await yamlProject(env, path.join(EXAMPLES, "yaml-tuxcare-licenses"), "licenses", emulatorConfig(env));
    });
    afterAll(async () => env?.close());

    const keys = () => env.admin.list<{ key: string; limit: number; note: string }>("kcareKeys");

    test("up creates every license; the keys and the lookup are secret outputs, in plaintext nowhere", async () => {
        const out = await project.ok(["up", "--yes"]);
        expect(out).toMatch(/\+ 7 created/);
        expect((await keys()).map((k) => [k.note, k.limit]).sort()).toEqual([
            ["Office servers", 20],
            ["Web servers", 50],
        ]);
        expect(await env.admin.list("elsKeys")).toHaveLength(2);
        expect(await env.admin.list("ipLicenses")).toHaveLength(1);
        const outputs = outputsOf(await project.ok(["stack", "output", "--json"]));
        expect(outputs.webFleetKey).toBe("[secret]");
        expect(outputs.accountKcareKeys).toBe("[secret]");
        expect(outputs.esuKeyId).toMatch(/^els-[0-9a-f]{16}$/);
        expect(outputs.webFleetServers).toBe("[secret]"); // its argument, the key, is secret
        const licenseKeys = [...(await keys()).map((k) => k.key), ...(await env.admin.list<{ key: string }>("elsKeys")).map((k) => k.key)];
        expectNoPlaintext(project, [...licenseKeys, DEFAULT_TUXCARE_ACCOUNT.secretKey]);
        expect(out).not.toContain(licenseKeys[0]);
    });

    test("a refreshed preview is clean", async () => {
        await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    });

    test("a limit changed in the portal shows as drift and up puts it back in place", async () => {
        const els = () => env.admin.list<{ key: string; usageLimit: number; description: string }>("elsKeys");
        const centos = (await els()).find((k) => k.description === "CentOS 7 hosts")!;
        await again(() => env.admin.patch("elsKeys", centos.key, { usageLimit: 99 }));
        const drift = await project.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"]);
        expect(drift.code).not.toBe(0);
        expect(drift.out).toMatch(
            /~ tuxcare:index:ElsKey: \(update\)\s+\[id=els-[0-9a-f]+\]\s+\[urn=[^\]]*::centos7-els\]\s+~ limit\s*: 99 => 10/,
        );
        const up = await project.ok(["up", "--refresh", "--yes"]);
        expect(up).toMatch(/~ 1 updated/);
        expect((await els()).find((k) => k.key === centos.key)?.usageLimit).toBe(10);
        // The account's keys, looked up when this run started: the two the first run made.
        const shown = outputsOf(await project.ok(["stack", "output", "--json", "--show-secrets"])) as {
            accountKcareKeys: { key: string; note: string }[];
        };
        expect(shown.accountKcareKeys.map((k) => k.key).sort()).toEqual((await keys()).map((k) => k.key).sort());
        await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    });

    test("pulumi import of a key made in the portal generates YAML that previews clean", async () => {
        const tux = tuxcareClientFor(env.emulator);
        const key = await tux.client.createKcareKey(7, "Made in the portal");
        await tux.transport.close();
        const code = await importIntoProgram(project, "tuxcare:index:KcareKey", "portal-key", fingerprintId("kcare", key));
        expect(code).toMatch(
            /portal-key:\n\s+type: tuxcare:(index:)?KcareKey\n\s+properties:[\s\S]*limit: 7[\s\S]*note: Made in the portal/,
        );
        expect(code).not.toContain(key);
        expectNoPlaintext(project, [key]);
    });

    test("the policy pack passes the example and fails an unlimited key, naming rule and resource", async () => {
        await project.ok(["preview", "--policy-pack", PACK]);
        await project.ok(["config", "set", "webFleetSize", "0"]);
        const failed = await project.pulumi(["preview", "--policy-pack", PACK]);
        await project.ok(["config", "set", "webFleetSize", "50"]);
        expect(failed.code).not.toBe(0);
        expect(failed.out).toMatch(violation("mandatory", "tuxcare-no-unlimited-license", "tuxcare:index:KcareKey", "web-fleet"));
        expect(failed.out).not.toMatch(violation("mandatory", "tuxcare-no-unlimited-license", "tuxcare:index:KcareKey", "office"));
    });

    test("destroy removes every license", async () => {
        await project.ok(["destroy", "--yes"]);
        expect(await keys()).toEqual([]);
        expect(await env.admin.list("elsKeys")).toEqual([]);
        expect(await env.admin.list("ipLicenses")).toEqual([]);
        // The portal cannot delete a server group: destroy empties it (and says so).
        expect((await env.admin.list<{ name: string; serverIds: string[] }>("serverGroups")).map((g) => [g.name, g.serverIds])).toEqual([
            ["office", []],
        ]);
    });
});

describe("yaml-fluxark-access", () => {
    let env: TestEnv;
    let project: YamlProject;
    const passwords = { alicePassword: "Alice-yaml-Passw0rd", contractorPassword: "Contractor-yaml-Passw0rd" };
    beforeAll(async () => {
        env = await startTestEnv();
        project = await yamlProject(env, path.join(EXAMPLES, "yaml-fluxark-access"), "access", {
            ...emulatorConfig(env),
            deployKey: { value: DEPLOY_KEY, secret: true },
            alicePassword: { value: passwords.alicePassword, secret: true },
            contractorPassword: { value: passwords.contractorPassword, secret: true },
            opsGrantExpires: { value: inDays(30) },
        });
    });
    afterAll(async () => env?.close());

    test("up creates the access model; the deploy key reaches FluxArk, no secret reaches state", async () => {
        const out = await project.ok(["up", "--yes"]);
        expect(out).toMatch(/\+ 9 created/);
        expect((await env.admin.list<{ ssh_key: string }>("fluxarkServerUsers")).map((u) => u.ssh_key)).toEqual([DEPLOY_KEY, DEPLOY_KEY]);
        expect((await env.admin.list<{ username: string }>("fluxarkUsers")).map((u) => u.username).sort()).toEqual(["alice", "contractor"]);
        expect(await env.admin.list("fluxarkAcl")).toHaveLength(1);
        expectNoPlaintext(project, [DEPLOY_KEY, passwords.alicePassword, passwords.contractorPassword, DEFAULT_FLUXARK_API_KEY.key]);
        await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    });

    test("a server changed in FluxArk shows as drift and up puts it back", async () => {
        const web1 = (await env.admin.list<{ id: number; name: string }>("fluxarkServers")).find((s) => s.name === "web1")!;
        await again(() => env.admin.patch("fluxarkServers", String(web1.id), { ip_addr: "10.0.0.99" }));
        const drift = await project.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"]);
        expect(drift.code).not.toBe(0);
        expect(drift.out).toMatch(/ipAddr\s*:\s*"10\.0\.0\.99" => "10\.0\.0\.11"/);
        await project.ok(["up", "--refresh", "--yes"]);
        expect((await env.admin.get<{ ip_addr: string }>("fluxarkServers", String(web1.id))).ip_addr).toBe("10.0.0.11");
        await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    });

    test("the access diff report reads the YAML program's pulumi preview --json", async () => {
        const file = path.join(project.dir, "Pulumi.yaml");
        const program = readFileSync(file, "utf8");
        const rule =
            "  alice-web:\n    type: fluxark:index:FluxarkAcl\n    properties:\n      userId: ${alice.userId}\n      userServerId: ${web1-deploy.userServerId}\n      expireDays: 7\n\n";
        writeFileSync(file, program.replace(/^outputs:/m, `${rule}outputs:`));
        const preview = await project.pulumi(["preview", "--json"]);
        writeFileSync(file, program);
        expect(preview.code).toBe(0);
        const previewFile = path.join(env.dir, "preview.json");
        writeFileSync(previewFile, preview.stdout);
        const report = await runCli(env.emulator, ["report", "diff", "--preview", previewFile, "--format", "md"]);
        expect(report.stderr).toBe("");
        expect(report.code).toBe(0);
        expect(report.stdout).toMatch(/\| added \| alice \| web1 \| deploy \| — \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| create alice-web \|/);
        expect(report.stdout).toMatch(/\*\*1\*\* users affected/);
    });

    test("the policy pack passes the example and fails an ACL rule without expiry, naming rule and resource", async () => {
        await project.ok(["preview", "--policy-pack", PACK]);
        const file = path.join(project.dir, "Pulumi.yaml");
        const program = readFileSync(file, "utf8");
        writeFileSync(file, program.replace(/\n\s+expireDays: 14\n/, "\n"));
        const failed = await project.pulumi(["preview", "--policy-pack", PACK]);
        writeFileSync(file, program);
        expect(failed.code).not.toBe(0);
        expect(failed.out).toMatch(violation("mandatory", "fluxark-acl-expires", "fluxark:index:FluxarkAcl", "contractor-db"));
    });

    test("pulumi import of a server made in FluxArk generates YAML that previews clean", async () => {
        const flux = fluxarkClientFor(env.emulator);
        const id = await flux.client.createServer({
            name: "legacy",
            ip_addr: "10.0.5.5",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 2222,
            groups: ["legacy"],
        });
        await flux.transport.close();
        const code = await importIntoProgram(project, "fluxark:index:FluxarkServer", "legacy", String(id));
        expect(code).toMatch(/legacy:\n\s+type: fluxark:(index:)?FluxarkServer\n\s+properties:[\s\S]*ipAddr: 10\.0\.5\.5[\s\S]*port: 2222/);
    });

    test("destroy removes the access model and the imported server", async () => {
        await project.ok(["destroy", "--yes"]);
        expect(await env.admin.list("fluxarkServers")).toEqual([]);
        expect(await env.admin.list("fluxarkAcl")).toEqual([]);
        expect(await env.admin.list("fluxarkUserGroups")).toEqual([]);
        expectNoPlaintext(project, [DEPLOY_KEY, passwords.alicePassword, passwords.contractorPassword]);
    });
});

describe("yaml-gitops", () => {
    let env: TestEnv;
    let project: YamlProject;
    beforeAll(async () => {
        env = await startTestEnv();
        project = await yamlProject(env, path.join(EXAMPLES, "yaml-gitops"), "gitops", {
            ...emulatorConfig(env),
            bastionOpsKey: { value: DEPLOY_KEY, secret: true },
            oncallAccessExpires: { value: inDays(20) },
        });
    });
    afterAll(async () => env?.close());

    test("up under its policy config, then the drift gate: clean, then failing on a change made outside, clean after up", async () => {
        const policyConfig = path.join(project.dir, "policy.json");
        const up = await project.ok(["up", "--yes", "--policy-pack", PACK, "--policy-pack-config", policyConfig]);
        expect(up).toMatch(/\+ 6 created/);
        await project.ok([
            "preview",
            "--refresh",
            "--expect-no-changes",
            "--diff",
            "--policy-pack",
            PACK,
            "--policy-pack-config",
            policyConfig,
        ]);
        const esu = (await env.admin.list<{ key: string }>("elsKeys"))[0]!;
        await again(() => env.admin.patch("elsKeys", esu.key, { description: "edited in the portal" }));
        const gate = await project.pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"]);
        expect(gate.code).not.toBe(0);
        expect(gate.out).toMatch(/note\s*:\s*"edited in the portal" => "AlmaLinux 8 fleet"/);
        await project.ok(["up", "--refresh", "--yes"]);
        await project.ok(["preview", "--refresh", "--expect-no-changes"]);
        expectNoPlaintext(project, [DEPLOY_KEY, esu.key, DEFAULT_TUXCARE_ACCOUNT.secretKey, DEFAULT_FLUXARK_API_KEY.key]);
        await project.ok(["destroy", "--yes"]);
        expect(await env.admin.list("elsKeys")).toEqual([]);
        expect(await env.admin.list("fluxarkServers")).toEqual([]);
    });
});
