/**
 * Every list in its minimal documented shape: the emulator answers each list with exactly the
 * fields of the document's example (FluxArk's user list has no ssh_key and no comment), the
 * client reads it, and what the answer leaves out is read as "not read" (undefined), never as ""
 * or a default. The same lists with the fields an installation may add are read too. And the
 * error answers of a missing parent, with HTTP 200 (the default: the document gives errors no
 * status) and with 404, are both NotFound.
 */
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import type { HttpTransport } from "../../provider/core/http";
import type { FluxarkClient } from "../../provider/fluxark/client";
import { signToken, type TuxcareClient } from "../../provider/tuxcare/client";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";

// The fields of each list example in the documents (NOTES.md for key/servers.json, which has none).
const DOCUMENTED = {
    fluxarkServers: ["active", "created", "groups", "id", "ip_addr", "is_api", "is_cron", "is_jump", "name", "port", "users"],
    fluxarkServersUsers: [
        "active",
        "auth_method",
        "created",
        "default_user",
        "has_password",
        "id",
        "port",
        "ssh_key",
        "updated",
        "username",
    ],
    fluxarkServerUsers: [
        "active",
        "auth_method",
        "created",
        "default_user",
        "has_password",
        "id",
        "port",
        "server_id",
        "ssh_key",
        "username",
    ],
    fluxarkUsers: [
        "active",
        "auth_type",
        "created",
        "email",
        "full_name",
        "groups",
        "id",
        "ip_allow_list",
        "last_pass_update_date",
        "login_tries",
        "password_expire_date",
        "password_type",
        "server_admin",
        "username",
    ],
    fluxarkAcl: ["acl_id", "created", "expire_time", "server_id", "user_server_id"],
    fluxarkGroups: ["created", "expire_time", "id", "name", "server_groups"],
    fluxarkGroupServerGroups: ["id", "name"],
    kcareKeys: ["created", "enabled", "key", "limit", "note"],
    kcareKeyServers: ["created", "ip", "server_id"],
    elsKeys: ["description", "key", "productCode", "usageLimit"],
    elsServers: ["hostname", "id", "ip", "key"],
    ipLicenses: ["created", "ip", "registered", "type"],
    ipServers: ["created", "ip", "last_checkin", "registered", "server_info", "type"],
    serverGroups: ["description", "name"],
    groupServers: ["hostName", "id", "ip", "type"],
};

const keysOf = (o: unknown) => Object.keys(o as object).sort();

async function fluxarkRaw(emulator: Emulator, path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${emulator.fluxarkUrl}/api${path}`, { headers: { authorization: `Basic ${DEFAULT_FLUXARK_API_KEY.key}` } });
    return { status: res.status, body: await res.json() };
}

/** The data of a TuxCare answer, out of its envelope. */
async function tuxcareData(emulator: Emulator, path: string, args: Record<string, string> = {}): Promise<unknown[]> {
    const url = new URL(emulator.tuxcareApiUrl + path);
    for (const [k, v] of Object.entries(args)) url.searchParams.set(k, v);
    url.searchParams.set(
        "token",
        signToken(DEFAULT_TUXCARE_ACCOUNT.login, DEFAULT_TUXCARE_ACCOUNT.secretKey, Math.floor(Date.now() / 1000)),
    );
    const body = (await (await fetch(url)).json()) as { data: unknown[] };
    return body.data;
}

describe.each([
    ["only the documented fields (the default)", false],
    ["the fields an installation may add", true],
])("FluxArk lists with %s", (_mode, extraFields) => {
    let emulator: Emulator;
    let client: FluxarkClient;
    let transport: HttpTransport;
    let serverId: number;
    let remoteId: number;
    let userId: number;

    beforeAll(async () => {
        emulator = await startEmulator({ extraFields });
        ({ client, transport } = fluxarkClientFor(emulator));
        serverId = await client.createServer({
            name: "web1",
            ip_addr: "10.0.0.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: ["web"],
        });
        remoteId = await client.createServerUser(serverId, {
            username: "deploy",
            auth_method: "key",
            ssh_key: "ssh-ed25519 AAAAremote",
            port: 22,
            active: true,
            default_user: false,
        });
        const groupId = await client.createUserGroup("ops");
        await client.addServerGroupRule(groupId, { group_name: "web", username: "*" });
        userId = await client.createUser({
            username: "kim",
            email: "kim@example.com",
            password: "kim-Passw0rd",
            full_name: "Kim",
            auth_type: "key",
            password_type: "password",
            ssh_key: "ssh-ed25519 AAAAkim",
            comment: "on call",
            groups: ["ops"],
        });
        await client.addAcl(userId, { user_server_id: remoteId });
    });
    afterAll(async () => {
        await transport.close();
        await emulator.close();
    });

    const extra = (documented: string[], added: string[]) => (extraFields ? [...documented, ...added].sort() : documented);

    test("servers/list: the document's fields, its users without server_id; the client reads them", async () => {
        const [server] = (await fluxarkRaw(emulator, "/servers/list")).body as Record<string, unknown>[];
        expect(keysOf(server)).toEqual(DOCUMENTED.fluxarkServers);
        expect(keysOf((server!.users as unknown[])[0])).toEqual(extra(DOCUMENTED.fluxarkServersUsers, ["server_id"]));
        const [read] = await client.listServers();
        expect(read).toMatchObject({
            id: serverId,
            ip_addr: "10.0.0.1",
            active: true,
            port: 22,
            groups: ["web"],
            users: [expect.objectContaining({ id: remoteId, ssh_key: "ssh-ed25519 AAAAremote" })],
        });
        expect(read!.users![0]!.server_id).toBe(extraFields ? serverId : undefined);
    });

    test("servers/$ID/users: the document's fields, without updated", async () => {
        const users = (await fluxarkRaw(emulator, `/servers/${serverId}/users`)).body as unknown[];
        expect(keysOf(users[0])).toEqual(extra(DOCUMENTED.fluxarkServerUsers, ["updated"]));
        expect(await client.listServerUsers(serverId)).toEqual([
            expect.objectContaining({ id: remoteId, server_id: serverId, auth_method: "key", has_password: false }),
        ]);
    });

    test("users/list: no ssh_key and no comment unless the installation adds them; absent reads as not read, not as empty", async () => {
        const users = (await fluxarkRaw(emulator, "/users/list")).body as unknown[];
        expect(keysOf(users[0])).toEqual(extra(DOCUMENTED.fluxarkUsers, ["ssh_key", "comment"]));
        const [kim] = await client.listUsers();
        expect(kim).toMatchObject({
            id: userId,
            email: "kim@example.com",
            full_name: "Kim",
            auth_type: "key",
            active: true,
            server_admin: false,
            groups: ["ops"],
            ip_allow_list: "",
        });
        expect(kim!.ssh_key).toBe(extraFields ? "ssh-ed25519 AAAAkim" : undefined);
        expect(kim!.comment).toBe(extraFields ? "on call" : undefined);
    });

    test("users/$ID/acl and users/groups: the document's fields", async () => {
        const acl = (await fluxarkRaw(emulator, `/users/${userId}/acl`)).body as unknown[];
        expect(keysOf(acl[0])).toEqual(DOCUMENTED.fluxarkAcl);
        expect(await client.listAcl(userId)).toEqual([
            expect.objectContaining({ user_server_id: remoteId, server_id: serverId, expire_time: "" }),
        ]);
        const groups = (await fluxarkRaw(emulator, "/users/groups")).body as Record<string, unknown>[];
        expect(keysOf(groups[0])).toEqual(DOCUMENTED.fluxarkGroups);
        expect(keysOf((groups[0]!.server_groups as unknown[])[0])).toEqual(DOCUMENTED.fluxarkGroupServerGroups);
        expect(await client.listUserGroups()).toEqual([
            expect.objectContaining({ name: "ops", server_groups: [expect.objectContaining({ name: "web" })] }),
        ]);
    });
});

describe.each([
    ["HTTP 200 with the error body (the default)", false, 200],
    ["HTTP 404", true, 404],
])("FluxArk errors of a missing parent, as %s", (_mode, fluxarkErrorStatus, status) => {
    let emulator: Emulator;
    let client: FluxarkClient;
    let transport: HttpTransport;

    beforeAll(async () => {
        emulator = await startEmulator({
            fluxarkErrorStatus,
            fluxarkApiKeys: [DEFAULT_FLUXARK_API_KEY, { key: "servers-only-key", permissions: ["Servers"] }],
        });
        ({ client, transport } = fluxarkClientFor(emulator));
    });
    afterAll(async () => {
        await transport.close();
        await emulator.close();
    });

    test("the ACL of a missing user answers Missing user: NotFound", async () => {
        const raw = await fluxarkRaw(emulator, "/users/999/acl");
        expect(raw).toEqual({ status, body: expect.objectContaining({ status: "ERROR", messages: ["Missing user"] }) });
        await expect(client.listAcl(999)).rejects.toMatchObject({ kind: "NotFound", message: expect.stringContaining("Missing user") });
    });

    test("the users of a missing server answer Missing server: NotFound", async () => {
        expect((await fluxarkRaw(emulator, "/servers/999/users")).status).toBe(status);
        await expect(client.listServerUsers(999)).rejects.toMatchObject({
            kind: "NotFound",
            message: expect.stringContaining("Missing server"),
        });
    });

    test("deleting what is gone is NotFound; a duplicate is a Conflict", async () => {
        await expect(client.deleteUserGroup(999)).rejects.toMatchObject({ kind: "NotFound" });
        await expect(client.deleteAcl(999, 1)).rejects.toMatchObject({ kind: "NotFound" });
        await client.createUserGroup("dup");
        await expect(client.createUserGroup("dup")).rejects.toMatchObject({ kind: "Conflict" });
    });

    test("a missing object named in a create's body is the caller's mistake (Validation), not a gone parent", async () => {
        const userId = await client.createUser({
            username: "lee",
            email: "lee@example.com",
            password: "lee-Passw0rd",
            full_name: "Lee",
            auth_type: "password",
            password_type: "password",
        });
        await expect(client.addAcl(userId, { user_server_id: 999 })).rejects.toMatchObject({
            kind: "Validation",
            message: expect.stringContaining("Missing remote user"),
        });
        const groupId = await client.createUserGroup("nobody");
        await expect(client.addServerGroupRule(groupId, { group_name: "no-such-group", username: "" })).rejects.toMatchObject({
            kind: "Validation",
            message: expect.stringContaining("Missing server group"),
        });
    });

    test("a wrong key goes by authErrorStatus (200 by default), a missing permission is the documented 403, whatever this option says", async () => {
        const status = async (key: string) =>
            (await fetch(`${emulator.fluxarkUrl}/api/users/list`, { headers: { authorization: `Basic ${key}` } })).status;
        expect([await status("wrong-key"), await status("servers-only-key")]).toEqual([200, 403]);
    });
});

describe.each([
    ["only the documented fields (the default)", false],
    ["the fields an installation may add", true],
])("TuxCare lists with %s", (_mode, extraFields) => {
    let emulator: Emulator;
    let client: TuxcareClient;
    let transport: HttpTransport;
    let kcareKey: string;

    beforeAll(async () => {
        emulator = await startEmulator({ extraFields });
        ({ client, transport } = tuxcareClientFor(emulator));
        kcareKey = await client.createKcareKey(2, "web");
        emulator.store.put("kcareServers", "S-1", {
            id: "S-1",
            key: kcareKey,
            ip: "10.0.0.1",
            hostname: "web1",
            created: "2024-01-01T00:00+0000",
        });
        const els = await client.createElsKey("ESU", 2, undefined);
        emulator.store.put("elsServers", "7", { id: "7", key: els.key, ip: "10.0.0.7", hostname: "alma" });
        await client.registerIpLicense("192.0.2.1", 16, false);
        await client.createServerGroup("web", "web servers");
        await client.addServerGroupServers("web", ["S-1"]);
    });
    afterAll(async () => {
        await transport.close();
        await emulator.close();
    });

    test("kcare key/list.json and key/servers.json (no hostname unless added)", async () => {
        expect(keysOf((await tuxcareData(emulator, "/kcare/key/list.json"))[0])).toEqual(DOCUMENTED.kcareKeys);
        const servers = await tuxcareData(emulator, "/kcare/key/servers.json", { key: kcareKey });
        expect(keysOf(servers[0])).toEqual(extraFields ? [...DOCUMENTED.kcareKeyServers, "hostname"].sort() : DOCUMENTED.kcareKeyServers);
        expect(await client.listKcareKeyServers(kcareKey)).toEqual([expect.objectContaining({ server_id: "S-1", ip: "10.0.0.1" })]);
        expect((await client.listKcareKeyServers(kcareKey))[0]!.hostname).toBe(extraFields ? "web1" : undefined);
    });

    test("els key/list.json and srv/list.json; a key without a note reads as an empty note", async () => {
        expect(keysOf((await tuxcareData(emulator, "/els/key/list.json", { code: "ESU" }))[0])).toEqual(DOCUMENTED.elsKeys);
        expect(keysOf((await tuxcareData(emulator, "/els/srv/list.json", { code: "ESU" }))[0])).toEqual(DOCUMENTED.elsServers);
        expect(await client.listElsKeys("ESU")).toEqual([expect.objectContaining({ usageLimit: 2, description: "" })]);
    });

    test("ipl list.json and server.json", async () => {
        expect(keysOf((await tuxcareData(emulator, "/ipl/list.json"))[0])).toEqual(DOCUMENTED.ipLicenses);
        expect(keysOf((await tuxcareData(emulator, "/ipl/server.json", { ip: "192.0.2.1" }))[0])).toEqual(DOCUMENTED.ipServers);
        expect(await client.listIpLicenses()).toEqual([expect.objectContaining({ ip: "192.0.2.1", type: 16, registered: false })]);
    });

    test("group list.json and servers/list.json", async () => {
        expect(keysOf((await tuxcareData(emulator, "/group/list.json"))[0])).toEqual(DOCUMENTED.serverGroups);
        expect(keysOf((await tuxcareData(emulator, "/group/servers/list.json", { name: "web" }))[0])).toEqual(DOCUMENTED.groupServers);
        expect(await client.listServerGroupServers("web")).toEqual([expect.objectContaining({ id: "S-1", ip: "10.0.0.1" })]);
    });

    test("the servers of a missing key and of a missing group: HTTP 200, success:false, NotFound", async () => {
        const url = new URL(`${emulator.tuxcareApiUrl}/kcare/key/servers.json`);
        url.searchParams.set("key", "no-such-key");
        url.searchParams.set(
            "token",
            signToken(DEFAULT_TUXCARE_ACCOUNT.login, DEFAULT_TUXCARE_ACCOUNT.secretKey, Math.floor(Date.now() / 1000)),
        );
        const res = await fetch(url);
        expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: expect.objectContaining({ success: false }) });
        await expect(client.listKcareKeyServers("no-such-key")).rejects.toMatchObject({ kind: "NotFound" });
        await expect(client.listServerGroupServers("no-such-group")).rejects.toMatchObject({
            kind: "NotFound",
            message: expect.stringContaining("Group not found"),
        });
    });
});
