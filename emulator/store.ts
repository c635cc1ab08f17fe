/**
 * The emulator's state: named collections of JSON records, kept in memory, loadable from and
 * savable to a JSON file. Every API area keeps its objects here, so the admin interface can
 * read, change and delete any of them out of band with one set of routes.
 */
import { readFileSync, writeFileSync } from "node:fs";

export type Row = Record<string, unknown>;

export interface StoreSnapshot {
    collections: Record<string, Record<string, Row>>;
    counters: Record<string, number>;
}

export class Store {
    private data: StoreSnapshot = { collections: {}, counters: {} };

    collection<T extends Row = Row>(name: string): Record<string, T> {
        return (this.data.collections[name] ??= {}) as Record<string, T>;
    }

    list<T extends Row = Row>(name: string): T[] {
        return Object.values(this.collection<T>(name));
    }

    get<T extends Row = Row>(name: string, id: string): T | undefined {
        return this.collection<T>(name)[id];
    }

    put<T extends Row>(name: string, id: string, row: T): T {
        this.collection<T>(name)[id] = row;
        return row;
    }

    remove(name: string, id: string): boolean {
        const c = this.collection(name);
        if (!(id in c)) return false;
        delete c[id];
        return true;
    }

    /** The next integer id of a sequence (FluxArk record ids, server ids). */
    nextId(sequence: string): number {
        const n = (this.data.counters[sequence] ?? 0) + 1;
        this.data.counters[sequence] = n;
        return n;
    }

    snapshot(): StoreSnapshot {
        return JSON.parse(JSON.stringify(this.data)) as StoreSnapshot;
    }

    restore(snapshot: StoreSnapshot): void {
        this.data = { collections: snapshot.collections ?? {}, counters: snapshot.counters ?? {} };
    }

    clear(): void {
        this.data = { collections: {}, counters: {} };
    }

    load(file: string): void {
        this.restore(JSON.parse(readFileSync(file, "utf8")) as StoreSnapshot);
    }

    save(file: string): void {
        writeFileSync(file, JSON.stringify(this.data, null, 2));
    }
}
