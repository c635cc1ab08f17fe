/**
 * The emulator's state: named collections of JSON records, kept in memory, loadable from and
 * savable to a JSON file. Every API area keeps its objects here, so the admin interface can
 * read, change and delete any of them out of band with one set of routes.
 *
 * Collections and counters are Maps, so no name or id (`__proto__`, `constructor`) can reach an
 * object's prototype: `PUT /_admin/collections/__proto__/x` once added `x` to every collection.
 */
import { accessSync, chmodSync, constants, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Row = Record<string, unknown>;

export interface StoreSnapshot {
    collections: Record<string, Record<string, Row>>;
    counters: Record<string, number>;
}

/** Names that mean something to every JavaScript object; refused as collection names. */
export const RESERVED_NAMES: readonly string[] = ["__proto__", "constructor", "prototype"];

export const isReservedName = (name: string): boolean => RESERVED_NAMES.includes(name);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A snapshot checked for its shape (from `PUT /_admin/state` or a state file); throws naming the first wrong place. */
function parseSnapshot(value: unknown): StoreSnapshot {
    if (!isObject(value)) throw new Error("the state must be a JSON object {collections, counters}");
    const { collections = {}, counters = {}, ...extra } = value;
    const unknown = Object.keys(extra);
    if (unknown.length > 0) throw new Error(`unknown field ${unknown[0]} (the state has only collections and counters)`);
    if (!isObject(collections)) throw new Error("collections must be an object of collections");
    for (const [name, rows] of Object.entries(collections)) {
        if (isReservedName(name)) throw new Error(`collections.${name}: ${RESERVED_NAMES.join(", ")} are not collection names`);
        if (!isObject(rows)) throw new Error(`collections.${name} must be an object of rows by id`);
        for (const [id, row] of Object.entries(rows))
            if (!isObject(row)) throw new Error(`collections.${name}.${id} must be a JSON object`);
    }
    if (!isObject(counters)) throw new Error("counters must be an object of whole numbers");
    for (const [name, n] of Object.entries(counters))
        if (!Number.isSafeInteger(n) || (n as number) < 0) throw new Error(`counters.${name} must be a whole number >= 0`);
    return { collections: collections as StoreSnapshot["collections"], counters: counters as StoreSnapshot["counters"] };
}

/**
 * The state file's mode: owner read and write only. The emulated accounts' state holds license
 * keys, FluxArk passwords and remote users' private SSH keys in clear.
 */
export const STATE_FILE_MODE = 0o600;

/** Takes group and other permissions off an existing file. */
function narrowToOwner(file: string): void {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, STATE_FILE_MODE);
}

/** What is wrong with a state file path (its folder missing or not writable, or it is a folder), or undefined. */
export function stateFileProblem(file: string): string | undefined {
    const folder = path.dirname(path.resolve(file));
    if (!existsSync(folder)) return `its folder ${folder} does not exist (create it first)`;
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
    if (existsSync(file) && statSync(file).isDirectory()) return `${file} is a folder, not a file`;
    try {
        accessSync(folder, constants.W_OK);
    } catch {
        return `its folder ${folder} is not writable`;
    }
    return undefined;
}

export class Store {
    private collections = new Map<string, Map<string, Row>>();
    private counters = new Map<string, number>();

    private collection(name: string): Map<string, Row> {
        let c = this.collections.get(name);
        if (!c) {
            c = new Map();
            this.collections.set(name, c);
        }
        return c;
    }

    list<T extends Row = Row>(name: string): T[] {
        return [...(this.collections.get(name)?.values() ?? [])] as T[];
    }

    get<T extends Row = Row>(name: string, id: string): T | undefined {
        return this.collections.get(name)?.get(id) as T | undefined;
    }

    put<T extends Row>(name: string, id: string, row: T): T {
        this.collection(name).set(id, row);
        return row;
    }

    remove(name: string, id: string): boolean {
        return this.collections.get(name)?.delete(id) ?? false;
    }

    /** The next integer id of a sequence (FluxArk record ids, server ids). */
    nextId(sequence: string): number {
        const n = (this.counters.get(sequence) ?? 0) + 1;
        this.counters.set(sequence, n);
        return n;
    }

    /** A deep copy as plain JSON (Object.fromEntries defines keys, so `__proto__` stays an ordinary key). */
    snapshot(): StoreSnapshot {
        const collections = Object.fromEntries([...this.collections].map(([name, rows]) => [name, Object.fromEntries(rows)]));
        return JSON.parse(JSON.stringify({ collections, counters: Object.fromEntries(this.counters) })) as StoreSnapshot;
    }

    /** Replaces the whole state; checks the shape first (see parseSnapshot), so a bad one changes nothing. */
    restore(snapshot: unknown): void {
        const { collections, counters } = parseSnapshot(snapshot);
        this.collections = new Map(Object.entries(collections).map(([name, rows]) => [name, new Map(Object.entries(rows))]));
        this.counters = new Map(Object.entries(counters));
    }

    clear(): void {
        this.collections = new Map();
        this.counters = new Map();
    }

    /**
     * Loads a state file; throws naming the file when it is not JSON or not a state. A file others
     * can read is narrowed to its owner first: it holds license keys, passwords and private keys.
     */
    load(file: string): void {
        narrowToOwner(file);
        try {
            this.restore(JSON.parse(readFileSync(file, "utf8")));
        } catch (e) {
            throw new Error(`state file ${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
    }

    /**
     * Writes to a temporary file beside it, then renames: a crash mid-write never leaves half a
     * state. The file is its owner's alone (0600) from its first byte, whatever the file it replaces was.
     */
    save(file: string): void {
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, "", { mode: STATE_FILE_MODE });
        // A temporary file left by an earlier crash keeps its own mode: narrowed before a byte is written.
        chmodSync(temporary, STATE_FILE_MODE);
        writeFileSync(temporary, JSON.stringify(this.snapshot(), null, 2));
        renameSync(temporary, file);
    }
}
