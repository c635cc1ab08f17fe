/**
 * What the FluxArk resources share: the cached lists every read serves from (one list call per
 * kind per provider process, invalidated by writes), and FluxArk's time format.
 */
import { z } from "zod";
import { containsUnknown } from "../core/check";
import type { ImportIdSpec } from "../core/define";
import { escapesPathSegment, nameSchema, wholeNumberSchema } from "../core/validators";
import type { FluxarkContext } from "./context";
import type { ServerWire, UserGroupWire, UserWire } from "./schemas";

export const SERVERS_CACHE = "fluxark:servers";
/** A remote (unix) account name, as FluxArk's remote users and grant username lists take it. */
export const REMOTE_USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}$/i;

/** One server's own user list; under SERVERS_CACHE, so every write that invalidates the servers clears it too. */
export const serverUsersCache = (serverId: number) => `${SERVERS_CACHE}:${serverId}:users`;
export const USERS_CACHE = "fluxark:users";
export const GROUPS_CACHE = "fluxark:groups";
export const aclCache = (userId: number) => `fluxark:acl:${userId}`;

export async function listServers(ctx: FluxarkContext): Promise<ServerWire[]> {
    const client = await ctx.client();
    return ctx.listCache.get(SERVERS_CACHE, () => client.listServers());
}

export async function listUsers(ctx: FluxarkContext): Promise<UserWire[]> {
    const client = await ctx.client();
    return ctx.listCache.get(USERS_CACHE, () => client.listUsers());
}

export async function listUserGroups(ctx: FluxarkContext): Promise<UserGroupWire[]> {
    const client = await ctx.client();
    return ctx.listCache.get(GROUPS_CACHE, () => client.listUserGroups());
}

const pad = (n: number) => String(n).padStart(2, "0");

/** FluxArk's time format, UTC: `YYYY-MM-DD HH:MI:SS`. */
export function fluxarkTime(d: Date): string {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** FluxArk keeps times as MySQL DATETIME values, which range over the years 1000 to 9999. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
// The leap-year pattern repeats every 400 years, so a year in 2000-2399 stands for any year.
const daysIn = (year: number, month: number) => new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();

export type ExpireTimeCheck = { ok: true; date: Date } | { ok: false; reason: string };

/**
 * Reads `YYYY-MM-DD HH:MM[:SS]` (UTC, FluxArk's form) or ISO-8601 with a zone
 * (`2030-01-31T12:00:00Z`, `...+02:00`). Every field is checked against the calendar instead
 * of letting Date roll it over (`2031-02-30` is not 2 March, `24:61:61` is not the next day),
 * and the year, after conversion to UTC, must be one FluxArk can store.
 */
export function checkExpireTime(input: string): ExpireTimeCheck {
    const s = input.trim();
    const m = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d)(?::(\d\d))?|T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)$/.exec(s);
    if (!m) return { ok: false, reason: `"${input}" is not a time; use "YYYY-MM-DD HH:MM:SS" (UTC) or ISO-8601 like 2030-01-31T12:00:00Z` };
    const [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
    const [hour, minute, second] = [+(m[4] ?? m[7])!, +(m[5] ?? m[8])!, +(m[6] ?? m[9] ?? 0)];
    const zone = m[10] ?? "Z";
    if (month < 1 || month > 12) return { ok: false, reason: `"${input}" is not a date: there is no month ${m[2]}` };
    if (day < 1 || day > daysIn(year, month))
        return { ok: false, reason: `"${input}" is not a date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days` };
    if (hour > 23 || minute > 59 || second > 59)
        return { ok: false, reason: `"${input}" is not a time of day: hours run 00-23, minutes and seconds 00-59` };
    const offset = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
    if (zone !== "Z" && (+zone.slice(1, 3) > 23 || +zone.slice(-2) > 59))
        return { ok: false, reason: `"${input}" has an impossible zone offset ${zone}` };
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0-99 as 1900-1999
    date.setUTCHours(hour, minute - offset, second, 0);
    const utcYear = date.getUTCFullYear();
    if (utcYear < FIRST_YEAR || utcYear > LAST_YEAR)
        return { ok: false, reason: `"${input}" is out of range: FluxArk stores times from the year ${FIRST_YEAR} to ${LAST_YEAR} (UTC)` };
    return { ok: true, date };
}

/** The time `s` stands for, or undefined when it is not one (see checkExpireTime). */
export function parseExpireTime(s: string): Date | undefined {
    const r = checkExpireTime(s);
    return r.ok ? r.date : undefined;
}

/** A grant's expireTime saying it does not expire (FluxArk's meaning of no expire_time). */
export const NEVER_EXPIRES = "never";

/** An expiry time normalised to FluxArk's UTC form, or an issue saying why it is not one. */
export function toFluxarkTime(s: string, ctx: z.RefinementCtx): string {
    const r = checkExpireTime(s);
    if (r.ok) return fluxarkTime(r.date);
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
}

/** An expiry time: validated, normalised to FluxArk's UTC form. Whether it is in the future is checked by the resource. */
export const expireTimeSchema = z.string({ error: "must be a date-time string" }).transform(toFluxarkTime);

/** The last moment FluxArk can store: an `expireDays` must not reach past it. */
export const LAST_STORABLE_TIME = Date.UTC(LAST_YEAR, 11, 31, 23, 59, 59);

export function isFuture(fluxTime: string, now = Date.now()): boolean {
    const d = parseExpireTime(fluxTime);
    return d !== undefined && d.getTime() > now;
}

/**
 * The failure of an expiry that is new and already past. "In the future" is a rule for a new
 * expiry: one already applied (`applied`) may pass and stay declared. Unset and unknown values pass.
 */
export function pastExpiry(
    time: unknown,
    applied: unknown,
    property: string,
    what: string,
): { property: string; reason: string } | undefined {
    if (typeof time !== "string" || !time || containsUnknown(time) || time === applied || isFuture(time)) return undefined;
    return { property, reason: `${time} UTC is in the past; ${what} must expire in the future` };
}

/** A record id given as a number or a numeric string. */
export const idSchema = z
    .union([z.number(), z.string().regex(/^\d+$/, "must be a numeric id")], {
        error: (iss) => (iss.input === undefined ? "is required" : "must be a numeric id"),
    })
    .transform(Number)
    .pipe(
        wholeNumberSchema({
            min: 1,
            max: Number.MAX_SAFE_INTEGER,
            notWhole: "must be a whole-number id",
            tooSmall: "must be a positive id",
            tooBig: `must be an id of at most ${Number.MAX_SAFE_INTEGER}`,
        }),
    );

export const portSchema = wholeNumberSchema({
    min: 1,
    max: 65535,
    notWhole: "must be a whole number",
    tooSmall: "must be between 1 and 65535",
    tooBig: "must be between 1 and 65535",
});

/**
 * A server's name: users reach it as the host part of `ssh remoteuser@server@user@jumphost` (the
 * document: "used as a remote host destination when connecting through SSH"), so it cannot hold
 * "@" or a space. The document's list example shows a server named "test API"; such a name could
 * not be typed as that destination, so the provider does not make one (discover leaves it out, saying why).
 */
export const serverNameSchema = nameSchema
    .refine((s) => !s.includes("@"), 'must not contain "@": users reach the server as remoteuser@server@user@jumphost')
    .refine(
        (s) => !/\s/u.test(s),
        "must not contain spaces: users reach the server by its name as an SSH destination (remoteuser@server@user@jumphost)",
    );

/**
 * A server group name (FluxarkServer `groups`, UserGroup grants). It is a path segment of the
 * grant delete call (`/server_groups/$NAME`), so "/", "." and ".." would reach another URL: a
 * grant made with one could never be removed.
 */
export const serverGroupNameSchema = nameSchema.superRefine((s, ctx) => {
    if (escapesPathSegment(s))
        ctx.addIssue({
            code: "custom",
            message: `"${s}" cannot be a server group name: no "/", and not "." or ".." (it is a path segment of FluxArk's grant calls)`,
        });
});

/** The import id of an object found by its numeric id alone: the read needs nothing else (but `defaults`). */
export function byNumericId(defaults: Record<string, unknown> = {}): ImportIdSpec<FluxarkContext> {
    return {
        format: "the numeric FluxArk id",
        async resolve(_ctx, id) {
            const n = numericId(id);
            return n === undefined ? undefined : { id: String(n), state: { ...defaults } };
        },
    };
}

/** A numeric import id, or undefined. */
export const numericId = (id: string): number | undefined => (/^\d+$/.test(id.trim()) ? Number(id.trim()) : undefined);
