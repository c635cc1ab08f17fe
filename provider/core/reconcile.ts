/**
 * A create whose outcome is unknown is never simply sent again, which could make a second object.
 * The transport (http.ts) says "outcome unknown" for every failure after the request went out
 * that does not prove it was turned away: a lost or timed-out answer, any 5xx but a 503 with
 * Retry-After (a gateway's 502 or 504 often comes after the backend did the work), and a 2xx that
 * is not the documented answer (an HTML page, a key of the wrong shape, an answer over the size cap).
 *
 * It is reconciled by listing: exactly one new object with the requested attributes means the
 * create happened (adopt it); none means it did not (send it once more); more than one cannot be
 * decided and fails, naming what was found.
 */
import { ApiError, isApiError } from "./errors";
import type { ListCache } from "./list-cache";
import { logDebug } from "./log";

export interface ReconcileOptions<T> {
    /** What is being created, for messages: `KernelCare key`. */
    what: string;
    create: () => Promise<T>;
    /** Objects that match the request and were not there before it (read fresh, not from a cache). */
    findNew: () => Promise<T[]>;
}

/**
 * The objects of `after` whose id is not in `before`. Callers keep `before` as the list they
 * already hold (no copy): the set is built only when an answer was actually lost.
 */
export function newSince<T, K>(before: readonly T[], after: readonly T[], id: (item: T) => K): T[] {
    const old = new Set(before.map(id));
    return after.filter((item) => !old.has(id(item)));
}

export async function createReconciled<T>(opts: ReconcileOptions<T>, attemptsLeft = 5): Promise<T> {
    try {
        return await opts.create();
    } catch (e) {
        if (!isApiError(e) || !e.outcomeUnknown) throw e;
        const found = await opts.findNew();
        if (found.length === 1) {
            logDebug(`${opts.what}: the answer to the create was lost, but the object exists; adopting it`);
            return found[0]!;
        }
        if (found.length === 0 && attemptsLeft > 1) {
            logDebug(`${opts.what}: the answer to the create was lost and no object appeared; creating again`);
            return createReconciled(opts, attemptsLeft - 1);
        }
        if (found.length === 0) throw e;
        throw new ApiError({
            kind: "Conflict",
            service: e.service,
            operation: e.operation,
            message: `${opts.what}: the answer to the create was lost and ${found.length} matching new objects exist; remove the extra ones and run again`,
        });
    }
}

export interface KindCreate<T, R> {
    /** What is being created, for messages: `KernelCare key`. */
    what: string;
    /** The cached list the new object joins: its snapshot before the create is what "new" is measured against. */
    list: string;
    /** The list, read fresh from the API (it also fills the cache when the snapshot is not cached). */
    listFresh: () => Promise<T[]>;
    create: () => Promise<R>;
    /** The listed object the create's answer stands for (appended to the cached list). */
    entry: (created: R) => T;
    /** Whether a new object has the requested attributes (a field the list leaves out matches). */
    matches: (item: T) => boolean;
}

/**
 * The creates of one kind of object that has no unique name, so a lost answer can be reconciled
 * only against a snapshot taken before the create. One per kind per API context: it holds the
 * objects this process created or adopted ("claimed"), which are never taken for the result of
 * another create, even one running at the same time.
 */
export class Reconciler<T, K> {
    private readonly claimed = new Set<K>();

    constructor(
        private readonly cache: ListCache,
        private readonly id: (item: T) => K,
    ) {}

    /** An existing object taken over by a resource (adopt): no create may take it as its own. */
    claim(id: K): void {
        this.claimed.add(id);
    }

    /**
     * Creates the object (reconciling a lost answer, see createReconciled), claims it, and writes it
     * through to the cached list. The write through is kept only when the create call's declared list
     * effect (core/list-cache's `writtenThrough`) left the list in place; a list the call dropped stays dropped.
     */
    async create<R>(opts: KindCreate<T, R>): Promise<T> {
        const before = await this.cache.get(opts.list, opts.listFresh);
        const made = await createReconciled({
            what: opts.what,
            create: async () => {
                const item = opts.entry(await opts.create());
                this.claim(this.id(item));
                return item;
            },
            findNew: async () => this.claimIfOne(newSince(before, await opts.listFresh(), this.id).filter((item) => !this.claimed.has(this.id(item)) && opts.matches(item))),
        });
        this.cache.update<T[]>(opts.list, (items) => [...items, made]);
        return made;
    }

    /** Claims a single candidate at once (not after the answer travels back): two creates reconciling at the same time cannot both take it. */
    private claimIfOne(found: T[]): T[] {
        if (found.length === 1) this.claimed.add(this.id(found[0]!));
        return found;
    }
}
