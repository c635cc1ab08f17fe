/**
 * Discovery against a populated emulator (every kind, 50+ objects), then `up` of the generated
 * program through the real CLI: every object adopted, none created remotely, none deleted, and a
 * following preview with no changes. No secret in any generated file. Values the provider would
 * refuse are written in the form it accepts (the document's own allow-list entry 127.0.0.1/24)
 * or left out, and an existing program is never overwritten without --force.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";
import { fluxarkConfig, makeStack, programFromFile, REPO_ROOT, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);
const exec = promisify(execFile);
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
const USER_PASSWORD = "Discovered-Passw0rd";
const REMOTE_PASSWORD = "Remote-Passw0rd!";
/** The vendor document's own example of an allow list; 127.0.0.1/24 has host bits set. */
const DOCUMENT_ALLOW_LIST = "192.168.0.100,127.0.0.1/24";
/** A user the provider cannot declare: its name breaks the unix rules (made out of band). */
const FOREIGN_USER_ID = 500;
const DEPLOY_KEY =
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----";

async function populate(env: TestEnv): Promise<string[]> {
    const tc = tuxcareClientFor(env.emulator);
    const fx = fluxarkClientFor(env.emulator);
    const keys: string[] = [];
    for (const product of ["CELS", "OELS", "UELS16", "CELS_8", "UELS18", "PHP_ELS", "PYTHON_ELS", "ESU"])
        keys.push((await tc.client.createElsKey(product, 3, `${product} fleet`)).key);
    for (let i = 1; i <= 10; i++) await tc.client.registerIpLicense(`198.51.100.${i}`, i % 2 ? 16 : 49, false);
    for (let i = 1; i <= 8; i++) keys.push(await tc.client.createKcareKey(i, `kc team ${i}`));
    for (let i = 1; i <= 4; i++)
        await env.admin.put("kcareServers", `SRV-${i}`, {
            id: `SRV-${i}`,
            key: keys[8]!,
            ip: `10.4.0.${i}`,
            hostname: `h${i}`,
            created: "",
        });
    await tc.client.createServerGroup("edge", "edge nodes");
    await tc.client.addServerGroupServers("edge", ["SRV-1", "SRV-2"]);
    await tc.client.createServerGroup("empty", "");
    const remote: number[] = [];
    for (let i = 1; i <= 5; i++) {
        const sid = await fx.client.createServer({
            name: `node${i}`,
            ip_addr: `10.5.0.${i}`,
            active: true,
            is_jump: i === 1,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: i <= 3 ? ["prod"] : ["staging"],
        });
        remote.push(
            await fx.client.createServerUser(sid, {
                username: "root",
                auth_method: "password",
                password: REMOTE_PASSWORD,
                port: 22,
                active: true,
                default_user: true,
            }),
        );
        if (i <= 3)
            remote.push(
                await fx.client.createServerUser(sid, {
                    username: "deploy",
                    auth_method: "key",
                    ssh_key: DEPLOY_KEY,
                    port: 22,
                    active: true,
                    default_user: false,
                }),
            );
    }
    const team = await fx.client.createUserGroup("ops");
    await fx.client.addServerGroupRule(team, { group_name: "prod", username: "*" });
    await fx.client.createUserGroup("auditors");
    const users: number[] = [];
    const kinds = ["password", "password-key", "key"];
    for (let i = 1; i <= 6; i++) {
        const auth = kinds[i % 3]!;
        users.push(
            await fx.client.createUser({
                username: `user${i}`,
                email: `user${i}@example.com`,
                password: USER_PASSWORD,
                full_name: `User ${i}`,
                auth_type: auth,
                password_type: "password",
                ssh_key: auth === "password" ? "" : `ssh-ed25519 AAAAuser${i}`,
                groups: i <= 3 ? ["ops"] : [],
                ip_allow_list: i === 1 ? "10.0.0.0/8,192.168.1.1" : i === 2 ? DOCUMENT_ALLOW_LIST : "",
                comment: i === 3 ? "on call\nweek\u200Bends" : undefined,
            }),
        );
    }
    for (let i = 0; i < 6; i++)
        await fx.client.addAcl(users[i]!, { user_server_id: remote[i]!, expire_time: i % 2 ? "2031-01-01 00:00:00" : undefined });
    await env.admin.put("fluxarkUsers", String(FOREIGN_USER_ID), {
        id: FOREIGN_USER_ID,
        username: "Ops.Admin",
        email: "ops@example.com",
        password: "x",
        full_name: "Ops",
        auth_type: "password",
        password_type: "password",
        ssh_key: "",
        active: 1,
        server_admin: null,
        comment: "",
        ip_allow_list: "",
        groups: [],
        created: "2024-01-01 00:00:00",
        login_tries: 0,
        last_pass_update_date: "",
        password_expire_date: "",
    });
    await env.admin.put("fluxarkAcl", "999", {
        acl_id: 999,
        user_id: users[0]!,
        user_server_id: remote[0]!,
        server_id: 1,
        expire_time: "2001-01-01 00:00:00",
        created: "2000-12-01 00:00:00",
    });
    await tc.transport.close();
    await fx.transport.close();
    return keys;
}

test("discover writes a program that adopts every object and creates none", async () => {
    // An installation whose user list carries `comment` (a documented user field the list example
    // leaves out), so the adjustment of a comment with control and invisible format characters is exercised.
    const env = await startTestEnv({ extraFields: true });
    const discover = (...args: string[]) =>
        exec(process.execPath, [path.join(REPO_ROOT, "dist/cli/main.js"), "discover", ...args], {
            env: {
                ...process.env,
                TUXCARE_LOGIN: "demo",
                TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
                TUXCARE_API_URL: env.emulator.tuxcareApiUrl,
                FLUXARK_URL: env.emulator.fluxarkUrl,
                FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
            },
        });
    try {
        const keys = await populate(env);
        const count = async (): Promise<Record<string, number>> =>
            Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, (await env.admin.list(c)).length] as const)));
        const before = await count();
        // Left out: the expired rule and the user named against the unix rules.
        const objects = Object.values(before).reduce((a, n) => a + n, 0) - 2;
        expect(objects).toBeGreaterThanOrEqual(50);

        const out = path.join(env.dir, "discovered");
        const { stdout } = await discover("--out", out, "--name", "fleet");
        expect(stdout).toContain(`${objects} objects`);
        expect(stdout).toMatch(/Left out: ACL rule 999 of user1: expired/);
        expect(stdout).toMatch(
            new RegExp(`Left out: FluxarkUser user-ops-admin \\(id ${FOREIGN_USER_ID}\\): username: must follow unix rules`),
        );
        expect(stdout).toContain(
            "Adjusted: FluxarkUser user-user2 ipAllowList: 127.0.0.1/24 written as 127.0.0.0/24 (the same network, as the provider reads it)",
        );
        expect(stdout).toContain(
            "Adjusted: FluxarkUser user-user3 comment: control characters replaced by spaces, invisible format characters removed",
        );
        const program = readFileSync(path.join(out, "index.ts"), "utf8");
        expect(program).toContain('ipAllowList: ["127.0.0.0/24","192.168.0.100"]');
        expect(program).toContain('comment: "on call weekends"');

        const files = readdirSync(out)
            .map((f) => readFileSync(path.join(out, f), "utf8"))
            .join("\n");
        for (const secret of [
            ...keys,
            USER_PASSWORD,
            REMOTE_PASSWORD,
            DEPLOY_KEY.split("\n")[1]!,
            DEFAULT_TUXCARE_ACCOUNT.secretKey,
            DEFAULT_FLUXARK_API_KEY.key,
        ])
            expect(files).not.toContain(secret);
        // The remote users' private keys are read from secret config, which the README says to set (one per deploy user).
        const keyConfig = [...files.matchAll(/config\.requireSecret\("(\w+)"\)/g)].map((m) => m[1]!);
        expect(keyConfig).toHaveLength(3);
        for (const key of keyConfig) expect(files).toContain(`pulumi config set --secret ${key} < key-file`);
        const secretConfig = Object.fromEntries(keyConfig.map((key) => [`e2e:${key}`, { value: DEPLOY_KEY, secret: true }]));

        const stack = await makeStack(env, "discovered", programFromFile(path.join(out, "index.ts")), {
            ...tuxcareConfig(env),
            ...fluxarkConfig(env),
            ...secretConfig,
        });
        const up = await stack.up();
        // Every object becomes a resource of the stack (the engine counts an adoption as a create) ...
        expect(up.summary.resourceChanges?.create).toBe(objects + 1);
        expect(up.summary.resourceChanges?.delete ?? 0).toBe(0);
        // ... and nothing new exists in either service.
        expect(await count()).toEqual(before);
        await stack.preview({ expectNoChanges: true });

        // FluxArk holding the entry as the document writes it reads as the same network: no drift.
        const user2 = (await env.admin.list<{ id: number; username: string }>("fluxarkUsers")).find((u) => u.username === "user2")!;
        expect((await env.admin.get<{ ip_allow_list: string }>("fluxarkUsers", String(user2.id))).ip_allow_list).toBe(
            "127.0.0.0/24,192.168.0.100",
        );
        await env.admin.patch("fluxarkUsers", String(user2.id), { ip_allow_list: DOCUMENT_ALLOW_LIST });
        await stack.preview({ refresh: true, expectNoChanges: true });

        // A second discovery never overwrites the program without --force.
        writeFileSync(path.join(out, "index.ts"), `${program}// edited by hand\n`);
        const refused = await discover("--out", out, "--name", "fleet").catch((e: { code: number; stderr: string }) => e);
        expect(refused).toMatchObject({ code: 2 });
        expect((refused as { stderr: string }).stderr).toMatch(/--out .* is not empty .*pass --force/);
        expect(readFileSync(path.join(out, "index.ts"), "utf8")).toContain("// edited by hand");
        await discover("--out", out, "--name", "fleet", "--force");
        expect(readFileSync(path.join(out, "index.ts"), "utf8")).not.toContain("// edited by hand");
    } finally {
        await env.close();
    }
});
