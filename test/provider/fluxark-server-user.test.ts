/** FluxarkServerUser through its handlers against the emulator: partial updates, a write-only password, its server as parent. */
import { change, checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-harness";

const harness = useEmulator();
const server = handlersOf("fluxark:FluxarkServer");
const remote = handlersOf("fluxark:FluxarkServerUser");

const userRow = (id: string) => harness.admin.get("fluxarkServerUsers", id);
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
let serverId: number;

beforeAll(async () => {
    serverId = Number((await up(server, { name: "host-a", ipAddr: "10.1.0.1", port: 2022 })).id);
});

test("create makes the remote user on its server; hasPassword says a password is set, never what it is", async () => {
    const { id, outs } = await up(remote, { serverId, username: "deploy", password: "deploy-Passw0rd" });
    expect(id).toBe(String(outs.userServerId));
    expect(outs).toMatchObject({
        serverId,
        username: "deploy",
        authMethod: "password",
        port: 22,
        active: true,
        defaultUser: false,
        hasPassword: true,
    });
    expect(await userRow(id)).toMatchObject({
        server_id: serverId,
        username: "deploy",
        password: "deploy-Passw0rd",
        auth_method: "password",
    });
});

test("read shows fields changed out of band; a password changed there cannot be seen", async () => {
    const { id, outs, inputs } = await up(remote, { serverId, username: "backup", authMethod: "key", sshKey: PRIVATE_KEY });
    expect((await refresh(remote, id, outs)).inputs).toEqual(inputs);

    await harness.admin.patch("fluxarkServerUsers", id, { port: 2200, active: 0, default_user: 1, password: "set-by-hand-1" });
    const drifted = await refresh(remote, id, outs);
    expect(drifted.inputs).toEqual({ ...inputs, port: 2200, active: false, defaultUser: true });
    expect(drifted.props).toMatchObject({ hasPassword: true });
    expect(await remote.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("an update sends only the changed fields; the password is applied when its input changes; a new server replaces", async () => {
    const { id, outs } = await up(remote, { serverId, username: "ops", password: "ops-Passw0rd-1", port: 2201 });
    await harness.admin.patch("fluxarkServerUsers", id, { ssh_key: "kept: not in the update" });
    const { outs: updated } = await change(remote, id, outs, {
        serverId,
        username: "ops",
        password: "ops-Passw0rd-2",
        port: 2201,
        active: false,
    });
    expect(updated).toMatchObject({ active: false, hasPassword: true });
    expect(await userRow(id)).toMatchObject({ password: "ops-Passw0rd-2", active: 0, port: 2201, ssh_key: "kept: not in the update" });

    const moved = await checked(remote, { serverId: serverId + 1000, username: "ops", password: "ops-Passw0rd-2" }, updated);
    expect(await remote.diff(id, updated, moved)).toMatchObject({ changes: true, replaces: ["serverId"] });
});

test("delete removes the remote user; one already gone deletes cleanly and is dropped by read", async () => {
    const { id, outs } = await up(remote, { serverId, username: "temp", password: "temp-Passw0rd" });
    await remote.delete(id, outs);
    expect((await harness.admin.list("fluxarkServerUsers")).map((u) => String(u.id))).not.toContain(id);
    await expect(remote.delete(id, outs)).resolves.toBeUndefined();
    expect(await refresh(remote, id, outs)).toEqual({});
});

test("a remote user whose server was deleted out of band is dropped by read, and its delete succeeds", async () => {
    const parent = await up(server, { name: "host-b", ipAddr: "10.1.0.2" });
    const { id, outs } = await up(remote, { serverId: Number(parent.id), username: "root", password: "root-Passw0rd" });
    await harness.admin.remove("fluxarkServers", parent.id);
    expect(await refresh(remote, id, outs)).toEqual({});
    await expect(remote.delete(id, outs)).resolves.toBeUndefined();
});

test("adopt takes an existing remote user over without its credentials, and sets the declared fields", async () => {
    const existing = await up(remote, { serverId, username: "legacy", password: "legacy-Passw0rd" });
    const { id, outs } = await up(remote, { serverId, username: "legacy", port: 2300, adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ userServerId: Number(existing.id), hasPassword: true });
    expect(await userRow(id)).toMatchObject({ port: 2300, password: "legacy-Passw0rd" });

    const missing = await checked(remote, { serverId, username: "ghost", adopt: 99_999 });
    await expect(remote.create(missing)).rejects.toThrow(/has no remote user with id 99999/);
});

test("adopt leaves the private key as it is when the program does not set it; an import needs no credentials", async () => {
    const existing = await up(remote, { serverId, username: "keyed", authMethod: "key", sshKey: PRIVATE_KEY });
    await harness.admin.clearRequests();
    const { id, outs } = await up(remote, { serverId, username: "keyed", authMethod: "key", port: 2201, adopt: existing.id });
    expect(await userRow(id)).toMatchObject({ ssh_key: PRIVATE_KEY, port: 2201 });
    const sent = (await harness.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith(`/users/${id}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).not.toHaveProperty("ssh_key");
    // Left unset, the key is not managed: a refresh does not put it in the inputs, and a program still leaving it unset plans no change.
    const refreshed = await refresh(remote, id, outs);
    expect(refreshed.inputs).not.toHaveProperty("sshKey");
    const read = refreshed.props!;
    const same = await checked(remote, { serverId, username: "keyed", authMethod: "key", port: 2201 }, read);
    expect(await remote.diff(id, read, same)).toMatchObject({ changes: false });

    const imported = { serverId, username: "keyed", authMethod: "key-pass", port: 22, active: true, defaultUser: false };
    expect((await remote.check(imported, imported)).failures).toBeUndefined();
    expect((await remote.check({}, imported)).failures).toEqual(
        expect.arrayContaining([
            { property: "sshKey", reason: expect.stringMatching(/required/) },
            { property: "password", reason: expect.stringMatching(/required/) },
        ]),
    );
});
