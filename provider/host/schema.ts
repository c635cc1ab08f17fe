/**
 * The Pulumi package schema of a native package, built from the catalog: resources with their
 * inputs (from each resource's zod input schema), outputs (host/outputs.ts), field docs, secrets,
 * replace-on-change fields and import ids; the provider configuration from the settings table.
 * `npm run schema` writes it to schema/<package>.json; GetSchema serves the same document.
 */
import { z } from "zod";
import type { CatalogEntry } from "../catalog";
import { SETTINGS, type SettingSpec } from "../core/settings";
import { secretOutputNames } from "../core/secrets";
import { IMPORT_IDS } from "../import-ids";
import type { NativeFunction } from "./functions";
import { RESOURCE_OUTPUTS } from "./outputs";
import { nativeToken, type PackageName } from "./tokens";

interface JsonNode {
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

type TypeSpec = Record<string, unknown>;

/** Collects the named object types a package's properties refer to. */
class TypeTable {
    readonly types: Record<string, TypeSpec> = {};
    constructor(private readonly pkg: PackageName) {}

    token(name: string): string {
        return `${this.pkg}:index:${name}`;
    }

    /** A property's type; `name` names an inline object type, `defs` resolves `$ref`s. */
    typeOf(node: JsonNode | undefined, name: string, defs: Record<string, JsonNode>): TypeSpec {
        if (!node) return { $ref: "pulumi.json#/Any" };
        if (node.$ref) {
            const def = node.$ref.split("/").pop()!;
            return this.typeOf(defs[def], def, defs);
        }
        if (node.anyOf) {
            // A record id given as a number or a numeric string is an integer to every SDK.
            const numeric = node.anyOf.some((n) => n.type === "number" || n.type === "integer");
            if (numeric && node.anyOf.every((n) => n.type !== "string" || n.pattern === "^\\d+$")) return { type: "integer" };
            return { oneOf: node.anyOf.map((n, i) => this.typeOf(n, `${name}${i}`, defs)) };
        }
        if (Array.isArray(node.type)) return { oneOf: node.type.filter((t) => t !== "null").map((t) => this.typeOf({ type: t === "number" ? "integer" : t }, name, defs)) };
        switch (node.type) {
            case "string":
            case "integer":
            case "number":
            case "boolean":
                return { type: node.type };
            case "array":
                return { type: "array", items: this.typeOf(node.items, name.replace(/s$/, ""), defs) };
            case "object": {
                const token = this.token(name);
                this.types[token] ??= {
                    type: "object",
                    ...(node.description ? { description: node.description } : {}),
                    properties: Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, this.typeOf(v, `${name}${capitalise(k)}`, defs)])),
                    required: node.required ?? [],
                };
                return { $ref: `#/types/${token}` };
            }
            default:
                return { $ref: "pulumi.json#/Any" };
        }
    }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const resourceName = (type: string) => type.split(":")[1]!;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonNode {
    return z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonNode;
}

function resourceSpec(entry: CatalogEntry, types: TypeTable): TypeSpec {
    const name = resourceName(entry.type);
    const secrets = new Set(secretOutputNames(entry.fields, entry.secretOutputs));
    const input = jsonSchema(entry.schema, "input");
    const output = jsonSchema(RESOURCE_OUTPUTS[entry.type] ?? z.object({}), "output");
    const defs = { ...input.$defs, ...output.$defs };
    const property = (prop: string, node: JsonNode, doc: string | undefined): TypeSpec => ({
        ...types.typeOf(node, `${name}${capitalise(prop)}`, defs),
        ...(doc ? { description: doc } : {}),
        ...(node.default !== undefined && typeof node.default !== "object" ? { default: node.default } : {}),
        ...(secrets.has(prop) ? { secret: true } : {}),
    });
    const inputProperties = Object.fromEntries(Object.entries(input.properties ?? {}).map(([p, n]) => [p, property(p, n, entry.fields[p]?.doc)]));
    const outputOnly = Object.fromEntries(Object.entries(output.properties ?? {}).map(([p, n]) => [p, property(p, n, n.description)]));
    const replaceOnChanges = Object.entries(entry.fields).filter(([, f]) => f.behaviour === "replace").map(([n]) => n);
    const importId = IMPORT_IDS[entry.type];
    const importDoc = importId ? `\n\n## Import\n\nThe import id is ${importId.format}:\n\n\`\`\`sh\npulumi import ${nativeToken(entry.type)} <name> <id>\n\`\`\`` : "";
    return {
        description: entry.description + importDoc,
        inputProperties,
        requiredInputs: input.required ?? [],
        properties: { ...inputProperties, ...outputOnly },
        required: [...new Set([...(input.required ?? []), ...(output.required ?? [])])],
        ...(replaceOnChanges.length ? { replaceOnChanges } : {}),
    };
}

function configVariables(pkg: PackageName): Record<string, TypeSpec> {
    return Object.fromEntries(
        (Object.values(SETTINGS) as SettingSpec[])
            .filter((s) => s.config?.startsWith(`${pkg}:`))
            .map((s) => {
                const key = s.config!.split(":")[1]!;
                const type = s.rule === undefined ? "string" : s.rule === "positive" ? "number" : "integer";
                return [key, { type, description: `${s.doc} Environment: ${s.env}.`, ...(s.secret ? { secret: true } : {}) }];
            }),
    );
}

const DESCRIPTIONS: Record<PackageName, string> = {
    tuxcare: "TuxCare portal licenses as code: ELS and AlmaLinux ESU keys, IP licenses, KernelCare keys and server groups.",
    fluxark: "FluxArk SSH access as code: servers, remote SSH users, portal users, ACL rules and user groups.",
};

/** A function's inputs or outputs as a schema object type. */
function objectSpec(schema: z.ZodObject, io: "input" | "output", name: string, types: TypeTable, secrets: readonly string[] | true = []): TypeSpec {
    const json = jsonSchema(schema, io);
    const defs = json.$defs ?? {};
    const secret = (p: string) => secrets === true || secrets.includes(p);
    return {
        properties: Object.fromEntries(
            Object.entries(json.properties ?? {}).map(([p, n]) => [p, { ...types.typeOf(n, `${name}${capitalise(p)}`, defs), ...(n.description ? { description: n.description } : {}), ...(secret(p) ? { secret: true } : {}) }]),
        ),
        required: json.required ?? [],
        type: "object",
    };
}

function functionSpec(fn: NativeFunction, types: TypeTable): TypeSpec {
    const name = capitalise(fn.name);
    return {
        description: fn.description,
        inputs: objectSpec(fn.inputs, "input", `${name}Args`, types, fn.secretInputs ?? []),
        outputs: objectSpec(fn.outputs, "output", `${name}Result`, types, fn.secret === true || []),
    };
}

export function packageSchema(pkg: PackageName, version: string, entries: readonly CatalogEntry[], functions: readonly NativeFunction[] = []): Record<string, unknown> {
    const types = new TypeTable(pkg);
    const resources = Object.fromEntries(entries.map((e) => [nativeToken(e.type), resourceSpec(e, types)]));
    const fnSpecs = Object.fromEntries(functions.map((f) => [`${pkg}:index:${f.name}`, functionSpec(f, types)]));
    const variables = configVariables(pkg);
    return {
        name: pkg,
        displayName: pkg === "tuxcare" ? "TuxCare" : "FluxArk",
        version,
        description: DESCRIPTIONS[pkg],
        license: "Apache-2.0",
        keywords: ["pulumi", pkg, "category/infrastructure"],
        config: { variables },
        provider: { description: `The ${pkg} provider. Settings fall back to the environment variables named.`, inputProperties: variables },
        types: types.types,
        resources,
        ...(functions.length ? { functions: fnSpecs } : {}),
        language: {
            go: { importBasePath: `pulumi-tuxcare-fluxark/sdk/go/${pkg}`, generateResourceContainerTypes: false },
            python: { packageName: `pulumi_${pkg}`, requires: { pulumi: ">=3.0.0,<4.0.0" } },
            nodejs: { packageName: `@pulumi-tuxcare-fluxark/${pkg}`, dependencies: { "@pulumi/pulumi": "^3.0.0" } },
        },
    };
}
