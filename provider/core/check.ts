/**
 * A resource's zod input schema turned into the dynamic provider's CheckResult: validation,
 * normalisation and defaults in one place, each failure naming the property and the rule.
 *
 * During preview an input computed from another resource arrives as the engine's "unknown"
 * sentinel. Such a property cannot be validated yet: its failures are dropped and its value is
 * passed through untouched; `check` runs again with the real value before anything is created.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** The engine's placeholder for a value not known during preview (the SDK's rpc.unknownValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_KEY = "__provider";

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** `cidrs[1]` style paths, as a user writes the property. */
export function propertyPath(path: readonly PropertyKey[]): string {
    let out = "";
    for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
    return out || "(inputs)";
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++)
            current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length]!;
}

/** A known name close to `name` (a typo, another case, a plural), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
    const lower = name.toLowerCase();
    return known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => editDistance(k.toLowerCase(), lower) <= 2);
}

/**
 * Properties the schema does not declare. zod would drop them silently, so a misspelt input
 * (`expireDay: 3` for `expireDays`) would be ignored: an access rule that never expires.
 */
function undeclaredProperties(schema: z.ZodType, raw: Record<string, unknown>): { property: string; reason: string }[] {
    if (!(schema instanceof z.ZodObject)) return [];
    const known = Object.keys(schema.shape);
    return Object.keys(raw)
        .filter((k) => !known.includes(k) && raw[k] !== undefined)
        .map((k) => {
            const near = closest(k, known);
            return {
                property: k,
                reason: `is not an input of this resource${near ? `; did you mean ${near}?` : ""} (its inputs: ${known.join(", ")})`,
            };
        });
}

export function checkInputs<S extends z.ZodType>(schema: S, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
    const raw: Record<string, unknown> = { ...news };
    delete raw[PROVIDER_KEY];
    const unknownKeys = new Set(Object.keys(raw).filter((k) => containsUnknown(raw[k])));
    const parsed = schema.safeParse(raw);
    const undeclared = undeclaredProperties(schema, raw);
    if (parsed.success && unknownKeys.size === 0 && undeclared.length === 0) return { inputs: parsed.data as Record<string, unknown> };
    const failures = parsed.success
        ? undeclared
        : parsed.error.issues
              .filter((issue) => !(issue.path.length > 0 && unknownKeys.has(String(issue.path[0]))))
              .map((issue) => ({ property: propertyPath(issue.path), reason: issue.message }))
              .concat(undeclared);
    if (failures.length > 0) return { inputs: raw, failures };
    // Valid as far as it is known: keep the normalised known values and the unknown ones as they are.
    const inputs = parsed.success ? { ...(parsed.data as Record<string, unknown>) } : { ...raw };
    for (const k of unknownKeys) inputs[k] = raw[k];
    return { inputs };
}
