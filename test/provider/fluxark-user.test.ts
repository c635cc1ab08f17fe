/** FluxarkUser through its handlers against the emulator: partial updates, a write-only password, deactivate or delete. */
import { change, checked, handlersOf, refresh, up, useEmulator, warningsOf } from "../helpers/provider-harness";

const harness = useEmulator();
const user = handlersOf("fluxark:FluxarkUser");
const group = handlersOf("fluxark:UserGroup");

const userRow = (id: string) => harness.admin.get("fluxarkUsers", id);
const person = (username: string) => ({
    username,
    email: `${username}@example.com`,
    password: `${username}-Passw0rd`,
    fullName: username.toUpperCase(),
    authType: "password",
});

beforeAll(async () => {
    await up(group, { name: "devs" });
    await up(group, { name: "ops" });
});

test("create makes the user; the allow list is sent as FluxArk's text and kept as a sorted set", async () => {
    const { id, outs } = await up(user, { ...person("ana"), ipAllowList: ["10.0.0.0/8", "192.0.2.7/32", "2001:DB8::1"], groups: ["devs"] });
    expect(id).toBe(String(outs.userId));
    expect(outs).toMatchObject({
        username: "ana",
        ipAllowList: ["10.0.0.0/8", "192.0.2.7", "2001:db8::1"],
        groups: ["devs"],
        deletionPolicy: "deactivate",
        active: true,
    });
    expect(await userRow(id)).toMatchObject({
        username: "ana",
        email: "ana@example.com",
        password: "ana-Passw0rd",
        ip_allow_list: "10.0.0.0/8,192.0.2.7,2001:db8::1",
        groups: ["devs"],
        active: 1,
    });
});

test("read shows fields changed out of band; the password and fields the list leaves out keep their values", async () => {
    const { id, outs, inputs } = await up(user, { ...person("ben"), comment: "on call" });
    expect((await refresh(user, id, outs)).inputs).toEqual(inputs);

    await harness.admin.patch("fluxarkUsers", id, {
        email: "ben@elsewhere.example",
        active: 0,
        ip_allow_list: "127.0.0.1/24, 10.1.1.1",
        groups: ["ops"],
        comment: "changed",
        password: "changed-by-hand",
    });
    const drifted = await refresh(user, id, outs);
    expect(drifted.inputs).toEqual({
        ...inputs,
        email: "ben@elsewhere.example",
        active: false,
        ipAllowList: ["10.1.1.1", "127.0.0.0/24"],
        groups: ["ops"],
    });
    expect(await user.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("an update sends only the changed fields; a new username replaces", async () => {
    const { id, outs } = await up(user, person("cai"));
    await harness.admin.patch("fluxarkUsers", id, { comment: "kept: not in the update" });
    const { outs: updated } = await change(user, id, outs, {
        ...person("cai"),
        password: "cai-Passw0rd-2",
        serverAdmin: true,
        groups: ["ops"],
    });
    expect(updated).toMatchObject({ serverAdmin: true, groups: ["ops"], userId: outs.userId });
    expect(await userRow(id)).toMatchObject({
        password: "cai-Passw0rd-2",
        server_admin: 1,
        groups: ["ops"],
        comment: "kept: not in the update",
    });

    const renamed = await checked(user, person("cai2"), updated);
    expect(await user.diff(id, updated, renamed)).toMatchObject({ changes: true, replaces: ["username"] });
});

test('delete deactivates by default, warning that the logs stay; deletionPolicy "delete" removes the user', async () => {
    const kept = await up(user, person("dan"));
    expect(await warningsOf(() => user.delete(kept.id, kept.outs))).toContain('user "dan" was deactivated, not deleted');
    expect((await userRow(kept.id)).active).toBe(0);

    const removed = await up(user, { ...person("eve"), deletionPolicy: "delete" });
    await user.delete(removed.id, removed.outs);
    expect((await harness.admin.list("fluxarkUsers")).map((u) => String(u.id))).not.toContain(removed.id);
    await expect(user.delete(removed.id, removed.outs)).resolves.toBeUndefined();
    expect(await refresh(user, removed.id, removed.outs)).toEqual({});
});

test("adopt takes an existing user over when the username matches", async () => {
    const existing = await up(user, person("fay"));
    const wrongName = await checked(user, { ...person("gus"), adopt: existing.id });
    await expect(user.create(wrongName)).rejects.toThrow(/user \d+ is "fay", not "gus"/);

    const { password: _none, ...withoutPassword } = person("fay");
    const { id, outs } = await up(user, { ...withoutPassword, fullName: "Fay Adopted", adopt: existing.id });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ userId: Number(existing.id), fullName: "Fay Adopted" });
    expect(await userRow(id)).toMatchObject({ full_name: "Fay Adopted", password: "fay-Passw0rd" });
});

test("adopt leaves what the program does not set as it is: the key and comment are not sent, nor erased", async () => {
    const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyOfHal hal@laptop";
    const existing = await up(user, { ...person("hal"), authType: "key", sshKey: KEY, comment: "ops lead" });
    await harness.admin.clearRequests();
    const { password: _p, ...declared } = { ...person("hal"), authType: "key", fullName: "Hal Adopted" };
    const { id, outs } = await up(user, { ...declared, adopt: existing.id });
    expect(await userRow(id)).toMatchObject({ ssh_key: KEY, comment: "ops lead", full_name: "Hal Adopted", password: "hal-Passw0rd" });
    const sent = (await harness.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith(`/users/${id}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).not.toHaveProperty("ssh_key");
    expect(sent[0]!.body).not.toHaveProperty("comment");
    expect(sent[0]!.body).not.toHaveProperty("password");
    // Later runs that still leave them unset plan no change, and an update of another field does not send them either.
    const same = await checked(user, { ...declared }, outs);
    expect(await user.diff(id, outs, same)).toMatchObject({ changes: false });
    await change(user, id, outs, { ...declared, fullName: "Hal Again" });
    expect(await userRow(id)).toMatchObject({ ssh_key: KEY, comment: "ops lead", full_name: "Hal Again" });
});

test("a password and, for key auth, a key are needed only to create a user: not for one in the stack (imported or adopted)", async () => {
    const { password: _p, ...noPassword } = person("ida");
    expect((await user.check({}, noPassword)).failures).toEqual([
        { property: "password", reason: expect.stringMatching(/required to create a user/) },
    ]);
    expect((await user.check({}, { ...noPassword, password: "ida-Passw0rd", authType: "key" })).failures).toEqual([
        { property: "sshKey", reason: expect.stringMatching(/required when authType is "key"/) },
    ]);
    // An import checks the inputs it read against themselves: the user exists, no password is needed.
    const imported = { ...noPassword, authType: "key", active: true };
    expect((await user.check(imported, imported)).failures).toBeUndefined();
    // A new username replaces the user: that one is created, and needs its password.
    expect((await user.check(imported, { ...imported, username: "ida2" })).failures).toEqual(
        expect.arrayContaining([{ property: "password", reason: expect.stringMatching(/required/) }]),
    );
});
