/**
 * The Reconciler of a kind without unique names over a fake API of `{ id, note }` objects: identical
 * creates running at once, with answers lost before the service acted, lost after it acted, or
 * late. Every create must end with its own object, none doubled, none shared.
 */
import { ApiError } from "../../provider/core/errors";
import { Reconciler } from "../../provider/core/kind-reconciler";
import { ListCache, withListEffects } from "../../provider/core/list-cache";

interface Thing {
    id: string;
    note: string;
}
const LIST = "test:things";
const lost = () => new ApiError({ kind: "Network", service: "Test", operation: "create", message: "answer lost", outcomeUnknown: true });
/** Lets every pending timer and promise run: what an impatient reconciliation would do, it has done by then. */
const later = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * How one send of a create goes: `acts` (the service makes the object), then the answer is
 * `"answered"`, `"lost"` (a reset, a gateway page) or `"late"` (it comes when the test releases it).
 */
type Send = { acts: boolean; answer: "answered" | "lost" | "late" };

function api() {
    const made: Thing[] = [];
    const sends: string[] = [];
    let lists = 0;
    let next = 0;
    let releaseLate!: () => void;
    const late = new Promise<void>((resolve) => (releaseLate = resolve));
    const cache = new ListCache(60_000);
    const reconciler = new Reconciler<Thing, string>(cache, (t) => t.id, "Test");
    const listFresh = async () => {
        lists++;
        return made.map((t) => ({ ...t }));
    };
    /** A create of `note`, whose sends go as scripted (a send past the script is answered at once). */
    const create = (note: string, script: Send[] = []) => {
        let call = 0;
        return reconciler.create({
            what: `thing "${note}"`,
            list: LIST,
            listFresh,
            create: async () => {
                const send = script[call++] ?? { acts: true, answer: "answered" };
                sends.push(note);
                const id = send.acts ? `k${++next}` : undefined;
                if (id) made.push({ id, note });
                if (send.answer === "lost") throw lost();
                if (send.answer === "late") await late;
                if (!id) throw new Error("a send that made nothing cannot answer");
                return id;
            },
            entry: (id) => ({ id, note }),
            matches: (t) => t.note === note,
        });
    };
    return { made, sends, cache, reconciler, listFresh, create, releaseLate, lists: () => lists };
}

/** Each create has an object of its own, each object in the API is one create's, and there are exactly `n` of them. */
function expectOnePerCreate(results: Thing[], made: Thing[], n: number): void {
    const ids = results.map((t) => t.id);
    expect(new Set(ids).size).toBe(n);
    expect([...ids].sort()).toEqual(made.map((t) => t.id).sort());
}

describe.each([2, 10])("%i identical creates at once", (n) => {
    const half = n / 2;
    const resetBefore: Send = { acts: false, answer: "lost" };
    const resetAfter: Send = { acts: true, answer: "lost" };
    const late: Send = { acts: true, answer: "late" };

    test("half lose their connection before the service acts, half are answered late: the late keep theirs, the others make their own", async () => {
        const a = api();
        const all = Array.from({ length: n }, (_, i) => a.create("twin", [i < half ? resetBefore : late]));
        await later(); // the lost ones have failed; their objects must not be taken from the late ones
        a.releaseLate();
        const results = await Promise.all(all);
        expectOnePerCreate(results, a.made, n);
        expect(a.sends).toHaveLength(n + half); // only the ones that made nothing were sent again
    });

    test("half lose their answer after the service acted, half are answered late: the lost take what they made, nothing is sent again", async () => {
        const a = api();
        const all = Array.from({ length: n }, (_, i) => a.create("twin", [i < half ? resetAfter : late]));
        await later();
        a.releaseLate();
        const results = await Promise.all(all);
        expectOnePerCreate(results, a.made, n);
        expect(a.sends).toHaveLength(n);
    });

    test("every answer lost, some after acting and some before: each takes a different object, exactly the ones that made nothing are sent again", async () => {
        const a = api();
        const acted = Math.ceil(n / 3);
        const results = await Promise.all(Array.from({ length: n }, (_, i) => a.create("twin", [i < acted ? resetAfter : resetBefore])));
        expectOnePerCreate(results, a.made, n);
        expect(a.sends).toHaveLength(n + (n - acted));
    });

    test("answers lost before, after, and late all at once, with an older identical object in the account: the older one is never taken", async () => {
        const a = api();
        a.made.push({ id: "older", note: "twin" });
        const script = (i: number): Send => [resetBefore, resetAfter, late][i % 3]!;
        const all = Array.from({ length: n }, (_, i) => a.create("twin", [script(i)]));
        await later();
        a.releaseLate();
        const results = await Promise.all(all);
        expect(results.map((t) => t.id)).not.toContain("older");
        expectOnePerCreate(
            results,
            a.made.filter((t) => t.id !== "older"),
            n,
        );
    });
});

test("a create starting while a lost one waits for reconciliation is not sent until it is over, and both end with their own", async () => {
    const a = api();
    const first = a.create("twin", [{ acts: true, answer: "lost" }]);
    const slow = a.create("twin", [{ acts: true, answer: "late" }]);
    await later();
    const third = a.create("twin");
    await later();
    expect(a.sends).toEqual(["twin", "twin"]); // the third waits at the gate
    a.releaseLate();
    expectOnePerCreate(await Promise.all([first, slow, third]), a.made, 3);
});

test("an object no lost create can account for makes the lost creates that could have made it fail, naming the counts; none is sent again", async () => {
    const a = api();
    await a.cache.get(LIST, a.listFresh); // the snapshot the creates will use, taken now
    const both = Promise.allSettled([
        a.create("twin", [{ acts: true, answer: "lost" }]),
        a.create("twin", [{ acts: true, answer: "lost" }]),
    ]);
    a.made.push({ id: "someone else's", note: "twin" }); // made elsewhere after the snapshot
    const settled = await both;
    for (const s of settled)
        expect(s).toMatchObject({
            status: "rejected",
            reason: {
                kind: "Conflict",
                message: expect.stringMatching(/answers to 2 such creates were lost and 3 matching new objects exist/),
            },
        });
    expect(a.sends).toHaveLength(2);
});

test("lost creates of different attributes are decided apart: each takes an object that matches it", async () => {
    const a = api();
    const results = await Promise.all([
        a.create("left", [{ acts: true, answer: "lost" }]),
        a.create("right", [{ acts: false, answer: "lost" }]),
        a.create("left", [{ acts: false, answer: "lost" }]),
        a.create("right", [{ acts: true, answer: "lost" }]),
    ]);
    expect(results.map((t) => t.note)).toEqual(["left", "right", "left", "right"]);
    expectOnePerCreate(results, a.made, 4);
});

describe("claims", () => {
    test("a second claim of one object is refused, naming it without its id", () => {
        const a = api();
        a.reconciler.claim("secret-key-1", "adopt: the key given");
        expect(() => a.reconciler.claim("secret-key-1", "adopt: the key given")).toThrow(
            /^Test claim: adopt: the key given already belongs to another resource of this deployment/,
        );
        expect(() => a.reconciler.claim("secret-key-1", "x")).not.toThrow(/secret-key-1/);
    });

    test("an adopted object is never taken as a lost create's result; a create answered with a claimed object fails", async () => {
        const a = api();
        await a.cache.get(LIST, a.listFresh); // the snapshot the create will use, taken now
        const created = a.create("n", [{ acts: true, answer: "lost" }]);
        a.made.push({ id: "adopted", note: "n" });
        a.reconciler.claim("adopted", "adopt: the thing given");
        await expect(created).resolves.toMatchObject({ id: "k1" });

        const b = api();
        b.reconciler.claim("k1", "adopt: the thing given");
        await expect(b.create("n")).rejects.toMatchObject({
            kind: "Conflict",
            message: expect.stringContaining('the thing "n" the service answered already belongs to another resource'),
        });
    });
});

test("after five lost sends that made nothing, it fails with the transport's own error", async () => {
    const a = api();
    const lostBefore: Send = { acts: false, answer: "lost" };
    const error = await a.create("n", Array(6).fill(lostBefore)).catch((e: ApiError) => e);
    expect(a.sends).toHaveLength(5);
    expect(error).toMatchObject({ kind: "Network", outcomeUnknown: true, message: "Test create: answer lost" });
});

test("a failed list while reconciling fails the lost creates with it, and the next create goes ahead", async () => {
    const a = api();
    let failList = false;
    const created = a.reconciler.create({
        what: "thing",
        list: LIST,
        listFresh: async () => (failList ? Promise.reject(new Error("list failed")) : a.listFresh()),
        create: async () => {
            failList = true;
            throw lost();
        },
        entry: (id: string) => ({ id, note: "n" }),
        matches: () => true,
    });
    await expect(created).rejects.toThrow("list failed");
    await expect(a.create("n")).resolves.toMatchObject({ note: "n" });
});

test("the new object is written through: the next create's snapshot and a read need no list call", async () => {
    const a = api();
    await a.create("n");
    expect(a.lists()).toBe(1); // the first snapshot
    await a.create("n");
    expect(a.lists()).toBe(1);
    expect(await a.cache.get(LIST, a.listFresh)).toEqual([
        { id: "k1", note: "n" },
        { id: "k2", note: "n" },
    ]);
    expect(a.lists()).toBe(1);
});

test("a list the create call dropped (its declared effect) stays dropped: the next read lists afresh", async () => {
    const a = api();
    const make = async (id: string) => {
        a.made.push({ id, note: "n" });
        return id;
    };
    const client = withListEffects({ make }, a.cache, { make: { drops: () => [LIST] } });
    await a.reconciler.create({
        what: "thing",
        list: LIST,
        listFresh: a.listFresh,
        create: () => client.make("a"),
        entry: (id) => ({ id, note: "n" }),
        matches: () => true,
    });
    expect(a.lists()).toBe(1);
    expect(await a.cache.get(LIST, a.listFresh)).toEqual([{ id: "a", note: "n" }]);
    expect(a.lists()).toBe(2);
});
