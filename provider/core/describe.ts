/**
 * The JSON description of a resource, derived from its definition: type token, inputs and outputs
 * with their types (JSON Schema, from zod), required, secret, what a change does, and their docs.
 * It is checked in (schema/resources/<Name>.json, `npm run schema`, drift-tested) and the native
 * package schema (host/schema.ts) is built from it.
 */
import { z } from "zod";
import type { FieldBehaviour, ReadBack } from "./diff";
import type { ResourceDefinition } from "./define";

/** A JSON Schema node, as zod writes it. */
export interface JsonNode {
    type?: string | string[];
    items?: JsonNode;
    enum?: unknown[];
    properties?: Record<string, JsonNode>;
    required?: string[];
    anyOf?: JsonNode[];
    pattern?: string;
    default?: unknown;
    description?: string;
    $ref?: string;
    $defs?: Record<string, JsonNode>;
}

export interface PropertyDescription {
    /** The value's type, as JSON Schema (`$ref`s point into the resource's `$defs`). */
    schema: JsonNode;
    required: boolean;
    secret: boolean;
    description: string;
}

export interface InputDescription extends PropertyDescription {
    /** What a change does: applied in place, replaces the object, fails at preview (immutable), or nothing (used at creation only). */
    onChange: FieldBehaviour;
    replaceOnChange: boolean;
    /** Whether a refresh sees the live value ("no": a change made outside Pulumi is invisible). */
    readBack: ReadBack;
    writeOnly: boolean;
    /** For an immutable input: why it cannot change. */
    immutableReason?: string;
}

export interface ResourceDescription {
    type: string;
    api: string;
    description: string;
    /** The form of the id `pulumi import` takes. */
    importId: string;
    inputs: Record<string, InputDescription>;
    outputs: Record<string, PropertyDescription>;
    $defs: Record<string, JsonNode>;
}

export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonNode {
    return z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonNode;
}

export function describeResource(def: ResourceDefinition<string, unknown>): ResourceDescription {
    const input = jsonSchema(def.schema, "input");
    const outputSchema = z.object(Object.fromEntries(Object.entries(def.outputs).map(([name, o]) => [name, o.type.describe(o.doc)])));
    const output = jsonSchema(outputSchema, "output");
    const inputs = Object.fromEntries(
        Object.entries(input.properties ?? {}).map(([name, node]): [string, InputDescription] => {
            const field = def.fields[name]!;
            return [
                name,
                {
                    schema: node,
                    required: (input.required ?? []).includes(name),
                    secret: field.secret === true,
                    description: field.doc,
                    onChange: field.behaviour,
                    replaceOnChange: field.behaviour === "replace",
                    readBack: field.readBack,
                    writeOnly: field.writeOnly === true,
                    ...(field.reason ? { immutableReason: field.reason } : {}),
                },
            ];
        }),
    );
    const outputs = Object.fromEntries(
        Object.entries(output.properties ?? {}).map(([name, node]): [string, PropertyDescription] => [
            name,
            {
                schema: node,
                required: (output.required ?? []).includes(name),
                secret: def.outputs[name]?.secret === true,
                description: def.outputs[name]?.doc ?? "",
            },
        ]),
    );
    return {
        type: def.type,
        api: def.api,
        description: def.description,
        importId: def.importId.format,
        inputs,
        outputs,
        $defs: { ...input.$defs, ...output.$defs },
    };
}
