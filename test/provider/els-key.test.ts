/** ElsKey through its handlers against the emulator: limit and note in place, the product by replacement. */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { change, checked, handlersOf, refresh, up, useEmulator, warningsOf } from "../helpers/provider-harness";

const harness = useEmulator();
const els = handlersOf("tuxcare:ElsKey");

const keyRow = (key: unknown) => harness.admin.get("elsKeys", String(key));

test("create makes a key of the product; the id is a fingerprint, never the key", async () => {
    const { id, outs } = await up(els, { productCode: "CELS", limit: 10, note: "centos fleet" });
    expect(id).toMatch(/^els-[0-9a-f]{16}$/);
    expect(String(outs.key)).toMatch(/^CELS-/);
    expect(outs).toMatchObject({ productCode: "CELS", limit: 10, usageLimit: 10, note: "centos fleet", servers: [] });
    expect(await keyRow(outs.key)).toMatchObject({
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        productCode: "CELS",
        usageLimit: 10,
        description: "centos fleet",
    });
});

test("read shows no drift after create, and limit, note and servers changed out of band", async () => {
    const { id, outs, inputs } = await up(els, { productCode: "OELS", limit: 2, note: "oracle" });
    expect((await refresh(els, id, outs)).inputs).toEqual({ productCode: "OELS", limit: 2, note: "oracle" });

    await harness.admin.patch("elsKeys", String(outs.key), { usageLimit: 6, description: "by hand" });
    await harness.admin.put("elsServers", "els-srv-1", { id: "els-srv-1", key: outs.key, ip: "192.0.2.20", hostname: "ol1" });
    const drifted = await refresh(els, id, outs);
    expect(drifted.inputs).toEqual({ productCode: "OELS", limit: 6, note: "by hand" });
    expect(drifted.props).toMatchObject({ usageLimit: 6, servers: [{ id: "els-srv-1", ip: "192.0.2.20", hostname: "ol1" }] });
    expect(await els.diff(id, drifted.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
});

test("limit and note update in place; a product change replaces", async () => {
    const { id, outs } = await up(els, { productCode: "UELS18", limit: 1, note: "ubuntu" });
    const { outs: updated } = await change(els, id, outs, { productCode: "UELS18", limit: 3, note: "" });
    expect(updated).toMatchObject({ key: outs.key, limit: 3, usageLimit: 3, note: "" });
    expect(await keyRow(outs.key)).toMatchObject({ usageLimit: 3, description: null });

    const news = await checked(els, { productCode: "UELS16", limit: 3 }, updated);
    expect(await els.diff(id, updated, news)).toMatchObject({ changes: true, replaces: ["productCode"] });
});

test("delete removes the key with its servers and warns with them; a key already gone deletes cleanly", async () => {
    const { id, outs } = await up(els, { productCode: "ESU", limit: 1 });
    await harness.admin.put("elsServers", "els-srv-2", { id: "els-srv-2", key: outs.key, ip: "192.0.2.21", hostname: "alma1" });
    expect(await warningsOf(() => els.delete(id, outs))).toContain("192.0.2.21");
    expect((await harness.admin.list("elsKeys")).map((k) => k.key)).not.toContain(outs.key);
    expect((await harness.admin.list("elsServers")).map((s) => s.id)).not.toContain("els-srv-2");
    await expect(els.delete(id, outs)).resolves.toBeUndefined();
});

test("a key deleted out of band is dropped by read", async () => {
    const { id, outs } = await up(els, { productCode: "PHP_ELS", limit: 1 });
    await harness.admin.remove("elsKeys", String(outs.key));
    expect(await refresh(els, id, outs)).toEqual({});
});

test("adopt takes an existing key over, sets limit and note to the inputs, and shows its servers", async () => {
    const key = "PYTHON_ELS-LEGACY1234567890";
    await harness.admin.put("elsKeys", key, {
        key,
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        productCode: "PYTHON_ELS",
        usageLimit: 1,
        description: null,
    });
    await harness.admin.put("elsServers", "els-srv-3", { id: "els-srv-3", key, ip: "192.0.2.22", hostname: "py1" });
    const { id, outs } = await up(els, { productCode: "PYTHON_ELS", limit: 4, note: "adopted", adopt: key });
    expect(id).toMatch(/^els-[0-9a-f]{16}$/);
    expect(outs).toMatchObject({ key, limit: 4, note: "adopted", servers: [{ id: "els-srv-3" }] });
    expect(await keyRow(key)).toMatchObject({ usageLimit: 4, description: "adopted" });

    // A second resource adopting the same key is refused before the key is changed; the message does not show the key.
    const second = await els
        .create(await checked(els, { productCode: "PYTHON_ELS", limit: 9, note: "second owner", adopt: key }))
        .catch((e: Error) => e.message);
    expect(second).toMatch(/adopt: the PYTHON_ELS key given already belongs to another resource of this deployment/);
    expect(second).not.toContain(key);
    expect(await keyRow(key)).toMatchObject({ usageLimit: 4, description: "adopted" });

    const missing = await checked(els, { productCode: "CELS_8", limit: 1, adopt: "CELS_8-NOSUCHKEY12345" });
    await expect(els.create(missing)).rejects.toThrow(/CELS_8 key given is not in this account/);
});
