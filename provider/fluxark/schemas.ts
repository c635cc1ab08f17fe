/**
 * Minimal wire schemas of the FluxArk Management API. Flags arrive as 1|0 (sometimes null) and
 * are read as booleans; every other field passes through untouched.
 */
import { z } from "zod";

export const flagSchema = z.union([z.number(), z.boolean(), z.null()]).transform((v) => v === 1 || v === true);
const text = z.string().nullish().transform((v) => v ?? "");
/** A list the API may send as null or leave out: read as empty. */
const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);

export const okSchema = z.looseObject({ status: z.literal("OK"), id: z.number().optional() });
export const errorBodySchema = z.looseObject({ status: z.literal("ERROR"), messages: z.array(z.string()) });

export const serverUserSchema = z.looseObject({
    id: z.number(),
    server_id: z.number().optional(),
    username: z.string(),
    auth_method: text,
    ssh_key: text,
    port: z.number(),
    active: flagSchema,
    default_user: flagSchema,
    has_password: flagSchema,
});
export type ServerUserWire = z.infer<typeof serverUserSchema>;

export const serverSchema = z.looseObject({
    id: z.number(),
    name: z.string(),
    ip_addr: z.string(),
    active: flagSchema,
    is_jump: flagSchema,
    is_cron: flagSchema,
    is_api: flagSchema,
    port: z.number(),
    groups: listOf(z.string()),
    created: text,
    users: listOf(serverUserSchema),
});
export type ServerWire = z.infer<typeof serverSchema>;

export const userSchema = z.looseObject({
    id: z.number(),
    username: z.string(),
    email: z.string(),
    full_name: text,
    auth_type: z.string(),
    password_type: z.string(),
    ssh_key: text,
    active: flagSchema,
    server_admin: flagSchema,
    comment: text,
    ip_allow_list: text,
    groups: listOf(z.string()),
    created: text,
});
export type UserWire = z.infer<typeof userSchema>;

export const aclSchema = z.looseObject({
    acl_id: z.number(),
    user_server_id: z.number(),
    server_id: z.number(),
    expire_time: text,
    created: text,
});
export type AclWire = z.infer<typeof aclSchema>;

export const userGroupSchema = z.looseObject({
    id: z.number(),
    name: z.string(),
    expire_time: text,
    created: text,
    server_groups: listOf(z.looseObject({ id: z.number(), name: z.string() })),
});
export type UserGroupWire = z.infer<typeof userGroupSchema>;
