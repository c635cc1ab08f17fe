/**
 * A realistic FluxArk access setup through the real CLI: two servers with groups, remote users on
 * them, three portal users with different auth types, ACL rules with expiry, and a user group
 * granted a server group; then updates, replacements, drift, adoption and destroy.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, UserGroup } from "../../provider";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { DEFAULT_FLUXARK_API_KEY } from "../../emulator";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

const PASSWORDS = { alice: "alice-Passw0rd-1", bob: "bob-Passw0rd-22", carol: "carol-Passw0rd-333", root: "remote-root-Pass-4" };
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly contractor@laptop";

describe("FluxArk resources through the Pulumi CLI", () => {
    const step = steps();
    let env: TestEnv;
    let stack: Stack;
    const spec = {
        webPort: 22,
        bobComment: "",
        carolUsername: "carol",
        aclExpiry: "2031-06-30 18:00:00",
        groupName: "ops",
        adopt: undefined as undefined | { serverId: number; userId: number },
    };

    const program = async () => {
        const web = new FluxarkServer("web", { name: "web1", ipAddr: "10.0.0.11", port: spec.webPort, groups: ["web", "prod"] });
        const db = new FluxarkServer("db", { name: "db1", ipAddr: "db1.internal.example.com", groups: ["db", "prod"], isJump: false });
        const webRoot = new FluxarkServerUser("web-root", {
            serverId: web.serverId,
            username: "root",
            authMethod: "password",
            password: PASSWORDS.root,
            defaultUser: true,
        });
        const dbDeploy = new FluxarkServerUser("db-deploy", {
            serverId: db.serverId,
            username: "deploy",
            authMethod: "key",
            sshKey: SSH_KEY,
        });
        const ops = new UserGroup(
            "ops",
            {
                name: spec.groupName,
                grants: [
                    { serverGroup: "prod", username: "*", expireTime: "2032-01-01T00:00:00Z" },
                    { serverGroup: "db", username: ["deploy"] },
                ],
            },
            { dependsOn: [web, db] },
        );
        const alice = new FluxarkUser("alice", {
            username: "alice",
            email: "alice@example.com",
            password: PASSWORDS.alice,
            fullName: "Alice Admin",
            authType: "password",
            groups: [ops.name],
            ipAllowList: ["192.168.1.0/24", "10.0.0.5"],
        });
        const bob = new FluxarkUser("bob", {
            username: "bob",
            email: "bob@example.com",
            password: PASSWORDS.bob,
            fullName: "Bob Builder",
            authType: "password-key",
            passwordType: "password-token",
            sshKey: SSH_KEY,
            comment: spec.bobComment,
        });
        const carol = new FluxarkUser("carol", {
            username: spec.carolUsername,
            email: "carol@contractor.example",
            password: PASSWORDS.carol,
            fullName: "Carol Contractor",
            authType: "key",
            sshKey: SSH_KEY,
            deletionPolicy: "delete",
        });
        new FluxarkAcl("bob-web-root", { userId: bob.userId, userServerId: webRoot.userServerId, expireTime: spec.aclExpiry });
        new FluxarkAcl("carol-db-deploy", { userId: carol.userId, userServerId: dbDeploy.userServerId, expireDays: 14 });
        if (spec.adopt) {
            new FluxarkServer("adopted-server", { name: "legacy1", ipAddr: "10.9.9.9", adopt: spec.adopt.serverId });
            new FluxarkUser("adopted-user", {
                username: "dave",
                email: "dave@example.com",
                fullName: "Dave (by hand)",
                authType: "password",
                adopt: spec.adopt.userId,
            });
        }
        return { aliceId: alice.userId };
    };
    const list = (c: string) => env.admin.list<Record<string, unknown>>(c);
    const apiKeys = [DEFAULT_FLUXARK_API_KEY];

    beforeAll(async () => {
        env = await startTestEnv({ fluxarkApiKeys: apiKeys });
        stack = await makeStack(env, "fluxark", program, fluxarkConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    step("up builds the whole access setup", async () => {
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(11);
        expect((await list("fluxarkServers")).map((s) => s.name).sort()).toEqual(["db1", "web1"]);
        expect(await list("fluxarkServerUsers")).toHaveLength(2);
        const users = await list("fluxarkUsers");
        expect(users.map((u) => [u.username, u.auth_type]).sort()).toEqual([
            ["alice", "password"],
            ["bob", "password-key"],
            ["carol", "key"],
        ]);
        expect(users.find((u) => u.username === "alice")).toMatchObject({ groups: ["ops"], ip_allow_list: "10.0.0.5,192.168.1.0/24" });
        const acl = await list("fluxarkAcl");
        expect(acl.map((a) => a.expire_time)).toContain("2031-06-30 18:00:00");
        expect((await list("fluxarkUserGroups"))[0]).toMatchObject({
            name: "ops",
            server_groups: [
                expect.objectContaining({ name: "db", username: "deploy" }),
                expect.objectContaining({ name: "prod", username: "*", expire_time: "2032-01-01 00:00:00" }),
            ],
        });
    });

    step("a second preview shows no changes, and a refresh keeps it so (expireDays included)", async () => {
        await stack.preview({ expectNoChanges: true });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("passwords and the API key are not in plaintext in the exported state", async () => {
        const state = await exportedState(stack);
        for (const p of [...Object.values(PASSWORDS), DEFAULT_FLUXARK_API_KEY.key]) expect(state).not.toContain(p);
    });

    step("in-place updates: server port (full record sent), user comment", async () => {
        spec.webPort = 2222;
        spec.bobComment = "on call";
        const up = await stack.up();
        expect(up.summary.resourceChanges?.update).toBe(2);
        const web = (await list("fluxarkServers")).find((s) => s.name === "web1");
        expect(web).toMatchObject({ port: 2222, groups: ["prod", "web"], active: 1 });
        expect((await list("fluxarkUsers")).find((u) => u.username === "bob")).toMatchObject({ comment: "on call" });
    });

    step("replacements: a username change, an ACL expiry change, a user group rename", async () => {
        spec.carolUsername = "carol2";
        spec.aclExpiry = "2031-12-31 23:59:59";
        spec.groupName = "operations";
        const preview = await stack.preview();
        // carol is replaced, so is her ACL rule (its userId changes); bob's rule; the group.
        expect(preview.changeSummary.replace).toBeGreaterThanOrEqual(3);
        spec.carolUsername = "carol";
        spec.aclExpiry = "2031-06-30 18:00:00";
        spec.groupName = "ops";
        await stack.preview({ expectNoChanges: true });
    });

    step("out-of-band changes and deletes are found by preview --refresh and put right by up", async () => {
        const alice = (await list("fluxarkUsers")).find((u) => u.username === "alice")!;
        await env.admin.patch("fluxarkUsers", String(alice.id), { full_name: "Alice Renamed", active: 0 });
        await expect(stack.preview({ refresh: true, expectNoChanges: true })).rejects.toThrow();
        const rule = (await list("fluxarkAcl")).find((a) => a.expire_time === "2031-06-30 18:00:00")!;
        await env.admin.remove("fluxarkAcl", String(rule.acl_id));
        const up = await stack.up({ refresh: true });
        expect(up.summary.resourceChanges).toMatchObject({ create: 1, update: 1 });
        expect((await list("fluxarkUsers")).find((u) => u.username === "alice")).toMatchObject({ full_name: "Alice Admin", active: 1 });
        expect(await list("fluxarkAcl")).toHaveLength(2);
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("a refresh after the API key was revoked fails naming fluxark:apiKey, and the state still holds every resource", async () => {
        // A dynamic provider refreshes with the config stored in state, so the key is revoked at the
        // installation instead (the emulator reads this very list on every request).
        const urns = async () => ((await stack.exportStack()).deployment.resources as { urn: string }[]).map((r) => r.urn).sort();
        const before = await urns();
        const revoked = apiKeys.splice(0);
        const error = await stack.refresh().then(
            () => undefined,
            (e: Error) => e,
        );
        apiKeys.push(...revoked);
        const message = String(error?.message);
        expect(message).toContain("Invalid API key: the installation refused the API key; check fluxark:apiKey (or FLUXARK_API_KEY)");
        expect(message).not.toContain(DEFAULT_FLUXARK_API_KEY.key);
        expect(await urns()).toEqual(before);
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("adoption takes over a server and a user made by hand", async () => {
        const { fluxarkClientFor } = await import("../helpers/clients");
        const c = fluxarkClientFor(env.emulator);
        const serverId = await c.client.createServer({
            name: "legacy1",
            ip_addr: "10.9.9.9",
            active: true,
            is_jump: true,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        });
        const userId = await c.client.createUser({
            username: "dave",
            email: "dave@example.com",
            password: "dave-Passw0rd",
            full_name: "Dave",
            auth_type: "password",
            password_type: "password",
        });
        await c.transport.close();
        const before = { servers: (await list("fluxarkServers")).length, users: (await list("fluxarkUsers")).length };
        spec.adopt = { serverId, userId };
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(2);
        expect({ servers: (await list("fluxarkServers")).length, users: (await list("fluxarkUsers")).length }).toEqual(before);
        expect((await list("fluxarkServers")).find((s) => s.id === serverId)).toMatchObject({ is_jump: 0 }); // set to the declared record
        expect((await list("fluxarkUsers")).find((u) => u.id === userId)).toMatchObject({ full_name: "Dave (by hand)" });
        await stack.preview({ expectNoChanges: true });
    });

    step("destroy: users are deactivated and kept by default, deleted when asked", async () => {
        await stack.destroy();
        expect(await list("fluxarkServers")).toEqual([]);
        expect(await list("fluxarkAcl")).toEqual([]);
        expect(await list("fluxarkUserGroups")).toEqual([]);
        const users = await list("fluxarkUsers");
        expect(users.map((u) => [u.username, u.active]).sort()).toEqual([
            ["alice", 0],
            ["bob", 0],
            ["dave", 0],
        ]);
    });
});
