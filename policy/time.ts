/** Expiry times as the FluxArk resources take them, read by the resources' own parser. */
import { NEVER_EXPIRES, parseExpireTime } from "../provider/fluxark/common";

const DAY_MS = 86_400_000;

/**
 * Why an access that expires at `expireTime` or after `expireDays` is not acceptable when it must
 * expire within `maxDays` of `now`; undefined when it is (or the time cannot be read: the resource
 * itself refuses such a value).
 */
export function expiryProblem(expiry: { expireTime?: unknown; expireDays?: unknown }, maxDays: number, now: Date): string | undefined {
    const { expireTime, expireDays } = expiry;
    if (typeof expireDays === "number") {
        return expireDays > maxDays ? `expires after ${expireDays} days, more than the ${maxDays} allowed` : undefined;
    }
    if (expireTime === NEVER_EXPIRES) return "never expires";
    if (typeof expireTime === "string") {
        const at = parseExpireTime(expireTime);
        if (at === undefined) return undefined;
        const days = Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
        return days > maxDays ? `expires on ${expireTime}, ${days} days from now, more than the ${maxDays} allowed` : undefined;
    }
    if (expireTime == null && expireDays == null) return "never expires";
    return undefined;
}
