/** IpLicense through its handlers against the emulator: register, elsAllowed in place, adopt, remove. */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { change, checked, handlersOf, refresh, up, useEmulator } from "../helpers/provider-harness";

const harness = useEmulator();
const ipl = handlersOf("tuxcare:IpLicense");

const licenseRow = (id: string) => harness.admin.get("ipLicenses", id);

test("create registers the license under ip:type, the type given by name stored as its number", async () => {
    const { id, outs } = await up(ipl, { ip: "203.0.113.10", type: "kernelcare", elsAllowed: true });
    expect(id).toBe("203.0.113.10:16");
    expect(outs).toMatchObject({ ip: "203.0.113.10", type: 16, elsAllowed: true, registered: false, adopt: false });
    expect(outs.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(await licenseRow(id)).toMatchObject({ owner: DEFAULT_TUXCARE_ACCOUNT.login, elsAllowed: true });
});

test("read shows registration changed out of band; elsAllowed cannot be read back", async () => {
    const { id, outs, inputs } = await up(ipl, { ip: "203.0.113.11", type: 1 });
    expect((await refresh(ipl, id, outs)).inputs).toEqual({ ip: "203.0.113.11", type: 1, elsAllowed: false, adopt: false });

    await harness.admin.patch("ipLicenses", id, { registered: true, elsAllowed: true });
    const drifted = await refresh(ipl, id, outs);
    expect(drifted.props).toMatchObject({ registered: true });
    expect(drifted.inputs).toMatchObject({ elsAllowed: false });
    expect((await ipl.diff(id, drifted.props!, inputs)).changes).toBe(false);
});

test("elsAllowed updates in place; ip and type replace", async () => {
    const { id, outs } = await up(ipl, { ip: "203.0.113.12", type: 41 });
    const { outs: updated } = await change(ipl, id, outs, { ip: "203.0.113.12", type: 41, elsAllowed: true });
    expect(updated.elsAllowed).toBe(true);
    expect((await licenseRow(id)).elsAllowed).toBe(true);

    const news = await checked(ipl, { ip: "203.0.113.13", type: 42 }, updated);
    expect(await ipl.diff(id, updated, news)).toMatchObject({ changes: true, replaces: ["ip", "type"] });
});

test("an update of a license removed out of band fails asking for a refresh", async () => {
    const { id, outs } = await up(ipl, { ip: "203.0.113.14", type: 5 });
    await harness.admin.remove("ipLicenses", id);
    const news = await checked(ipl, { ip: "203.0.113.14", type: 5, elsAllowed: true }, outs);
    await expect(ipl.update(id, outs, news)).rejects.toThrow(/run pulumi refresh/);
    expect(await refresh(ipl, id, outs)).toEqual({});
});

test("delete removes the license; deleting it again succeeds", async () => {
    const { id, outs } = await up(ipl, { ip: "203.0.113.15", type: 17 });
    await ipl.delete(id, outs);
    expect((await harness.admin.list("ipLicenses")).map((l) => `${l.ip}:${l.type}`)).not.toContain(id);
    await expect(ipl.delete(id, outs)).resolves.toBeUndefined();
});

test("a license the account holds is refused without adopt and taken over with it", async () => {
    await harness.admin.put("ipLicenses", "203.0.113.16:49", {
        ip: "203.0.113.16",
        type: 49,
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        registered: true,
        created: "2025-06-01T10:00+0000",
        elsAllowed: false,
        serverInfo: "web16",
        lastCheckin: "2026-01-02T03:04+0000",
    });
    const plain = await checked(ipl, { ip: "203.0.113.16", type: 49 });
    await expect(ipl.create(plain)).rejects.toThrow(/already holds license type 49 for 203.0.113.16; set adopt: true/);

    const { id, outs } = await up(ipl, { ip: "203.0.113.16", type: 49, elsAllowed: true, adopt: true });
    expect(id).toBe("203.0.113.16:49");
    expect(outs).toMatchObject({
        registered: true,
        created: "2025-06-01T10:00:00.000Z",
        serverInfo: "web16",
        lastCheckin: "2026-01-02T03:04:00.000Z",
    });
    expect((await licenseRow(id)).elsAllowed).toBe(true);

    const nothing = await checked(ipl, { ip: "203.0.113.17", type: 1, adopt: true });
    await expect(ipl.create(nothing)).rejects.toThrow(/holds no license type 1 for 203.0.113.17/);
});

test("adopting a license without elsAllowed sends none: the portal's setting, which cannot be read, stays", async () => {
    await up(ipl, { ip: "203.0.113.40", type: 1, elsAllowed: true }); // the license the account holds
    await harness.admin.clearRequests();
    const { outs } = await up(ipl, { ip: "203.0.113.40", type: 1, adopt: true });
    expect(await licenseRow("203.0.113.40:1")).toMatchObject({ elsAllowed: true });
    expect((await harness.admin.requests()).map((r) => r.path)).not.toContainEqual(expect.stringContaining("/ipl/update"));
    expect(outs.elsAllowed).toBeUndefined();
    // Declared later, it is sent.
    await change(ipl, "203.0.113.40:1", outs, { ip: "203.0.113.40", type: 1, adopt: true, elsAllowed: false });
    expect(await licenseRow("203.0.113.40:1")).toMatchObject({ elsAllowed: false });
});
