/**
 * `discover --format yaml` of the seeded realistic account, then the written folder run as a user
 * runs it with the plain `pulumi` CLI: secret config set as its README says, `pulumi import --file
 * import.json` (the license keys), `pulumi up` (adopting the rest): nothing created or deleted in
 * either service, and a following refreshed preview with no changes. No secret in any written file.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, seedRealisticAccount } from "../../emulator";
import { runCli } from "../helpers/cli";
import { startTestEnv, type TestEnv } from "../helpers/pulumi";
import { emulatorConfig, plaintextSecrets, yamlProject, type ConfigValue } from "../helpers/yaml-project";

jest.setTimeout(20 * 60_000);

const COLLECTIONS = [
    "elsKeys",
    "ipLicenses",
    "kcareKeys",
    "serverGroups",
    "fluxarkServers",
    "fluxarkServerUsers",
    "fluxarkUsers",
    "fluxarkAcl",
    "fluxarkUserGroups",
];

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

test("the discovered YAML program takes the realistic account over: nothing created, a clean preview", async () => {
    const account = await seedRealisticAccount(env.admin);
    const snapshot = async () =>
        Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, (await env.admin.list(c)).length] as const)));
    const before = await snapshot();
    const aclIds = async () => (await env.admin.list<{ acl_id: number }>("fluxarkAcl")).map((a) => a.acl_id).sort();
    const aclsBefore = await aclIds();

    const out = path.join(env.dir, "discovered");
    const discovered = await runCli(env.emulator, ["discover", "--format", "yaml", "--out", out, "--name", "fleet"]);
    expect(discovered.stderr).toBe("");
    expect(discovered.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["Pulumi.yaml", "README.md", "import.json"]);
    const declared = Number(/: (\d+) objects/.exec(discovered.stdout)?.[1]);
    expect(declared).toBeGreaterThan(100);

    const written = readdirSync(out)
        .map((f) => readFileSync(path.join(out, f), "utf8"))
        .join("\n");
    expect(plaintextSecrets([...account.secrets, DEFAULT_TUXCARE_ACCOUNT.secretKey, DEFAULT_FLUXARK_API_KEY.key], out)).toEqual([]);
    // Unique names: the engine would refuse a duplicate, and the import file names the same resources.
    const program = readFileSync(path.join(out, "Pulumi.yaml"), "utf8");
    const names = [...program.matchAll(/^ {2}([a-z0-9-]+):\n {4}type: /gm)].map((m) => m[1]);
    expect(names).toHaveLength(declared);
    expect(new Set(names).size).toBe(names.length);
    const imports = (
        JSON.parse(readFileSync(path.join(out, "import.json"), "utf8")) as { resources: { type: string; name: string; id: string }[] }
    ).resources;
    expect(imports.length).toBe(before.elsKeys! + before.kcareKeys!);
    for (const i of imports) {
        expect(names).toContain(i.name);
        expect(i.id).toMatch(/^(els|kcare)-[0-9a-f]{16}$/);
    }
    // What no answer carries is said where the reader looks.
    expect(program).toContain("# CIDRs cannot be read back");
    expect(program).toContain("# elsAllowed cannot be read from the portal");
    expect(program).toContain("# Grant usernames and expiry cannot be read");

    // The secret config the README asks for: each remote user's private key, read here from the emulator.
    const servers = await env.admin.list<{ id: number; name: string }>("fluxarkServers");
    const remotes = await env.admin.list<{ server_id: number; username: string; ssh_key: string }>("fluxarkServerUsers");
    const keyConfig: Record<string, ConfigValue> = {};
    for (const m of written.matchAll(/pulumi config set --secret (\w+) < key-file\s+# the private SSH key of (\S+) on (\S+)/g)) {
        const server = servers.find((s) => s.name === m[3])!;
        keyConfig[m[1]!] = { value: remotes.find((r) => r.server_id === server.id && r.username === m[2])!.ssh_key, secret: true };
    }
    expect(Object.keys(keyConfig).length).toBe(remotes.filter((r) => r.ssh_key).length);

    const project = await yamlProject(env, out, "fleet", { ...emulatorConfig(env), ...keyConfig });
    const imported = await project.ok(["import", "--file", "import.json", "--generate-code=false", "--protect=false", "--yes"]);
    expect(imported).toMatch(new RegExp(`= ${imports.length} imported`));
    const up = await project.ok(["up", "--yes"]);
    // The engine counts an adoption as a create of the stack's resource; the services hold what they held.
    expect(up).not.toMatch(/deleted|replaced/);
    expect(await snapshot()).toEqual(before);
    expect(await aclIds()).toEqual(aclsBefore);
    await project.ok(["preview", "--refresh", "--expect-no-changes"]);
    expect(plaintextSecrets(account.secrets, ...project.written)).toEqual([]);
});
