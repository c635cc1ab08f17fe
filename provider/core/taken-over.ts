/**
 * Objects a create of this process took over (adopted) rather than made. A provider process serves
 * one engine operation, where a resource is created or deleted once: when one resource takes over
 * the object another still holds in state (the resource was renamed, or replaced by one adopting
 * what it had), the engine creates the new and then deletes the old, and that delete would remove
 * the object the new one has just taken. Such a delete leaves the object to its new owner.
 */
const taken = new Set<string>();

const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

export function noteTakenOver(type: string, id: string): void {
    taken.add(keyOf(type, id));
}

export function takenOverThisRun(type: string, id: string): boolean {
    return taken.has(keyOf(type, id));
}

/** For tests that run several operations in one process. */
export function forgetTakenOver(): void {
    taken.clear();
}
