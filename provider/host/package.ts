/**
 * What a native package serves: its catalog entries, version and schema.
 */
import { CATALOG } from "../catalog";
import { packageSchema } from "./schema";
import type { HostedPackage } from "./service";
import { packageOf, type PackageName } from "./tokens";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require("pulumi-tuxcare-fluxark/package.json").version;

export function hostedPackage(name: PackageName): HostedPackage {
    const entries = CATALOG.filter((e) => packageOf(e.type) === name);
    return { name, version: VERSION, entries, schema: () => packageSchema(name, VERSION, entries) };
}
