/**
 * The creates of one kind of object that has no unique name (license keys, ACL rules), so a create
 * whose answer was lost can be reconciled only by listing and comparing with a snapshot taken
 * before it was sent. Two identical creates may run at once in one `pulumi up`; these rules keep
 * every resource on its own object:
 *
 * 1. An object is owned by one resource. The reconciler of a kind holds the objects this process
 *    created or adopted ("claimed"); `claim` refuses one already claimed, so a second owner is an
 *    error, never a silent share (destroying either would remove the other's object).
 * 2. An object whose create answer is still awaited is never taken by reconciliation. That object
 *    is unknown until its answer arrives, so a create whose outcome is unknown waits until no other
 *    create of the same list is awaiting its answer (those that answered have claimed their objects
 *    by then), and new creates of that list wait until the reconciliation is over (so the wait ends).
 * 3. The creates whose outcome is unknown at that moment are reconciled together against one fresh
 *    list (core/share-out): each may take only an unclaimed object that is new since its own
 *    snapshot and matches what it asked for, and each takes a different one. Every object such a
 *    create made is among those: it did not exist at its snapshot, no answer claimed it, and an
 *    earlier reconciliation listed while no create of this batch had been sent. So with N such
 *    creates and M objects, N - M creates had no effect: they are sent again (which of the N they
 *    are does not matter, every object taken matches its taker's request). An object no create of
 *    the batch can account for was made by someone else: the creates that could have made it fail,
 *    naming the counts, instead of guessing.
 *
 * Known limits, which no client can remove: an object made at the same time by another process
 * (another stack, a person in the portal) with the same attributes cannot be told from ours; and a
 * create the service is still carrying out when the list is read (a timeout, not a reset) looks
 * like one that did nothing.
 */
import { ApiError, isApiError } from "./errors";
import type { ListCache } from "./list-cache";
import { logDebug } from "./log";
import { shareOut, type LostCreate } from "./share-out";

/** How many times one create is sent in all, when the earlier sends are known to have made nothing. */
const MAX_SENDS = 5;

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

type Verdict<T> = { take: T } | { again: true } | { fail: unknown };

interface Lost<T> extends LostCreate<T> {
    what: string;
    error: ApiError;
    sendsLeft: number;
    listFresh: () => Promise<T[]>;
    decide: (verdict: Verdict<T>) => void;
}

/** The creates of one list in this process: how many await their answer, and those whose outcome is unknown. */
class Flight<T> {
    awaiting = 0;
    lost: Lost<T>[] = [];
    reconciling = false;
    private waiting: Array<() => void> = [];

    /** Counts a new create as awaited, once no lost create of the list waits to be reconciled. */
    async enter(): Promise<void> {
        while (this.reconciling || this.lost.length > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
        this.awaiting++;
    }

    open(): void {
        this.reconciling = false;
        for (const resume of this.waiting.splice(0)) resume();
    }
}

export class Reconciler<T, K> {
    private readonly claimed = new Set<K>();
    private readonly flights = new Map<string, Flight<T>>();

    constructor(
        private readonly cache: ListCache,
        private readonly id: (item: T) => K,
        private readonly service: string,
    ) {}

    /** Makes `id` this resource's own; `what` names it in the error when another resource of this process owns it already. */
    claim(id: K, what: string): void {
        if (this.claimed.has(id)) {
            throw new ApiError({
                kind: "Conflict",
                service: this.service,
                operation: "claim",
                message: `${what} already belongs to another resource of this deployment; one object cannot have two owners (destroying either would remove it from the other)`,
            });
        }
        this.claimed.add(id);
    }

    /** Forgets every claim, as a process that starts over against another service (the provider tests' bench, given a new emulator). */
    forgetClaims(): void {
        this.claimed.clear();
    }

    /**
     * Creates the object (reconciling a lost answer, see the header), claims it, and writes it
     * through to the cached list. The write through is kept only when the create call's declared list
     * effect (core/list-cache's `writtenThrough`) left the list in place; a list the call dropped stays dropped.
     */
    async create<R>(opts: KindCreate<T, R>): Promise<T> {
        const flight = this.flightOf(opts.list);
        await flight.enter();
        let before: T[];
        try {
            before = await this.cache.get(opts.list, opts.listFresh);
        } catch (e) {
            this.settled(flight);
            throw e;
        }
        for (let sendsLeft = MAX_SENDS; ; ) {
            let answered: T;
            try {
                answered = opts.entry(await opts.create());
            } catch (e) {
                if (!isApiError(e) || !e.outcomeUnknown) {
                    this.settled(flight);
                    throw e;
                }
                const verdict = await new Promise<Verdict<T>>((decide) => {
                    flight.lost.push({
                        before,
                        matches: opts.matches,
                        what: opts.what,
                        error: e,
                        sendsLeft: --sendsLeft,
                        listFresh: opts.listFresh,
                        decide,
                    });
                    this.settled(flight);
                });
                if ("fail" in verdict) throw verdict.fail;
                if ("again" in verdict) {
                    logDebug(`${opts.what}: the answer to the create was lost and it made nothing; creating again`);
                    continue; // counted as awaited again by the reconciliation
                }
                logDebug(`${opts.what}: the answer to the create was lost, but the object exists; adopting it`);
                answered = verdict.take;
                this.cache.update<T[]>(opts.list, (items) => [...items, answered]);
                return answered;
            }
            try {
                this.claim(this.id(answered), `the ${opts.what} the service answered`);
            } finally {
                this.settled(flight);
            }
            this.cache.update<T[]>(opts.list, (items) => [...items, answered]);
            return answered;
        }
    }

    private flightOf(list: string): Flight<T> {
        let flight = this.flights.get(list);
        if (!flight) {
            flight = new Flight<T>();
            this.flights.set(list, flight);
        }
        return flight;
    }

    /** One create of the flight stopped awaiting its answer: when none awaits any more, the lost ones are reconciled. */
    private settled(flight: Flight<T>): void {
        flight.awaiting--;
        if (flight.awaiting === 0 && flight.lost.length > 0 && !flight.reconciling) void this.reconcile(flight);
    }

    private async reconcile(flight: Flight<T>): Promise<void> {
        flight.reconciling = true;
        const batch = flight.lost.splice(0);
        const verdicts: Verdict<T>[] = [];
        try {
            const shares = shareOut(batch, await batch[0]!.listFresh(), this.id, this.claimed);
            batch.forEach((lost, i) => {
                const share = shares[i]!;
                if ("take" in share) {
                    this.claimed.add(this.id(share.take));
                    verdicts.push(share);
                } else if ("again" in share && lost.sendsLeft > 0) {
                    verdicts.push(share);
                } else if ("again" in share) {
                    verdicts.push({ fail: lost.error });
                } else {
                    verdicts.push({ fail: undecidable(lost, share.undecidable) });
                }
            });
        } catch (e) {
            verdicts.splice(0, verdicts.length, ...batch.map(() => ({ fail: e })));
        }
        // The creates sent again are awaited before the gate opens, so a later batch waits for them too.
        flight.awaiting += verdicts.filter((v) => "again" in v).length;
        flight.open();
        for (const [i, lost] of batch.entries()) lost.decide(verdicts[i]!);
    }
}

function undecidable(lost: { what: string; error: ApiError }, { creates, found }: { creates: number; found: number }): ApiError {
    const lostWhat = creates === 1 ? "the answer to the create was lost" : `the answers to ${creates} such creates were lost`;
    return new ApiError({
        kind: "Conflict",
        service: lost.error.service,
        operation: lost.error.operation,
        message: `${lost.what}: ${lostWhat} and ${found} matching new objects exist, which they cannot all have made; remove the extra ones and run again`,
    });
}
