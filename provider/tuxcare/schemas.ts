/**
 * Minimal wire schemas of the TuxCare portal API: only the fields the provider reads, lenient
 * where the document contradicts itself (numbers that arrive as strings, nullable notes), and
 * every other field passed through untouched.
 *
 * Absent, null and empty are three answers. Only the fields that find an object are required (a
 * key, an IP and type, a group name, a server id). Any other field may be absent and reads as
 * `undefined`, "not read": a resource keeps its last applied value. null is an empty value: a null
 * note or description (the document's `"description": null`) reads as "".
 */
import { z } from "zod";

/** `{message, type, success, data}`: the envelope most answers come in (see NOTES.md). */
export const envelopeSchema = z.object({
    success: z.boolean(),
    data: z.unknown(),
    message: z.string().nullish(),
    type: z.unknown().optional(),
});

const numberLike = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
/** A number (or a string of digits) that may be absent: not read. */
const optionalNumberLike = numberLike.optional();
/** Free text (a note, a description; the document shows numbers too): null reads as "", absent is not read. */
const textLike = z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null ? "" : String(v)));

// KernelCare (/api/kcare)
export const kcareKeySchema = z.looseObject({
    key: z.string(),
    enabled: z.boolean().nullish(),
    created: z.string().nullish(),
    limit: optionalNumberLike,
    note: textLike,
});
export type KcareKeyWire = z.infer<typeof kcareKeySchema>;

export const kcareServerSchema = z.looseObject({
    server_id: z.union([z.string(), z.number()]).transform(String).optional(),
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    ip: z.string().nullish(),
    hostname: z.string().nullish(),
    created: z.string().nullish(),
});
export type KcareServerWire = z.infer<typeof kcareServerSchema>;

export const setCidrResultSchema = z.looseObject({ code: numberLike });

export const kcareServerRemovedSchema = z
    .looseObject({ server_id: z.union([z.string(), z.number()]).transform(String).nullish(), key: z.string().nullish() })
    .nullable();

// ELS and AlmaLinux ESU (/api/els)
export const elsKeySchema = z.looseObject({
    key: z.string(),
    productCode: z.string().optional(),
    usageLimit: optionalNumberLike,
    description: textLike,
});
export type ElsKeyWire = z.infer<typeof elsKeySchema>;

export const elsServerSchema = z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    key: z.string().nullish(),
    ip: z.string().nullish(),
    hostname: z.string().nullish(),
});
export type ElsServerWire = z.infer<typeof elsServerSchema>;

// IP licenses (/api/ipl)
export const ipLicenseSchema = z.looseObject({
    ip: z.string(),
    type: numberLike,
    registered: z.boolean().nullish(),
    created: z.string().nullish(),
});
export type IpLicenseWire = z.infer<typeof ipLicenseSchema>;

export const ipServerSchema = ipLicenseSchema.extend({
    server_info: z.string().nullish(),
    last_checkin: z.string().nullish(),
});
export type IpServerWire = z.infer<typeof ipServerSchema>;

export const availabilitySchema = z.looseObject({ available: z.array(numberLike), owned: z.array(numberLike) });

// Server groups (/api/group)
export const serverGroupSchema = z.looseObject({ name: z.string(), description: textLike });
export type ServerGroupWire = z.infer<typeof serverGroupSchema>;

export const groupServerSchema = z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    hostName: z.string().nullish(),
    ip: z.string().nullish(),
    type: z.string().nullish(),
});
export type GroupServerWire = z.infer<typeof groupServerSchema>;
