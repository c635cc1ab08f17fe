/**
 * Contract tests of the KernelCare endpoints: the real client against the emulator, asserting
 * what was sent (method, path, arguments, the token's login) and what was parsed, with the
 * emulator answering in the envelope and in the document's bare form.
 */
import { ApiError } from "../../provider/core/errors";
import { requestLogKey, startEmulator } from "../../emulator";
import { expectLastTuxcareRequest, tuxcareClientFor, withTuxcareEmulator } from "../helpers/clients";

describe.each([
    ["enveloped", true],
    ["bare", false],
])("KernelCare API, %s answers", (_mode, envelope) => {
    const ctx = withTuxcareEmulator(envelope);

    const expectSent = (path: string, args: Record<string, string>) => expectLastTuxcareRequest(ctx.emulator, "GET", path, args);

    let key: string;

    test("key/create.json sends limit and note and returns the new key", async () => {
        key = await ctx.client.createKcareKey(2, "web fleet");
        expectSent("/kcare/key/create.json", { limit: "2", note: "web fleet" });
        expect(key).toMatch(/^[A-Za-z0-9]{16}$/);
    });

    test("key/list.json returns the account's keys", async () => {
        const keys = await ctx.client.listKcareKeys();
        expectSent("/kcare/key/list.json", {});
        expect(keys).toEqual([expect.objectContaining({ key, limit: 2, note: "web fleet", enabled: true })]);
        expect(keys[0]!.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d{4}$/);
    });

    test("key/set_cidr.json sends the list comma-separated", async () => {
        await ctx.client.setKcareKeyCidrs(key, ["10.0.0.0/8", "192.168.0.0/16"]);
        expectSent("/kcare/key/set_cidr.json", { key: requestLogKey(key), cidr: "10.0.0.0/8,192.168.0.0/16" });
        expect(ctx.emulator.store.get("kcareKeys", key)).toMatchObject({ cidrs: ["10.0.0.0/8", "192.168.0.0/16"] });
    });

    test("key/set_cidr.json maps a non-zero code to an error", async () => {
        await expect(ctx.client.setKcareKeyCidrs(key, ["10.0.0.0/99"])).rejects.toThrow(/code 2: irregular prefix/);
        await expect(ctx.client.setKcareKeyCidrs(key, ["10.0.0.0/008"])).rejects.toThrow(/code 2: irregular prefix/);
        await expect(ctx.client.setKcareKeyCidrs(key, ["10.0.0/8"])).rejects.toThrow(/code 1: irregular IP address/);
    });

    test("key/servers.json lists the servers registered with the key", async () => {
        ctx.emulator.store.put("kcareServers", "s1", {
            id: "s1",
            key,
            ip: "198.51.100.4",
            hostname: "db1",
            created: "2024-01-01T00:00+0000",
        });
        const servers = await ctx.client.listKcareKeyServers(key);
        expectSent("/kcare/key/servers.json", { key: requestLogKey(key) });
        expect(servers).toEqual([expect.objectContaining({ server_id: "s1", ip: "198.51.100.4" })]);
    });

    test("srv/remove.json removes a server, and reports one that is not there", async () => {
        await expect(ctx.client.removeKcareServer("s1")).resolves.toBe(true);
        expectSent("/kcare/srv/remove.json", { server_id: "s1" });
        await expect(ctx.client.removeKcareServer("s1")).resolves.toBe(false);
    });

    test("key/delete.json returns true, then false once the key is gone", async () => {
        await expect(ctx.client.deleteKcareKey(key)).resolves.toBe(true);
        expectSent("/kcare/key/delete.json", { key: requestLogKey(key) });
        await expect(ctx.client.deleteKcareKey(key)).resolves.toBe(false);
    });

    test("a business error (HTTP 200, success:false) becomes an ApiError with the portal's message", async () => {
        await expect(ctx.client.listKcareKeyServers("no-such-key")).rejects.toMatchObject({
            kind: "NotFound",
            message: expect.stringContaining("Key not found"),
        });
    });

    test("a wrong secret key is an Auth error that shows neither the key nor the token", async () => {
        const { client: wrong, transport: t } = tuxcareClientFor(ctx.emulator, "wrong-secret-key");
        const error = await wrong.listKcareKeys().catch((e: ApiError) => e);
        await t.close();
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ kind: "Auth", message: expect.stringContaining("Authorization failed") });
        expect(JSON.stringify({ m: (error as Error).message, s: (error as Error).stack })).not.toMatch(
            /wrong-secret-key|demo\|\d+\|[0-9a-f]{40}/,
        );
    });
});

describe("the emulator's token check", () => {
    test("a long run outlives a token: each request is signed afresh, so it never expires", async () => {
        let now = Date.now();
        const emulator = await startEmulator({ now: () => new Date(now) });
        const { client, transport } = tuxcareClientFor(emulator);
        (client as unknown as { clock: () => number }).clock = () => now;
        await expect(client.listKcareKeys()).resolves.toEqual([]);
        now += 31 * 60_000; // longer than a token's 30 minutes
        await expect(client.listKcareKeys()).resolves.toEqual([]);
        const [first, second] = emulator.requestLog.map((r) => r.args.token);
        expect(first).not.toEqual(second);
        await transport.close();
        await emulator.close();
    });

    test("rejects a token older than 30 minutes with the documented body", async () => {
        const emulator = await startEmulator();
        const { client, transport } = tuxcareClientFor(emulator);
        const realNow = Date.now;
        (client as unknown as { clock: () => number }).clock = () => realNow() - 31 * 60_000;
        await expect(client.listKcareKeys()).rejects.toMatchObject({ kind: "Auth" });
        const res = await fetch(`${emulator.tuxcareApiUrl}/kcare/key/list.json?token=demo|1|x`);
        expect(await res.json()).toEqual({ message: "Authorization failed", type: null, success: false, data: null });
        await transport.close();
        await emulator.close();
    });
});
