import { ListCache, withListEffects, type ListEffects } from "../../provider/core/list-cache";
import { aclCache, GROUPS_CACHE, SERVERS_CACHE, serverUsersCache, USERS_CACHE } from "../../provider/fluxark/common";
import { FLUXARK_LIST_EFFECTS } from "../../provider/fluxark/lists";
import { elsKeysOf, elsServersOf, IP_LICENSES, KCARE_KEYS, SERVER_GROUPS, TUXCARE_LIST_EFFECTS } from "../../provider/tuxcare/lists";

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

describe("writes drop the lists of their kind by their declared effect", () => {
    function setUp() {
        const cache = new ListCache(60_000);
        let loads = 0;
        const load = async () => [++loads];
        const api = {
            list: async () => ["x"],
            write: async (fail: boolean) => {
                if (fail) throw new Error("refused");
                return "done";
            },
        };
        return { cache, load, loads: () => loads, api };
    }

    test.each([
        ["succeeds", false],
        ["fails (it may still have happened)", true],
    ])("a `drops` write that %s drops every list under its prefixes, and no other", async (_how, fail) => {
        const { cache, load, loads, api } = setUp();
        const client = withListEffects(api, cache, { list: "read", write: { drops: () => ["a:"] } });
        for (const key of ["a:1", "a:2", "b"]) await cache.get(key, load);
        await client.write(fail).catch(() => undefined);
        for (const key of ["a:1", "a:2", "b"]) await cache.get(key, load);
        expect(loads()).toBe(5); // a:1 and a:2 listed again, b served from the cache
    });

    test("a written-through create keeps its list when it succeeds and drops it when it fails", async () => {
        const { cache, load, loads, api } = setUp();
        const client = withListEffects(api, cache, { list: "read", write: { writtenThrough: () => "a" } });
        await cache.get("a", load);
        expect(await client.write(false)).toBe("done");
        await cache.get("a", load);
        expect(loads()).toBe(1);
        await expect(client.write(true)).rejects.toThrow("refused");
        await cache.get("a", load);
        expect(loads()).toBe(2);
    });

    test("a read changes nothing, and the client answers as it would; every method must declare its effect", async () => {
        const { cache, load, loads, api } = setUp();
        const client = withListEffects(api, cache, { list: "read", write: { drops: () => ["a"] } });
        // @ts-expect-error `write` is missing: a new client method cannot be left undeclared (checked by `npm run typecheck`)
        withListEffects(api, cache, { list: "read" });
        await cache.get("a", load);
        expect(await client.list()).toEqual(["x"]);
        await cache.get("a", load);
        expect(loads()).toBe(1);
    });
});

/**
 * The effects the two APIs declare: which cached lists each write drops. This pins the handlers'
 * former hand-written invalidations (and the few places where a write now drops more).
 */
describe.each([
    [
        // createKcareKey and createElsKey are written through by their Reconciler: a successful one keeps the list.
        "TuxCare",
        TUXCARE_LIST_EFFECTS as unknown as ListEffects<Record<string, (...args: unknown[]) => Promise<unknown>>>,
        [KCARE_KEYS, elsKeysOf("ESU"), elsKeysOf("CELS"), elsServersOf("ESU"), elsServersOf("CELS"), IP_LICENSES, SERVER_GROUPS],
        {
            createKcareKey: [[4, "n"], []],
            deleteKcareKey: [["k"], [KCARE_KEYS]],
            setKcareKeyCidrs: [["k", []], []],
            removeKcareServer: [["s"], []],
            registerNagiosKey: [["k"], []],
            createElsKey: [["ESU", 1, "n"], []],
            updateElsKey: [
                ["k", 1, "n"],
                [elsKeysOf("ESU"), elsKeysOf("CELS"), elsServersOf("ESU"), elsServersOf("CELS")],
            ],
            removeElsKey: [["k"], [elsKeysOf("ESU"), elsKeysOf("CELS"), elsServersOf("ESU"), elsServersOf("CELS")]],
            removeElsServer: [["s"], [elsServersOf("ESU"), elsServersOf("CELS")]],
            registerIpLicense: [["10.0.0.1", 16, false], [IP_LICENSES]],
            updateIpLicense: [["10.0.0.1", 16, true], [IP_LICENSES]],
            removeIpLicense: [["10.0.0.1", 16], [IP_LICENSES]],
            createServerGroup: [["g", "d"], [SERVER_GROUPS]],
            addServerGroupServers: [["g", ["s"]], []],
            removeServerGroupServers: [["g", ["s"]], []],
        },
    ],
    [
        "FluxArk",
        FLUXARK_LIST_EFFECTS as unknown as ListEffects<Record<string, (...args: unknown[]) => Promise<unknown>>>,
        [SERVERS_CACHE, serverUsersCache(3), USERS_CACHE, GROUPS_CACHE, aclCache(7), aclCache(8)],
        {
            createServer: [[{}], [SERVERS_CACHE, serverUsersCache(3)]],
            updateServer: [
                [3, {}],
                [SERVERS_CACHE, serverUsersCache(3)],
            ],
            deleteServer: [[3], [SERVERS_CACHE, serverUsersCache(3)]],
            createServerUser: [
                [3, {}],
                [SERVERS_CACHE, serverUsersCache(3)],
            ],
            updateServerUser: [
                [3, 5, {}],
                [SERVERS_CACHE, serverUsersCache(3)],
            ],
            deleteServerUser: [
                [3, 5],
                [SERVERS_CACHE, serverUsersCache(3)],
            ],
            createUser: [[{}], [USERS_CACHE]],
            updateUser: [[7, {}], [USERS_CACHE]],
            deleteUser: [[7], [USERS_CACHE, aclCache(7)]],
            addAcl: [[7, {}], [aclCache(7)]],
            deleteAcl: [[7, 1], [aclCache(7)]],
            createUserGroup: [["g"], [GROUPS_CACHE]],
            addServerGroupRule: [[2, {}], [GROUPS_CACHE]],
            deleteServerGroupRule: [[2, "g"], [GROUPS_CACHE]],
            deleteUserGroup: [[2], [GROUPS_CACHE, USERS_CACHE]],
        },
    ],
] as const)("%s: each write drops exactly the lists of its kind", (_api, effects, keys, expected) => {
    const writes = Object.entries(effects).filter(([, effect]) => effect !== "read");

    test("every write is listed here, and every call listed is a write", () => {
        expect(writes.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
    });

    test.each(Object.entries(expected))("%s", async (name, [args, dropped]) => {
        const cache = new ListCache(60_000);
        const loaded: string[] = [];
        const fill = () => Promise.all(keys.map((key) => cache.get(key, async () => loaded.push(key))));
        const client = withListEffects({ [name]: async () => undefined }, cache, effects);
        await fill();
        loaded.length = 0;
        await client[name]!(...args);
        await fill(); // lists again exactly what the write dropped
        expect(loaded.sort()).toEqual([...dropped].sort());
    });
});
