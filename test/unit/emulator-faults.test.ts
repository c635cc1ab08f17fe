/**
 * The emulator's fault kinds that act after the request was handled ("the write happened, then a
 * gateway error" and "an HTML page on 200"), seen over HTTP and through the real client, and the
 * validation of `PUT /_admin/faults`.
 */
import { startEmulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { signToken } from "../../provider/tuxcare/client";
import { createReconciled, newSince } from "../../provider/core/reconcile";
import { withTuxcareEmulator } from "../helpers/clients";

const ctx = withTuxcareEmulator(true);
const admin = () => new EmulatorAdmin(ctx.emulator.url);

beforeEach(async () => {
    await admin().setFaults({ rules: [] });
    await admin().reset();
});

const createUrl = (note: string) =>
    `${ctx.emulator.tuxcareApiUrl}/kcare/key/create.json?limit=1&note=${note}&token=${encodeURIComponent(signToken("demo", "emulator-secret-key", Math.floor(Date.now() / 1000)))}`;
const keyCount = () => ctx.emulator.store.list("kcareKeys").length;

test("gatewayAfterWrite: the key is made, and the answer is a gateway's 502 or 504 page", async () => {
    await admin().setFaults({ seed: 1, rules: [{ match: "kcare.key.create", gatewayAfterWriteRate: 1 }] });
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i++) {
        const res = await fetch(createUrl(`n${i}`));
        statuses.add(res.status);
        expect(res.headers.get("content-type")).toMatch(/^text\/html/);
        expect(await res.text()).toMatch(/<html>.*Gateway/s);
    }
    expect(keyCount()).toBe(8);
    expect([...statuses].sort()).toEqual([502, 504]);
    expect((await admin().faults()).injected).toEqual({ gatewayAfterWrite: 8 });
});

test("gatewayAfterWrite leaves reads alone: it is a fault of writes", async () => {
    await admin().setFaults({ rules: [{ match: "*", gatewayAfterWriteRate: 1 }] });
    await expect(ctx.client.listKcareKeys()).resolves.toEqual([]);
});

test("html: the key is made, and the answer is an HTML page with status 200", async () => {
    await admin().setFaults({ rules: [{ match: "kcare.key.create", htmlRate: 1 }] });
    const res = await fetch(createUrl("page"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    expect(keyCount()).toBe(1);
});

test.each([
    ["gatewayAfterWriteRate", { gatewayAfterWriteRate: 1 }],
    ["htmlRate", { htmlRate: 1 }],
    ["dropAfterWriteRate", { dropAfterWriteRate: 1 }],
])(
    "%s on a create, through the real client: sent once, outcome unknown, reconciled by listing; the one key made is adopted",
    async (_kind, rates) => {
        await admin().setFaults({ rules: [{ match: "kcare.key.create", ...rates }] });
        await admin().clearRequests();
        const before = await ctx.client.listKcareKeys();
        const key = await createReconciled({
            what: "KernelCare key",
            create: () => ctx.client.createKcareKey(4, "reconciled"),
            findNew: async () => newSince(before, await ctx.client.listKcareKeys(), (k) => k.key).map((k) => k.key),
        });
        expect(ctx.emulator.store.list<{ key: string }>("kcareKeys").map((k) => k.key)).toEqual([key]);
        expect((await admin().requests()).map((r) => r.operation)).toEqual(["kcare.key.list", "kcare.key.create", "kcare.key.list"]);
    },
);

test("count: a rule applies to that many requests, then the next matching rule does, in order", async () => {
    await admin().setFaults({
        rules: [
            { match: "kcare.key.create", dropBeforeRate: 1, count: 1 },
            { match: "kcare.key.create", dropAfterWriteRate: 1, count: 2 },
        ],
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++)
        outcomes.push(
            await fetch(createUrl(`c${i}`)).then(
                (r) => `answered ${r.status}`,
                () => "connection lost",
            ),
        );
    expect(outcomes).toEqual(["connection lost", "connection lost", "connection lost", "answered 200"]);
    expect(keyCount()).toBe(3); // the first was dropped before it was handled, the next two after
    expect((await admin().faults()).injectedByOperation).toEqual({ "kcare.key.create": { dropBefore: 1, dropAfterWrite: 2 } });
});

test("answerDelayMs: the write is carried out at once and its answer comes late", async () => {
    await admin().setFaults({ rules: [{ match: "kcare.key.create", answerDelayMs: 600, count: 1 }] });
    const started = Date.now();
    const answer = fetch(createUrl("late")).then((r) => r.status);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keyCount()).toBe(1); // made while the answer is still held back
    expect(await answer).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect((await admin().faults()).injected).toEqual({ lateAnswer: 1 });
    const quick = Date.now();
    await fetch(createUrl("second")); // the rule's count is used up
    expect(Date.now() - quick).toBeLessThan(600);
});

describe("PUT /_admin/faults refuses a malformed body with a 400 naming the field", () => {
    const put = (body: unknown) =>
        fetch(`${ctx.emulator.url}/_admin/faults`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
        });

    test.each([
        ["{}", {}, /rules/],
        ["rules not a list", { rules: "all" }, /rules/],
        ["a rule without match", { rules: [{ htmlRate: 0.1 }] }, /rules\.0\.match/],
        ["a rate above 1", { rules: [{ match: "*", htmlRate: 2 }] }, /rules\.0\.htmlRate/],
        ["a negative latency", { rules: [{ match: "*", latencyMs: -5 }] }, /rules\.0\.latencyMs/],
        ["an answer delay over two minutes", { rules: [{ match: "*", answerDelayMs: 120_001 }] }, /rules\.0\.answerDelayMs/],
        ["a count of zero", { rules: [{ match: "*", count: 0 }] }, /rules\.0\.count/],
        ["a misspelt rate", { rules: [{ match: "*", serverErorRate: 0.1 }] }, /serverErorRate/],
        [
            "rates adding up to more than 1",
            { rules: [{ match: "*", serverErrorRate: 0.6, htmlRate: 0.6 }] },
            /rules\.0: the rates of a rule add up to more than 1/,
        ],
        ["a seed that is not a whole number", { seed: "x", rules: [] }, /seed/],
        ["not JSON", undefined, /\(body\)/],
    ])("%s", async (_what, body, field) => {
        const res = await put(body);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { message: string }).message).toMatch(field);
    });

    test("after a refused body the previous settings stand and every call still works", async () => {
        await admin().setFaults({ rules: [{ match: "kcare.key.create", htmlRate: 1 }] });
        expect((await put({})).status).toBe(400);
        expect((await admin().faults()).rules).toEqual([{ match: "kcare.key.create", htmlRate: 1 }]);
        await expect(ctx.client.listKcareKeys()).resolves.toEqual([]);
    });

    test("startEmulator refuses malformed faults the same way", async () => {
        await expect(startEmulator({ faults: { rules: [{ match: "*", htmlRate: 5 }] } })).rejects.toThrow(/rules\.0\.htmlRate/);
    });
});
