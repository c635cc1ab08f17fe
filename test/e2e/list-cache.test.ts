/**
 * "List once, serve many": a refresh of 200 resources of one kind makes at most 2 list requests
 * (the product's keys and its servers), counted in the emulator's request log.
 */
import { ElsKey } from "../../provider";
import { makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

test("refresh of 200 ElsKeys makes at most 2 list requests", async () => {
    const env = await startTestEnv();
    try {
        const stack = await makeStack(
            env,
            "many",
            async () => {
                for (let i = 0; i < 200; i++) new ElsKey(`k${i}`, { productCode: "ESU", limit: i, note: `key ${i}` });
            },
            tuxcareConfig(env),
        );
        await stack.up();
        expect(await env.admin.list("elsKeys")).toHaveLength(200);
        await env.admin.clearRequests();
        const refresh = await stack.refresh();
        expect(refresh.summary.result).toBe("succeeded");
        const log = await env.admin.requests();
        const lists = log.filter((r) => r.operation.endsWith(".list"));
        expect(lists.length).toBeGreaterThan(0);
        expect(lists.length).toBeLessThanOrEqual(2);
        expect(log.length).toBe(lists.length); // and nothing else was asked
        await stack.destroy();
    } finally {
        await env.close();
    }
});
