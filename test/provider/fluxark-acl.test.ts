/** FluxarkAcl through its handlers against the emulator: rules are never updated, only replaced; the user is the parent. */
import { checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-bench";

const bench = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");
const remote = handlersOf("fluxark:FluxarkServerUser");
const user = handlersOf("fluxark:FluxarkUser");
const acl = handlersOf("fluxark:FluxarkAcl");

const aclRow = (id: string) => bench.admin.get("fluxarkAcl", id);
let serverId: number;
let deployId: number;
let rootId: number;

async function newUser(username: string): Promise<number> {
    return Number((await up(user, { username, email: `${username}@example.com`, password: `${username}-Passw0rd`, fullName: username, authType: "password", deletionPolicy: "delete" })).id);
}

beforeAll(async () => {
    serverId = Number((await up(server, { name: "acl-host", ipAddr: "10.2.0.1" })).id);
    deployId = Number((await up(remote, { serverId, username: "deploy", password: "deploy-Passw0rd" })).id);
    rootId = Number((await up(remote, { serverId, username: "root", password: "root-Passw0rd" })).id);
});

test("create gives the user the remote account; expireDays becomes FluxArk's absolute expiry", async () => {
    const userId = await newUser("kim");
    const { id, outs } = await up(acl, { userId, userServerId: deployId, expireDays: 30 });
    expect(id).toBe(String(outs.aclId));
    expect(outs).toMatchObject({ userId, userServerId: deployId, expireDays: 30, serverId });
    expect(String(outs.expiresAt)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await aclRow(id)).toMatchObject({ user_id: userId, user_server_id: deployId, server_id: serverId, expire_time: outs.expiresAt });
});

test("read keeps the declared expiry and shows a rule pointed elsewhere out of band, which replaces it", async () => {
    const userId = await newUser("lee");
    const { id, outs, inputs } = await up(acl, { userId, userServerId: deployId, expireTime: "2099-01-31T12:00:00Z" });
    expect(outs.expiresAt).toBe("2099-01-31 12:00:00");
    expect((await refresh(acl, id, outs)).inputs).toEqual(inputs);

    await bench.admin.patch("fluxarkAcl", id, { user_server_id: rootId, expire_time: "2098-01-01 00:00:00" });
    const drifted = await refresh(acl, id, outs);
    expect(drifted.inputs).toEqual({ ...inputs, userServerId: rootId });
    expect(drifted.props).toMatchObject({ expiresAt: "2098-01-01 00:00:00" });
    expect(await acl.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: ["userServerId"] });
});

test("check refuses a new expiry in the past, naming expireTime, and keeps an existing one", async () => {
    const userId = await newUser("max");
    const past = { userId, userServerId: deployId, expireTime: "2020-01-01 00:00:00" };
    expect((await acl.check({}, past)).failures).toEqual([{ property: "expireTime", reason: expect.stringContaining("is in the past") }]);
    expect((await acl.check({ expireTime: "2020-01-01 00:00:00" }, past)).failures).toBeUndefined();
});

test("delete removes the rule; one already gone deletes cleanly and is dropped by read", async () => {
    const userId = await newUser("ned");
    const { id, outs } = await up(acl, { userId, userServerId: rootId });
    await acl.delete(id, outs);
    expect((await bench.admin.list("fluxarkAcl")).map((a) => String(a.acl_id))).not.toContain(id);
    await expect(acl.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(acl, id, outs)).toEqual({});
});

test("a rule whose user was deleted out of band is dropped by read, and its delete succeeds", async () => {
    const userId = await newUser("oli");
    const { id, outs } = await up(acl, { userId, userServerId: deployId });
    await bench.admin.remove("fluxarkUsers", String(userId));
    expect(await refresh(acl, id, outs)).toEqual({});
    await expect(acl.delete(id, outs)).resolves.toBeUndefined();
});

test("adopt takes an existing rule of the user over when the remote user matches; a second owner of it is refused", async () => {
    const userId = await newUser("pat");
    // Made outside this provider process: one this process made is its creator's already.
    const existing = { id: "9001" };
    await bench.admin.put("fluxarkAcl", existing.id, { acl_id: 9001, user_id: userId, user_server_id: deployId, server_id: serverId, expire_time: "", created: "2026-01-01 00:00:00" });
    const wrong = await checked(acl, { userId, userServerId: rootId, adopt: existing.id });
    await expect(acl.create(wrong)).rejects.toThrow(new RegExp(`rule ${existing.id} is for remote user ${deployId}, not ${rootId}`));

    const { id, outs } = await up(acl, { userId, userServerId: deployId, adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ aclId: Number(existing.id), serverId });
    expect((await bench.admin.list("fluxarkAcl")).filter((a) => a.user_id === userId)).toHaveLength(1);

    const again = await checked(acl, { userId, userServerId: deployId, adopt: existing.id });
    await expect(acl.create(again)).rejects.toThrow(/adopt: ACL rule 9001 already belongs to another resource of this deployment/);
    const made = await up(acl, { userId, userServerId: deployId });
    await expect(acl.create(await checked(acl, { userId, userServerId: deployId, adopt: made.id }))).rejects.toThrow(/already belongs to another resource/);
});

test("adopt refuses a rule whose expiry is not the declared one (a rule cannot change), and takes one whose expiry is", async () => {
    const userId = await newUser("quin");
    await bench.admin.put("fluxarkAcl", "9101", { acl_id: 9101, user_id: userId, user_server_id: deployId, server_id: serverId, expire_time: "2098-03-04 05:06:07", created: "2026-01-01 00:00:00" });
    await expect(acl.create(await checked(acl, { userId, userServerId: deployId, adopt: 9101 }))).rejects.toThrow(/adopt: rule 9101 expires at 2098-03-04 05:06:07, not never; a rule cannot be changed/);
    await expect(acl.create(await checked(acl, { userId, userServerId: deployId, expireTime: "2098-03-04 05:06:08", adopt: 9101 }))).rejects.toThrow(/expires at 2098-03-04 05:06:07, not at 2098-03-04 05:06:08/);
    const { id } = await up(acl, { userId, userServerId: deployId, expireTime: "2098-03-04T05:06:07Z", adopt: 9101 });
    expect(id).toBe("9101");
});

test("an imported rule takes its listed expiry as declared, so declaring that expiry changes nothing", async () => {
    const userId = await newUser("rae");
    await bench.admin.put("fluxarkAcl", "9201", { acl_id: 9201, user_id: userId, user_server_id: deployId, server_id: serverId, expire_time: "2097-07-07 07:07:07", created: "2026-01-01 00:00:00" });
    const imported = await refresh(acl, "9201", { userId });
    expect(imported.inputs).toEqual({ userId, userServerId: deployId, expireTime: "2097-07-07 07:07:07" });
    const declared = await checked(acl, { userId, userServerId: deployId, expireTime: "2097-07-07 07:07:07", adopt: 9201 });
    expect(await acl.diff("9201", imported.props!, declared)).toMatchObject({ changes: false, replaces: [] });
    // A rule with no expiry stays without one, and one with a declared expiry keeps it.
    await bench.admin.put("fluxarkAcl", "9202", { acl_id: 9202, user_id: userId, user_server_id: rootId, server_id: serverId, expire_time: "", created: "2026-01-01 00:00:00" });
    expect((await refresh(acl, "9202", { userId })).inputs).toEqual({ userId, userServerId: rootId });
});

test("a replacement that would adopt the very rule it replaces is refused at diff, before anything is written", async () => {
    const userId = await newUser("sam");
    await bench.admin.put("fluxarkAcl", "9301", { acl_id: 9301, user_id: userId, user_server_id: deployId, server_id: serverId, expire_time: "", created: "2026-01-01 00:00:00" });
    const { id, outs } = await up(acl, { userId, userServerId: deployId, adopt: 9301 });
    const changed = await checked(acl, { userId, userServerId: deployId, expireTime: "2099-01-01 00:00:00", adopt: 9301 });
    await expect(acl.diff(id, outs, changed)).rejects.toThrow(/adopt: rule 9301 is this resource's own rule, and changing expireTime replaces it: the replacement would adopt the rule and then delete it/);
    // Without adopt the same change is an ordinary replacement.
    expect(await acl.diff(id, outs, await checked(acl, { userId, userServerId: deployId, expireTime: "2099-01-01 00:00:00" }))).toMatchObject({ replaces: ["expireTime"] });
    expect(await aclRow("9301")).toMatchObject({ expire_time: "" });
});
