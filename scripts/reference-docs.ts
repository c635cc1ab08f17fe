/**
 * The reference tables (docs/reference.md), generated from each resource's zod input schema and
 * field table so they cannot drift from the code. `node dist/scripts/reference-docs.js --write`
 * rewrites the file; test/unit/reference-docs.test.ts fails when it is stale or a field lacks docs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CATALOG } from "../provider/catalog";
import type { FieldBehaviour } from "../provider/core/diff";

/** The input property names of a schema (an object, possibly wrapped in refinements or pipes). */
export function schemaKeys(schema: z.ZodType): string[] {
    const def = (schema as unknown as { def?: { type?: string; in?: z.ZodType; shape?: Record<string, unknown> } }).def;
    if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
    if (def?.in) return schemaKeys(def.in);
    return [];
}

const CHANGE: Record<FieldBehaviour, string> = { update: "in place", replace: "replaces", immutable: "fails at preview", createOnly: "creation only" };

export function renderReference(): string {
    const lines = [
        "# Resource reference",
        "",
        "Generated from the resources' definitions (input schemas, field tables, outputs) by `scripts/reference-docs.ts`; do not edit by hand.",
        "The README explains each resource's behaviour and the API limits behind it.",
        "",
        "\"read back\" says whether `refresh` sees a field's live value: **yes**, the documented answer carries it;",
        "**if returned**, only where the installation's answer carries it (the document's example does not);",
        "**partly**, as the documentation says; **no**, never. A value not read keeps the last one applied, so it",
        "shows no change; a change made outside Pulumi to it cannot be seen.",
        "",
    ];
    for (const e of CATALOG) {
        lines.push(`## ${e.type}`, "", "| input | on change | read back | documentation |", "| --- | --- | --- | --- |");
        for (const key of schemaKeys(e.schema)) {
            const spec = e.fields[key];
            const change = !spec ? "?" : CHANGE[spec.behaviour] + (spec.writeOnly ? " (write-only)" : "");
            lines.push(`| \`${key}\` | ${change} | ${spec?.readBack ?? "?"} | ${spec?.doc ?? "UNDOCUMENTED"} |`);
        }
        lines.push("", "| output | secret | documentation |", "| --- | --- | --- |");
        for (const [name, output] of Object.entries(e.outputs)) lines.push(`| \`${name}\` | ${output.secret ? "yes" : "no"} | ${output.doc} |`);
        lines.push("");
    }
    return lines.join("\n");
}

export const REFERENCE_FILE = path.resolve(__dirname, "..", "..", "docs", "reference.md");

if (require.main === module && process.argv.includes("--write")) {
    writeFileSync(REFERENCE_FILE, renderReference());
    process.stdout.write(`wrote ${REFERENCE_FILE}\n`);
}
