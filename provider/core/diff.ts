/**
 * The diff table: each resource declares, per input, whether a change is applied in place or
 * needs a new object, and `diffFields` turns old state and new inputs into the DiffResult the
 * engine acts on. Only `changes`, `replaces` and `deleteBeforeReplace` reach the engine, so the
 * table is the whole truth about what `pulumi preview` will plan.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { containsUnknown } from "./check";

export type FieldBehaviour =
    /** Changed by an update call. */
    | "update"
    /** Cannot change on the live object: a new one replaces it. */
    | "replace"
    /** Cannot change at all (no call changes it, and a replacement is not wanted): a change fails at preview, saying `reason`. */
    | "immutable"
    /** Only used when the object is first created or adopted (e.g. `adopt`): later changes do nothing. */
    | "createOnly";

/** Whether a refresh can see the field's live value (DESIGN.md rule 4: what is not read keeps its last applied value). */
export type ReadBack =
    /** The documented answer carries it: a change made outside Pulumi shows as drift. */
    | "yes"
    /** Read when the answer carries it, which the document's example does not show; otherwise the last applied value stands. */
    | "if returned"
    /** Only part of it comes back (the doc says which); the rest keeps its last applied value. */
    | "partly"
    /** Never returned: the last applied value stands, and a change made outside Pulumi cannot be seen. */
    | "no";

export interface FieldSpec {
    behaviour: FieldBehaviour;
    readBack: ReadBack;
    /** Write-only values (passwords): the API never returns them, so only a change of input counts. */
    writeOnly?: boolean;
    /** A credential (password, private key, license key): a secret in state, masked in every log and error (core/secrets.ts). */
    secret?: boolean;
    /** The documentation line for this field (the reference docs are generated from it). */
    doc: string;
    /** For an `immutable` field: why it cannot change, and what to do instead (the preview error ends with it). */
    reason?: string;
    /**
     * Not set: not managed. The field is never sent (an adoption or update leaves the live value as it
     * is) and its absence is no change. For credentials and notes the provider may not be able to read,
     * where sending a default would erase what is there.
     */
    unsetLeavesAsIs?: boolean;
}

/** Whether a read can see the field: a write-only, never-returned or create-only field keeps its last applied value. */
export function readable(spec: FieldSpec): boolean {
    return spec.readBack !== "no" && spec.writeOnly !== true && spec.behaviour !== "createOnly";
}

export type FieldTable<Inputs> = { readonly [K in keyof Inputs]-?: FieldSpec };

/** Treats a missing value, undefined and null as the same: "not set". */
export function sameValue(a: unknown, b: unknown): boolean {
    const na = a === null ? undefined : a;
    const nb = b === null ? undefined : b;
    return isDeepStrictEqual(na, nb);
}

export interface DiffOptions {
    /** Delete the old object before creating its replacement (when both cannot exist at once). */
    deleteBeforeReplace?: boolean;
}

export interface FieldDiff {
    changed: string[];
    replaces: string[];
}

export function changedFields<I>(table: FieldTable<I>, olds: Record<string, unknown>, news: Record<string, unknown>): FieldDiff {
    const changed: string[] = [];
    const replaces: string[] = [];
    for (const [name, spec] of Object.entries(table) as [string, FieldSpec][]) {
        if (spec.behaviour === "createOnly") continue;
        if (spec.unsetLeavesAsIs && (news[name] === undefined || news[name] === null)) continue;
        const unknown = containsUnknown(news[name]);
        if (!unknown && sameValue(olds[name], news[name])) continue;
        changed.push(name);
        if (spec.behaviour === "replace") replaces.push(name);
    }
    return { changed, replaces };
}

export function diffFields<I>(
    table: FieldTable<I>,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options: DiffOptions = {},
): pulumi.dynamic.DiffResult {
    const { changed, replaces } = changedFields(table, olds, news);
    return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && options.deleteBeforeReplace === true,
    };
}
