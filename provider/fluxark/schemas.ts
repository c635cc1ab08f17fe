/**
 * Minimal wire schemas of the FluxArk Management API. Flags arrive as 1|0 (sometimes null) and
 * are read as booleans; every other field passes through untouched.
 *
 * Absent, null and empty are three answers. Only the fields that find an object are required (its
 * id, a user's username, a server's name). Any other field may be absent: an installation may
 * leave out what the document's example leaves out (its user list has no `ssh_key` and no
 * `comment`), so absent reads as `undefined`, "not read", and a resource keeps the last applied
 * value for it. null is the database's empty value: "" for text, false for a flag, [] for a list.
 */
import { z } from "zod";

/** A 1|0 flag: null reads as false (the document's user list shows `"server_admin": null`); absent is not read. */
export const flagSchema = z
    .union([z.number(), z.boolean(), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 1 || v === true));
/** Text: null reads as ""; absent is not read. */
const text = z
    .string()
    .nullish()
    .transform((v) => (v === null ? "" : v));
/** A number (a port, a referenced id): null or absent is not read. */
const count = z
    .number()
    .nullish()
    .transform((v) => v ?? undefined);
/** A list: null reads as empty; absent is not read. */
const listOf = <T extends z.ZodType>(item: T) =>
    z
        .array(item)
        .nullish()
        .transform((v) => (v === null ? [] : v));

export const okSchema = z.looseObject({ status: z.literal("OK"), id: z.number().optional() });
export const errorBodySchema = z.looseObject({ status: z.literal("ERROR"), messages: z.array(z.string()) });

export const serverUserSchema = z.looseObject({
    id: z.number(),
    server_id: count,
    username: z.string(),
    auth_method: text,
    ssh_key: text,
    port: count,
    active: flagSchema,
    default_user: flagSchema,
    has_password: flagSchema,
});
export type ServerUserWire = z.infer<typeof serverUserSchema>;

export const serverSchema = z.looseObject({
    id: z.number(),
    name: z.string(),
    ip_addr: text,
    active: flagSchema,
    is_jump: flagSchema,
    is_cron: flagSchema,
    is_api: flagSchema,
    port: count,
    groups: listOf(z.string()),
    created: text,
    /** Absent: the server's remote users were not listed here (read them with `servers/$ID/users`). */
    users: listOf(serverUserSchema),
});
export type ServerWire = z.infer<typeof serverSchema>;

export const userSchema = z.looseObject({
    id: z.number(),
    username: z.string(),
    email: text,
    full_name: text,
    auth_type: text,
    password_type: text,
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
    user_server_id: count,
    server_id: count,
    /** "" (or null) means the rule never expires. */
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
