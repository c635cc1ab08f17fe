/**
 * What a native package serves: its catalog entries, version and schema.
 */
import { CATALOG } from "../catalog";
import { TUXCARE_FUNCTIONS } from "./functions";
import { packageSchema } from "./schema";
import type { HostedPackage } from "./service";
import type { PackageName } from "./tokens";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require("pulumi-tuxcare-fluxark/package.json").version;

export function hostedPackage(name: PackageName): HostedPackage {
    const entries = CATALOG.filter((e) => e.api === name);
    const functions = name === "tuxcare" ? TUXCARE_FUNCTIONS : [];
    return { name, version: VERSION, entries, functions, schema: () => packageSchema(name, VERSION, entries, functions) };
}
