import { ListCache } from "../../provider/core/list-cache";

describe("the list cache", () => {
    test("concurrent and recent reads share one list; a write invalidates it", async () => {
        let calls = 0;
        const cache = new ListCache(60_000);
        const load = async () => [++calls];
        const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
        expect(a).toEqual([1]);
        expect(b).toEqual([1]);
        cache.invalidate("k");
        expect(await cache.get("k", load)).toEqual([2]);
    });

    test("a create written through is seen without a new list", async () => {
        let calls = 0;
        const cache = new ListCache(60_000);
        await cache.get("k", async () => [++calls]);
        cache.update<number[]>("k", (l) => [...l, 99]);
        expect(await cache.get("k", async () => [++calls])).toEqual([1, 99]);
        expect(calls).toBe(1);
    });

    test("a failed list is not kept", async () => {
        const cache = new ListCache(60_000);
        await expect(cache.get("k", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
        expect(await cache.get("k", async () => ["ok"])).toEqual(["ok"]);
    });
});
