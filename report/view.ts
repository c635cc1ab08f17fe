/**
 * What a person reads in a report, independent of the form: the title, the summary figures, the
 * charts' data, and each table's columns. The HTML and Markdown renderers draw the same view, so
 * a column or figure is defined once.
 */
import { nameInUrn } from "../provider/tokens";
import { describeRule } from "./access";
import type {
    AccessDiffReport,
    AccessPath,
    AccessReport,
    ChangeCause,
    KeyServer,
    Expiry,
    LicenseKeyRow,
    LicenseReport,
    Report,
    ReportFlag,
    Severity,
} from "./model";
import { CLN_LICENSE_TYPES } from "./products";
import { showTime } from "./time";
import { bySeverity, severityRank } from "./flags";

export type Tone = Severity | "ok" | "neutral";

export interface Figure {
    label: string;
    value: string;
    /** How the figure reads: "critical"/"warning" when it counts flagged things that are not zero. */
    tone: Tone;
}

export interface Column<R> {
    header: string;
    text(row: R): string;
    /** A sortable value when the text does not sort right (numbers, times); defaults to the text. */
    sortValue?(row: R): number | string;
    numeric?: boolean;
}

export interface TableView<R = unknown> {
    /** The model's table name (flags point at rows by it). */
    id: string;
    title: string;
    /** A sentence under the title. */
    note?: string;
    columns: Column<R>[];
    rows: R[];
    rowKey(row: R): string;
}

export interface Bar {
    label: string;
    /** A second line of the label, smaller (a note, a product). */
    detail?: string;
    value: number;
    /** The bar's full track (a key's limit); absent: the chart's largest value. */
    of?: number | "unlimited";
    /** What the bar's end says, e.g. "3 / 5". */
    caption: string;
    tone: Tone;
}

export interface ChartView {
    id: string;
    title: string;
    note?: string;
    bars: Bar[];
    /** Bars left out to keep the chart readable; the table has them all. */
    omitted: number;
    /** A sentence under the chart, about what it does not draw. */
    footnote?: string;
}

export interface ReportView {
    title: string;
    subtitle: string;
    figures: Figure[];
    charts: ChartView[];
    flags: ReportFlag[];
    // biome-ignore lint/suspicious/noExplicitAny: each table has its own row type, and a TableView is invariant in it (rows in, rowKey out)
    tables: TableView<any>[];
}

/** The most severe flag's severity for each row, keyed by `table\u0000key`. */
export function rowSeverities(flags: ReportFlag[]): Map<string, Severity> {
    const worst = new Map<string, Severity>();
    for (const flag of flags) {
        if (!flag.row) continue;
        const id = rowId(flag.row.table, flag.row.key);
        const current = worst.get(id);
        if (severityRank(flag.severity) > severityRank(current)) worst.set(id, flag.severity);
    }
    return worst;
}

export function rowId(table: string, key: string): string {
    return `${table}\u0000${key}`;
}

/** Flags, most severe first (stable within a severity), leaving the report's own list as it is. */
export function flagsBySeverity(flags: ReportFlag[]): ReportFlag[] {
    return bySeverity([...flags]);
}

/** A time as messages show it (`2026-12-01 09:00 UTC`, "never", "unknown"); "—" for no access. */
export function formatTime(value: Expiry | null): string {
    return value === null ? "—" : showTime(value);
}

/** Sorts times in order, with "never" after every time and unknown/none last. */
export function timeSortValue(value: Expiry | null): number {
    if (value === "never") return Number.MAX_SAFE_INTEGER - 1;
    if (value === null || value === "unknown") return Number.MAX_SAFE_INTEGER;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

/** How long until `value` from the report's time: `3d 4h`, `45m`; "ended", "never", "unknown". */
export function timeLeft(value: Expiry, generatedAt: string): string {
    if (value === "never" || value === "unknown") return value;
    const ms = Date.parse(value) - Date.parse(generatedAt);
    if (ms <= 0) return "ended";
    const minutes = Math.ceil(ms / 60_000);
    const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
    return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

function yesNo(value: boolean | "unknown"): string {
    return value === "unknown" ? "unknown" : value ? "yes" : "no";
}

function list(value: string[] | "unknown"): string {
    return value === "unknown" ? "unknown" : value.length ? value.join(", ") : "—";
}

function countTone(n: number | "unknown", tone: Severity): Tone {
    return typeof n === "number" && n > 0 ? tone : "neutral";
}

function figure(label: string, value: number | string, tone: Tone = "neutral"): Figure {
    return { label, value: String(value), tone };
}

function flagFigures(counts: { critical: number; warning: number; info: number }): Figure[] {
    return [
        figure("critical flags", counts.critical, countTone(counts.critical, "critical")),
        figure("warnings", counts.warning, countTone(counts.warning, "warning")),
    ];
}

// ─── Effective access ────────────────────────────────────────────────────────────────────────

/** The first window (expiring soon) and "never" are what an auditor looks at, when they hold any access. */
function expiryTone(label: string, index: number, rows: number): Tone {
    return rows > 0 && (index === 0 || label === "never") ? "warning" : "ok";
}

/** How many of a key's servers a table cell names before it counts the rest. */
const SERVERS_NAMED = 3;

function serverList(servers: KeyServer[]): string {
    if (servers.length === 0) return "—";
    const names = servers.slice(0, SERVERS_NAMED).map((sv) => (sv.hostname !== "unknown" ? sv.hostname : sv.ip));
    return servers.length > SERVERS_NAMED ? `${names.join(", ")} and ${servers.length - SERVERS_NAMED} more` : names.join(", ");
}

function accessView(report: AccessReport): ReportView {
    const s = report.summary;
    const unknownExpiry = report.expiry.find((b) => b.label === "unknown")?.rows ?? 0;
    const soon = `within ${report.parameters.expiringDays} days`;
    const unknownTargetOn = new Set(
        report.rows.filter((r) => r.remoteUserId === null && r.remoteUserExists === "unknown").map((r) => r.serverId),
    );
    return {
        title: "Effective access",
        subtitle: "Who can reach which server as whom, and until when (FluxArk)",
        figures: [
            figure("users with access", `${s.usersWithAccess} of ${s.users}`),
            figure("servers", s.servers),
            figure("access paths", s.accessRows),
            figure("as root", s.rootAccessRows, countTone(s.rootAccessRows, "critical")),
            figure("never expire", s.neverExpiringRows, countTone(s.neverExpiringRows, "warning")),
            // Without them, "0 as root" and "0 never expire" would read as an all-clear the report cannot give.
            ...(s.unknownGrantRows > 0 ? [figure("paths with remote user unknown (see --stack)", s.unknownGrantRows, "warning")] : []),
            figure(`expire ${soon}`, s.expiringSoonRows, countTone(s.expiringSoonRows, "warning")),
            figure("expired rules present", s.expiredRulesPresent, countTone(s.expiredRulesPresent, "warning")),
            figure("servers no one can reach", s.unreachableServers, countTone(s.unreachableServers, "info")),
            ...flagFigures(s.flags),
        ],
        charts: [
            {
                id: "expiry",
                title: "Access expiring over time",
                note: "Access paths (user, server, remote user) by when they end.",
                // Paths of unknown expiry are counted in the note, not drawn: they would dwarf the windows.
                bars: report.expiry
                    .filter((bucket) => bucket.label !== "unknown")
                    .map((bucket, index) => ({
                        label: bucket.label,
                        value: bucket.rows,
                        caption: String(bucket.rows),
                        tone: expiryTone(bucket.label, index, bucket.rows),
                    })),
                omitted: 0,
                ...(unknownExpiry > 0
                    ? {
                          footnote: `${unknownExpiry} access paths of unknown expiry (FluxArk does not list a group grant's expiry) are not drawn.`,
                      }
                    : {}),
            },
        ],
        flags: report.flags,
        tables: [
            {
                id: "access",
                title: "Who can reach what",
                note: "Every (user, server, remote user) reachable now, with the way it is granted.",
                rows: report.rows,
                rowKey: (r) => r.key,
                columns: [
                    { header: "user", text: (r) => r.user },
                    { header: "server", text: (r) => r.server },
                    { header: "as", text: (r) => r.remoteUser },
                    { header: "until", text: (r) => formatTime(r.expiresAt), sortValue: (r) => timeSortValue(r.expiresAt) },
                    {
                        header: "why",
                        text: (r) =>
                            r.paths
                                .map((p: AccessPath) =>
                                    p.via === "acl"
                                        ? `ACL rule ${p.aclId}`
                                        : `group ${p.group} → ${p.serverGroup} as ${describeRule(p.usernameRule)}`,
                                )
                                .join("; "),
                    },
                    { header: "flags", text: (r) => r.flagCodes.join(", ") },
                ],
            },
            {
                id: "users",
                title: "Users",
                rows: report.users,
                rowKey: (r) => r.key,
                columns: [
                    { header: "user", text: (r) => r.user },
                    { header: "name", text: (r) => r.fullName },
                    { header: "active", text: (r) => yesNo(r.active) },
                    { header: "server admin", text: (r) => yesNo(r.serverAdmin) },
                    { header: "login", text: (r) => `${r.authType} / ${r.passwordType}` },
                    { header: "groups", text: (r) => list(r.groups) },
                    { header: "ACL rules", text: (r) => String(r.aclRules), sortValue: (r) => r.aclRules, numeric: true },
                    { header: "reachable", text: (r) => String(r.reachable), sortValue: (r) => r.reachable, numeric: true },
                ],
            },
            {
                id: "servers",
                title: "Servers",
                rows: report.servers,
                rowKey: (r) => r.key,
                columns: [
                    { header: "server", text: (r) => r.server },
                    { header: "address", text: (r) => r.ipAddr },
                    { header: "active", text: (r) => yesNo(r.active) },
                    { header: "groups", text: (r) => list(r.groups) },
                    {
                        header: "remote users",
                        text: (r) => String(r.remoteUsers),
                        sortValue: (r) => (typeof r.remoteUsers === "number" ? r.remoteUsers : -1),
                        numeric: true,
                    },
                    {
                        header: "users with access",
                        // Access to an unknown remote user of the server may be to this one: the count is a floor.
                        text: (r) => (unknownTargetOn.has(r.serverId) ? `${r.usersWithAccess} or more` : String(r.usersWithAccess)),
                        sortValue: (r) => r.usersWithAccess,
                        numeric: true,
                    },
                ],
            },
            {
                id: "remoteUsers",
                title: "Remote users",
                rows: report.remoteUsers,
                rowKey: (r) => r.key,
                columns: [
                    { header: "server", text: (r) => r.server },
                    { header: "remote user", text: (r) => r.remoteUser },
                    { header: "active", text: (r) => yesNo(r.active) },
                    { header: "auth", text: (r) => r.authMethod },
                    {
                        header: "users with access",
                        // Access to an unknown remote user of the server may be to this one: the count is a floor.
                        text: (r) => (unknownTargetOn.has(r.serverId) ? `${r.usersWithAccess} or more` : String(r.usersWithAccess)),
                        sortValue: (r) => r.usersWithAccess,
                        numeric: true,
                    },
                ],
            },
            {
                id: "rules",
                title: "Rules",
                note: "Every ACL rule and group grant, expired ones included.",
                rows: report.rules,
                rowKey: (r) => r.key,
                columns: [
                    { header: "rule", text: (r) => (r.kind === "acl" ? `ACL ${r.aclId}` : `grant ${r.group} → ${r.serverGroup}`) },
                    { header: "who", text: (r) => (r.kind === "acl" ? r.user : r.members.join(", ") || "—") },
                    {
                        header: "where, as",
                        text: (r) => (r.kind === "acl" ? `${r.server} as ${r.remoteUser}` : describeRule(r.usernameRule)),
                    },
                    { header: "until", text: (r) => formatTime(r.expiresAt), sortValue: (r) => timeSortValue(r.expiresAt) },
                    {
                        header: "time left",
                        text: (r) => timeLeft(r.expiresAt, report.generatedAt),
                        sortValue: (r) => timeSortValue(r.expiresAt),
                    },
                    { header: "expired", text: (r) => yesNo(r.expired) },
                ],
            },
        ],
    };
}

// ─── Access diff ─────────────────────────────────────────────────────────────────────────────

function diffView(report: AccessDiffReport): ReportView {
    const s = report.summary;
    const where = report.preview.stack ? ` of stack ${report.preview.stack}` : "";
    return {
        title: "Access changes",
        subtitle: `Whose access the previewed change${where} adds, removes, extends or shortens (FluxArk)`,
        figures: [
            figure("users affected", s.usersAffected),
            figure("added", s.added, countTone(s.added, "warning")),
            figure("removed", s.removed),
            figure("extended", s.extended, countTone(s.extended, "info")),
            figure("shortened", s.shortened),
            figure("steps not modelled", s.unmodelledSteps, countTone(s.unmodelledSteps, "warning")),
            ...flagFigures(s.flags),
        ],
        charts: [
            {
                id: "changes",
                title: "Changes by kind",
                bars: (["added", "removed", "extended", "shortened"] as const).map((change) => ({
                    label: change,
                    value: s[change],
                    caption: String(s[change]),
                    tone: change === "added" || change === "extended" ? (s[change] > 0 ? "warning" : "neutral") : "ok",
                })),
                omitted: 0,
            },
        ],
        flags: report.flags,
        tables: [
            {
                id: "changes",
                title: "Access changes",
                rows: report.rows,
                rowKey: (r) => r.key,
                columns: [
                    { header: "change", text: (r) => r.change },
                    { header: "user", text: (r) => r.user },
                    { header: "server", text: (r) => r.server },
                    { header: "as", text: (r) => r.remoteUser },
                    { header: "until (before)", text: (r) => formatTime(r.before), sortValue: (r) => timeSortValue(r.before) },
                    { header: "until (after)", text: (r) => formatTime(r.after), sortValue: (r) => timeSortValue(r.after) },
                    { header: "caused by", text: (r) => r.causes.map((c: ChangeCause) => `${c.op} ${nameInUrn(c.urn)}`).join("; ") },
                ],
            },
            {
                id: "unmodelled",
                title: "Steps the diff could not model",
                rows: report.unmodelled,
                rowKey: (r) => r.key,
                columns: [
                    { header: "resource", text: (r) => nameInUrn(r.urn) },
                    { header: "type", text: (r) => r.type },
                    { header: "op", text: (r) => r.op },
                    { header: "why", text: (r) => r.reason },
                ],
            },
        ],
    };
}

// ─── License usage ───────────────────────────────────────────────────────────────────────────

/** How many keys the seats chart shows before it sends the reader to the table. */
export const SEAT_CHART_LIMIT = 30;

function seatsCaption(k: LicenseKeyRow): string {
    if (k.unlimited === true) return `${k.used} / unlimited`;
    const over = typeof k.limit === "number" && k.limit > 0 && k.used > k.limit ? ` (over by ${k.used - k.limit})` : "";
    return `${k.used} / ${k.limit}${over}`;
}

function seatsChart(report: LicenseReport): ChartView {
    const order = (u: number | null) => (u === null ? -1 : u);
    const keys = [...report.rows].sort((a, b) => order(b.utilisation) - order(a.utilisation) || b.used - a.used);
    const shown = keys.slice(0, SEAT_CHART_LIMIT);
    return {
        id: "seats",
        title: "Seats used per key",
        note: "Each bar is one key's limit; the fill, the seats in use. Fullest first.",
        bars: shown.map((k) => ({
            label: k.fingerprint,
            detail: `${k.productName}${k.note !== "unknown" ? ` · ${k.note}` : ""}`,
            value: k.used,
            of: k.unlimited === true ? "unlimited" : typeof k.limit === "number" ? k.limit : undefined,
            caption: seatsCaption(k),
            // As the flags have it: over the limit is critical; at it, or unused, a warning.
            tone:
                k.utilisation === null
                    ? "neutral"
                    : k.utilisation > 1
                      ? "critical"
                      : k.utilisation === 1 || k.used === 0
                        ? "warning"
                        : "ok",
        })),
        omitted: keys.length - shown.length,
    };
}

function licenseView(report: LicenseReport): ReportView {
    const s = report.summary;
    return {
        title: "License usage",
        subtitle: "Which seats are paid for, which are used, and which are at risk (TuxCare)",
        figures: [
            figure("keys", s.keys),
            // Used counts every key's servers, unlimited keys' too; the limit sums only limited keys, and a key over
            // its limit has no free seat (not a negative one): the three figures stand apart, not as "used of limit".
            figure("seats used (all keys)", s.seatsUsed),
            figure("seats paid for (limited keys)", s.seatsLimit),
            figure("free seats (limited keys)", s.freeSeats),
            figure("keys with no server", s.unusedKeys, countTone(s.unusedKeys, "warning")),
            // As the flags have it: a key over its limit is critical, one at it a warning.
            figure(
                "keys at or over limit",
                s.keysAtOrOverLimit,
                report.flags.some((f) => f.code === "key-over-limit") ? "critical" : countTone(s.keysAtOrOverLimit, "warning"),
            ),
            figure("IP licenses", s.ipLicenses),
            figure(
                `not checked in for ${report.parameters.staleCheckinDays} days`,
                s.staleIpLicenses,
                countTone(s.staleIpLicenses, "warning"),
            ),
            figure("KernelCare keys out of date", s.kcareKeysOutOfDate, countTone(s.kcareKeysOutOfDate, "warning")),
            ...flagFigures(s.flags),
        ],
        charts: [seatsChart(report)],
        flags: report.flags,
        tables: [
            {
                id: "products",
                title: "Totals per product",
                note: "Used counts the servers of every key, unlimited ones too; limit and free count only the keys with a limit.",
                rows: report.products,
                rowKey: (r) => r.key,
                columns: [
                    { header: "product", text: (r) => r.productName },
                    { header: "kind", text: (r) => (r.kind === "key" ? "keys" : "IP licenses") },
                    { header: "count", text: (r) => String(r.count), sortValue: (r) => r.count, numeric: true },
                    { header: "used (all keys)", text: (r) => String(r.used), sortValue: (r) => r.used, numeric: true },
                    {
                        header: "limit (limited keys)",
                        text: (r) => (r.limit === null ? "—" : String(r.limit)),
                        sortValue: (r) => (typeof r.limit === "number" ? r.limit : -1),
                        numeric: true,
                    },
                    {
                        header: "free (limited keys)",
                        text: (r) => (r.free === null ? "—" : String(r.free)),
                        sortValue: (r) => (typeof r.free === "number" ? r.free : -1),
                        numeric: true,
                    },
                    { header: "unlimited keys", text: (r) => String(r.unlimitedKeys), sortValue: (r) => r.unlimitedKeys, numeric: true },
                    { header: "unused keys", text: (r) => String(r.unusedKeys), sortValue: (r) => r.unusedKeys, numeric: true },
                ],
            },
            {
                id: "keys",
                title: "Keys",
                note: "ELS/ESU and KernelCare keys, shown by fingerprint.",
                rows: report.rows,
                rowKey: (r) => r.key,
                columns: [
                    { header: "key", text: (r) => r.fingerprint },
                    { header: "product", text: (r) => r.productName },
                    { header: "note", text: (r) => r.note },
                    { header: "used", text: (r) => String(r.used), sortValue: (r) => r.used, numeric: true },
                    {
                        header: "limit",
                        text: (r) => (r.unlimited === true ? "unlimited" : String(r.limit)),
                        sortValue: (r) => (r.unlimited === true ? Number.MAX_SAFE_INTEGER : typeof r.limit === "number" ? r.limit : -1),
                        numeric: true,
                    },
                    {
                        header: "free",
                        text: (r) => String(r.free),
                        sortValue: (r) => (typeof r.free === "number" ? r.free : r.free === "unlimited" ? Number.MAX_SAFE_INTEGER : -1),
                        numeric: true,
                    },
                    { header: "servers", text: (r) => serverList(r.servers) },
                    { header: "flags", text: (r) => r.flagCodes.join(", ") },
                ],
            },
            {
                id: "ipLicenses",
                title: "IP licenses",
                rows: report.ipLicenses,
                rowKey: (r) => r.key,
                columns: [
                    { header: "IP", text: (r) => r.ip },
                    { header: "type", text: (r) => r.typeName },
                    // Only CloudLinux licenses register in CLN: for the others the portal's "no" means nothing.
                    { header: "registered in CLN", text: (r) => (CLN_LICENSE_TYPES.has(r.type) ? yesNo(r.registered) : "—") },
                    { header: "last check-in", text: (r) => formatTime(r.lastCheckin), sortValue: (r) => timeSortValue(r.lastCheckin) },
                    {
                        header: "days since",
                        text: (r) => String(r.checkinAgeDays),
                        sortValue: (r) => (typeof r.checkinAgeDays === "number" ? r.checkinAgeDays : Number.MAX_SAFE_INTEGER),
                        numeric: true,
                    },
                    { header: "flags", text: (r) => r.flagCodes.join(", ") },
                ],
            },
            {
                id: "kcareStatus",
                title: "KernelCare servers (Nagios status)",
                rows: report.kcareStatus,
                rowKey: (r) => r.key,
                columns: [
                    { header: "key", text: (r) => r.fingerprint },
                    { header: "status", text: (r) => r.status },
                    { header: "detail", text: (r) => r.text },
                ],
            },
        ],
    };
}

function viewOf(report: Report): ReportView {
    switch (report.kind) {
        case "access":
            return accessView(report);
        case "access-diff":
            return diffView(report);
        case "licenses":
            return licenseView(report);
    }
}

/** A table's rows flagged first, most severe first; within a severity, the report's own (natural) order. */
function flaggedFirst<R>(table: TableView<R>, severities: Map<string, Severity>): TableView<R> {
    const rank = (row: R) => severityRank(severities.get(rowId(table.id, table.rowKey(row))));
    return { ...table, rows: [...table.rows].sort((a, b) => rank(b) - rank(a)) };
}

/** What every form shows: each table's rows in the order a reader scans them, flagged first. */
export function reportView(report: Report): ReportView {
    const view = viewOf(report);
    const severities = rowSeverities(view.flags);
    return { ...view, tables: view.tables.map((t) => flaggedFirst(t, severities)) };
}

/** Where the data came from, in one line. */
export function sourceLine(report: Report): string {
    const s = report.source;
    const from =
        s.kind === "snapshot"
            ? `snapshot ${s.file ?? ""}`.trim()
            : [s.fluxarkUrl, s.tuxcareUrl].filter(Boolean).join(" and ") || "the live APIs";
    return `Read from ${from} at ${formatTime(s.takenAt)}; generated ${formatTime(report.generatedAt)}.`;
}
