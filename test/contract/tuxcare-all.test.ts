/**
 * Contract tests of the ELS/ESU, IP license, server group and Nagios endpoints: the real client
 * against the emulator, asserting the request sent and the answer parsed, in both answer forms.
 */
import { requestLogKey, type RequestLogEntry } from "../../emulator";
import { expectLastTuxcareRequest, withTuxcareEmulator } from "../helpers/clients";

describe.each([
    ["enveloped", true],
    ["bare", false],
])("TuxCare API, %s answers", (_mode, envelope) => {
    const ctx = withTuxcareEmulator(envelope);
    const last = (): RequestLogEntry => ctx.emulator.requestLog[ctx.emulator.requestLog.length - 1]!;
    const expectSent = (method: string, path: string, args: Record<string, string>) =>
        expectLastTuxcareRequest(ctx.emulator, method, path, args);

    describe("ELS and ESU keys", () => {
        let key: string;
        test("key/create.json sends the product as productType and code", async () => {
            const created = await ctx.client.createElsKey("ESU", 2, "alma fleet");
            expectSent("POST", "/els/key/create.json", { productType: "ESU", code: "ESU", limit: "2", note: "alma fleet" });
            expect(created).toMatchObject({ productCode: "ESU", usageLimit: 2, description: "alma fleet" });
            expect(created.key).toMatch(/^ESU-/);
            key = created.key;
        });
        test("key/list.json lists the product's keys, usageLimit parsed from its string", async () => {
            await ctx.client.createElsKey("CELS", 0, undefined);
            const keys = await ctx.client.listElsKeys("ESU");
            expectSent("GET", "/els/key/list.json", { code: "ESU" });
            expect(keys).toEqual([expect.objectContaining({ key, usageLimit: 2 })]);
        });
        test("key/update.json changes limit and note", async () => {
            const updated = await ctx.client.updateElsKey(key, 4, "");
            expectSent("PUT", "/els/key/update.json", { key: requestLogKey(key), limit: "4", note: "" });
            expect(updated).toMatchObject({ key, usageLimit: 4, description: "" }); // the portal's null note
        });
        test("srv/list.json and srv/remove.json", async () => {
            ctx.emulator.store.put("elsServers", "12345", { id: "12345", key, ip: "1.1.1.1", hostname: "test" });
            ctx.emulator.store.put("elsServers", "12346", { id: "12346", key, ip: "1.1.1.2", hostname: "test2" });
            const servers = await ctx.client.listElsServers("ESU");
            expectSent("GET", "/els/srv/list.json", { code: "ESU" });
            expect(servers.map((s) => s.id)).toEqual(["12345", "12346"]);
            expect(await ctx.client.removeElsServer("12345")).toMatchObject({ id: "12345", ip: "1.1.1.1" });
            expectSent("DELETE", "/els/srv/remove.json", { id: "12345" });
        });
        test("key/remove.json returns the servers removed with the key", async () => {
            const removed = await ctx.client.removeElsKey(key);
            expectSent("DELETE", "/els/key/remove.json", { key: requestLogKey(key) });
            expect(removed).toEqual([expect.objectContaining({ id: "12346", key })]);
            await expect(ctx.client.removeElsKey(key)).rejects.toMatchObject({ kind: "NotFound" });
        });
        test("an unknown product code is the portal's error", async () => {
            await expect(ctx.client.createElsKey("NOPE", 1, undefined)).rejects.toThrow(/Unknown product code/);
        });
    });

    describe("IP licenses", () => {
        test("register.json creates, and answers the same license again", async () => {
            const l = await ctx.client.registerIpLicense("192.0.2.10", 16, true);
            expectSent("GET", "/ipl/register.json", { ip: "192.0.2.10", type: "16", els_allowed: "1" });
            expect(l).toMatchObject({ ip: "192.0.2.10", type: 16, registered: false });
            expect(await ctx.client.registerIpLicense("192.0.2.10", 16, true)).toEqual(l);
        });
        test("availability.json and check.json", async () => {
            const a = await ctx.client.ipAvailability("192.0.2.10");
            expectSent("GET", "/ipl/availability.json", { ip: "192.0.2.10" });
            expect(a.owned).toEqual([16]);
            expect(a.available).not.toContain(16);
            expect(await ctx.client.checkIp("192.0.2.10")).toEqual([16]);
            expectSent("GET", "/ipl/check.json", { ip: "192.0.2.10" });
        });
        test("list.json, server.json and update.json", async () => {
            expect(await ctx.client.listIpLicenses()).toEqual([expect.objectContaining({ ip: "192.0.2.10", type: 16 })]);
            expectSent("GET", "/ipl/list.json", {});
            ctx.emulator.store.put("ipLicenses", "192.0.2.10:16", {
                ...ctx.emulator.store.get("ipLicenses", "192.0.2.10:16")!,
                serverInfo: "cloudlinux-release-8",
                lastCheckin: "2024-04-30T11:26-0400",
            });
            expect(await ctx.client.ipServer("192.0.2.10")).toEqual([
                expect.objectContaining({ server_info: "cloudlinux-release-8", last_checkin: "2024-04-30T11:26-0400" }),
            ]);
            expectSent("GET", "/ipl/server.json", { ip: "192.0.2.10" });
            expect(await ctx.client.updateIpLicense("192.0.2.10", 16, false)).toBe(true);
            expectSent("GET", "/ipl/update.json", { ip: "192.0.2.10", type: "16", els_allowed: "0" });
            expect(ctx.emulator.store.get("ipLicenses", "192.0.2.10:16")).toMatchObject({ elsAllowed: false });
        });
        test("remove.json: true, then false once gone", async () => {
            expect(await ctx.client.removeIpLicense("192.0.2.10", 16)).toBe(true);
            expectSent("GET", "/ipl/remove.json", { ip: "192.0.2.10", type: "16" });
            expect(await ctx.client.removeIpLicense("192.0.2.10", 16)).toBe(false);
        });
        test("a license held by another customer cannot be registered", async () => {
            ctx.emulator.store.put("ipLicenses", "192.0.2.99:1", {
                ip: "192.0.2.99",
                type: 1,
                owner: "someone-else",
                registered: true,
                created: "",
                elsAllowed: false,
                serverInfo: "",
                lastCheckin: null,
            });
            await expect(ctx.client.registerIpLicense("192.0.2.99", 1, false)).rejects.toThrow(/already registered/);
        });
    });

    describe("server groups (always enveloped)", () => {
        test("create, list, put, list servers, remove", async () => {
            ctx.emulator.store.put("kcareServers", "SERVER-1", { id: "SERVER-1", key: "k", ip: "10.0.0.1", hostname: "a", created: "" });
            ctx.emulator.store.put("kcareServers", "SERVER-2", { id: "SERVER-2", key: "k", ip: "10.0.0.2", hostname: "b", created: "" });
            expect(await ctx.client.createServerGroup("web", "web servers")).toEqual({ name: "web", description: "web servers" });
            expectSent("POST", "/group/create.json", { name: "web", description: "web servers" });
            expect(await ctx.client.listServerGroups()).toEqual([{ name: "web", description: "web servers" }]);
            expectSent("GET", "/group/list.json", {});
            const added = await ctx.client.addServerGroupServers("web", ["SERVER-1", "SERVER-2"]);
            expectSent("PUT", "/group/servers/put.json", { name: "web", server_ids: "SERVER-1,SERVER-2" });
            expect(added.map((s) => s.id)).toEqual(["SERVER-1", "SERVER-2"]);
            expect((await ctx.client.listServerGroupServers("web")).map((s) => s.ip)).toEqual(["10.0.0.1", "10.0.0.2"]);
            expectSent("GET", "/group/servers/list.json", { name: "web" });
            expect((await ctx.client.removeServerGroupServers("web", ["SERVER-1"])).map((s) => s.id)).toEqual(["SERVER-1"]);
            expectSent("DELETE", "/group/servers/remove.json", { name: "web", server_ids: "SERVER-1" });
        });
        test("a duplicate name is the portal's error", async () => {
            await expect(ctx.client.createServerGroup("web", "")).rejects.toMatchObject({ kind: "Conflict" });
        });
    });

    describe("Nagios (plain text)", () => {
        test("register_key.plain answers the documented codes, without a token", async () => {
            expect(await ctx.client.registerNagiosKey("short")).toBe(1);
            expect(last().args.token).toBeUndefined();
            expect(await ctx.client.registerNagiosKey("MonitorKey1234567")).toBe(2); // no KC license for 127.0.0.1
            ctx.emulator.store.put("ipLicenses", "127.0.0.1:16", {
                ip: "127.0.0.1",
                type: 16,
                owner: "demo",
                registered: true,
                created: "",
                elsAllowed: false,
                serverInfo: "",
                lastCheckin: null,
            });
            expect(await ctx.client.registerNagiosKey("MonitorKey1234567")).toBe(0);
            expect(last().args).toEqual({ key: requestLogKey("MonitorKey1234567") });
        });
        test("nagios/{key} and nagios-res/{login}/{token} report the servers' status", async () => {
            const key = await ctx.client.createKcareKey(0, undefined);
            ctx.emulator.store.put("kcareServers", "n1", { id: "n1", key, ip: "10.9.0.1", hostname: "n1", created: "" });
            expect(await ctx.client.nagiosKeyStatus(key)).toEqual({ ok: true, text: "KernelCare OK - all servers are up to date!" });
            expect(last().path).toBe(`/tuxcare/api/kcare/nagios/${requestLogKey(key)}`);
            ctx.emulator.store.put("kcareServers", "n2", { id: "n2", key, ip: "10.9.0.2", hostname: "n2", created: "", upToDate: false });
            expect(await ctx.client.nagiosKeyStatus(key)).toMatchObject({ ok: false, text: expect.stringContaining("CRITICAL") });
            expect(await ctx.client.nagiosResellerStatus("demo")).toMatchObject({ ok: false });
            expect(last().path).toMatch(/^\/tuxcare\/api\/kcare\/nagios-res\/demo\/demo\|\d+\|\[signature\]$/);
        });
    });
});
