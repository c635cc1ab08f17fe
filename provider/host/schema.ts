/**
 * The Pulumi package schema of a native package, built from the catalog: each resource from its
 * JSON description (core/describe.ts: inputs, outputs, docs, secrets, replace-on-change fields and
 * import id); the provider configuration from the settings table.
 * `npm run schema` writes it to schema/<package>.json; GetSchema serves the same document.
 */
import type { z } from "zod";
import type { CatalogEntry } from "../catalog";
import { describeResource, jsonSchema, type JsonNode, type PropertyDescription, type ResourceDescription } from "../core/describe";
import { SETTING_RULES, SETTINGS, type SettingSpec } from "../core/settings";
import type { NativeFunction } from "./functions";
import type { Publication } from "./publication";
import { className, memberToken, nativeToken, type PackageName } from "../tokens";

type TypeSpec = Record<string, unknown>;

/** Collects the named object types a package's properties refer to. */
class TypeTable {
    readonly types: Record<string, TypeSpec> = {};
    constructor(private readonly pkg: PackageName) {}

    token(name: string): string {
        return memberToken(this.pkg, name);
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
        if (Array.isArray(node.type))
            return {
                oneOf: node.type.filter((t) => t !== "null").map((t) => this.typeOf({ type: t === "number" ? "integer" : t }, name, defs)),
            };
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
                    properties: Object.fromEntries(
                        Object.entries(node.properties ?? {}).map(([k, v]) => [k, this.typeOf(v, `${name}${capitalise(k)}`, defs)]),
                    ),
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

/** A resource's entry in the package schema, from its JSON description (core/describe.ts). */
function resourceSpec(resource: ResourceDescription, types: TypeTable): TypeSpec {
    const name = className(resource.type);
    const property = (prop: string, p: PropertyDescription, doc: string): TypeSpec => ({
        ...types.typeOf(p.schema, `${name}${capitalise(prop)}`, resource.$defs),
        ...(doc ? { description: doc } : {}),
        ...(p.schema.default !== undefined && typeof p.schema.default !== "object" ? { default: p.schema.default } : {}),
        ...(p.secret ? { secret: true } : {}),
    });
    const inputs = Object.entries(resource.inputs);
    const outputs = Object.entries(resource.outputs);
    const inputProperties = Object.fromEntries(inputs.map(([p, d]) => [p, property(p, d, d.description)]));
    const outputOnly = Object.fromEntries(outputs.map(([p, d]) => [p, property(p, d, d.schema.description ?? "")]));
    const requiredInputs = inputs.filter(([, d]) => d.required).map(([p]) => p);
    const replaceOnChanges = inputs.filter(([, d]) => d.replaceOnChange).map(([p]) => p);
    const importDoc = `\n\n## Import\n\nThe import id is ${resource.importId}:\n\n\`\`\`sh\npulumi import ${nativeToken(resource.type)} <name> <id>\n\`\`\``;
    return {
        description: resource.description + importDoc,
        inputProperties,
        requiredInputs,
        properties: { ...inputProperties, ...outputOnly },
        required: [...new Set([...requiredInputs, ...outputs.filter(([, d]) => d.required).map(([p]) => p)])],
        ...(replaceOnChanges.length ? { replaceOnChanges } : {}),
    };
}

function configVariables(pkg: PackageName): Record<string, TypeSpec> {
    return Object.fromEntries(
        (Object.values(SETTINGS) as SettingSpec[])
            .filter((s) => s.config?.startsWith(`${pkg}:`))
            .map((s) => {
                const key = s.config!.split(":")[1]!;
                const type = s.rule === undefined ? "string" : SETTING_RULES[s.rule].type;
                return [key, { type, description: `${s.doc} Environment: ${s.env}.`, ...(s.secret ? { secret: true } : {}) }];
            }),
    );
}

const DESCRIPTIONS: Record<PackageName, string> = {
    tuxcare: "TuxCare portal licenses as code: ELS and AlmaLinux ESU keys, IP licenses, KernelCare keys and server groups.",
    fluxark: "FluxArk SSH access as code: servers, remote SSH users, portal users, ACL rules and user groups.",
};

/** A function's inputs or outputs as a schema object type. */
function objectSpec(
    schema: z.ZodObject,
    io: "input" | "output",
    name: string,
    types: TypeTable,
    secrets: readonly string[] | true = [],
): TypeSpec {
    const json = jsonSchema(schema, io);
    const defs = json.$defs ?? {};
    const secret = (p: string) => secrets === true || secrets.includes(p);
    return {
        properties: Object.fromEntries(
            Object.entries(json.properties ?? {}).map(([p, n]) => [
                p,
                {
                    ...types.typeOf(n, `${name}${capitalise(p)}`, defs),
                    ...(n.description ? { description: n.description } : {}),
                    ...(secret(p) ? { secret: true } : {}),
                },
            ]),
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

export function packageSchema(
    pkg: PackageName,
    published: Publication,
    entries: readonly CatalogEntry[],
    functions: readonly NativeFunction[] = [],
): Record<string, unknown> {
    const types = new TypeTable(pkg);
    const resources = Object.fromEntries(entries.map((e) => [nativeToken(e.type), resourceSpec(describeResource(e), types)]));
    const fnSpecs = Object.fromEntries(functions.map((f) => [memberToken(pkg, f.name), functionSpec(f, types)]));
    const variables = configVariables(pkg);
    return {
        name: pkg,
        displayName: pkg === "tuxcare" ? "TuxCare" : "FluxArk",
        version: published.version,
        description: DESCRIPTIONS[pkg],
        license: "Apache-2.0",
        publisher: published.owner,
        homepage: published.repository,
        repository: published.repository,
        logoUrl: published.logoUrl,
        pluginDownloadURL: published.pluginDownloadURL,
        keywords: ["pulumi", pkg, "kind/native", "category/infrastructure"],
        config: { variables },
        provider: {
            description: `The ${pkg} provider. Settings fall back to the environment variables named.`,
            inputProperties: variables,
        },
        types: types.types,
        resources,
        ...(functions.length ? { functions: fnSpecs } : {}),
        language: {
            // The SDKs carry the schema's version (their packages are published at it).
            go: { importBasePath: `${published.goModule}/${pkg}`, generateResourceContainerTypes: false, respectSchemaVersion: true },
            python: {
                packageName: `pulumi_${pkg}`,
                requires: { pulumi: ">=3.0.0,<4.0.0" },
                respectSchemaVersion: true,
                pyproject: { enabled: true },
            },
        },
    };
}
