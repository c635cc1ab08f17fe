/**
 * Every resource the package offers: the list of their definitions (core/define.ts). The runtime
 * finds each resource's handlers in it; the reference docs, the JSON descriptions and the native schemas are
 * generated from it.
 */
import type { ResourceDefinition } from "./core/define";
import type { FluxarkContext } from "./fluxark/context";
import type { TuxcareContext } from "./tuxcare/context";
import { elsKey } from "./tuxcare/els-key";
import { ipLicense } from "./tuxcare/ip-license";
import { kcareKey } from "./tuxcare/kcare-key";
import { serverGroup } from "./tuxcare/server-group";
import { fluxarkAcl } from "./fluxark/acl";
import { fluxarkServer } from "./fluxark/server";
import { fluxarkServerUser } from "./fluxark/server-user";
import { fluxarkUser } from "./fluxark/user";
import { userGroup } from "./fluxark/user-group";

/** A resource of either API: its handlers are given its own API's context. */
export type CatalogEntry = ResourceDefinition<"tuxcare", TuxcareContext> | ResourceDefinition<"fluxark", FluxarkContext>;

export const CATALOG: readonly CatalogEntry[] = [
    elsKey,
    ipLicense,
    kcareKey,
    serverGroup,
    fluxarkServer,
    fluxarkServerUser,
    fluxarkUser,
    fluxarkAcl,
    userGroup,
];
