/**
 * The reference tables (docs/reference.md), generated from each resource's zod input schema and
 * field table so they cannot drift from the code. `node dist/scripts/reference-docs.js --write`
 * rewrites the file; test/unit/reference-docs.test.ts fails when it is stale or a field lacks docs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CATALOG } from "../provider/catalog";
import { describeResource, type JsonNode } from "../provider/core/describe";
import type { FieldBehaviour, FieldSpec } from "../provider/core/diff";

/** The input properties of a schema (an object, possibly wrapped in refinements or pipes). */
function schemaShape(schema: z.ZodType): Record<string, z.ZodType> {
    const def = (schema as unknown as { def?: { in?: z.ZodType } }).def;
    if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
    if (def?.in) return schemaShape(def.in);
    return {};
}

/** The input property names of a schema (an object, possibly wrapped in refinements or pipes). */
export const schemaKeys = (schema: z.ZodType): string[] => Object.keys(schemaShape(schema));

/** A value's type, in words, from its JSON Schema (the one the descriptions and SDKs are made from). */
export function typeText(node: JsonNode | undefined, defs: Record<string, JsonNode>): string {
    if (!node) return "any";
    if (node.$ref) return typeText(defs[node.$ref.split("/").pop()!], defs);
    if (node.anyOf) {
        // A record id: a number, or the same digits as text (YAML and stack config give strings).
        if (node.anyOf.some((n) => n.type === "number") && node.anyOf.every((n) => n.type !== "string" || n.pattern === "^\\d+$"))
            return "id (a number, or its digits as a string)";
        return node.anyOf.map((n) => typeText(n, defs)).join(" or ");
    }
    if (node.enum) return `one of ${node.enum.map((v) => `\`${String(v)}\``).join(", ")}`;
    if (Array.isArray(node.type)) return node.type.map((t) => typeText({ type: t }, defs)).join(" or ");
    switch (node.type) {
        case "integer":
            return "whole number";
        case "array":
            return `list of ${typeText(node.items, defs)}`;
        case "object": {
            const required = node.required ?? [];
            return `{${Object.keys(node.properties ?? {})
                .map((k) => `${k}${required.includes(k) ? "" : "?"}`)
                .join(", ")}}`;
        }
        case "string":
            return node.pattern ? `string matching \`${node.pattern}\`` : "string";
        default:
            return node.type ?? "any";
    }
}

/** An input's value when the program leaves it unset: its schema's default, as `check` makes it. */
function defaultText(required: boolean, property: z.ZodType | undefined, field: FieldSpec): string {
    if (required) return "required";
    const unset = property?.safeParse(undefined);
    if (unset?.success && unset.data !== undefined) return `\`${JSON.stringify(unset.data)}\``;
    return field.unsetLeavesAsIs ? "unset: never sent" : "none";
}

const CHANGE: Record<FieldBehaviour, string> = {
    update: "in place",
    replace: "replaces",
    immutable: "fails at preview",
    createOnly: "creation only",
};

export function renderReference(): string {
    const lines = [
        "# Resource reference",
        "",
        "Generated from the resources' definitions (input schemas, field tables, outputs) by `scripts/reference-docs.ts`; do not edit by hand.",
        "[resources.md](resources.md) explains each resource's behaviour and the API limits behind it.",
        "",
        '"read back" says whether `refresh` sees a field\'s live value: **yes**, the documented answer carries it;',
        "**if returned**, only where the installation's answer carries it (the document's example does not);",
        "**partly**, as the documentation says; **no**, never. A value not read keeps the last one applied, so it",
        "shows no change; a change made outside Pulumi to it cannot be seen.",
        "",
    ];
    for (const e of CATALOG) {
        const described = describeResource(e);
        lines.push(
            `## ${e.type}`,
            "",
            "| input | type | default | on change | read back | documentation |",
            "| --- | --- | --- | --- | --- | --- |",
        );
        for (const key of schemaKeys(e.schema)) {
            const spec = e.fields[key];
            const input = described.inputs[key];
            const change = !spec ? "?" : CHANGE[spec.behaviour] + (spec.writeOnly ? " (write-only)" : "");
            const type = input ? typeText(input.schema, described.$defs) + (input.secret ? " (secret)" : "") : "?";
            const unset = input && spec ? defaultText(input.required, schemaShape(e.schema)[key], spec) : "?";
            lines.push(`| \`${key}\` | ${type} | ${unset} | ${change} | ${spec?.readBack ?? "?"} | ${spec?.doc ?? "UNDOCUMENTED"} |`);
        }
        lines.push("", "| output | type | secret | documentation |", "| --- | --- | --- | --- |");
        for (const [name, output] of Object.entries(e.outputs))
            lines.push(
                `| \`${name}\` | ${typeText(described.outputs[name]?.schema, described.$defs)} | ${output.secret ? "yes" : "no"} | ${output.doc} |`,
            );
        lines.push("");
    }
    return lines.join("\n");
}

export const REFERENCE_FILE = path.resolve(__dirname, "..", "..", "docs", "reference.md");

if (require.main === module && process.argv.includes("--write")) {
    writeFileSync(REFERENCE_FILE, renderReference());
    process.stdout.write(`wrote ${REFERENCE_FILE}\n`);
}
