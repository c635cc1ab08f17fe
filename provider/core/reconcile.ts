/**
 * A create whose outcome is unknown is never simply sent again, which could make a second object.
 * The transport (http.ts) says "outcome unknown" for every failure after the request went out
 * that does not prove it was turned away: a lost or timed-out answer, any 5xx but a 503 with
 * Retry-After (a gateway's 502 or 504 often comes after the backend did the work), and a 2xx that
 * is not the documented answer (an HTML page, a key of the wrong shape, an answer over the size cap).
 *
 * It is reconciled by listing: exactly one new object with the requested attributes means the
 * create happened (adopt it); none means it did not (send it once more); more than one cannot be
 * decided and fails, naming what was found. The kinds whose objects have no unique name (license keys, ACL rules) go through core/kind-reconciler instead, which also keeps
 * concurrent identical creates apart.
 */
import { ApiError, isApiError } from "./errors";
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
