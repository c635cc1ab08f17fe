/**
 * Refresh never dead-ends. One stack holds all nine resources; each round deletes objects out of
 * band through the emulator's admin interface (a resource itself, or the parent it hangs on), then
 * `preview --refresh` shows the drift and exits 0, `up --refresh` puts every object back, and
 * `preview --refresh --expect-no-changes` exits 0. No `pulumi state delete` anywhere.
 *
 * Parents: an ACL rule hangs on its portal user (FluxArk answers the rules of a missing user with
 * HTTP 200 `{"status":"ERROR","messages":["Missing user"]}`), a remote user on its server. The
 * KernelCare key of a key's servers, a user group of its grants and a server group of its members
 * are the resources themselves, deleted in the first round. A remote user is also deleted alone (its
 * rule still listed): the rule follows the new remote user (a replacement), as in the FluxarkServer
 * round. A KernelCare server listed in a group's serverIds removed from the portal cannot be made
 * by the provider: `up` fails naming serverIds and the server, and repairs the group once the
 * server is back. FluxarkServer and FluxarkUser are deleted themselves in the rounds where they
 * are the parent.
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
import { fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

type Row = Record<string, unknown>;

describe("refresh after out-of-band deletes, for every resource and parent", () => {
    const step = steps();
    let env: TestEnv;
    let stack: Stack;

    const program = async () => {
        new ElsKey("els", { productCode: "CELS", limit: 3, note: "matrix" });
        new IpLicense("ipl", { ip: "192.0.2.77", type: "kernelcare" });
        new KcareKey("kcare", { limit: 2, note: "matrix", cidrs: ["10.0.0.0/8"] });
        new ServerGroup("group", { name: "matrix", description: "refresh matrix", serverIds: ["KS-1"] });
        const web = new FluxarkServer("web", { name: "web1", ipAddr: "10.0.0.11", groups: ["web"] });
        const deploy = new FluxarkServerUser("deploy", {
            serverId: web.serverId,
            username: "deploy",
            authMethod: "key",
            sshKey: "ssh-ed25519 AAAAremote deploy@web1",
        });
        const ops = new UserGroup("ops", { name: "ops", grants: [{ serverGroup: "web", username: "*" }] }, { dependsOn: [web] });
        // The document's user list carries no ssh_key and no comment: both must stay as declared.
        const kim = new FluxarkUser("kim", {
            username: "kim",
            email: "kim@example.com",
            password: "kim-Passw0rd-1",
            fullName: "Kim Matrix",
            authType: "password-key",
            sshKey: "ssh-ed25519 AAAAkim kim@laptop",
            comment: "on call",
            groups: [ops.name],
        });
        new FluxarkAcl("kim-deploy", { userId: kim.userId, userServerId: deploy.userServerId, expireDays: 30 });
    };

    const list = (collection: string) => env.admin.list<Row>(collection);
    const only = async (collection: string) => {
        const rows = await list(collection);
        expect(rows).toHaveLength(1);
        return rows[0]!;
    };
    /** The remote users of the live server web1 (a server deleted out of band leaves its users' rows behind). */
    const liveRemoteUsers = async () => {
        const server = (await list("fluxarkServers")).find((s) => s.name === "web1");
        return server ? (await list("fluxarkServerUsers")).filter((u) => u.server_id === server.id) : [];
    };
    /** Each declared object, as the services hold it. */
    const objects = async () => ({
        els: (await list("elsKeys")).length,
        ipl: (await list("ipLicenses")).length,
        kcare: (await list("kcareKeys")).length,
        groupMembers: (await list("serverGroups")).find((g) => g.name === "matrix")?.serverIds ?? "no group",
        servers: (await list("fluxarkServers")).map((s) => s.name),
        remoteUsers: (await liveRemoteUsers()).map((u) => u.username),
        users: (await list("fluxarkUsers")).map((u) => u.username),
        userGroups: (await list("fluxarkUserGroups")).map((g) => g.name),
    });
    const declared = {
        els: 1,
        ipl: 1,
        kcare: 1,
        groupMembers: ["KS-1"],
        servers: ["web1"],
        remoteUsers: ["deploy"],
        users: ["kim"],
        userGroups: ["ops"],
    };
    /** For each ACL rule of the live user: whether it points at the live remote user. */
    const liveRules = async () => {
        const kim = (await list("fluxarkUsers")).find((u) => u.username === "kim");
        const [remote] = await liveRemoteUsers();
        return (await list("fluxarkAcl")).filter((a) => a.user_id === kim?.id).map((a) => a.user_server_id === remote?.id);
    };

    /** preview --refresh shows the drift (exit 0), up --refresh repairs it, the next preview --refresh is clean. */
    async function recovers(expected: { create: number; replace?: number }): Promise<void> {
        const preview = await stack.preview({ refresh: true });
        expect(preview.changeSummary.create ?? 0).toBe(expected.create);
        expect(preview.changeSummary.replace ?? 0).toBe(expected.replace ?? 0);
        const up = await stack.up({ refresh: true });
        expect(up.summary.result).toBe("succeeded");
        expect(up.summary.resourceChanges?.create ?? 0).toBe(expected.create);
        expect(await objects()).toEqual(declared);
        expect(await liveRules()).toEqual([true]);
        await stack.preview({ refresh: true, expectNoChanges: true });
    }

    beforeAll(async () => {
        env = await startTestEnv();
        await env.admin.put("kcareServers", "KS-1", { id: "KS-1", key: "other", ip: "10.5.0.1", hostname: "ks1", created: "" });
        stack = await makeStack(env, "matrix", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        await stack.up();
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    step("up made every declared object; a FluxarkUser whose list lacks ssh_key and comment shows no diff", async () => {
        expect(await objects()).toEqual(declared);
        expect(await liveRules()).toEqual([true]);
        const users = (await (
            await fetch(`${env.emulator.fluxarkUrl}/api/users/list`, {
                headers: { authorization: `Basic ${fluxarkConfig(env)["fluxark:apiKey"]!.value}` },
            })
        ).json()) as Row[];
        expect(users[0]).not.toHaveProperty("ssh_key");
        expect(users[0]).not.toHaveProperty("comment");
        await stack.preview({ expectNoChanges: true });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("each resource deleted itself: ElsKey, IpLicense, KcareKey, ServerGroup, UserGroup, FluxarkServerUser, FluxarkAcl", async () => {
        await env.admin.remove("elsKeys", (await only("elsKeys")).key as string);
        await env.admin.remove("ipLicenses", "192.0.2.77:16");
        await env.admin.remove("kcareKeys", (await only("kcareKeys")).key as string);
        await env.admin.remove("serverGroups", "demo/matrix");
        await env.admin.remove("fluxarkUserGroups", String((await only("fluxarkUserGroups")).id));
        await env.admin.remove("fluxarkServerUsers", String((await liveRemoteUsers())[0]!.id));
        await env.admin.remove("fluxarkAcl", String((await only("fluxarkAcl")).acl_id));
        await recovers({ create: 7 });
    });

    step("a FluxarkServerUser deleted alone, its ACL rule still listed", async () => {
        const [remote] = await liveRemoteUsers();
        await env.admin.remove("fluxarkServerUsers", String(remote!.id));
        expect((await list("fluxarkAcl")).map((a) => a.user_server_id)).toEqual([remote!.id]);
        // The remote user is made again under a new id; the rule follows it (a replacement).
        await recovers({ create: 1, replace: 1 });
    });

    step(
        "a member of ServerGroup.serverIds removed from the portal: drift shown, up says why, repaired once the server is back",
        async () => {
            // The portal forgets a removed server's group memberships; the provider cannot make a server (it registers itself).
            const server = await only("kcareServers");
            const group = (await list("serverGroups")).find((g) => g.name === "matrix")!;
            await env.admin.remove("kcareServers", "KS-1");
            await env.admin.put("serverGroups", String(group.id), { ...group, serverIds: [] });

            const preview = await stack.preview({ refresh: true });
            expect(preview.changeSummary.update ?? 0).toBe(1);
            const failed = await stack.up({ refresh: true }).catch((e: Error) => e);
            expect(failed).toBeInstanceOf(Error);
            expect(String((failed as Error).message)).toMatch(
                /serverIds: server group "matrix" cannot take KS-1: the portal does not know this server .*register it again and run up, or remove it from serverIds/,
            );

            await env.admin.put("kcareServers", "KS-1", server);
            const up = await stack.up({ refresh: true });
            expect(up.summary.resourceChanges?.update ?? 0).toBe(1);
            expect(await objects()).toEqual(declared);
            await stack.preview({ refresh: true, expectNoChanges: true });
        },
    );

    step("the parent of a remote user: its FluxarkServer deleted", async () => {
        await env.admin.remove("fluxarkServers", String((await only("fluxarkServers")).id));
        // The server and its remote user are made again; the rule moves to the new remote user.
        await recovers({ create: 2, replace: 1 });
    });

    step("the parent of an ACL rule: its FluxarkUser deleted (FluxArk answers its rules with HTTP 200 Missing user)", async () => {
        const kim = await only("fluxarkUsers");
        await env.admin.remove("fluxarkUsers", String(kim.id));
        const res = await fetch(`${env.emulator.fluxarkUrl}/api/users/${String(kim.id)}/acl`, {
            headers: { authorization: `Basic ${fluxarkConfig(env)["fluxark:apiKey"]!.value}` },
        });
        expect({ status: res.status, body: await res.json() }).toEqual({
            status: 200,
            body: expect.objectContaining({ status: "ERROR", messages: ["Missing user"] }),
        });
        await recovers({ create: 2 });
    });
});
