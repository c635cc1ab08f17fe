/**
 * Contract tests of every FluxArk Management API endpoint: the real client against the emulator,
 * asserting what was sent (method, path, JSON body, the Authorization header) and what was
 * parsed, plus the documented errors.
 */
import { DEFAULT_FLUXARK_API_KEY, startEmulator, type Emulator, type RequestLogEntry } from "../../emulator";
import type { HttpTransport } from "../../provider/core/http";
import type { FluxarkClient, ServerRecord } from "../../provider/fluxark/client";
import type { ApiError } from "../../provider/core/errors";
import { fluxarkClientFor } from "../helpers/clients";

let emulator: Emulator;
let client: FluxarkClient;
let transport: HttpTransport;
const last = (): RequestLogEntry => emulator.requestLog[emulator.requestLog.length - 1]!;
function expectSent(method: string, path: string, body?: unknown) {
    const r = last();
    expect({ method: r.method, path: r.path }).toEqual({ method, path: `/fluxark/api${path}` });
    if (body !== undefined) expect(r.body).toEqual(body);
    expect(r.status).toBeLessThan(300);
}

beforeAll(async () => {
    emulator = await startEmulator({ fluxarkApiKeys: [DEFAULT_FLUXARK_API_KEY, { key: "servers-only-key", permissions: ["Servers"] }] });
    ({ client, transport } = fluxarkClientFor(emulator));
});
afterAll(async () => {
    await transport.close();
    await emulator.close();
});

const web: ServerRecord = {
    name: "web1",
    ip_addr: "10.0.0.1",
    active: true,
    is_jump: false,
    is_cron: false,
    is_api: false,
    port: 22,
    groups: ["web"],
};
let serverId: number;
let remoteId: number;
let userId: number;
let aclId: number;
let groupId: number;

test("servers/create sends the full record with Basic auth and returns the id", async () => {
    serverId = await client.createServer(web);
    expectSent("POST", "/servers/create", web);
    expect(serverId).toBe(1);
});

test("a duplicate server name is the documented error, as a Conflict", async () => {
    const e = await client.createServer(web).catch((x: ApiError) => x);
    expect(e).toMatchObject({ kind: "Conflict", message: expect.stringContaining("Duplicate server name") });
});

test("servers/list reads flags as booleans, with groups and users", async () => {
    const [s] = await client.listServers();
    expectSent("GET", "/servers/list");
    expect(s).toMatchObject({ id: serverId, name: "web1", active: true, is_jump: false, port: 22, groups: ["web"], users: [] });
    expect(s!.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

test("servers/$ID replaces the whole record; empty groups removes them", async () => {
    await client.updateServer(serverId, { ...web, groups: [], port: 2222 });
    expectSent("POST", `/servers/${serverId}`, { ...web, groups: [], port: 2222 });
    expect((await client.listServers())[0]).toMatchObject({ groups: [], port: 2222 });
    await client.updateServer(serverId, web);
});

test("remote users: create, list (password write-only), partial update", async () => {
    remoteId = await client.createServerUser(serverId, {
        username: "root",
        auth_method: "password",
        password: "remote-pass-1",
        port: 22,
        active: true,
        default_user: true,
    });
    expectSent("POST", `/servers/${serverId}/users`, {
        username: "root",
        auth_method: "password",
        password: "[masked]",
        port: 22,
        active: true,
        default_user: true,
    });
    const users = await client.listServerUsers(serverId);
    expectSent("GET", `/servers/${serverId}/users`);
    expect(users).toEqual([expect.objectContaining({ id: remoteId, username: "root", has_password: true, default_user: true })]);
    expect(JSON.stringify(users)).not.toContain("remote-pass-1");
    await client.updateServerUser(serverId, remoteId, { active: false });
    expectSent("POST", `/servers/${serverId}/users/${remoteId}`, { active: false });
    expect((await client.listServerUsers(serverId))[0]).toMatchObject({ active: false, username: "root" });
});

test("users: create, list, partial update", async () => {
    await client.createUserGroup("admins");
    userId = await client.createUser({
        username: "hapi",
        email: "hapi@example.com",
        password: "long-enough-1",
        full_name: "Hapi",
        auth_type: "password",
        password_type: "password",
        ip_allow_list: "127.0.0.1,10.0.0.0/8",
        groups: ["admins"],
    });
    expectSent("POST", "/users/create");
    expect(last().body).toMatchObject({ username: "hapi", password: "[masked]" });
    const [u] = await client.listUsers();
    expectSent("GET", "/users/list");
    expect(u).toMatchObject({
        id: userId,
        username: "hapi",
        active: true,
        server_admin: false,
        groups: ["admins"],
        ip_allow_list: "127.0.0.1,10.0.0.0/8",
    });
    expect(u).not.toHaveProperty("password");
    await client.updateUser(userId, { comment: "on call", groups: [] });
    expectSent("POST", `/users/${userId}`, { comment: "on call", groups: [] });
    expect((await client.listUsers())[0]).toMatchObject({ groups: [], email: "hapi@example.com" });
    expect(emulator.store.get("fluxarkUsers", String(userId))).toMatchObject({ comment: "on call" }); // not in the documented list
});

test("users: a duplicate e-mail and a username change are refused", async () => {
    await expect(
        client.createUser({
            username: "other",
            email: "hapi@example.com",
            password: "long-enough-1",
            full_name: "O",
            auth_type: "password",
            password_type: "password",
        }),
    ).rejects.toMatchObject({ kind: "Conflict" });
    await expect(client.updateUser(userId, { username: "renamed" })).rejects.toThrow(/cannot be changed/);
});

test("ACL: add with expire_days becomes an absolute expire_time; list; delete", async () => {
    aclId = await client.addAcl(userId, { user_server_id: remoteId, expire_days: 3 });
    expectSent("POST", `/users/${userId}/acl`, { user_server_id: remoteId, expire_days: 3 });
    const [rule] = await client.listAcl(userId);
    expectSent("GET", `/users/${userId}/acl`);
    expect(rule).toMatchObject({ acl_id: aclId, user_server_id: remoteId, server_id: serverId });
    const days = (Date.parse(`${rule!.expire_time!.replace(" ", "T")}Z`) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    await client.deleteAcl(userId, aclId);
    expectSent("DELETE", `/users/${userId}/acl/${aclId}`);
    expect(await client.listAcl(userId)).toEqual([]);
});

test("user groups: create, list, add and delete a server-group rule (both delete paths), delete", async () => {
    groupId = await client.createUserGroup("ops");
    expectSent("POST", "/users/groups", { name: "ops" });
    await client.addServerGroupRule(groupId, { group_name: "web", username: "root", expire_time: "2031-01-01 00:00:00" });
    expectSent("POST", `/users/groups/${groupId}/server_groups`, {
        group_name: "web",
        username: "root",
        expire_time: "2031-01-01 00:00:00",
    });
    const groups = await client.listUserGroups();
    expectSent("GET", "/users/groups");
    expect(groups.find((g) => g.id === groupId)).toMatchObject({ name: "ops", server_groups: [expect.objectContaining({ name: "web" })] });
    await client.deleteServerGroupRule(groupId, "web");
    expectSent("DELETE", `/users/groups/${groupId}/server_groups/web`);
    await client.addServerGroupRule(groupId, { group_name: "web", username: "*" });
    const res = await fetch(`${emulator.fluxarkUrl}/api/users/groups/${groupId}/server_group/web`, {
        method: "DELETE",
        headers: { authorization: `Basic ${DEFAULT_FLUXARK_API_KEY.key}` },
    });
    expect(res.status).toBe(200);
    await client.deleteUserGroup(groupId);
    expectSent("DELETE", `/users/groups/${groupId}`);
});

test("a server-group rule for a group no server has is refused, as the caller's mistake", async () => {
    const id = await client.createUserGroup("nobody");
    await expect(client.addServerGroupRule(id, { group_name: "no-such-group", username: "" })).rejects.toMatchObject({
        kind: "Validation",
        message: expect.stringContaining("Missing server group"),
    });
});

test("delete endpoints: remote user, user, server; a second delete is NotFound", async () => {
    await client.deleteServerUser(serverId, remoteId);
    expectSent("DELETE", `/servers/${serverId}/users/${remoteId}`);
    await client.deleteUser(userId);
    expectSent("DELETE", `/users/${userId}`);
    await client.deleteServer(serverId);
    expectSent("DELETE", `/servers/delete/${serverId}`);
    await expect(client.deleteServer(serverId)).rejects.toMatchObject({
        kind: "NotFound",
        message: expect.stringContaining("Missing server"),
    });
});

test("403 is a permission error naming the area the key lacks", async () => {
    const { client: limited, transport: t } = fluxarkClientFor(emulator, "servers-only-key");
    await expect(limited.listServers()).resolves.toEqual([]);
    const e = await limited.listUsers().catch((x: ApiError) => x);
    await t.close();
    expect(e).toMatchObject({ kind: "Permission", status: 403, message: expect.stringContaining("lacks the Users permission") });
});

test("a wrong API key is an Auth error that does not show the key", async () => {
    const { client: wrong, transport: t } = fluxarkClientFor(emulator, "not-a-real-api-key");
    const e = await wrong.listServers().catch((x: ApiError) => x);
    await t.close();
    expect(e).toMatchObject({ kind: "Auth", status: 200, message: expect.stringContaining("check fluxark:apiKey (or FLUXARK_API_KEY)") });
    expect(`${(e as Error).message} ${(e as Error).stack}`).not.toContain("not-a-real-api-key");
});

test("an empty POST body is refused, as the document warns (its errors come with HTTP 200)", async () => {
    const res = await fetch(`${emulator.fluxarkUrl}/api/users/groups`, {
        method: "POST",
        headers: { authorization: `Basic ${DEFAULT_FLUXARK_API_KEY.key}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ERROR", messages: ["A JSON object is required"] });
});
