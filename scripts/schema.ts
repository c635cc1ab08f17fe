/**
 * The resources' JSON descriptions (schema/resources/<Name>.json) and the native packages' schemas
 * built from them (schema/tuxcare.json, schema/fluxark.json), and the list of type tokens that
 * light modules read (provider/resource-types.ts), generated from the catalog.
 * `node dist/scripts/schema.js --write` rewrites them (`npm run schema`); unit tests fail when a
 * checked-in file differs from what the code generates. The SDK generator (sdk/generate) reads
 * the package schemas.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../provider/catalog";
import { describeResource } from "../provider/core/describe";
import { hostedPackage } from "../provider/host/package";
import { className, PACKAGES, type PackageName } from "../provider/tokens";

export const SCHEMA_DIR = path.resolve(__dirname, "..", "..", "schema");

export const schemaFile = (pkg: PackageName) => path.join(SCHEMA_DIR, `${pkg}.json`);

export function renderSchema(pkg: PackageName): string {
    return `${JSON.stringify(hostedPackage(pkg).schema(), null, 2)}\n`;
}

export const DESCRIPTION_DIR = path.join(SCHEMA_DIR, "resources");

/** A resource's description file, named for the resource (`KcareKey.json`). */
export const descriptionFile = (type: string) => path.join(DESCRIPTION_DIR, `${className(type)}.json`);

export function renderDescription(type: string): string {
    const entry = CATALOG.find((e) => e.type === type);
    if (!entry) throw new Error(`no resource ${type}`);
    return `${JSON.stringify(describeResource(entry), null, 2)}\n`;
}

export const RESOURCE_TYPES_FILE = path.resolve(__dirname, "..", "..", "provider", "resource-types.ts");

export function renderResourceTypes(): string {
    return [
        "// Generated from provider/catalog.ts by `npm run schema` (scripts/schema.ts): do not edit.",
        "/** The type token of every resource in the catalog, in its order; read through provider/tokens.ts. */",
        "export const RESOURCE_TYPES = [",
        ...CATALOG.map((e) => `    ${JSON.stringify(e.type)},`),
        "] as const;",
        "",
    ].join("\n");
}

if (require.main === module && process.argv.includes("--write")) {
    mkdirSync(DESCRIPTION_DIR, { recursive: true });
    for (const { type } of CATALOG) {
        writeFileSync(descriptionFile(type), renderDescription(type));
        process.stdout.write(`wrote ${descriptionFile(type)}\n`);
    }
    for (const pkg of PACKAGES) {
        writeFileSync(schemaFile(pkg), renderSchema(pkg));
        process.stdout.write(`wrote ${schemaFile(pkg)}\n`);
    }
    writeFileSync(RESOURCE_TYPES_FILE, renderResourceTypes());
    process.stdout.write(`wrote ${RESOURCE_TYPES_FILE}\n`);
}
