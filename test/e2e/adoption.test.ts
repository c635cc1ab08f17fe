/**
 * Adoption of every adoptable resource through the real engine, against an emulator answering in the
 * documents' minimal shapes (the user list has no ssh_key and no comment): objects made out of band
 * with values that differ from the program's. After `up` each live object equals the declaration,
 * what the program leaves unset and the provider cannot read is never sent (the request log shows
 * it), a preview is clean, and a later refresh shows a difference made outside Pulumi. An adoption
 * that cannot be made so (an ACL rule's expiry, a grant half declared) is refused before any write.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import {
    ElsKey,
    FluxarkAcl,
    FluxarkServer,
    FluxarkServerUser,
    FluxarkUser,
    IpLicense,
    KcareKey,
    ServerGroup,
    UserGroup,
} from "../../provider";
import type { RequestLogEntry } from "../../emulator/request-log";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

const USER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyOfAKeyAuthUser eve@laptop";
const REMOTE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAremoteKeyOfDeploy\n-----END OPENSSH PRIVATE KEY-----";
const USER_PASSWORD = "Eve-Passw0rd-by-hand";
const GRANT_UNTIL = "2031-02-01 00:00:00";
const RULE_UNTIL = "2031-01-01 00:00:00";

let env: TestEnv;
const made = {} as { els: string; kcare: string; serverId: number; remoteId: number; userId: number; aclId: number; groupId: number };

beforeAll(async () => {
    env = await startTestEnv();
    const tux = tuxcareClientFor(env.emulator);
    const flux = fluxarkClientFor(env.emulator);
    made.els = (await tux.client.createElsKey("CELS", 2, "by hand")).key;
    made.kcare = await tux.client.createKcareKey(4, "kc by hand");
    await tux.client.setKcareKeyCidrs(made.kcare, ["10.0.0.0/8"]);
    await tux.client.registerIpLicense("192.0.2.50", 1, true);
    await tux.client.createServerGroup("by-hand", "made in the portal");
    made.serverId = await flux.client.createServer({
        name: "legacy",
        ip_addr: "10.9.9.9",
        active: true,
        is_jump: true,
        is_cron: false,
        is_api: false,
        port: 2222,
        groups: ["prod"],
    });
    made.remoteId = await flux.client.createServerUser(made.serverId, {
        username: "deploy",
        auth_method: "key",
        ssh_key: REMOTE_KEY,
        port: 22,
        active: true,
        default_user: false,
    });
    made.userId = await flux.client.createUser({
        username: "eve",
        email: "eve@example.com",
        password: USER_PASSWORD,
        full_name: "Eve",
        auth_type: "key",
        password_type: "password",
        ssh_key: USER_KEY,
        comment: "on call",
        active: true,
        groups: [],
    });
    made.aclId = await flux.client.addAcl(made.userId, { user_server_id: made.remoteId, expire_time: RULE_UNTIL });
    made.groupId = await flux.client.createUserGroup("team");
    await flux.client.addServerGroupRule(made.groupId, { group_name: "prod", username: "*" });
    await Promise.all([tux.transport.close(), flux.transport.close()]);
});
afterAll(async () => env?.close());

const row = <T extends Record<string, unknown>>(collection: string, id: string | number) => env.admin.get<T>(collection, String(id));
const writes = (log: RequestLogEntry[]) =>
    log.filter((r) => r.method !== "GET" || /\/(update|register|set_cidr|create|put|remove)\b/.test(r.path));

describe("adopting every kind", () => {
    const step = steps();
    let stack: Stack;
    const program = async () => {
        new ElsKey("els", { productCode: "CELS", limit: 5, note: "adopted", adopt: made.els });
        new KcareKey("kc", { limit: 4, note: "kc by hand", cidrs: ["192.0.2.0/24"], adopt: made.kcare });
        new IpLicense("ipl", { ip: "192.0.2.50", type: 1, adopt: true });
        new ServerGroup("group", { name: "by-hand", description: "made in the portal" });
        const server = new FluxarkServer("legacy", { name: "legacy", ipAddr: "10.9.9.9", groups: ["prod"], adopt: made.serverId });
        const deploy = new FluxarkServerUser("deploy", {
            serverId: server.serverId,
            username: "deploy",
            authMethod: "key",
            port: 2200,
            adopt: made.remoteId,
        });
        const eve = new FluxarkUser("eve", {
            username: "eve",
            email: "eve@example.com",
            fullName: "Eve Adopted",
            authType: "key",
            adopt: made.userId,
        });
        new FluxarkAcl("rule", {
            userId: eve.userId,
            userServerId: deploy.userServerId,
            expireTime: "2031-01-01T00:00:00Z",
            adopt: made.aclId,
        });
        new UserGroup(
            "team",
            { name: "team", grants: [{ serverGroup: "prod", username: "deploy", expireTime: GRANT_UNTIL }], adopt: made.groupId },
            { dependsOn: [server] },
        );
    };

    beforeAll(async () => {
        stack = await makeStack(env, "adopt-all", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
    });

    step("up makes every live object equal its declaration, sending nothing the program left unset", async () => {
        await env.admin.clearRequests();
        const up = await stack.up();
        expect(up.summary.resourceChanges).toEqual({ create: 10 });

        expect(await row("elsKeys", made.els)).toMatchObject({ usageLimit: 5, description: "adopted" });
        expect(await row("kcareKeys", made.kcare)).toMatchObject({ limit: 4, note: "kc by hand", cidrs: ["192.0.2.0/24"] });
        expect(await row("ipLicenses", "192.0.2.50:1")).toMatchObject({ elsAllowed: true }); // not declared, not readable: untouched
        expect(await row("fluxarkServers", made.serverId)).toMatchObject({ port: 22, is_jump: 0, groups: ["prod"] });
        expect(await row("fluxarkServerUsers", made.remoteId)).toMatchObject({ port: 2200, auth_method: "key", ssh_key: REMOTE_KEY });
        expect(await row("fluxarkUsers", made.userId)).toMatchObject({
            full_name: "Eve Adopted",
            auth_type: "key",
            ssh_key: USER_KEY,
            comment: "on call",
            password: USER_PASSWORD,
        });
        expect(await row("fluxarkAcl", made.aclId)).toMatchObject({ expire_time: RULE_UNTIL });
        const group = await row<{ server_groups: { name: string; username: string; expire_time: string }[] }>(
            "fluxarkUserGroups",
            made.groupId,
        );
        expect(group.server_groups.map(({ name, username, expire_time }) => ({ name, username, expire_time }))).toEqual([
            { name: "prod", username: "deploy", expire_time: GRANT_UNTIL },
        ]);

        const log = await env.admin.requests();
        const bodies = (path: RegExp) =>
            log.filter((r) => r.method === "POST" && path.test(r.path)).map((r) => r.body as Record<string, unknown>);
        const userBodies = bodies(new RegExp(`^(?!.*/servers/).*/users/${made.userId}$`));
        expect(userBodies).toHaveLength(1);
        for (const field of ["ssh_key", "comment", "password"]) expect(userBodies[0]).not.toHaveProperty(field);
        const remoteBodies = bodies(new RegExp(`/servers/${made.serverId}/users/${made.remoteId}$`));
        expect(remoteBodies).toHaveLength(1);
        for (const field of ["ssh_key", "password"]) expect(remoteBodies[0]).not.toHaveProperty(field);
        expect(log.map((r) => r.path)).not.toContainEqual(expect.stringContaining("/ipl/update"));
        // The grant FluxArk could not read was re-created as declared: removed first, so access narrowed in between.
        const grantCalls = writes(log)
            .filter((r) => r.path.includes(`/groups/${made.groupId}/server_group`))
            .map((r) => r.method);
        expect(grantCalls).toEqual(["DELETE", "POST"]);

        await stack.preview({ expectNoChanges: true });
        const state = await exportedState(stack);
        for (const secret of [USER_KEY.split(" ")[1]!, REMOTE_KEY.split("\n")[1]!, USER_PASSWORD, made.els, made.kcare])
            expect(state).not.toContain(secret);
    });

    step("a refresh then shows what changed outside Pulumi", async () => {
        await env.admin.patch("fluxarkUsers", String(made.userId), { full_name: "Eve by hand" });
        await env.admin.patch("fluxarkAcl", String(made.aclId), { expire_time: "2032-01-01 00:00:00" });
        await env.admin.patch("fluxarkServerUsers", String(made.remoteId), { port: 2300 });
        await env.admin.patch("elsKeys", made.els, { usageLimit: 9 });
        const preview = await stack.preview({ refresh: true, diff: true });
        // The rule too is an update: while adopt names the rule itself, a replacement would adopt and then delete it.
        expect(preview.changeSummary).toMatchObject({ update: 4 });
        expect(preview.changeSummary).not.toHaveProperty("replace");
        expect(preview.stdout).toMatch(/fullName\s*: "Eve by hand" => "Eve Adopted"/);
        expect(preview.stdout).toMatch(/port\s*: 2300 => 2200/);
        expect(preview.stdout).toMatch(/expireTime\s*: "2032-01-01 00:00:00" =>/);
        // The private key the program leaves unmanaged is not read into its inputs, so no diff shows it.
        expect(preview.stdout).not.toContain(REMOTE_KEY.split("\n")[1]!);
    });
});

describe("an adoption that cannot be made so is refused before any write", () => {
    test("an ACL rule whose expiry differs (no call can change it), and a grant declared with a username but no expiry", async () => {
        const flux = fluxarkClientFor(env.emulator);
        const userId = await flux.client.createUser({
            username: "fay",
            email: "fay@example.com",
            password: "Fay-Passw0rd-1",
            full_name: "Fay",
            auth_type: "password",
            password_type: "password",
            groups: [],
        });
        const aclId = await flux.client.addAcl(userId, { user_server_id: made.remoteId });
        const groupId = await flux.client.createUserGroup("wide");
        await flux.client.addServerGroupRule(groupId, { group_name: "prod", username: "*" });
        await flux.transport.close();
        let adopt: "acl" | "group" = "acl";
        const stack = await makeStack(
            env,
            "adopt-refused",
            async () => {
                if (adopt === "acl")
                    new FluxarkAcl("rule", { userId, userServerId: made.remoteId, expireTime: "2031-05-01 00:00:00", adopt: aclId });
                else new UserGroup("wide", { name: "wide", grants: [{ serverGroup: "prod", username: "deploy" }], adopt: groupId });
            },
            fluxarkConfig(env),
        );

        await env.admin.clearRequests();
        await expect(stack.up()).rejects.toThrow(
            new RegExp(
                `adopt: rule ${aclId} expires never, not at 2031-05-01 00:00:00 UTC as declared, and FluxArk cannot change a rule's expiry`,
            ),
        );
        adopt = "group";
        await expect(stack.up()).rejects.toThrow(
            /grants\[0\]\.expireTime is required to change the grant of "prod", which was made outside Pulumi/,
        );
        expect(writes(await env.admin.requests())).toEqual([]);
        expect(await row("fluxarkAcl", aclId)).toMatchObject({ expire_time: "" });
        const group = await row<{ server_groups: { name: string; username: string }[] }>("fluxarkUserGroups", groupId);
        expect(group.server_groups).toMatchObject([{ name: "prod", username: "*" }]);
    });
});
