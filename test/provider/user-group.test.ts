/** UserGroup through its handlers against the emulator: grants added and removed one by one, no rename. */
import { change, checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-bench";

const bench = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");
const group = handlersOf("fluxark:UserGroup");
const user = handlersOf("fluxark:FluxarkUser");

const groupRow = (id: string) => bench.admin.get<{ name: string; server_groups: { name: string; username: string; expire_time: string }[] }>("fluxarkUserGroups", id);
/** The group's grants as FluxArk holds them, by server group name. */
const grantsOf = async (id: string) =>
    (await groupRow(id)).server_groups.map(({ name, username, expire_time }) => ({ name, username, expire_time })).sort((a, b) => a.name.localeCompare(b.name));

beforeAll(async () => {
    await up(server, { name: "grant-host", ipAddr: "10.3.0.1", groups: ["web", "db", "cache"] });
});

test("create makes the group and its grants; usernames are normalised, grants sorted", async () => {
    const { id, outs } = await up(group, { name: "devs", grants: [{ serverGroup: "web", username: ["deploy", "app"] }, { serverGroup: "db", username: "*", expireTime: "2099-06-01T00:00:00Z" }] });
    expect(id).toBe(String(outs.groupId));
    expect(outs.grants).toEqual([{ serverGroup: "db", username: "*", expireTime: "2099-06-01 00:00:00" }, { serverGroup: "web", username: "app,deploy" }]);
    expect(await grantsOf(id)).toEqual([
        { name: "db", username: "*", expire_time: "2099-06-01 00:00:00" },
        { name: "web", username: "app,deploy", expire_time: "" },
    ]);
});

test("read shows grants added or removed out of band; a grant's username cannot be read back", async () => {
    const { id, outs, inputs } = await up(group, { name: "ops", grants: [{ serverGroup: "web", username: "root" }] });
    expect((await refresh(group, id, outs)).inputs).toEqual(inputs);

    await bench.admin.patch("fluxarkUserGroups", id, { server_groups: [{ id: 900, name: "web", username: "someone-else", expire_time: "" }, { id: 901, name: "cache", username: "", expire_time: "" }] });
    const drifted = await refresh(group, id, outs);
    expect(drifted.inputs).toEqual({ name: "ops", grants: [{ serverGroup: "cache", username: "(set outside Pulumi)" }, { serverGroup: "web", username: "root" }] });
    expect(await group.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("a changed grant is removed and added again; other grants stay; a new name replaces", async () => {
    const { id, outs } = await up(group, { name: "qa", grants: [{ serverGroup: "web" }, { serverGroup: "db" }] });
    const { outs: updated } = await change(group, id, outs, { name: "qa", grants: [{ serverGroup: "web", username: "tester" }, { serverGroup: "cache" }] });
    expect(updated.grants).toEqual([{ serverGroup: "cache", username: "" }, { serverGroup: "web", username: "tester" }]);
    expect(await grantsOf(id)).toEqual([
        { name: "cache", username: "", expire_time: "" },
        { name: "web", username: "tester", expire_time: "" },
    ]);

    const renamed = await checked(group, { name: "qa2" }, updated);
    expect(await group.diff(id, updated, renamed)).toMatchObject({ changes: true, replaces: ["name"] });
});

test("delete removes the group and its members leave it; a group gone out of band deletes cleanly and is dropped", async () => {
    const { id, outs } = await up(group, { name: "temp" });
    const member = await up(user, { username: "tim", email: "tim@example.com", password: "tim-Passw0rd", fullName: "Tim", authType: "password", groups: ["temp"] });
    await group.delete(id, outs);
    expect((await bench.admin.list("fluxarkUserGroups")).map((g) => String(g.id))).not.toContain(id);
    expect((await bench.admin.get("fluxarkUsers", member.id)).groups).toEqual([]);
    expect((await refresh(user, member.id, member.outs)).inputs).toMatchObject({ groups: [] });
    await expect(group.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(group, id, outs)).toEqual({});
});

test("adopt takes an existing group over when the name matches, keeping declared grants and removing the rest", async () => {
    const existing = await up(group, { name: "legacy", grants: [{ serverGroup: "web", username: "old" }, { serverGroup: "db" }] });
    const wrong = await checked(group, { name: "other", adopt: existing.id });
    await expect(group.create(wrong)).rejects.toThrow(/is "legacy", not "other"/);

    const { id, outs } = await up(group, { name: "legacy", grants: [{ serverGroup: "web", username: "new" }], adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ groupId: Number(existing.id), grants: [{ serverGroup: "web", username: "new" }] });
    // The web grant was taken as it stands (its username cannot be read); the undeclared db grant went.
    expect(await grantsOf(id)).toEqual([{ name: "web", username: "old", expire_time: "" }]);
});

test("a grant's access metadata changes nothing in FluxArk: no grant removed or added, nothing of it sent", async () => {
    const grant = { serverGroup: "web", username: "deploy", expireTime: "2099-01-01 00:00:00", reason: "on-call week", requestedBy: "lee" };
    const { id, outs } = await up(group, { name: "oncall", grants: [grant] });
    expect(outs.grants).toEqual([grant]);
    bench.emulator.requestLog.length = 0;
    const { outs: updated } = await change(group, id, outs, { name: "oncall", grants: [{ ...grant, reason: "on-call week 2", approvedBy: "sam" }] });
    expect(updated.grants).toEqual([{ ...grant, reason: "on-call week 2", approvedBy: "sam" }]);
    expect(bench.emulator.requestLog.filter((q) => q.method !== "GET")).toEqual([]);
    expect(JSON.stringify(await groupRow(id))).not.toContain("on-call week");
    expect((await refresh(group, id, updated)).inputs).toMatchObject({ grants: [{ ...grant, reason: "on-call week 2", approvedBy: "sam" }] });
});
