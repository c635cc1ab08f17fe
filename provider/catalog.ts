/**
 * Every resource the package offers, in one list: its type token, the API it belongs to, input
 * schema, field table and handlers. The runtime dispatches from it and the reference docs are
 * generated from it.
 */
import type { z } from "zod";
import type { FieldTable } from "./core/diff";
import type { ResourceHandlers } from "./core/resource";
import type { FluxarkContext } from "./fluxark/context";
import type { TuxcareContext } from "./tuxcare/context";
import { ELS_KEY_SECRET_OUTPUTS, ELS_KEY_TYPE, elsKeyFields, elsKeyHandlers, elsKeyInputSchema } from "./tuxcare/els-key";
import { IP_LICENSE_TYPE, ipLicenseFields, ipLicenseHandlers, ipLicenseInputSchema } from "./tuxcare/ip-license";
import { KCARE_KEY_SECRET_OUTPUTS, KCARE_KEY_TYPE, kcareKeyFields, kcareKeyHandlers, kcareKeyInputSchema } from "./tuxcare/kcare-key";
import { SERVER_GROUP_TYPE, serverGroupFields, serverGroupHandlers, serverGroupInputSchema } from "./tuxcare/server-group";
import { FLUXARK_ACL_TYPE, fluxarkAclFields, fluxarkAclHandlers, fluxarkAclInputSchema } from "./fluxark/acl";
import { FLUXARK_SERVER_TYPE, fluxarkServerFields, fluxarkServerHandlers, fluxarkServerInputSchema } from "./fluxark/server";
import { FLUXARK_SERVER_USER_TYPE, fluxarkServerUserFields, fluxarkServerUserHandlers, fluxarkServerUserInputSchema } from "./fluxark/server-user";
import { FLUXARK_USER_TYPE, fluxarkUserFields, fluxarkUserHandlers, fluxarkUserInputSchema } from "./fluxark/user";
import { USER_GROUP_TYPE, userGroupFields, userGroupHandlers, userGroupInputSchema } from "./fluxark/user-group";

/** One context per API: a resource's handlers are given its own API's. */
export interface ApiContexts {
    tuxcare: TuxcareContext;
    fluxark: FluxarkContext;
}

export interface CatalogEntry {
    type: string;
    api: keyof ApiContexts;
    schema: z.ZodType;
    fields: FieldTable<Record<string, unknown>>;
    /** The handlers over the process's context of the resource's API. */
    handlersIn(contexts: ApiContexts): ResourceHandlers;
    /** Outputs the API makes that are secret (a license key); secret inputs are marked in the field table. */
    secretOutputs: string[];
    /** One line on what the resource is. */
    description: string;
}

function entry<A extends keyof ApiContexts>(api: A, type: string, schema: z.ZodType, fields: object, handlers: (ctx: ApiContexts[A]) => ResourceHandlers, description: string, secretOutputs: string[] = []): CatalogEntry {
    return { type, api, schema, fields: fields as CatalogEntry["fields"], handlersIn: (contexts) => handlers(contexts[api]), description, secretOutputs };
}

export const CATALOG: readonly CatalogEntry[] = [
    entry("tuxcare", ELS_KEY_TYPE, elsKeyInputSchema, elsKeyFields, elsKeyHandlers, "An ELS or AlmaLinux ESU license key (/api/els).", ELS_KEY_SECRET_OUTPUTS),
    entry("tuxcare", IP_LICENSE_TYPE, ipLicenseInputSchema, ipLicenseFields, ipLicenseHandlers, "An IP-based license (/api/ipl), identified by (ip, type)."),
    entry("tuxcare", KCARE_KEY_TYPE, kcareKeyInputSchema, kcareKeyFields, kcareKeyHandlers, "A KernelCare license key (/api/kcare).", KCARE_KEY_SECRET_OUTPUTS),
    entry("tuxcare", SERVER_GROUP_TYPE, serverGroupInputSchema, serverGroupFields, serverGroupHandlers, "A KernelCare server group (/api/group) and its members."),
    entry("fluxark", FLUXARK_SERVER_TYPE, fluxarkServerInputSchema, fluxarkServerFields, fluxarkServerHandlers, "A remote server behind the FluxArk jump server (/api/servers/)."),
    entry("fluxark", FLUXARK_SERVER_USER_TYPE, fluxarkServerUserInputSchema, fluxarkServerUserFields, fluxarkServerUserHandlers, "A remote SSH account on a FluxArk server (/api/servers/$ID/users)."),
    entry("fluxark", FLUXARK_USER_TYPE, fluxarkUserInputSchema, fluxarkUserFields, fluxarkUserHandlers, "A FluxArk portal user (/api/users/)."),
    entry("fluxark", FLUXARK_ACL_TYPE, fluxarkAclInputSchema, fluxarkAclFields, fluxarkAclHandlers, "One access rule giving a portal user a remote SSH account (/api/users/$ID/acl)."),
    entry("fluxark", USER_GROUP_TYPE, userGroupInputSchema, userGroupFields, userGroupHandlers, "A FluxArk user group and its server-group grants (/api/users/groups)."),
];
