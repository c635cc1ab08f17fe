/**
 * "List once, serve many": neither API can read one object of most kinds, so reading N resources
 * would cost N list calls. Reads share one in-flight or recent list per key for a short time;
 * every write to that kind invalidates it, so a read after a write always sees the write.
 */
export class ListCache {
    private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

    /** `ttlMs` may be a function: a setting read when the first list is asked for, once configuration is known. */
    constructor(
        private readonly ttlMs: number | (() => number) = 5_000,
        private readonly clock: () => number = Date.now,
    ) {}

    get<T>(key: string, load: () => Promise<T>): Promise<T> {
        const hit = this.entries.get(key);
        const ttl = typeof this.ttlMs === "function" ? this.ttlMs() : this.ttlMs;
        if (hit && this.clock() - hit.at < ttl) return hit.value as Promise<T>;
        const value = load();
        this.entries.set(key, { at: this.clock(), value });
        // A failed list is not kept: the next read tries again.
        value.catch(() => {
            if (this.entries.get(key)?.value === value) this.entries.delete(key);
        });
        return value;
    }

    /**
     * Writes a change through to a cached list (a create whose result is known), instead of forgetting it.
     * `change` returns a new value and leaves the old one as it was: creates keep the list they saw as their "before".
     */
    update<T>(key: string, change: (value: T) => T): void {
        const hit = this.entries.get(key);
        if (hit) hit.value = (hit.value as Promise<T>).then(change);
    }

    /** Forget every list whose key starts with the prefix (a write to that kind happened). */
    invalidate(prefix: string): void {
        for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    }
}

/**
 * What one client call does to the cached lists, declared once per API next to its list keys
 * (tuxcare/lists.ts, fluxark/lists.ts), so that no handler drops a list by hand.
 * - `"read"`: changes nothing.
 * - `drops`: after the call settles, whether it succeeded or not (a failed write may still have
 *   happened), every list whose key starts with one of the prefixes is forgotten.
 * - `writtenThrough`: a reconciled create (core/kind-reconciler's Reconciler) whose new object is
 *   appended to the list it names when the call succeeds, so the next create's snapshot needs no
 *   new list call; when the call fails, the list is forgotten.
 */
export type ListEffect<Args extends unknown[]> =
    | "read"
    | { drops: (...args: Args) => readonly string[] }
    | { writtenThrough: (...args: Args) => string };

type MethodName<C> = { [M in keyof C]: C[M] extends (...args: never[]) => Promise<unknown> ? M : never }[keyof C];

/** Every public method of the client, each with its effect on the lists: a new method cannot be left undeclared. */
export type ListEffects<C> = { [M in MethodName<C>]: C[M] extends (...args: infer A) => Promise<unknown> ? ListEffect<A> : never };

/** The client with each call's declared effect on `cache` applied after it. */
export function withListEffects<C extends object>(client: C, cache: ListCache, effects: ListEffects<C>): C {
    return new Proxy(client, {
        get(target, name, receiver) {
            const value: unknown = Reflect.get(target, name, receiver);
            const effect = (effects as Record<PropertyKey, ListEffect<unknown[]> | undefined>)[name];
            if (typeof value !== "function" || effect === undefined || effect === "read") return value;
            return async (...args: unknown[]) => {
                const lists = "drops" in effect ? effect.drops(...args) : [effect.writtenThrough(...args)];
                let succeeded = false;
                try {
                    const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
                    succeeded = true;
                    return result;
                } finally {
                    if (!succeeded || "drops" in effect) for (const prefix of lists) cache.invalidate(prefix);
                }
            };
        },
    });
}
