/** Expiry times as the FluxArk resources take them: `YYYY-MM-DD HH:MM:SS` (UTC) or ISO-8601 with a zone. */
const DAY_MS = 86_400_000;

export function parseExpireTime(text: string): Date | undefined {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
    if (!m) return undefined;
    const zone = m[4] === undefined ? "Z" : m[4].toUpperCase() === "Z" ? "Z" : m[4].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
    const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ""}${zone}`);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

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
    if (typeof expireTime === "string") {
        const at = parseExpireTime(expireTime);
        if (at === undefined) return undefined;
        const days = Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
        return days > maxDays ? `expires on ${expireTime}, ${days} days from now, more than the ${maxDays} allowed` : undefined;
    }
    if (expireTime == null && expireDays == null) return "never expires";
    return undefined;
}
