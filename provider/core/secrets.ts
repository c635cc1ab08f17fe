/**
 * Secret fields, declared once in a resource's field table (`secret: true`) and derived from
 * there: the program side wraps those inputs in `pulumi.secret` and lists them (with any
 * secret outputs the API makes, such as a license key) in `additionalSecretOutputs`; the
 * provider side registers their values for redaction on every call the engine makes, before
 * any handler runs, so an API error that echoes one never carries it into a log.
 */
import * as pulumi from "@pulumi/pulumi";
import type { FieldTable } from "./diff";
import { registerSecret } from "./redact";

export function secretFieldNames(table: FieldTable<object>): string[] {
    return Object.entries(table)
        .filter(([, spec]) => spec.secret === true)
        .map(([name]) => name);
}

/** The resource options' `additionalSecretOutputs`: the secret inputs, plus secret outputs the API makes. */
export function secretOutputNames(table: FieldTable<object>, outputs: readonly string[] = []): string[] {
    return [...secretFieldNames(table), ...outputs];
}

/**
 * The resource options with the secret inputs and outputs added to `additionalSecretOutputs`, after
 * whatever the program listed there itself (kept, not replaced).
 */
export function withSecretOutputs<O extends pulumi.CustomResourceOptions>(
    table: FieldTable<object>,
    opts: O | undefined,
    outputs: readonly string[] = [],
): O {
    const names = [...(opts?.additionalSecretOutputs ?? []), ...secretOutputNames(table, outputs)];
    return { ...opts, additionalSecretOutputs: [...new Set(names)] } as O;
}

/** The program's args with every secret input wrapped in `pulumi.secret` (unset ones left unset). */
export function withSecretInputs<T extends object>(table: FieldTable<object>, args: T): T {
    const out = { ...args } as Record<string, unknown>;
    for (const name of secretFieldNames(table)) if (out[name] !== undefined) out[name] = pulumi.secret(out[name]);
    return out as T;
}

function registerStrings(value: unknown): void {
    if (typeof value === "string") registerSecret(value);
    else if (Array.isArray(value)) value.forEach(registerStrings);
    else if (value && typeof value === "object") Object.values(value).forEach(registerStrings);
}

/** Registers for redaction the values of the secret fields in each property bag (inputs, state). */
export function registerSecretFields(table: FieldTable<object>, ...bags: unknown[]): void {
    const names = secretFieldNames(table);
    for (const bag of bags) {
        if (!bag || typeof bag !== "object") continue;
        for (const name of names) registerStrings((bag as Record<string, unknown>)[name]);
    }
}
