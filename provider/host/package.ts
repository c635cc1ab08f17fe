/**
 * What a native package serves: its catalog entries, version and schema.
 */
import { CATALOG } from "../catalog";
import { TUXCARE_FUNCTIONS } from "./functions";
import { publication } from "./publication";
import { packageSchema } from "./schema";
import type { HostedPackage } from "./service";
import type { PackageName } from "../tokens";

export function hostedPackage(name: PackageName): HostedPackage {
    const entries = CATALOG.filter((e) => e.api === name);
    const functions = name === "tuxcare" ? TUXCARE_FUNCTIONS : [];
    const published = publication();
    return { name, version: published.version, entries, functions, schema: () => packageSchema(name, published, entries, functions) };
}
