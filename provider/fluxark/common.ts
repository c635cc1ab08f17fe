/**
 * What the FluxArk resources share: the cached lists every read serves from (one list call per
 * kind per provider process, invalidated by writes), and FluxArk's time format.
 */
import { z } from "zod";
import { fluxarkClient, listCache } from "../context";
import type { ServerWire, UserGroupWire, UserWire } from "./schemas";

export const SERVERS_CACHE = "fluxark:servers";
export const USERS_CACHE = "fluxark:users";
export const GROUPS_CACHE = "fluxark:groups";
export const aclCache = (userId: number) => `fluxark:acl:${userId}`;

export async function listServers(): Promise<ServerWire[]> {
    const client = await fluxarkClient();
    return listCache.get(SERVERS_CACHE, () => client.listServers());
}

export async function listUsers(): Promise<UserWire[]> {
    const client = await fluxarkClient();
    return listCache.get(USERS_CACHE, () => client.listUsers());
}

export async function listUserGroups(): Promise<UserGroupWire[]> {
    const client = await fluxarkClient();
    return listCache.get(GROUPS_CACHE, () => client.listUserGroups());
}

const pad = (n: number) => String(n).padStart(2, "0");

/** FluxArk's time format, UTC: `YYYY-MM-DD HH:MI:SS`. */
export function fluxarkTime(d: Date): string {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Accepts `YYYY-MM-DD HH:MM:SS` (UTC, FluxArk's form) or ISO-8601 with a zone; undefined when neither. */
export function parseExpireTime(s: string): Date | undefined {
    const plain = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?$/.exec(s.trim());
    if (plain) return new Date(Date.UTC(+plain[1]!, +plain[2]! - 1, +plain[3]!, +plain[4]!, +plain[5]!, +(plain[6] ?? 0)));
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(s.trim())) return undefined;
    const d = new Date(s.trim());
    return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An expiry time: validated, normalised to FluxArk's UTC form. Whether it is in the future is checked by the resource. */
export const expireTimeSchema = z.string({ error: "must be a date-time string" }).transform((s, ctx) => {
    const d = parseExpireTime(s);
    if (d) return fluxarkTime(d);
    ctx.addIssue({ code: "custom", message: `"${s}" is not a time; use "YYYY-MM-DD HH:MM:SS" (UTC) or ISO-8601 like 2030-01-31T12:00:00Z` });
    return z.NEVER;
});

export function isFuture(fluxTime: string, now = Date.now()): boolean {
    const d = parseExpireTime(fluxTime);
    return d !== undefined && d.getTime() > now;
}

/** A record id given as a number or a numeric string. */
export const idSchema = z.union([z.number(), z.string().regex(/^\d+$/, "must be a numeric id")], { error: "must be a numeric id" }).transform(Number).pipe(z.number().int().positive("must be a positive id"));

export const portSchema = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be between 1 and 65535").max(65535, "must be between 1 and 65535");
