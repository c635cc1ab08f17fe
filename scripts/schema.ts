/**
 * The resources' JSON descriptions (schema/resources/<Name>.json) and the native packages' schemas
 * built from them (schema/tuxcare.json, schema/fluxark.json), generated from the catalog.
 * `node dist/scripts/schema.js --write` rewrites them (`npm run schema`); unit tests fail when a
 * checked-in file differs from what the code generates. The SDK generator (sdk/generate) reads
 * the package schemas.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../provider/catalog";
import { describeResource } from "../provider/core/describe";
import { hostedPackage } from "../provider/host/package";
import { PACKAGES, type PackageName } from "../provider/host/tokens";

export const SCHEMA_DIR = path.resolve(__dirname, "..", "..", "schema");

export const schemaFile = (pkg: PackageName) => path.join(SCHEMA_DIR, `${pkg}.json`);

export function renderSchema(pkg: PackageName): string {
    return `${JSON.stringify(hostedPackage(pkg).schema(), null, 2)}\n`;
}

export const DESCRIPTION_DIR = path.join(SCHEMA_DIR, "resources");

/** A resource's description file, named for the resource (`KcareKey.json`). */
export const descriptionFile = (type: string) => path.join(DESCRIPTION_DIR, `${type.split(":")[1]}.json`);

export function renderDescription(type: string): string {
    const entry = CATALOG.find((e) => e.type === type);
    if (!entry) throw new Error(`no resource ${type}`);
    return `${JSON.stringify(describeResource(entry), null, 2)}\n`;
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
}
