/**
 * The native packages' schemas (schema/tuxcare.json, schema/fluxark.json), generated from the
 * catalog. `node dist/scripts/schema.js --write` rewrites them (`npm run schema`); a unit test
 * fails when a checked-in file differs from what the code generates. The SDK generator
 * (sdk/generate) reads these files.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { hostedPackage } from "../provider/host/package";
import { PACKAGES, type PackageName } from "../provider/host/tokens";

export const SCHEMA_DIR = path.resolve(__dirname, "..", "..", "schema");

export const schemaFile = (pkg: PackageName) => path.join(SCHEMA_DIR, `${pkg}.json`);

export function renderSchema(pkg: PackageName): string {
    return `${JSON.stringify(hostedPackage(pkg).schema(), null, 2)}\n`;
}

if (require.main === module && process.argv.includes("--write")) {
    for (const pkg of PACKAGES) {
        writeFileSync(schemaFile(pkg), renderSchema(pkg));
        process.stdout.write(`wrote ${schemaFile(pkg)}\n`);
    }
}
