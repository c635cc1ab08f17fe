import { ApiError } from "../../provider/core/errors";
import { createReconciled, newSince } from "../../provider/core/reconcile";

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
    const lost = () =>
        new ApiError({ kind: "Network", service: "Test", operation: "create", message: "answer lost", outcomeUnknown: true });

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
        await expect(
            createReconciled({ what: "thing", create: async () => Promise.reject(lost()), findNew: async () => ["a", "b"] }),
        ).rejects.toThrow(/2 matching new objects/);
    });

    test("gives up after five lost answers with nothing made, with the transport's own error", async () => {
        let creates = 0;
        const create = async () => {
            creates++;
            throw lost();
        };
        const error = await createReconciled({ what: "thing", create, findNew: async () => [] }).catch((e: ApiError) => e);
        expect(creates).toBe(5);
        expect(error).toMatchObject({ kind: "Network", outcomeUnknown: true, message: "Test create: answer lost" });
    });
});
