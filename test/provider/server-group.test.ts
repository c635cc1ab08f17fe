/** ServerGroup through its handlers against the emulator: members set one by one, no description change, no delete. */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { change, checked, handlersOf, refresh, up, useEmulator, warningsOf } from "../helpers/provider-harness";

const harness = useEmulator();
const group = handlersOf("tuxcare:ServerGroup");

const groupRow = (name: string) => harness.admin.get("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/${name}`);

beforeAll(async () => {
    for (const n of [1, 2, 3, 4])
        await harness.admin.put("kcareServers", `kc-${n}`, {
            id: `kc-${n}`,
            key: "K",
            ip: `192.0.2.${n}`,
            hostname: `kc${n}`,
            created: "2026-01-01T00:00+0000",
        });
});

test("create makes the group with its members; the id is the name", async () => {
    const { id, outs } = await up(group, { name: "web", description: "web servers", serverIds: ["kc-2", "kc-1"] });
    expect(id).toBe("web");
    expect(outs).toMatchObject({
        name: "web",
        description: "web servers",
        serverIds: ["kc-1", "kc-2"],
        servers: [{ id: "kc-1", hostName: "kc1", ip: "192.0.2.1" }, { id: "kc-2" }],
    });
    expect(await groupRow("web")).toMatchObject({ description: "web servers", serverIds: ["kc-1", "kc-2"] });
});

test("read shows members and description changed out of band", async () => {
    const { id, outs, inputs } = await up(group, { name: "db", description: "databases", serverIds: ["kc-1"] });
    expect((await refresh(group, id, outs)).inputs).toEqual({ name: "db", description: "databases", serverIds: ["kc-1"] });

    await harness.admin.patch("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/db`, {
        description: "edited",
        serverIds: ["kc-1", "kc-3"],
    });
    const drifted = await refresh(group, id, outs);
    expect(drifted.inputs).toEqual({ name: "db", description: "edited", serverIds: ["kc-1", "kc-3"] });
    await expect(group.diff(id, drifted.props!, inputs)).rejects.toThrow(/cannot change from "edited" to "databases"/);
});

test("members are added and removed in place; a description change fails at diff, a new name replaces", async () => {
    const { id, outs } = await up(group, { name: "app", serverIds: ["kc-1", "kc-2"] });
    const { outs: updated } = await change(group, id, outs, { name: "app", serverIds: ["kc-2", "kc-3"] });
    expect(updated.serverIds).toEqual(["kc-2", "kc-3"]);
    expect((await groupRow("app")).serverIds).toEqual(["kc-2", "kc-3"]);

    const described = await checked(group, { name: "app", description: "new text", serverIds: ["kc-2", "kc-3"] }, updated);
    await expect(group.diff(id, updated, described)).rejects.toThrow(/no call to update a group's description/);
    const renamed = await checked(group, { name: "app2", description: "new text" }, updated);
    expect(await group.diff(id, updated, renamed)).toMatchObject({ changes: true, replaces: ["name"] });
});

test("a member server removed from the portal leaves the group; up then fails naming serverIds and the server", async () => {
    const { id, outs } = await up(group, { name: "cache", serverIds: ["kc-4"] });
    await harness.admin.remove("kcareServers", "kc-4");
    await harness.admin.patch("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/cache`, { serverIds: [] });
    const drifted = await refresh(group, id, outs);
    expect(drifted.inputs).toMatchObject({ serverIds: [] });
    const news = await checked(group, { name: "cache", serverIds: ["kc-4"] }, drifted.props);
    await expect(group.update(id, drifted.props!, news)).rejects.toThrow(/serverIds: server group "cache" cannot take kc-4/);
});

test("delete empties the group and warns that it stays; a group gone out of band is dropped", async () => {
    const { id, outs } = await up(group, { name: "tmp", serverIds: ["kc-1"] });
    expect(await warningsOf(() => group.delete(id, outs))).toContain('server group "tmp" is now empty but stays');
    expect((await groupRow("tmp")).serverIds).toEqual([]);

    await harness.admin.remove("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/tmp`);
    expect(await refresh(group, id, outs)).toEqual({});
    await expect(group.delete(id, outs)).resolves.toBeUndefined();
});

test("creating a group whose name exists adopts it when the description matches, and sets its members", async () => {
    await harness.admin.put("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/legacy`, {
        id: `${DEFAULT_TUXCARE_ACCOUNT.login}/legacy`,
        name: "legacy",
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        description: "old",
        serverIds: ["kc-1", "kc-2"],
    });
    const wrong = await checked(group, { name: "legacy", description: "other" });
    await expect(group.create(wrong)).rejects.toThrow(/cannot change from "old" to "other"/);

    const { id, outs } = await up(group, { name: "legacy", description: "old", serverIds: ["kc-3"] });
    expect(id).toBe("legacy");
    expect(outs.serverIds).toEqual(["kc-3"]);
    expect((await groupRow("legacy")).serverIds).toEqual(["kc-3"]);
});
