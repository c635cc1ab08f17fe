/**
 * Every resource the package offers, in one list: its type token, input schema, field table and
 * handlers. The runtime dispatches from it and the reference docs are generated from it.
 */
import type { z } from "zod";
import type { FieldTable } from "./core/diff";
import type { ResourceHandlers } from "./core/resource";
import { ELS_KEY_TYPE, elsKeyFields, elsKeyHandlers, elsKeyInputSchema } from "./tuxcare/els-key";
import { IP_LICENSE_TYPE, ipLicenseFields, ipLicenseHandlers, ipLicenseInputSchema } from "./tuxcare/ip-license";
import { KCARE_KEY_TYPE, kcareKeyFields, kcareKeyHandlers, kcareKeyInputSchema } from "./tuxcare/kcare-key";
import { SERVER_GROUP_TYPE, serverGroupFields, serverGroupHandlers, serverGroupInputSchema } from "./tuxcare/server-group";
import { FLUXARK_ACL_TYPE, fluxarkAclFields, fluxarkAclHandlers, fluxarkAclInputSchema } from "./fluxark/acl";
import { FLUXARK_SERVER_TYPE, fluxarkServerFields, fluxarkServerHandlers, fluxarkServerInputSchema } from "./fluxark/server";
import { FLUXARK_SERVER_USER_TYPE, fluxarkServerUserFields, fluxarkServerUserHandlers, fluxarkServerUserInputSchema } from "./fluxark/server-user";
import { FLUXARK_USER_TYPE, fluxarkUserFields, fluxarkUserHandlers, fluxarkUserInputSchema } from "./fluxark/user";
import { USER_GROUP_TYPE, userGroupFields, userGroupHandlers, userGroupInputSchema } from "./fluxark/user-group";

export interface CatalogEntry {
    type: string;
    schema: z.ZodType;
    fields: FieldTable<Record<string, unknown>>;
    handlers: ResourceHandlers;
    /** Outputs the API makes that are secret (a license key); secret inputs are marked in the field table. */
    secretOutputs: string[];
    /** One line on what the resource is. */
    description: string;
}

const entry = (type: string, schema: z.ZodType, fields: object, handlers: ResourceHandlers, description: string, secretOutputs: string[] = []): CatalogEntry => ({
    type,
    schema,
    fields: fields as CatalogEntry["fields"],
    handlers,
    description,
    secretOutputs,
});

export const CATALOG: readonly CatalogEntry[] = [
    entry(ELS_KEY_TYPE, elsKeyInputSchema, elsKeyFields, elsKeyHandlers, "An ELS or AlmaLinux ESU license key (/api/els).", ["key"]),
    entry(IP_LICENSE_TYPE, ipLicenseInputSchema, ipLicenseFields, ipLicenseHandlers, "An IP-based license (/api/ipl), identified by (ip, type)."),
    entry(KCARE_KEY_TYPE, kcareKeyInputSchema, kcareKeyFields, kcareKeyHandlers, "A KernelCare license key (/api/kcare).", ["key"]),
    entry(SERVER_GROUP_TYPE, serverGroupInputSchema, serverGroupFields, serverGroupHandlers, "A KernelCare server group (/api/group) and its members."),
    entry(FLUXARK_SERVER_TYPE, fluxarkServerInputSchema, fluxarkServerFields, fluxarkServerHandlers, "A remote server behind the FluxArk jump server (/api/servers/)."),
    entry(FLUXARK_SERVER_USER_TYPE, fluxarkServerUserInputSchema, fluxarkServerUserFields, fluxarkServerUserHandlers, "A remote SSH account on a FluxArk server (/api/servers/$ID/users)."),
    entry(FLUXARK_USER_TYPE, fluxarkUserInputSchema, fluxarkUserFields, fluxarkUserHandlers, "A FluxArk portal user (/api/users/)."),
    entry(FLUXARK_ACL_TYPE, fluxarkAclInputSchema, fluxarkAclFields, fluxarkAclHandlers, "One access rule giving a portal user a remote SSH account (/api/users/$ID/acl)."),
    entry(USER_GROUP_TYPE, userGroupInputSchema, userGroupFields, userGroupHandlers, "A FluxArk user group and its server-group grants (/api/users/groups)."),
];
