/**
 * Which new object each create whose answer was lost made, decided together for all of them
 * (see core/kind-reconciler for when this is asked, and why the answer is sound).
 *
 * A lost create could have made an object only if it is in the list now, was not in the lost
 * create's own snapshot, matches what it asked for, and is not claimed by another resource. Lost
 * creates that could share an object are decided together (a connected group): their new objects
 * are handed out one each (a maximum bipartite matching), and
 * - when every object of the group finds a create, the creates with one take it and the others
 *   made nothing, so they may be sent again (exactly as many creates had no effect as there are
 *   creates left over; which of them is which does not matter: every object handed out matches what
 *   its taker asked for);
 * - when some object finds no create, something else made it (another client), so no object of
 *   the group can be told apart: every create of the group fails, naming the counts.
 */

/** A create whose answer was lost: what was there before it was sent, and what it asked for. */
export interface LostCreate<T> {
    before: readonly T[];
    matches: (item: T) => boolean;
}

export type Share<T> = { take: T } | { again: true } | { undecidable: { creates: number; found: number } };

export function shareOut<T, K>(
    lost: readonly LostCreate<T>[],
    listed: readonly T[],
    id: (item: T) => K,
    claimed: ReadonlySet<K>,
): Share<T>[] {
    const objects = [...new Map(listed.filter((item) => !claimed.has(id(item))).map((item) => [id(item), item])).values()];
    const couldHaveMade = lost.map((create) => {
        const before = new Set(create.before.map(id));
        return objects.flatMap((item, o) => (!before.has(id(item)) && create.matches(item) ? [o] : []));
    });
    const makers = objects.map((_, o) => lost.flatMap((_c, c) => (couldHaveMade[c]!.includes(o) ? [c] : [])));

    // One object per create: augmenting paths from each object (Kuhn's algorithm; the counts are small).
    const objectOf = new Map<number, number>();
    const seat = (o: number, seen: Set<number>): boolean =>
        makers[o]!.some((c) => {
            if (seen.has(c)) return false;
            seen.add(c);
            const held = objectOf.get(c);
            if (held !== undefined && !seat(held, seen)) return false;
            objectOf.set(c, o);
            return true;
        });
    const unseated = new Set(objects.map((_, o) => o).filter((o) => makers[o]!.length > 0 && !seat(o, new Set())));

    const shares: Share<T>[] = [];
    for (const group of groups(lost.length, couldHaveMade)) {
        const found = new Set(group.flatMap((c) => couldHaveMade[c]!));
        const decidable = [...found].every((o) => !unseated.has(o));
        for (const c of group) {
            const o = objectOf.get(c);
            shares[c] = !decidable
                ? { undecidable: { creates: group.length, found: found.size } }
                : o === undefined
                  ? { again: true }
                  : { take: objects[o]! };
        }
    }
    return shares;
}

/** The creates, grouped by shared objects (connected components), each group in the creates' order. */
function groups(creates: number, couldHaveMade: number[][]): number[][] {
    const groupOf: number[] = [];
    const result: number[][] = [];
    for (let start = 0; start < creates; start++) {
        if (groupOf[start] !== undefined) continue;
        const group = [start];
        groupOf[start] = result.length;
        for (let i = 0; i < group.length; i++) {
            const mine = new Set(couldHaveMade[group[i]!]);
            for (let c = 0; c < creates; c++) {
                if (groupOf[c] === undefined && couldHaveMade[c]!.some((o) => mine.has(o))) {
                    groupOf[c] = result.length;
                    group.push(c);
                }
            }
        }
        result.push(group.sort((a, b) => a - b));
    }
    return result;
}
