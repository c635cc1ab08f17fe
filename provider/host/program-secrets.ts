/**
 * The values a program marked secret itself (`pulumi.secret`, `Output.secret`, `pulumi.ToSecret`),
 * on inputs the catalog does not call secret: a note, an e-mail, one element of a list. The
 * handlers see plain values (properties.ts unwraps them); on the way out, whatever came in secret
 * goes out secret, per value, so none reaches state in plaintext:
 *
 * - a property whose whole value came secret goes out secret whole;
 * - a value marked inside a property (one list element, one nested field) is marked where the
 *   answer holds it, wherever the handler moved it (a list is sorted, deduplicated); when the answer
 *   holds it no longer as it came (normalised), the whole property goes out secret;
 * - a secret string is marked wherever it shows, under any name.
 *
 * The same values are masked in every message (`redactable`), so an API error that echoes one
 * ("Duplicate email x@y") does not carry it to the engine's log.
 */
import { isDeepStrictEqual } from "node:util";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../core/check";
import { isSecret, secret, unwrapSecrets, type PropertyMap } from "./properties";

export interface ProgramSecrets {
    /** Names whose whole value came secret. */
    whole: Set<string>;
    /** Per name, the distinct values marked inside it. */
    inner: Map<string, unknown[]>;
    /** Every secret string, marked wherever it goes out. */
    strings: Set<string>;
    /** Every secret string and number, as text: what redaction masks. */
    redactable: Set<string>;
}

function leaves(value: unknown, into: (leaf: string | number) => void): void {
    if (typeof value === "string" || typeof value === "number") into(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) leaves(v, into);
}

/** The values marked inside a property (not the property itself), unwrapped. */
function innerSecrets(value: unknown, found: unknown[]): void {
    if (isSecret(value)) {
        const plain = unwrapSecrets(value.value);
        if (plain !== UNKNOWN && !found.some((f) => isDeepStrictEqual(f, plain))) found.push(plain);
    } else if (value && typeof value === "object") {
        for (const v of Object.values(value)) innerSecrets(v, found);
    }
}

/**
 * The program's secrets in a request's properties (as the engine sent them, marks and all). With a
 * `fallback` (an update's old state), a name absent from `props` takes its marks from there.
 */
export function programSecrets(props: Struct | undefined, fallback?: Struct): ProgramSecrets {
    const marks: ProgramSecrets = { whole: new Set(), inner: new Map(), strings: new Set(), redactable: new Set() };
    const raw = (props?.toJavaScript() ?? {}) as PropertyMap;
    const olds = (fallback?.toJavaScript() ?? {}) as PropertyMap;
    const taken = { ...Object.fromEntries(Object.entries(olds).filter(([name]) => raw[name] === undefined || raw[name] === null)), ...raw };
    for (const [name, value] of Object.entries(taken)) {
        const secrets: unknown[] = [];
        if (isSecret(value)) {
            marks.whole.add(name);
            secrets.push(unwrapSecrets(value.value));
        } else {
            innerSecrets(value, secrets);
            if (secrets.length) marks.inner.set(name, secrets);
        }
        for (const s of secrets)
            leaves(s, (leaf) => {
                if (leaf === UNKNOWN || leaf === "") return;
                if (typeof leaf === "string") marks.strings.add(leaf);
                marks.redactable.add(String(leaf));
            });
    }
    return marks;
}

/** The program's secrets from several requests' properties together (a read's inputs and state). */
export function allProgramSecrets(...structs: (Struct | undefined)[]): ProgramSecrets {
    const all: ProgramSecrets = { whole: new Set(), inner: new Map(), strings: new Set(), redactable: new Set() };
    for (const marks of structs.map((s) => programSecrets(s))) {
        for (const n of marks.whole) all.whole.add(n);
        for (const [n, values] of marks.inner) all.inner.set(n, [...(all.inner.get(n) ?? []), ...values]);
        for (const s of marks.strings) all.strings.add(s);
        for (const s of marks.redactable) all.redactable.add(s);
    }
    return all;
}

/** The value with each of `inner` (recording which) and each secret string marked where it shows. */
function markWithin(value: unknown, inner: readonly unknown[], strings: ReadonlySet<string>, found: Set<number>): unknown {
    if (value === UNKNOWN || value === undefined || value === null || isSecret(value)) return value;
    const i = inner.findIndex((s) => isDeepStrictEqual(s, value));
    if (i >= 0) {
        found.add(i);
        return secret(value);
    }
    if (typeof value === "string") return strings.has(value) ? secret(value) : value;
    if (Array.isArray(value)) return value.map((v) => markWithin(v, inner, strings, found));
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markWithin(v, inner, strings, found)]));
    return value;
}

/** Plain properties with the program's secrets marked again (module comment). */
export function keepProgramSecrets(props: PropertyMap, marks: ProgramSecrets): PropertyMap {
    const out: PropertyMap = {};
    for (const [name, value] of Object.entries(props)) {
        const inner = marks.inner.get(name) ?? [];
        const found = new Set<number>();
        const marked = marks.whole.has(name) ? value : markWithin(value, inner, marks.strings, found);
        out[name] = marks.whole.has(name) || found.size < inner.length ? secret(value) : marked;
    }
    return out;
}
