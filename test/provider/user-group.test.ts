/** UserGroup through its handlers against the emulator: grants added and removed one by one, no rename. */
import { GRANT_SET_OUTSIDE } from "../../provider/fluxark/user-group";
import { change, checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-harness";

const harness = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");
const group = handlersOf("fluxark:UserGroup");
const user = handlersOf("fluxark:FluxarkUser");

const groupRow = (id: string) =>
    harness.admin.get<{ name: string; server_groups: { name: string; username: string; expire_time: string }[] }>("fluxarkUserGroups", id);
/** The group's grants as FluxArk holds them, by server group name. */
const grantsOf = async (id: string) =>
    (await groupRow(id)).server_groups
        .map(({ name, username, expire_time }) => ({ name, username, expire_time }))
        .sort((a, b) => a.name.localeCompare(b.name));

beforeAll(async () => {
    await up(server, { name: "grant-host", ipAddr: "10.3.0.1", groups: ["web", "db", "cache"] });
});

test("create makes the group and its grants; usernames are normalised, grants sorted", async () => {
    const { id, outs } = await up(group, {
        name: "devs",
        grants: [
            { serverGroup: "web", username: ["deploy", "app"] },
            { serverGroup: "db", username: "*", expireTime: "2099-06-01T00:00:00Z" },
        ],
    });
    expect(id).toBe(String(outs.groupId));
    expect(outs.grants).toEqual([
        { serverGroup: "db", username: "*", expireTime: "2099-06-01 00:00:00" },
        { serverGroup: "web", username: "app,deploy" },
    ]);
    expect(await grantsOf(id)).toEqual([
        { name: "db", username: "*", expire_time: "2099-06-01 00:00:00" },
        { name: "web", username: "app,deploy", expire_time: "" },
    ]);
});

test("read shows grants added or removed out of band; a grant's username cannot be read back", async () => {
    const { id, outs, inputs } = await up(group, { name: "ops", grants: [{ serverGroup: "web", username: "root" }] });
    expect((await refresh(group, id, outs)).inputs).toEqual(inputs);

    await harness.admin.patch("fluxarkUserGroups", id, {
        server_groups: [
            { id: 900, name: "web", username: "someone-else", expire_time: "" },
            { id: 901, name: "cache", username: "", expire_time: "" },
        ],
    });
    const drifted = await refresh(group, id, outs);
    expect(drifted.inputs).toEqual({
        name: "ops",
        grants: [
            { serverGroup: "cache", username: "(set outside Pulumi)" },
            { serverGroup: "web", username: "root" },
        ],
    });
    expect(await group.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("a changed grant is removed and added again; other grants stay; a new name replaces", async () => {
    const { id, outs } = await up(group, { name: "qa", grants: [{ serverGroup: "web" }, { serverGroup: "db" }] });
    const { outs: updated } = await change(group, id, outs, {
        name: "qa",
        grants: [{ serverGroup: "web", username: "tester" }, { serverGroup: "cache" }],
    });
    expect(updated.grants).toEqual([
        { serverGroup: "cache", username: "" },
        { serverGroup: "web", username: "tester" },
    ]);
    expect(await grantsOf(id)).toEqual([
        { name: "cache", username: "", expire_time: "" },
        { name: "web", username: "tester", expire_time: "" },
    ]);

    const renamed = await checked(group, { name: "qa2" }, updated);
    expect(await group.diff(id, updated, renamed)).toMatchObject({ changes: true, replaces: ["name"] });
});

test("delete removes the group and its members leave it; a group gone out of band deletes cleanly and is dropped", async () => {
    const { id, outs } = await up(group, { name: "temp" });
    const member = await up(user, {
        username: "tim",
        email: "tim@example.com",
        password: "tim-Passw0rd",
        fullName: "Tim",
        authType: "password",
        groups: ["temp"],
    });
    await group.delete(id, outs);
    expect((await harness.admin.list("fluxarkUserGroups")).map((g) => String(g.id))).not.toContain(id);
    expect((await harness.admin.get("fluxarkUsers", member.id)).groups).toEqual([]);
    expect((await refresh(user, member.id, member.outs)).inputs).toMatchObject({ groups: [] });
    await expect(group.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(group, id, outs)).toEqual({});
});

test("adopt takes an existing group over when the name matches: undeclared grants go, a grant declared without username and expiry stays as it is", async () => {
    const existing = await up(group, { name: "legacy", grants: [{ serverGroup: "web", username: "old" }, { serverGroup: "db" }] });
    const wrong = await checked(group, { name: "other", adopt: existing.id });
    await expect(group.create(wrong)).rejects.toThrow(/is "legacy", not "other"/);

    const { id, outs } = await up(group, { name: "legacy", grants: [{ serverGroup: "web" }], adopt: existing.id });
    expect(id).toBe(existing.id);
    // FluxArk cannot tell the web grant's username or expiry, and the program set neither: it is left alone, and the state says so.
    expect(outs).toMatchObject({ groupId: Number(existing.id), grants: [{ serverGroup: "web", username: GRANT_SET_OUTSIDE }] });
    expect(await grantsOf(id)).toEqual([{ name: "web", username: "old", expire_time: "" }]);
    // The next run declares the same: no change, and nothing is sent.
    const again = await checked(group, { name: "legacy", grants: [{ serverGroup: "web" }] }, outs);
    expect(await group.diff(id, outs, again)).toMatchObject({ changes: false });
});

test("adopt re-creates a declared grant as declared (removed first, so access narrows in between), whatever FluxArk held", async () => {
    const existing = await up(group, { name: "wide", grants: [{ serverGroup: "web", username: "*" }] });
    await harness.admin.clearRequests();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    const { outs } = await up(group, {
        name: "wide",
        grants: [{ serverGroup: "web", username: "deploy", expireTime: tomorrow }],
        adopt: existing.id,
    });
    const [grant] = await grantsOf(existing.id);
    expect(grant).toMatchObject({ name: "web", username: "deploy" });
    expect(grant!.expire_time).toBe((outs.grants as { expireTime: string }[])[0]!.expireTime);
    const calls = (await harness.admin.requests()).map((r) => `${r.method} ${r.path}`).filter((c) => c.includes("/server_group"));
    expect(calls).toEqual([expect.stringMatching(/^DELETE .*\/server_groups?\/web$/), expect.stringMatching(/^POST .*\/server_groups$/)]);
});

test("adopt refuses, before any change, a grant declared with only one of username and expiry", async () => {
    const existing = await up(group, { name: "half", grants: [{ serverGroup: "web", username: "*" }, { serverGroup: "db" }] });
    const inputs = await checked(group, { name: "half", grants: [{ serverGroup: "web", username: "deploy" }], adopt: existing.id });
    await expect(group.create(inputs)).rejects.toThrow(
        /grants\[0\]\.expireTime is required to change the grant of "web", which was made outside Pulumi/,
    );
    expect(await grantsOf(existing.id)).toEqual([
        { name: "db", username: "", expire_time: "" },
        { name: "web", username: "*", expire_time: "" },
    ]);
});

test("a grant a refresh found made outside Pulumi: left alone while declared bare, re-created once declared in full, refused half declared", async () => {
    const { id, outs } = await up(group, { name: "found", grants: [] });
    await harness.admin.patch("fluxarkUserGroups", id, { server_groups: [{ id: 950, name: "web", username: "*", expire_time: "" }] });
    const found = (await refresh(group, id, outs)).props!;
    const bare = await checked(group, { name: "found", grants: [{ serverGroup: "web" }] }, found);
    expect(await group.diff(id, found, bare)).toMatchObject({ changes: false });
    // Half declared, the plan itself fails (the preview says why), before any call.
    const half = await checked(group, { name: "found", grants: [{ serverGroup: "web", expireTime: "never" }] }, found);
    await expect(group.diff(id, found, half)).rejects.toThrow(
        /grants\[0\]\.username is required to change the grant of "web", which was made outside Pulumi/,
    );
    const { outs: full } = await change(group, id, found, {
        name: "found",
        grants: [{ serverGroup: "web", username: "root", expireTime: "never" }],
    });
    expect(full.grants).toEqual([{ serverGroup: "web", username: "root", expireTime: "never" }]);
    expect(await grantsOf(id)).toEqual([{ name: "web", username: "root", expire_time: "" }]);
    // "never" and unset are the same for a grant whose expiry is known: no change either way.
    const unset = await checked(group, { name: "found", grants: [{ serverGroup: "web", username: "root" }] }, full);
    expect(await group.diff(id, full, unset)).toMatchObject({ changes: false });
});

test("a grant's access metadata changes nothing in FluxArk: no grant removed or added, nothing of it sent", async () => {
    const grant = { serverGroup: "web", username: "deploy", expireTime: "2099-01-01 00:00:00", reason: "on-call week", requestedBy: "lee" };
    const { id, outs } = await up(group, { name: "oncall", grants: [grant] });
    expect(outs.grants).toEqual([grant]);
    harness.emulator.requestLog.length = 0;
    const { outs: updated } = await change(group, id, outs, {
        name: "oncall",
        grants: [{ ...grant, reason: "on-call week 2", approvedBy: "sam" }],
    });
    expect(updated.grants).toEqual([{ ...grant, reason: "on-call week 2", approvedBy: "sam" }]);
    expect(harness.emulator.requestLog.filter((q) => q.method !== "GET")).toEqual([]);
    expect(JSON.stringify(await groupRow(id))).not.toContain("on-call week");
    expect((await refresh(group, id, updated)).inputs).toMatchObject({
        grants: [{ ...grant, reason: "on-call week 2", approvedBy: "sam" }],
    });
});
