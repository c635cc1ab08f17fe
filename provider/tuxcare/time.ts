/** The portal's times, `2014-04-30T11:26-0400` (minutes, offset without colon), as ISO-8601. */
export function portalTimeToIso(value: string | null | undefined): string | undefined {
    if (!value) return undefined;
    const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::(\d\d))?\s*(Z|[+-]\s*\d\d:?\d\d)?$/.exec(value.trim());
    if (!m) return undefined;
    const offset = !m[4] || m[4] === "Z" ? "Z" : m[4].replace(/\s/g, "").replace(/^([+-]\d\d):?(\d\d)$/, "$1:$2");
    const date = new Date(`${m[1]}T${m[2]}:${m[3] ?? "00"}${offset}`);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
