import { ApiError } from "../../provider/core/errors";
import { ListCache, withListEffects } from "../../provider/core/list-cache";
import { createReconciled, newSince, Reconciler } from "../../provider/core/reconcile";

describe("newSince", () => {
    test("keeps the objects whose id was not in the earlier list, in the later list's order", () => {
        const before = [{ id: 1 }, { id: 2 }];
        const after = [{ id: 3 }, { id: 1 }, { id: 4 }, { id: 2 }];
        expect(newSince(before, after, (o) => o.id)).toEqual([{ id: 3 }, { id: 4 }]);
        expect(newSince([], after, (o) => o.id)).toHaveLength(4);
        expect(newSince(after, before, (o) => o.id)).toEqual([]);
    });
});

describe("createReconciled", () => {
    const lost = () => new ApiError({ kind: "Network", service: "Test", operation: "create", message: "answer lost", outcomeUnknown: true });

    test("adopts the one new object when the answer to the create was lost", async () => {
        let creates = 0;
        const made = await createReconciled({
            what: "thing",
            create: async () => {
                creates++;
                throw lost();
            },
            findNew: async () => ["made-by-the-lost-create"],
        });
        expect(made).toBe("made-by-the-lost-create");
        expect(creates).toBe(1);
    });

    test("creates once more when nothing appeared, and fails when two did", async () => {
        let creates = 0;
        const made = await createReconciled({
            what: "thing",
            create: async () => {
                if (++creates === 1) throw lost();
                return "second";
            },
            findNew: async () => [],
        });
        expect([made, creates]).toEqual(["second", 2]);
        await expect(createReconciled({ what: "thing", create: async () => Promise.reject(lost()), findNew: async () => ["a", "b"] })).rejects.toThrow(/2 matching new objects/);
    });

    test("gives up after five lost answers with nothing made, with the transport's own error", async () => {
        let creates = 0;
        const error = await createReconciled({ what: "thing", create: async () => Promise.reject((creates++, lost())), findNew: async () => [] }).catch((e: ApiError) => e);
        expect(creates).toBe(5);
        expect(error).toMatchObject({ kind: "Network", outcomeUnknown: true, message: "Test create: answer lost" });
    });
});

/**
 * A Reconciler over a fake API of named objects (`{ id, note }`): `made` is what the API holds,
 * `lists` counts the list calls, and each create's behaviour is scripted.
 */
describe("a Reconciler per kind", () => {
    interface Thing {
        id: string;
        note: string;
    }
    const lost = () => new ApiError({ kind: "Network", service: "Test", operation: "create", message: "answer lost", outcomeUnknown: true });
    const LIST = "test:things";

    function kind() {
        const made: Thing[] = [];
        let lists = 0;
        const cache = new ListCache(60_000);
        const reconciler = new Reconciler<Thing, string>(cache, (t) => t.id);
        const listFresh = async () => (lists++, made.map((t) => ({ ...t })));
        /** A create of `note` that makes `id` (or nothing, when undefined) and then, if `loseAnswer`, fails with its outcome unknown. */
        const create = (note: string, script: Array<{ id?: string; loseAnswer?: boolean }>) => {
            let call = 0;
            return reconciler.create({
                what: `thing "${note}"`,
                list: LIST,
                listFresh,
                create: async () => {
                    const step = script[call++] ?? {};
                    if (step.id) made.push({ id: step.id, note });
                    if (step.loseAnswer) throw lost();
                    return step.id!;
                },
                entry: (id) => ({ id, note }),
                matches: (t) => t.note === note,
            });
        };
        return { made, cache, reconciler, listFresh, create, lists: () => lists };
    }

    test("exactly one new matching object after a lost answer is adopted, as the list shows it", async () => {
        const k = kind();
        k.made.push({ id: "old", note: "n" });
        const created = k.create("n", [{ id: "new", loseAnswer: true }]);
        k.made.push({ id: "someone else's", note: "other note" }); // new too, but not what was asked for
        await expect(created).resolves.toEqual({ id: "new", note: "n" });
        expect(k.made).toHaveLength(3); // not sent again
    });

    test("no new object after a lost answer: created again", async () => {
        const k = kind();
        await expect(k.create("n", [{ loseAnswer: true }, { id: "second" }])).resolves.toEqual({ id: "second", note: "n" });
        expect(k.made.map((t) => t.id)).toEqual(["second"]);
    });

    test("more than one new matching object: fails naming how many", async () => {
        const k = kind();
        const created = k.create("n", [{ id: "a", loseAnswer: true }]);
        k.made.push({ id: "b", note: "n" }); // made out of band with the same attributes, after the snapshot
        await expect(created).rejects.toMatchObject({ kind: "Conflict", message: expect.stringContaining("2 matching new objects exist") });
    });

    test("an object this process created or adopted is never taken as the result of another create", async () => {
        const k = kind();
        k.reconciler.claim("adopted"); // taken over by a resource of this process
        // Both creates start from the same (shared) snapshot, as creates running at the same time do.
        let releaseSecond!: () => void;
        const secondMayFinish = new Promise<void>((resolve) => (releaseSecond = resolve));
        const first = k.reconciler.create({
            what: "first",
            list: LIST,
            listFresh: k.listFresh,
            create: async () => {
                k.made.push({ id: "first", note: "n" }, { id: "adopted", note: "n" });
                return "first";
            },
            entry: (id) => ({ id, note: "n" }),
            matches: (t) => t.note === "n",
        });
        const second = k.reconciler.create({
            what: "second",
            list: LIST,
            listFresh: k.listFresh,
            create: async () => {
                await secondMayFinish;
                k.made.push({ id: "second", note: "n" });
                throw lost();
            },
            entry: (id) => ({ id, note: "n" }),
            matches: (t) => t.note === "n",
        });
        await expect(first).resolves.toEqual({ id: "first", note: "n" });
        releaseSecond();
        // New since the snapshot: first, adopted and second; the first two are claimed.
        await expect(second).resolves.toEqual({ id: "second", note: "n" });
        // And a third create that loses its answer having made nothing finds nothing left to take: it creates.
        await expect(k.create("n", [{ loseAnswer: true }, { id: "third" }])).resolves.toEqual({ id: "third", note: "n" });
    });

    test("two creates reconciling at the same time cannot both take one object", async () => {
        const k = kind();
        // Each loses its answer; only one object was made. One of them adopts it, the other (finding it claimed) creates.
        const results = await Promise.all([k.create("n", [{ id: "only", loseAnswer: true }]), k.create("n", [{ loseAnswer: true }, { id: "retried" }])]);
        expect(results.map((t) => t.id).sort()).toEqual(["only", "retried"]);
    });

    test("the new object is written through: the next create's snapshot and a read need no list call", async () => {
        const k = kind();
        await k.create("n", [{ id: "a" }]);
        expect(k.lists()).toBe(1); // the first snapshot
        await k.create("n", [{ id: "b" }]);
        expect(k.lists()).toBe(1);
        expect(await k.cache.get(LIST, k.listFresh)).toEqual([
            { id: "a", note: "n" },
            { id: "b", note: "n" },
        ]);
        expect(k.lists()).toBe(1);
    });

    test("a list the create call dropped (its declared effect) stays dropped: the next read lists afresh", async () => {
        const k = kind();
        const client = withListEffects({ make: async (id: string) => (k.made.push({ id, note: "n" }), id) }, k.cache, { make: { drops: () => [LIST] } });
        await k.reconciler.create({ what: "thing", list: LIST, listFresh: k.listFresh, create: () => client.make("a"), entry: (id) => ({ id, note: "n" }), matches: () => true });
        expect(k.lists()).toBe(1);
        expect(await k.cache.get(LIST, k.listFresh)).toEqual([{ id: "a", note: "n" }]);
        expect(k.lists()).toBe(2);
    });
});
