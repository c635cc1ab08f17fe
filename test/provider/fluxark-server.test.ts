/** FluxarkServer through its handlers against the emulator: the whole record sent on every write. */
import { change, checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-harness";

const harness = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");

const serverRow = (id: string) => harness.admin.get("fluxarkServers", id);

test("create makes the server with its defaults; the id is FluxArk's", async () => {
    const { id, outs } = await up(server, { name: "web1", ipAddr: "10.0.0.1", groups: ["web", "all", "web"] });
    expect(id).toBe(String(outs.serverId));
    expect(outs).toMatchObject({ name: "web1", ipAddr: "10.0.0.1", active: true, isJump: false, port: 22, groups: ["all", "web"] });
    expect(outs.created).not.toBe("");
    expect(await serverRow(id)).toMatchObject({ name: "web1", ip_addr: "10.0.0.1", active: 1, is_jump: 0, port: 22 });
});

test("read shows no drift after create, and every field changed out of band", async () => {
    const { id, outs, inputs } = await up(server, { name: "db1", ipAddr: "db1.example.com", port: 2222 });
    expect((await refresh(server, id, outs)).inputs).toEqual(inputs);

    await harness.admin.patch("fluxarkServers", id, { ip_addr: "10.9.9.9", active: 0, is_cron: 1, port: 22, groups: ["b", "a"] });
    const drifted = await refresh(server, id, outs);
    expect(drifted.inputs).toMatchObject({ name: "db1", ipAddr: "10.9.9.9", active: false, isCron: true, port: 22, groups: ["a", "b"] });
    expect(await server.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("an update sends the whole record: fields left out go back to their defaults", async () => {
    const { id, outs } = await up(server, { name: "app1", ipAddr: "10.0.0.3", isApi: true, port: 2200, groups: ["apps"] });
    const { outs: updated } = await change(server, id, outs, { name: "app1-renamed", ipAddr: "10.0.0.4" });
    expect(updated).toMatchObject({ name: "app1-renamed", isApi: false, port: 22, groups: [], serverId: outs.serverId });
    expect(await serverRow(id)).toMatchObject({ name: "app1-renamed", ip_addr: "10.0.0.4", is_api: 0, port: 22, groups: [] });
});

test("delete removes the server; deleting it again, or a server gone out of band, succeeds, and read drops it", async () => {
    const { id, outs } = await up(server, { name: "tmp1", ipAddr: "10.0.0.5" });
    await server.delete(id, outs);
    expect((await harness.admin.list("fluxarkServers")).map((s) => String(s.id))).not.toContain(id);
    await expect(server.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(server, id, outs)).toEqual({});
});

test("adopt takes an existing server over and sets it to the declared record", async () => {
    const existing = await up(server, { name: "legacy1", ipAddr: "10.0.0.6", isJump: true });
    const { id, outs } = await up(server, { name: "legacy1", ipAddr: "10.0.0.7", adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ serverId: Number(existing.id), adopt: Number(existing.id) });
    expect(await serverRow(id)).toMatchObject({ ip_addr: "10.0.0.7", is_jump: 0 });
    expect((await harness.admin.list("fluxarkServers")).filter((s) => s.name === "legacy1")).toHaveLength(1);

    const missing = await checked(server, { name: "ghost", ipAddr: "10.0.0.8", adopt: 99_999 });
    await expect(server.create(missing)).rejects.toThrow(/no server with id 99999/);
});
