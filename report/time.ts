/** Reading the two APIs' times into the reports' ISO-8601 UTC, and the reports' day arithmetic. */
import { parseExpireTime } from "../provider/fluxark/common";
import { portalTimeToIso } from "../provider/tuxcare/time";
import type { Expiry } from "./model";

export const DAY_MS = 86_400_000;

/** A FluxArk expiry: "" never expires, absent is not known, anything else is a time (or not known if unreadable). */
export function fluxarkExpiry(value: string | undefined): Expiry {
    if (value === undefined) return "unknown";
    if (value.trim() === "") return "never";
    return parseExpireTime(value)?.toISOString() ?? "unknown";
}

/** A TuxCare portal time as ISO, or "unknown". */
export function portalTime(value: string | undefined): string {
    return portalTimeToIso(value) ?? "unknown";
}

export const isTime = (e: Expiry): boolean => e !== "never" && e !== "unknown";

/** The earlier of two expiries along one path: access ends at the first to end. Unknown wins, for the path may end sooner. */
export function earliest(a: Expiry, b: Expiry): Expiry {
    if (a === "unknown" || b === "unknown") return "unknown";
    if (a === "never") return b;
    if (b === "never") return a;
    return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** The later of two expiries over alternative paths: access lasts while any path does. */
export function latest(a: Expiry, b: Expiry): Expiry {
    if (a === "never" || b === "never") return "never";
    if (a === "unknown" || b === "unknown") return "unknown";
    return Date.parse(a) >= Date.parse(b) ? a : b;
}

export const hasPassed = (e: Expiry, now: number): boolean => isTime(e) && Date.parse(e) <= now;

/** `2026-12-01 09:00 UTC`, for messages. */
export function showTime(e: Expiry): string {
    return isTime(e) ? `${e.slice(0, 10)} ${e.slice(11, 16)} UTC` : e;
}
