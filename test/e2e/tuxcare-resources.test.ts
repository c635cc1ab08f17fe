/**
 * ElsKey, IpLicense and ServerGroup through the real CLI, side by side in one stack: create,
 * no-change preview, in-place update, replacement, out-of-band change and delete, adoption of
 * objects made outside Pulumi, and destroy.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { ElsKey, IpLicense, ServerGroup, type ElsProductCode } from "../../provider";
import { exportedState, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

interface Spec {
    els: { productCode: ElsProductCode; limit: number; note: string };
    ipl: { ip: string; type: number | "kernelcare" | "imunify360-unlimited"; elsAllowed: boolean };
    group: { name: string; description: string; serverIds: string[] };
    adopt?: { elsKey: string; ip: string; group: string };
}

describe("TuxCare resources through the Pulumi CLI", () => {
    const step = steps();
    let env: TestEnv;
    let stack: Stack;
    let spec: Spec = {
        els: { productCode: "ESU", limit: 2, note: "alma fleet" },
        ipl: { ip: "192.0.2.20", type: "kernelcare", elsAllowed: false },
        group: { name: "web", description: "web servers", serverIds: ["SERVER-1"] },
    };

    const program = async () => {
        const els = new ElsKey("els", spec.els);
        const ipl = new IpLicense("ipl", spec.ipl);
        const group = new ServerGroup("group", spec.group);
        if (spec.adopt) {
            new ElsKey("adopted-els", { productCode: "CELS", limit: 5, note: "made by hand", adopt: spec.adopt.elsKey });
            new IpLicense("adopted-ipl", { ip: spec.adopt.ip, type: 1, adopt: true });
            new ServerGroup("adopted-group", { name: spec.adopt.group, description: "by hand", serverIds: ["SERVER-2"] });
        }
        return { elsKey: els.key, elsServers: els.servers, iplType: ipl.type, groupServers: group.servers };
    };
    const count = async () => ({
        els: (await env.admin.list("elsKeys")).length,
        ipl: (await env.admin.list("ipLicenses")).length,
        groups: (await env.admin.list("serverGroups")).length,
    });

    beforeAll(async () => {
        env = await startTestEnv();
        for (const id of ["SERVER-1", "SERVER-2", "SERVER-3"])
            await env.admin.put("kcareServers", id, { id, key: "k", ip: `10.1.0.${id.slice(-1)}`, hostname: id, created: "" });
        stack = await makeStack(env, "tuxcare", program, tuxcareConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    step("up creates all three, as declared", async () => {
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(4);
        const [key] = await env.admin.list("elsKeys");
        expect(key).toMatchObject({ productCode: "ESU", usageLimit: 2, description: "alma fleet" });
        expect(await env.admin.get("ipLicenses", "192.0.2.20:16")).toMatchObject({ owner: "demo", elsAllowed: false });
        expect(await env.admin.get("serverGroups", "demo/web")).toMatchObject({ description: "web servers", serverIds: ["SERVER-1"] });
        expect(up.outputs.iplType?.value).toBe(16);
        expect(up.outputs.elsKey?.secret).toBe(true);
        const state = await exportedState(stack);
        expect(state).not.toContain(String(key!.key));
        expect(state).not.toContain(DEFAULT_TUXCARE_ACCOUNT.secretKey);
    });

    step("a second preview shows no changes (the type written by name or number alike)", async () => {
        spec = { ...spec, ipl: { ...spec.ipl, type: 16 } };
        await stack.preview({ expectNoChanges: true });
    });

    step("in-place updates: ELS limit and note, els_allowed, group members", async () => {
        spec = {
            ...spec,
            els: { ...spec.els, limit: 5, note: "bigger" },
            ipl: { ...spec.ipl, elsAllowed: true },
            group: { ...spec.group, serverIds: ["SERVER-3", "SERVER-1"] },
        };
        const up = await stack.up();
        expect(up.summary.resourceChanges).toMatchObject({ update: 3 });
        expect((await env.admin.list("elsKeys"))[0]).toMatchObject({ usageLimit: 5, description: "bigger" });
        expect(await env.admin.get("ipLicenses", "192.0.2.20:16")).toMatchObject({ elsAllowed: true });
        expect(await env.admin.get("serverGroups", "demo/web")).toMatchObject({ serverIds: ["SERVER-1", "SERVER-3"] });
        await stack.preview({ expectNoChanges: true });
    });

    step("replacements: product code, IP address, group name", async () => {
        const saved = spec;
        spec = {
            ...spec,
            els: { ...spec.els, productCode: "CELS" },
            ipl: { ...spec.ipl, ip: "192.0.2.21" },
            group: { ...spec.group, name: "web2" },
        };
        const replace = await stack.preview();
        expect(replace.changeSummary.replace).toBe(3);
        spec = saved;
    });

    step("a group description change fails at preview saying why", async () => {
        const saved = spec;
        spec = { ...spec, group: { ...spec.group, description: "new words" } };
        await expect(stack.preview()).rejects.toThrow(/no call to update a group's description/);
        spec = saved;
    });

    step("out-of-band changes are reported by preview --refresh", async () => {
        const [key] = await env.admin.list("elsKeys");
        await env.admin.patch("elsKeys", String(key!.key), { usageLimit: 9 });
        await expect(stack.preview({ refresh: true, expectNoChanges: true })).rejects.toThrow();
        await env.admin.patch("elsKeys", String(key!.key), { usageLimit: 5 });
        await env.admin.patch("serverGroups", "demo/web", { serverIds: ["SERVER-1"] });
        await expect(stack.preview({ refresh: true, expectNoChanges: true })).rejects.toThrow();
        await stack.up({ refresh: true });
        expect(await env.admin.get("serverGroups", "demo/web")).toMatchObject({ serverIds: ["SERVER-1", "SERVER-3"] });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("out-of-band deletes are dropped by refresh and recreated by up", async () => {
        const [key] = await env.admin.list("elsKeys");
        await env.admin.remove("elsKeys", String(key!.key));
        await env.admin.remove("ipLicenses", "192.0.2.20:16");
        const refresh = await stack.refresh();
        expect(refresh.summary.resourceChanges?.delete).toBe(2);
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(2);
        expect(await count()).toEqual({ els: 1, ipl: 1, groups: 1 });
    });

    step("adoption takes over objects made outside Pulumi without making new ones", async () => {
        const c = (await import("../helpers/clients")).tuxcareClientFor(env.emulator);
        const handMade = await c.client.createElsKey("CELS", 5, "made by hand");
        await c.client.registerIpLicense("192.0.2.30", 1, false);
        await c.client.createServerGroup("by-hand", "by hand");
        await c.transport.close();
        const before = await count();
        spec = { ...spec, adopt: { elsKey: handMade.key, ip: "192.0.2.30", group: "by-hand" } };
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(3);
        expect(await count()).toEqual(before);
        expect(await env.admin.get("serverGroups", "demo/by-hand")).toMatchObject({ serverIds: ["SERVER-2"] });
        await stack.preview({ expectNoChanges: true });
    });

    step("an IP license the account already holds is not taken over silently", async () => {
        const saved = spec;
        spec = { ...spec, ipl: { ...spec.ipl, ip: "192.0.2.30", type: 1 } };
        await expect(stack.up()).rejects.toThrow(/already holds license type 1 for 192.0.2.30; set adopt: true/);
        spec = saved;
        await stack.up();
    });

    step("destroy removes keys and licenses and empties the groups (which the API cannot delete)", async () => {
        await stack.destroy();
        expect(await count()).toEqual({ els: 0, ipl: 0, groups: 2 });
        for (const g of await env.admin.list<{ serverIds: string[] }>("serverGroups")) expect(g.serverIds).toEqual([]);
    });
});
