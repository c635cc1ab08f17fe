/**
 * "List once, serve many": neither API can read one object of most kinds, so reading N resources
 * would cost N list calls. Reads share one in-flight or recent list per key for a short time;
 * every write to that kind invalidates it, so a read after a write always sees the write.
 */
export class ListCache {
    private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

    /** `ttlMs` may be a function: a setting read when the first list is asked for, once configuration is known. */
    constructor(private readonly ttlMs: number | (() => number) = 5_000, private readonly clock: () => number = Date.now) {}

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
