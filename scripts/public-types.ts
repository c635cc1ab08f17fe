/**
 * The public TypeScript types of the resources, generated from their declarations: per API one file,
 * provider/<api>/resources.generated.ts, with each resource's Args interface (its schema's input,
 * each value a `pulumi.Input`, documented from the field table), its class (an Output of each input
 * and output, documented from the field table and the output specs), and the named object types
 * they use. Types are rendered from the same JSON Schema as the resource descriptions
 * (core/describe.ts); a value the JSON Schema cannot show (the output of a transform) is typed from
 * the declaration itself (`StateOf`). Each resource ends with compile-time checks
 * (core/public-types.ts), so a hand edit that disagrees with the declaration fails `tsc`.
 *
 * One file per API, as the SDKs have one package per API: the named types (`KcareServer`) share its
 * namespace, with the SDKs' names. `npm run generate` (or `npm run types`) rewrites the files;
 * test/unit/public-types.test.ts fails when a checked-in file differs from what this renders.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CATALOG, type CatalogEntry } from "../provider/catalog";
import { describeResource, jsonSchema, type JsonNode } from "../provider/core/describe";
import { className, PACKAGES, type PackageName } from "../provider/tokens";
import { REPO_ROOT } from "./project-dir";

export const typesFile = (api: PackageName) => path.join(REPO_ROOT, "provider", api, "resources.generated.ts");

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The definition's variable: `kcareKey` for tuxcare:KcareKey. */
const definitionName = (type: string) => className(type).charAt(0).toLowerCase() + className(type).slice(1);
const doc = (text: string | undefined, indent = "") => (text ? `${indent}/** ${text.replace(/\*\//g, "*\\/")} */\n` : "");

/** The resource file that declares `definition` (`export const kcareKey = defineResource(`), as an import path. */
function declaringModule(api: PackageName, definition: string): string {
    const dir = path.join(REPO_ROOT, "provider", api);
    const declares = new RegExp(`^export const ${definition} = defineResource\\(`, "m");
    const file = readdirSync(dir).find(
        (f) => f.endsWith(".ts") && !f.endsWith(".generated.ts") && declares.test(readFileSync(path.join(dir, f), "utf8")),
    );
    if (!file) throw new Error(`no file under provider/${api} declares \`export const ${definition} = defineResource(\``);
    return `./${file.replace(/\.ts$/, "")}`;
}

/** Renders JSON Schema nodes as TypeScript, collecting the named object types (interfaces) they use. */
class TypeWriter {
    private readonly interfaces = new Map<string, string>();

    /**
     * A node's type; undefined when the JSON Schema cannot show it (a transform's output). `args`:
     * as a program passes it (each value a `pulumi.Input`, named types with "Args"); `name`: the
     * name of an inline object type, as the SDKs name it (resource and property, singular for items).
     */
    type(node: JsonNode | undefined, name: string, defs: Record<string, JsonNode>, args: boolean): string | undefined {
        if (!node) return undefined;
        if (node.$ref) {
            const def = node.$ref.split("/").pop()!;
            return this.type(defs[def], def, defs, args);
        }
        if (node.anyOf) return this.union(node.anyOf.map((n, i) => this.type(n, `${name}${i}`, defs, args)));
        if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
        if (Array.isArray(node.type))
            return this.union(node.type.filter((t) => t !== "null").map((t) => this.type({ type: t }, name, defs, args)));
        switch (node.type) {
            case "string":
            case "boolean":
                return node.type;
            case "integer":
            case "number":
                return "number";
            case "array": {
                const item = this.type(node.items, name.replace(/s$/, ""), defs, args);
                if (item === undefined) return undefined;
                return args ? `pulumi.Input<${item}>[]` : `${item.includes("|") ? `(${item})` : item}[]`;
            }
            case "object":
                return this.object(node, name, defs, args);
            default:
                return undefined;
        }
    }

    private union(types: (string | undefined)[]): string | undefined {
        return types.some((t) => t === undefined) ? undefined : [...new Set(types)].join(" | ");
    }

    private object(node: JsonNode, name: string, defs: Record<string, JsonNode>, args: boolean): string | undefined {
        const typeName = args ? `${name}Args` : name;
        const required = node.required ?? [];
        const fields: string[] = [];
        for (const [key, value] of Object.entries(node.properties ?? {})) {
            const t = this.type(value, `${name}${capitalise(key)}`, defs, args);
            if (t === undefined) return undefined;
            const optional = required.includes(key) ? "" : "?";
            fields.push(`${doc(value.description, "    ")}    ${key}${optional}: ${args ? `pulumi.Input<${t}>` : t};\n`);
        }
        const text = `${doc(node.description)}export interface ${typeName} {\n${fields.join("")}}\n`;
        const seen = this.interfaces.get(typeName);
        if (seen !== undefined && seen !== text)
            throw new Error(`two different object types are named ${typeName}: give one another meta id`);
        this.interfaces.set(typeName, text);
        return typeName;
    }

    /** The named object types, in the order first met. */
    written(): string[] {
        return [...this.interfaces.values()];
    }
}

function renderResource(entry: CatalogEntry, writer: TypeWriter): { text: string; usesState: boolean } {
    const name = className(entry.type);
    const definition = definitionName(entry.type);
    const described = describeResource(entry);
    const state = jsonSchema(entry.schema, "output");
    let usesState = false;
    const unrenderable = (what: string) => new Error(`${entry.type}: the type of ${what} cannot be rendered from its JSON Schema`);

    const args = Object.entries(described.inputs).map(([key, input]) => {
        const t = writer.type(input.schema, `${name}${capitalise(key)}`, described.$defs, true);
        if (t === undefined) throw unrenderable(`input ${key}`);
        return `${doc(input.description, "    ")}    ${key}${input.required ? "" : "?"}: pulumi.Input<${t}>;\n`;
    });

    /** An Output of a value: its type from the JSON Schema, or else from the declaration. */
    const output = (key: string, node: JsonNode | undefined, required: boolean, defs: Record<string, JsonNode>, description: string) => {
        let t = writer.type(node, `${name}${capitalise(key)}`, defs, false);
        if (t === undefined) {
            usesState = true;
            t = `StateOf<typeof ${definition}>["${key}"]`;
        } else if (!required) t = `${t} | undefined`;
        return `${doc(description, "    ")}    declare readonly ${key}: pulumi.Output<${t}>;\n`;
    };
    const members = [
        ...Object.keys(described.inputs).map((key) =>
            output(key, state.properties?.[key], (state.required ?? []).includes(key), state.$defs ?? {}, entry.fields[key]!.doc),
        ),
        ...Object.entries(described.outputs).map(([key, o]) => output(key, o.schema, o.required, described.$defs, o.description)),
    ];

    const text = [
        `${doc(`The inputs of ${name} (${entry.type}).`)}export interface ${name}Args {\n${args.join("")}}\n`,
        `${doc(entry.description)}export class ${name} extends ${definition}.Resource<${name}Args> {\n${members.join("")}}\n`,
        `// Compile-time checks: the Args and the class agree with the declaration.\ntype _${name}Agrees = [Agreed<ArgsAgree<${name}Args, typeof ${definition}>>, Agreed<ClassAgrees<${name}, typeof ${definition}>>];\n`,
    ].join("\n");
    return { text, usesState };
}

export function renderTypes(api: PackageName): string {
    const entries = CATALOG.filter((e) => e.api === api);
    const writer = new TypeWriter();
    const resources = entries.map((e) => renderResource(e, writer));
    const helpers = ["Agreed", "ArgsAgree", "ClassAgrees", ...(resources.some((r) => r.usesState) ? ["StateOf"] : [])];
    const imports = entries
        .map((e) => [declaringModule(api, definitionName(e.type)), definitionName(e.type)] as const)
        .sort(([a], [b]) => a.localeCompare(b));
    return [
        "/**",
        ` * The public types of the ${api} resources: generated from their declarations by scripts/public-types.ts;`,
        " * do not edit by hand. Change a resource's declaration (its schema, field table or outputs) and run",
        " * `npm run generate`.",
        " */",
        'import type * as pulumi from "@pulumi/pulumi";',
        `import type { ${helpers.join(", ")} } from "../core/public-types";`,
        ...imports.map(([module, definition]) => `import { ${definition} } from "${module}";`),
        "",
        ...resources.map((r) => r.text),
        ...writer.written(),
    ].join("\n");
}

/** What is out of date in a generated file's text, naming the first line that differs and the fix; undefined when it is current. */
export function typesDrift(api: PackageName, text: string): string | undefined {
    const want = renderTypes(api).split("\n");
    const have = text.split("\n");
    const line = want.findIndex((l, i) => l !== have[i]);
    if (line === -1 && have.length === want.length) return undefined;
    const at = line === -1 ? want.length : line;
    const show = (l: string | undefined) => (l === undefined ? "nothing" : JSON.stringify(l.trim()));
    return `${path.relative(REPO_ROOT, typesFile(api))} is out of date at line ${at + 1}: the declarations give ${show(want[at])}, the file has ${show(have[at])}. Run \`npm run generate\`.`;
}

if (require.main === module && process.argv.includes("--write")) {
    for (const api of PACKAGES) {
        writeFileSync(typesFile(api), renderTypes(api));
        process.stdout.write(`wrote ${path.relative(REPO_ROOT, typesFile(api))}\n`);
    }
}
