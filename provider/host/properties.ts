/**
 * Property values between the engine's wire form and the handlers. The engine marks a secret as
 * `{<sig>: <secret sig>, value}` (the SDK's rpc constants) once a provider says it accepts secrets:
 * the handlers see plain values, and the outputs named secret are marked again on the way out
 * (with the values the program marked itself: program-secrets.ts).
 */
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { withoutUndefined } from "../core/resource";

export type PropertyMap = Record<string, unknown>;

export function isSecret(value: unknown): value is { value: unknown } {
    return !!value && typeof value === "object" && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/** The value marked secret as a whole (marks inside it folded in); unknowns and absent values stay as they are. */
export function secret(value: unknown): unknown {
    if (value === undefined || value === null || value === unknownValue || isSecret(value)) return value;
    return { [specialSigKey]: specialSecretSig, value: unwrapSecrets(value) };
}

/** The value with every secret marker removed, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
    if (isSecret(value)) return unwrapSecrets(value.value);
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    return value;
}

/** The named top-level properties marked secret (unknowns and absent values stay as they are). */
export function markSecrets(props: PropertyMap, names: readonly string[]): PropertyMap {
    const out: PropertyMap = { ...props };
    for (const name of names) if (name in out) out[name] = secret(out[name]);
    return out;
}

/** A request's Struct as plain properties, secrets unwrapped. */
export function fromStruct(struct: Struct | undefined): PropertyMap {
    return (unwrapSecrets(struct?.toJavaScript() ?? {}) as PropertyMap) ?? {};
}

/** Plain properties as a Struct, undefined values dropped (protobuf refuses them). */
export function toStruct(props: PropertyMap | undefined): Struct {
    return Struct.fromJavaScript(withoutUndefined(props ?? {}) as Record<string, never>);
}
