/**
 * The walking skeleton through the real engine: a KcareKey's whole life in a stack, against the
 * emulator, with every step checked on both sides (what Pulumi reports, what the portal holds).
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { KcareKey } from "../../provider";
import { collectOutput, exportedState, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

interface KeyRow extends Record<string, unknown> {
    key: string;
    limit: number;
    note: string;
    cidrs: string[];
}

describe("KcareKey through the Pulumi CLI", () => {
    const step = steps();
    let env: TestEnv;
    let stack: Stack;
    // The program reads this on every run, so each step can change the desired state.
    let spec: { limit: number; note?: string; cidrs?: string[] } = { limit: 2, note: "e2e key", cidrs: ["192.168.1.0/24", " 10.0.0.0/8"] };
    let adopt: string | undefined;

    const program = async () => {
        const key = new KcareKey("main", spec);
        if (adopt) new KcareKey("adopted", { limit: 7, note: "made by hand", adopt });
        return { keyId: key.id, servers: key.servers, key: key.key };
    };
    const keys = () => env.admin.list<KeyRow>("kcareKeys");

    beforeAll(async () => {
        env = await startTestEnv();
        stack = await makeStack(env, "kcare", program, tuxcareConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    step("up creates the key in the portal with its CIDRs", async () => {
        const result = await stack.up();
        expect(result.summary.result).toBe("succeeded");
        const rows = await keys();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ limit: 2, note: "e2e key", cidrs: ["10.0.0.0/8", "192.168.1.0/24"] });
        expect(result.outputs.key?.secret).toBe(true);
        expect(result.outputs.key?.value).toBe(rows[0]?.key);
        expect(result.outputs.keyId?.value).toMatch(/^kcare-[0-9a-f]{16}$/);
    });

    step("a second preview shows no changes, even with CIDRs reordered", async () => {
        spec = { ...spec, cidrs: ["10.0.0.0/8", "192.168.1.0/24 "] };
        const preview = await stack.preview({ expectNoChanges: true });
        expect(preview.changeSummary).toEqual({ same: 2 });
    });

    step("a CIDR change is applied in place with set_cidr", async () => {
        spec = { ...spec, cidrs: ["10.0.0.0/8", "2001:DB8::/32"] };
        const up = await stack.up();
        expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
        expect((await keys())[0]).toMatchObject({ cidrs: ["10.0.0.0/8", "2001:db8::/32"] });
        await stack.preview({ expectNoChanges: true });
    });

    step("adoption takes over a key made outside Pulumi, creating none", async () => {
        const { tuxcareClientFor } = await import("../helpers/clients");
        const c = tuxcareClientFor(env.emulator);
        adopt = await c.client.createKcareKey(7, "made by hand");
        await c.transport.close();
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(1);
        expect(await keys()).toHaveLength(2);
        await stack.preview({ expectNoChanges: true });
        // Hand it back: forget it in the program, and the key is deleted with the resource.
        adopt = undefined;
        await stack.up();
        expect(await keys()).toHaveLength(1);
    });

    step("state holds neither the secret key nor the license key in plaintext, and __provider is small", async () => {
        const state = await exportedState(stack);
        const [row] = await keys();
        expect(state).not.toContain(DEFAULT_TUXCARE_ACCOUNT.secretKey);
        expect(state).not.toContain(row!.key);
        const deployment = (await stack.exportStack()).deployment as { resources: { type: string; outputs?: Record<string, unknown> }[] };
        const res = deployment.resources.find((r) => r.type === "pulumi-nodejs:dynamic/tuxcare:KcareKey");
        const provider = res?.outputs?.__provider;
        expect(typeof provider).toBe("string");
        expect(Buffer.byteLength(provider as string)).toBeLessThan(1024);
    });

    step("a change made out of band is reported by preview --refresh", async () => {
        const [row] = await keys();
        await env.admin.patch("kcareKeys", row!.key, { note: "changed in the portal" });
        await expect(stack.preview({ refresh: true, expectNoChanges: true })).rejects.toThrow();
        // Put it back: the stack is clean again.
        await env.admin.patch("kcareKeys", row!.key, { note: "e2e key" });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("changing limit is planned as a replacement, with a warning naming the servers it strands", async () => {
        const [row] = await keys();
        await env.admin.put("kcareServers", "srv-1", {
            id: "srv-1",
            key: row!.key,
            ip: "203.0.113.7",
            hostname: "web1",
            created: "2024-01-01T00:00+0000",
        });
        spec = { ...spec, limit: 3 };
        const out = collectOutput();
        const preview = await stack.preview({ onOutput: out.onOutput });
        expect(preview.changeSummary.replace).toBe(1);
        expect(out.text()).toContain("will lose their license");
        expect(out.text()).toContain("203.0.113.7");
        spec = { ...spec, limit: 2 };
    });

    step("an out-of-band delete is dropped by refresh and recreated by up", async () => {
        const [row] = await keys();
        await env.admin.remove("kcareKeys", row!.key);
        const refresh = await stack.refresh();
        expect(refresh.summary.resourceChanges?.delete).toBe(1);
        const up = await stack.up();
        expect(up.summary.resourceChanges?.create).toBe(1);
        const rows = await keys();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.key).not.toBe(row!.key);
    });

    step("destroy leaves the emulator empty", async () => {
        await stack.destroy();
        expect(await keys()).toEqual([]);
    });
});
