/** KcareKey through its handlers against the emulator: the key, its CIDRs and its servers as the portal holds them. */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { change, checked, handlersOf, refresh, up, useEmulator, warningsOf } from "../helpers/provider-harness";

const harness = useEmulator();
const kcare = handlersOf("tuxcare:KcareKey");

const keyRow = (key: unknown) => harness.admin.get("kcareKeys", String(key));

test("create makes the key with its CIDRs; the id is a fingerprint, never the key", async () => {
    const { id, outs } = await up(kcare, { limit: 5, note: "web", cidrs: ["10.1.0.0/16", "2001:DB8::/32"] });
    expect(id).toMatch(/^kcare-[0-9a-f]{16}$/);
    expect(id).not.toContain(String(outs.key));
    expect(outs).toMatchObject({ limit: 5, note: "web", cidrs: ["10.1.0.0/16", "2001:db8::/32"], enabled: true, servers: [] });
    expect(await keyRow(outs.key)).toMatchObject({
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        limit: 5,
        note: "web",
        cidrs: ["10.1.0.0/16", "2001:db8::/32"],
    });
});

test("read after create shows no drift; limit and note changed out of band show in the inputs, CIDRs cannot", async () => {
    const { id, outs, inputs } = await up(kcare, { limit: 2, note: "db", cidrs: ["10.2.0.0/16"] });
    const clean = await refresh(kcare, id, outs);
    expect(clean.inputs).toEqual({ limit: 2, note: "db", cidrs: ["10.2.0.0/16"] });
    expect((await kcare.diff(id, clean.props!, inputs)).changes).toBe(false);

    await harness.admin.patch("kcareKeys", String(outs.key), { limit: 9, note: "changed by hand", cidrs: ["192.0.2.0/24"] });
    const drifted = await refresh(kcare, id, outs);
    expect(drifted.inputs).toEqual({ limit: 9, note: "changed by hand", cidrs: ["10.2.0.0/16"] });
    expect(await kcare.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: ["limit", "note"] });
});

test("a CIDR change updates in place; limit or note replaces, warning with the servers that lose their license", async () => {
    const { id, outs } = await up(kcare, { limit: 3, note: "app" });
    const { diff, outs: updated } = await change(kcare, id, outs, { limit: 3, note: "app", cidrs: ["10.3.0.0/16"] });
    expect(diff.changes).toBe(true);
    expect(updated.cidrs).toEqual(["10.3.0.0/16"]);
    expect((await keyRow(outs.key)).cidrs).toEqual(["10.3.0.0/16"]);

    await harness.admin.put("kcareServers", "srv-app-1", {
        id: "srv-app-1",
        key: outs.key,
        ip: "192.0.2.7",
        hostname: "app1",
        created: "2026-01-01T00:00+0000",
    });
    const news = await checked(kcare, { limit: 4, note: "app" }, updated);
    let replace: unknown;
    const warnings = await warningsOf(async () => (replace = await kcare.diff(id, updated, news)));
    expect(replace).toMatchObject({ changes: true, replaces: ["limit"] });
    expect(warnings).toContain("192.0.2.7");
});

test("delete removes the key and warns with the servers it strands; deleting it again succeeds", async () => {
    const { id, outs } = await up(kcare, { limit: 1, note: "gone" });
    await harness.admin.put("kcareServers", "srv-gone-1", {
        id: "srv-gone-1",
        key: outs.key,
        ip: "192.0.2.8",
        hostname: "g1",
        created: "2026-01-01T00:00+0000",
    });
    const warnings = await warningsOf(() => kcare.delete(id, outs));
    expect(warnings).toContain("192.0.2.8");
    expect((await harness.admin.list("kcareKeys")).map((k) => k.key)).not.toContain(outs.key);
    await expect(kcare.delete(id, outs)).resolves.toBeUndefined();
});

test("a key deleted out of band is dropped by read", async () => {
    const { id, outs } = await up(kcare, { limit: 1, note: "dropped" });
    await harness.admin.remove("kcareKeys", String(outs.key));
    expect(await refresh(kcare, id, outs)).toEqual({});
});

describe("adopt", () => {
    const existing = "ADOPTME1234567890abc";
    beforeAll(async () => {
        await harness.admin.put("kcareKeys", existing, {
            key: existing,
            owner: DEFAULT_TUXCARE_ACCOUNT.login,
            enabled: true,
            created: "2026-01-01T00:00+0000",
            limit: 7,
            note: "legacy",
            cidrs: ["198.51.100.0/24"],
        });
    });

    test("a limit or note that differs from the key fails naming it, and changes nothing", async () => {
        const inputs = await checked(kcare, { limit: 8, note: "legacy", adopt: existing });
        await expect(kcare.create(inputs)).rejects.toThrow(/limit is 7, the inputs say 8/);
        expect((await keyRow(existing)).limit).toBe(7);
    });

    test("takes the key over; unset cidrs are not sent, so its CIDRs stay, and state does not claim any", async () => {
        await harness.admin.clearRequests();
        const { id, outs } = await up(kcare, { limit: 7, note: "legacy", adopt: existing });
        expect(id).toMatch(/^kcare-[0-9a-f]{16}$/);
        expect(outs).toMatchObject({ key: existing, limit: 7, note: "legacy", created: "2026-01-01T00:00+0000" });
        expect(outs.cidrs).toBeUndefined();
        expect((await keyRow(existing)).cidrs).toEqual(["198.51.100.0/24"]);
        expect((await harness.admin.requests()).map((r) => r.path)).not.toContainEqual(expect.stringContaining("set_cidr"));
        expect((await harness.admin.list("kcareKeys")).filter((k) => k.note === "legacy")).toHaveLength(1);
        // Declared later, even empty, they are set: [] clears them.
        const { outs: cleared } = await change(kcare, id, outs, { limit: 7, note: "legacy", adopt: existing, cidrs: [] });
        expect(cleared.cidrs).toEqual([]);
        expect((await keyRow(existing)).cidrs).toEqual([]);

        // A second resource of this process adopting it is refused, without showing the key.
        const second = await kcare
            .create(await checked(kcare, { limit: 7, note: "legacy", adopt: existing }))
            .catch((e: Error) => e.message);
        expect(second).toMatch(/adopt: the KernelCare key given already belongs to another resource of this deployment/);
        expect(second).not.toContain(existing);
    });

    test("a key the account does not hold is refused", async () => {
        const inputs = await checked(kcare, { limit: 1, adopt: "NOSUCHKEY123456" });
        await expect(kcare.create(inputs)).rejects.toThrow(/not in this account/);
    });
});
