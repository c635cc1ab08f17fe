/**
 * The emulator's store keeps names and ids in Maps: the admin interface refuses reserved
 * collection names, and even a name that got past it could not reach an object's prototype.
 */
import { Store } from "../../emulator/store";

test.each(["__proto__", "constructor", "prototype", "hasOwnProperty"])(
    "a collection named %s stays its own: no other collection and no object sees its rows",
    (name) => {
        const store = new Store();
        store.put(name, "x", { polluted: true });
        expect(store.get(name, "x")).toEqual({ polluted: true });
        expect(store.list("fluxarkUsers")).toEqual([]);
        expect(store.get("fluxarkUsers", "x")).toBeUndefined();
        expect(({} as Record<string, unknown>).x).toBeUndefined();
        expect(store.remove(name, "x")).toBe(true);
        expect(store.remove(name, "x")).toBe(false);
    },
);

test("ids such as __proto__ and constructor survive a snapshot and a restore as ordinary ids", () => {
    const store = new Store();
    store.put("fluxarkUsers", "__proto__", { id: 1 });
    store.put("fluxarkUsers", "constructor", { id: 2 });
    expect(store.get("fluxarkUsers", "toString")).toBeUndefined();
    const copy = new Store();
    copy.restore(store.snapshot());
    expect(copy.list("fluxarkUsers")).toEqual([{ id: 1 }, { id: 2 }]);
    expect(copy.get("fluxarkUsers", "__proto__")).toEqual({ id: 1 });
});
