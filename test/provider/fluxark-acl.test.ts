/** FluxarkAcl through its handlers against the emulator: rules are never updated, only replaced; the user is the parent. */
import { change, checked, handlersOf, refresh, up, useEmulator, emptyListCaches } from "../helpers/provider-harness";

const harness = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");
const remote = handlersOf("fluxark:FluxarkServerUser");
const user = handlersOf("fluxark:FluxarkUser");
const acl = handlersOf("fluxark:FluxarkAcl");

const aclRow = (id: string) => harness.admin.get("fluxarkAcl", id);
let serverId: number;
let deployId: number;
let rootId: number;

async function newUser(username: string): Promise<number> {
    return Number(
        (
            await up(user, {
                username,
                email: `${username}@example.com`,
                password: `${username}-Passw0rd`,
                fullName: username,
                authType: "password",
                deletionPolicy: "delete",
            })
        ).id,
    );
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

test("read shows a rule pointed elsewhere or given another expiry out of band, which replaces it", async () => {
    const userId = await newUser("lee");
    const { id, outs, inputs } = await up(acl, { userId, userServerId: deployId, expireTime: "2099-01-31T12:00:00Z" });
    expect(outs.expiresAt).toBe("2099-01-31 12:00:00");
    expect((await refresh(acl, id, outs)).inputs).toEqual(inputs);

    await harness.admin.patch("fluxarkAcl", id, { user_server_id: rootId, expire_time: "2098-01-01 00:00:00" });
    const drifted = await refresh(acl, id, outs);
    expect(drifted.inputs).toEqual({ ...inputs, userServerId: rootId, expireTime: "2098-01-01 00:00:00" });
    expect(drifted.props).toMatchObject({ expiresAt: "2098-01-01 00:00:00" });
    expect(await acl.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: ["userServerId", "expireTime"] });
    // Made never-expiring out of band: the expiry is gone from the read inputs.
    await harness.admin.patch("fluxarkAcl", id, { user_server_id: deployId, expire_time: "" });
    expect((await refresh(acl, id, outs)).inputs).toEqual({ userId, userServerId: deployId });
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
    expect((await harness.admin.list("fluxarkAcl")).map((a) => String(a.acl_id))).not.toContain(id);
    await expect(acl.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(acl, id, outs)).toEqual({});
});

test("a rule whose user was deleted out of band is dropped by read, and its delete succeeds", async () => {
    const userId = await newUser("oli");
    const { id, outs } = await up(acl, { userId, userServerId: deployId });
    await harness.admin.remove("fluxarkUsers", String(userId));
    expect(await refresh(acl, id, outs)).toEqual({});
    await expect(acl.delete(id, outs)).resolves.toBeUndefined();
});

test("adopt takes an existing rule of the user over when the remote user matches; a second owner of it is refused", async () => {
    const userId = await newUser("pat");
    // Made outside this provider process: one this process made is its creator's already.
    const existing = { id: "9001" };
    await harness.admin.put("fluxarkAcl", existing.id, {
        acl_id: 9001,
        user_id: userId,
        user_server_id: deployId,
        server_id: serverId,
        expire_time: "",
        created: "2026-01-01 00:00:00",
    });
    const wrong = await checked(acl, { userId, userServerId: rootId, adopt: existing.id });
    await expect(acl.create(wrong)).rejects.toThrow(new RegExp(`rule ${existing.id} is for remote user ${deployId}, not ${rootId}`));

    const { id, outs } = await up(acl, { userId, userServerId: deployId, adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ aclId: Number(existing.id), serverId });
    expect((await harness.admin.list("fluxarkAcl")).filter((a) => a.user_id === userId)).toHaveLength(1);

    const again = await checked(acl, { userId, userServerId: deployId, adopt: existing.id });
    await expect(acl.create(again)).rejects.toThrow(/adopt: ACL rule 9001 already belongs to another resource of this deployment/);
    const made = await up(acl, { userId, userServerId: deployId });
    await expect(acl.create(await checked(acl, { userId, userServerId: deployId, adopt: made.id }))).rejects.toThrow(
        /already belongs to another resource/,
    );
});

test("adopt refuses a rule whose expiry differs from the declared one (FluxArk cannot change it), before any call that writes", async () => {
    const userId = await newUser("quin");
    const forever = await up(acl, { userId, userServerId: deployId });
    await harness.admin.clearRequests();
    const narrower = await checked(acl, { userId, userServerId: deployId, expireTime: "2099-02-01 00:00:00", adopt: forever.id });
    await expect(acl.create(narrower)).rejects.toThrow(
        new RegExp(
            `rule ${forever.id} expires never, not at 2099-02-01 00:00:00 UTC as declared, and FluxArk cannot change a rule's expiry: leave expireTime unset`,
        ),
    );
    const byDays = await checked(acl, { userId, userServerId: deployId, expireDays: 3, adopt: forever.id });
    await expect(acl.create(byDays)).rejects.toThrow(/expireDays cannot be matched against it/);
    expect((await harness.admin.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    expect(await aclRow(forever.id)).toMatchObject({ expire_time: "" });

    // Made outside Pulumi (a rule this process made is its own, and not adoptable again).
    const dated = { id: "9002" };
    await harness.admin.put("fluxarkAcl", dated.id, {
        acl_id: 9002,
        user_id: userId,
        user_server_id: rootId,
        server_id: serverId,
        expire_time: "2099-03-01 00:00:00",
        created: "2026-01-01 00:00:00",
    });
    emptyListCaches();
    const unset = await checked(acl, { userId, userServerId: rootId, adopt: dated.id });
    await expect(acl.create(unset)).rejects.toThrow(
        /expires at 2099-03-01 00:00:00 UTC, not never as declared.*declare expireTime "2099-03-01 00:00:00"/,
    );
    const { outs } = await up(acl, { userId, userServerId: rootId, expireTime: "2099-03-01T00:00:00Z", adopt: dated.id });
    expect(outs).toMatchObject({ expireTime: "2099-03-01 00:00:00", expiresAt: "2099-03-01 00:00:00" });
});

test("the access metadata (reason, requestedBy, approvedBy, breakGlass) changes in place and never reaches FluxArk", async () => {
    const userId = await newUser("pia");
    const meta = { reason: "hotfix 1.2.3", requestedBy: "pia", approvedBy: "sam", breakGlass: true };
    const { id, outs } = await up(acl, { userId, userServerId: deployId, expireTime: "2099-01-01 00:00:00", ...meta });
    expect(outs).toMatchObject(meta);
    harness.emulator.requestLog.length = 0;
    const { diff, outs: updated } = await change(acl, id, outs, {
        userId,
        userServerId: deployId,
        expireTime: "2099-01-01 00:00:00",
        ...meta,
        reason: "hotfix 1.2.4",
    });
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    expect(updated).toMatchObject({ aclId: Number(id), reason: "hotfix 1.2.4" });
    // Only reads: FluxArk has no update call for a rule, and no field for a reason.
    expect(harness.emulator.requestLog.every((q) => q.method === "GET")).toBe(true);
    expect(JSON.stringify(await aclRow(id))).not.toContain("hotfix");
    expect((await refresh(acl, id, updated)).inputs).toMatchObject({ reason: "hotfix 1.2.4", requestedBy: "pia" });
});

test("while adopt names the rule itself, a change is an update that checks the rule is as declared, never a replacement that adopts and deletes it", async () => {
    const userId = await newUser("sam");
    await harness.admin.put("fluxarkAcl", "9301", {
        acl_id: 9301,
        user_id: userId,
        user_server_id: deployId,
        server_id: serverId,
        expire_time: "",
        created: "2026-01-01 00:00:00",
    });
    const { id, outs } = await up(acl, { userId, userServerId: deployId, adopt: 9301 });
    const changed = await checked(acl, { userId, userServerId: deployId, expireTime: "2099-01-01 00:00:00", adopt: 9301 });
    expect(await acl.diff(id, outs, changed)).toMatchObject({ changes: true, replaces: [] });
    await expect(acl.update(id, outs, changed)).rejects.toThrow(
        /adopt: rule 9301 expires never, not at 2099-01-01 00:00:00 UTC as declared.*; adopt names this resource's own rule, so a change cannot replace it: remove adopt to replace the rule/,
    );
    expect(await aclRow("9301")).toMatchObject({ expire_time: "" });
    // Without adopt the same change is an ordinary replacement.
    expect(
        await acl.diff(id, outs, await checked(acl, { userId, userServerId: deployId, expireTime: "2099-01-01 00:00:00" })),
    ).toMatchObject({ replaces: ["expireTime"] });

    // The rule's expiry changed outside Pulumi and the program now declares it: the update records it.
    await harness.admin.patch("fluxarkAcl", "9301", { expire_time: "2099-01-01 00:00:00" });
    emptyListCaches();
    const { outs: updated } = await acl.update(id, outs, changed);
    expect(updated).toMatchObject({ aclId: 9301, expireTime: "2099-01-01 00:00:00", expiresAt: "2099-01-01 00:00:00" });
});
