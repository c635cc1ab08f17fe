/**
 * The Pulumi package schema of a native package, built from the catalog: one resource per entry,
 * its input properties from the zod input schema, its descriptions from the field table.
 */
import { z } from "zod";
import type { CatalogEntry } from "../catalog";
import { nativeToken, type PackageName } from "./tokens";

type JsonSchema = { type?: string | string[]; items?: JsonSchema; enum?: unknown[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; required?: string[] };

/** A Pulumi schema type for a JSON Schema node (the subset our input schemas produce). */
function pulumiType(node: JsonSchema | undefined): object {
    if (!node) return { $ref: "pulumi.json#/Any" };
    if (node.anyOf) {
        const kinds = node.anyOf.map(pulumiType);
        return kinds.length === 1 ? kinds[0]! : { oneOf: kinds };
    }
    const t = Array.isArray(node.type) ? node.type.find((x) => x !== "null") : node.type;
    if (node.enum) return { type: typeof node.enum[0] === "number" ? "number" : "string" };
    switch (t) {
        case "string":
            return { type: "string" };
        case "integer":
            return { type: "integer" };
        case "number":
            return { type: "number" };
        case "boolean":
            return { type: "boolean" };
        case "array":
            return { type: "array", items: pulumiType(node.items) };
        case "object":
            return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
        default:
            return { $ref: "pulumi.json#/Any" };
    }
}

function resourceSpec(entry: CatalogEntry): object {
    const json = z.toJSONSchema(entry.schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const secrets = new Set(entry.secrets);
    const inputProperties = Object.fromEntries(
        Object.entries(json.properties ?? {}).map(([name, node]) => [
            name,
            { ...pulumiType(node), description: entry.fields[name]?.doc, ...(secrets.has(name) ? { secret: true } : {}) },
        ]),
    );
    const replaceOnChanges = Object.entries(entry.fields).filter(([, f]) => f.behaviour === "replace").map(([n]) => n);
    return {
        description: entry.description,
        inputProperties,
        requiredInputs: json.required ?? [],
        properties: inputProperties,
        ...(replaceOnChanges.length ? { replaceOnChanges } : {}),
    };
}

export function packageSchema(name: PackageName, version: string, entries: readonly CatalogEntry[]): object {
    return {
        name,
        version,
        description: name === "tuxcare" ? "TuxCare portal licenses: ELS/ESU keys, IP licenses, KernelCare keys, server groups." : "FluxArk SSH access: servers, remote users, portal users, ACL rules, user groups.",
        resources: Object.fromEntries(entries.map((e) => [nativeToken(e.type), resourceSpec(e)])),
    };
}
