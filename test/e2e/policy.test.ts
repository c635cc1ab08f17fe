/**
 * The policy pack through the real engine: `preview --policy-pack policy/` of programs that break
 * each rule and of one that breaks none, with dynamic and native resources, under the defaults
 * and under a policy config file; and the examples under the defaults.
 */
import path from "node:path";
import { readdirSync, existsSync, writeFileSync } from "node:fs";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { ElsKey, FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, IpLicense, KcareKey, UserGroup } from "../../provider";
import { RULES } from "../../policy/rules";
import {
    collectOutput,
    fluxarkConfig,
    makeStack,
    programFromFile,
    REPO_ROOT,
    startTestEnv,
    tuxcareConfig,
    type TestEnv,
} from "../helpers/pulumi";
import { Native } from "../helpers/native";

jest.setTimeout(120_000);

const PACK = path.join(REPO_ROOT, "policy");
/**
 * With no Node.js language host, the engine boots the pack through `pulumi-analyzer-policy-nodejs`.
 * Declared as the project's plugin it is found without the "from $PATH" warning a PATH lookup gives.
 */
const PROJECT = { plugins: { analyzers: [{ name: "policy-nodejs", path: path.join(REPO_ROOT, "scripts/plugins") }] } };
const DEPLOY_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAExamplePolicyKey\n-----END OPENSSH PRIVATE KEY-----";
const PASSWORD = "policy-Passw0rd-1";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

interface Preview {
    ok: boolean;
    output: string;
}

/** `policyConfig`: the policy config file's content, or its path. */
async function preview(stackName: string, program: PulumiFn, policyConfig?: object | string, extraConfig = {}): Promise<Preview> {
    const stack = await makeStack(env, stackName, program, { ...tuxcareConfig(env), ...fluxarkConfig(env), ...extraConfig }, PROJECT);
    const out = collectOutput();
    let policyPackConfigs: string[] | undefined;
    if (typeof policyConfig === "string") policyPackConfigs = [policyConfig];
    else if (policyConfig) {
        policyPackConfigs = [path.join(env.dir, `${stackName}-policy.json`)];
        writeFileSync(policyPackConfigs[0]!, JSON.stringify(policyConfig));
    }
    try {
        await stack.preview({ policyPacks: [PACK], policyPackConfigs, onOutput: out.onOutput });
        return { ok: true, output: out.text() };
    } catch (e) {
        // The error repeats what was printed; the printed text is what a user reads.
        expect(String(e)).toMatch(/preview failed/);
        return { ok: false, output: out.text() };
    }
}

/** The engine's line for a violation: `- [level]  rule-id  (type: name)`. */
const violation = (level: string, id: string, name: string) => new RegExp(`\\[${level}\\]\\s+${id}\\s+\\([^)]*: ${name}\\)`);
const ruleIds = (level: string) => RULES.filter((r) => r.enforcementLevel === level).map((r) => r.id);

/** Each [rule, resource] is reported at `level`, and together they cover every rule of that level. */
function expectEveryRuleOf(level: string, output: string, expected: [string, string][]): void {
    for (const [id, name] of expected) expect(output).toMatch(violation(level, id, name));
    expect(new Set(expected.map(([id]) => id))).toEqual(new Set(ruleIds(level)));
}

test("a mandatory violation fails preview with the rule's id and the resource's name, dynamic or native; a disabled rule is silent", async () => {
    const { ok, output } = await preview("mandatory", async () => {
        new KcareKey("unlimited-key", { limit: 0, note: "", cidrs: ["10.0.0.0/16"] });
        new IpLicense("private-license", { ip: "192.168.10.5", type: "kernelcare" });
        const server = new FluxarkServer("web", { name: "web1", ipAddr: "10.0.0.1", groups: ["prod"] });
        const webRoot = new FluxarkServerUser("web-root", {
            serverId: server.serverId,
            username: "root",
            authMethod: "key",
            sshKey: DEPLOY_KEY,
        });
        new UserGroup("everyone-forever", { name: "everyone", grants: [{ serverGroup: "prod", username: "*" }] }, { dependsOn: [server] });
        const admin = new FluxarkUser("admin-no-token", {
            username: "adm",
            email: "adm@example.com",
            password: PASSWORD,
            fullName: "Admin",
            authType: "password",
            serverAdmin: true,
        });
        new FluxarkUser("open-allow-list", {
            username: "open",
            email: "open@example.com",
            password: PASSWORD,
            fullName: "Open",
            authType: "password",
            passwordType: "password-token",
            ipAllowList: ["0.0.0.0/0"],
        });
        new FluxarkAcl("endless-acl", { userId: admin.userId, userServerId: 5 });
        // Temporary access as the access file declares it (reason, requestedBy...), each missing something.
        new FluxarkAcl("temp-no-reason", { userId: admin.userId, userServerId: 6, requestedBy: "kim", expireTime: inDays(1) });
        new FluxarkAcl("temp-root", {
            userId: admin.userId,
            userServerId: webRoot.userServerId,
            reason: "kernel upgrade",
            requestedBy: "kim",
            expireTime: inDays(1),
        });
        new FluxarkAcl("glass-unapproved", {
            userId: admin.userId,
            userServerId: 7,
            reason: "outage",
            requestedBy: "kim",
            breakGlass: true,
            expireTime: inDays(1),
        });
        new Native("tuxcare:index:ElsKey", "native-unlimited", { productCode: "ESU", limit: 0, note: "native" });
        new Native("fluxark:index:FluxarkUser", "native-admin", {
            username: "nadm",
            email: "nadm@example.com",
            password: PASSWORD,
            fullName: "Native Admin",
            authType: "password",
            serverAdmin: true,
        });
    });
    expect(ok).toBe(false);
    const expected: [string, string][] = [
        ["tuxcare-no-unlimited-license", "unlimited-key"],
        ["tuxcare-no-unlimited-license", "native-unlimited"],
        ["tuxcare-ip-license-public", "private-license"],
        ["fluxark-acl-expires", "endless-acl"],
        ["fluxark-grant-expires", "everyone-forever"],
        ["fluxark-admin-second-factor", "admin-no-token"],
        ["fluxark-admin-second-factor", "native-admin"],
        ["fluxark-allow-list-not-open", "open-allow-list"],
        ["fluxark-no-root-via-wildcard", "everyone-forever"],
        ["fluxark-temporary-access", "temp-no-reason"],
        ["fluxark-temporary-root", "temp-root"],
        ["fluxark-break-glass-approved", "glass-unapproved"],
    ];
    expectEveryRuleOf("mandatory", output, expected);
    expect(output).toContain("tuxcare:index:ElsKey: native-unlimited");
    // The key's empty note breaks tuxcare-license-note, which is disabled by default.
    expect(ruleIds("disabled")).toEqual(["tuxcare-license-note"]);
    expect(output).not.toContain("tuxcare-license-note");
    expect(output).not.toContain(PASSWORD);
});

test("an advisory violation warns and the preview passes", async () => {
    const { ok, output } = await preview("advisory", async () => {
        new ElsKey("big-key", { productCode: "CELS", limit: 600, note: "fleet" });
        new KcareKey("open-key", { limit: 5, note: "no cidrs" });
        const server = new FluxarkServer("db", { name: "db1", ipAddr: "10.0.0.2", groups: ["db"] });
        const remote = new FluxarkServerUser("password-only", {
            serverId: server.serverId,
            username: "deploy",
            authMethod: "password",
            password: PASSWORD,
        });
        const user = new FluxarkUser("deleted-on-destroy", {
            username: "temp",
            email: "temp@example.com",
            password: PASSWORD,
            fullName: "Temp",
            authType: "password",
            deletionPolicy: "delete",
        });
        new FluxarkUser("key-ignored", {
            username: "keyed",
            email: "keyed@example.com",
            password: PASSWORD,
            fullName: "Keyed",
            authType: "password",
            sshKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnly keyed@laptop",
        });
        new FluxarkAcl("first-acl", { userId: user.userId, userServerId: remote.userServerId, expireDays: 7 });
        new FluxarkAcl("second-acl", { userId: user.userId, userServerId: remote.userServerId, expireDays: 7 });
        new FluxarkAcl("glass", {
            userId: user.userId,
            userServerId: 5,
            reason: "outage",
            requestedBy: "kim",
            approvedBy: "lee",
            breakGlass: true,
            expireTime: inDays(1),
        });
        new UserGroup(
            "stray-grant",
            { name: "stray", grants: [{ serverGroup: "nowhere", username: "deploy", expireTime: inDays(30) }] },
            { dependsOn: [server] },
        );
    });
    expect(ok).toBe(true);
    const expected: [string, string][] = [
        ["tuxcare-license-limit-max", "big-key"],
        ["tuxcare-kcare-key-cidrs", "open-key"],
        ["fluxark-remote-key-auth", "password-only"],
        ["fluxark-remote-key-auth", "key-ignored"],
        ["fluxark-user-deactivate", "deleted-on-destroy"],
        ["fluxark-duplicate-acl", "second-acl"],
        ["fluxark-grant-unused-server-group", "stray-grant"],
        ["fluxark-break-glass-review", "glass"],
    ];
    expectEveryRuleOf("advisory", output, expected);
    expect(output).not.toContain("[mandatory]");
});

test("a program within every rule passes silently, and the engine warns of no plugin taken from $PATH", async () => {
    const { ok, output } = await preview("compliant", async () => {
        new KcareKey("office-key", { limit: 20, note: "office", cidrs: ["203.0.113.0/24"] });
        new ElsKey("esu-key", { productCode: "ESU", limit: 40, note: "AlmaLinux 8" });
        new IpLicense("web-license", { ip: "198.51.100.11", type: "kernelcare" });
        const server = new FluxarkServer("app", { name: "app1", ipAddr: "10.0.0.3", groups: ["app"] });
        new FluxarkServerUser("app-root", { serverId: server.serverId, username: "root", authMethod: "key", sshKey: DEPLOY_KEY });
        const deploy = new FluxarkServerUser("app-deploy", {
            serverId: server.serverId,
            username: "deploy",
            authMethod: "key-pass",
            sshKey: DEPLOY_KEY,
            password: PASSWORD,
        });
        const group = new UserGroup(
            "deployers",
            { name: "deployers", grants: [{ serverGroup: "app", username: "deploy", expireTime: inDays(30) }] },
            { dependsOn: [server] },
        );
        const admin = new FluxarkUser("admin", {
            username: "admin",
            email: "admin@example.com",
            password: PASSWORD,
            fullName: "Admin",
            authType: "password",
            passwordType: "password-token",
            serverAdmin: true,
            ipAllowList: ["192.0.2.0/24"],
            groups: [group.name],
        });
        new FluxarkAcl("admin-deploy", { userId: admin.userId, userServerId: deploy.userServerId, expireDays: 30 });
    });
    expect(ok).toBe(true);
    for (const r of RULES) expect(output).not.toContain(r.id);
    expect(output).toContain("tuxcare-fluxark@v0.1.0");
    expect(output).not.toMatch(/from \$PATH/);
});

describe("the policy config file", () => {
    const program: PulumiFn = async () => {
        new ElsKey("sized-key", { productCode: "CELS", limit: 200, note: "" });
        const server = new FluxarkServer("web", { name: "web1", ipAddr: "10.0.0.1", groups: ["web"] });
        new UserGroup(
            "quarter-grant",
            { name: "web", grants: [{ serverGroup: "web", username: "deploy", expireTime: inDays(100) }] },
            { dependsOn: [server] },
        );
    };

    test("at the defaults a grant 100 days out breaks the 90-day limit", async () => {
        const { ok, output } = await preview("config-defaults", program);
        expect(ok).toBe(false);
        expect(output).toMatch(violation("mandatory", "fluxark-grant-expires", "quarter-grant"));
        expect(output).not.toContain("tuxcare-license-limit-max");
    });

    test("a longer limit lets it pass; a lower key limit made mandatory, and a disabled rule turned on, fail it", async () => {
        const relaxed = await preview("config-relaxed", program, { "fluxark-grant-expires": { maxDays: 120 } });
        expect(relaxed.ok).toBe(true);
        expect(relaxed.output).not.toContain("fluxark-grant-expires");

        const strict = await preview("config-strict", program, {
            "fluxark-grant-expires": { maxDays: 120 },
            "tuxcare-license-limit-max": { enforcementLevel: "mandatory", maxLimit: 100 },
            "tuxcare-license-note": "advisory",
        });
        expect(strict.ok).toBe(false);
        expect(strict.output).toMatch(violation("mandatory", "tuxcare-license-limit-max", "sized-key"));
        expect(strict.output).toMatch(violation("advisory", "tuxcare-license-note", "sized-key"));
    });
});

describe("the examples at the pack's defaults (or their own policy.json)", () => {
    /** What an example's README says it deliberately breaks, as [rule, resource]. */
    const BREAKS: Record<string, [string, string][]> = {
        "tuxcare-portal": [["tuxcare-no-unlimited-license", "alma-esu"]],
        "fluxark-access": [
            ["fluxark-grant-expires", "ops"],
            ["fluxark-no-root-via-wildcard", "ops"],
        ],
    };
    const examplesDir = path.join(REPO_ROOT, "examples");
    const examples = readdirSync(examplesDir).filter((d) => existsSync(path.join(examplesDir, d, "index.ts")));

    test.each(examples)("%s passes, or breaks only what its README says", async (name) => {
        const ownConfig = path.join(examplesDir, name, "policy.json");
        const { ok, output } = await preview(
            `example-${name}`,
            programFromFile(path.join(examplesDir, name, "index.ts")),
            existsSync(ownConfig) ? ownConfig : undefined,
            {
                "e2e:deployKey": { value: DEPLOY_KEY, secret: true },
            },
        );
        const breaks = BREAKS[name] ?? [];
        expect(ok).toBe(breaks.length === 0);
        for (const [id, resource] of breaks) expect(output).toMatch(violation("mandatory", id, resource));
        const mandatory = output.match(/\[mandatory\]/g) ?? [];
        expect(mandatory).toHaveLength(breaks.length);
    });
});
