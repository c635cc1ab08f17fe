/**
 * License usage: every ELS/ESU and KernelCare key with its seats, IP licenses with their check-in
 * age, KernelCare's Nagios status, totals per product, and the flags of waste (unused keys, stale
 * licenses) and risk (keys at or over their limit). Pure: the time is passed in.
 */
import type {
    IpLicenseRow,
    KcareStatusRow,
    LicenseFlagCode,
    LicenseKeyRow,
    LicenseReport,
    LicenseTable,
    ProductTotalRow,
    ReportFlag,
    ReportSource,
} from "./model";
import { REPORT_SCHEMA_VERSION } from "./model";
import { bySeverity, flagCounts } from "./flags";
import { hiddenCharacterFlags } from "./hidden";
import { known } from "./unknown";
import { byNames } from "./order";
import { CLN_LICENSE_TYPES, ipLicenseTypeName, KCARE_PRODUCT, keyProductName } from "./products";
import type { SnapshotLicenseKey, TuxcareSnapshot } from "./snapshot";
import { DAY_MS, portalTime } from "./time";

export interface LicenseReportOptions {
    now: number;
    /** IP licenses not checked in for more than this many days are flagged. */
    staleCheckinDays: number;
    source: ReportSource;
}

function keyRow(k: SnapshotLicenseKey): LicenseKeyRow {
    const used = k.servers.length;
    const unlimited = k.limit === undefined ? "unknown" : k.limit === 0;
    const free = k.limit === undefined ? "unknown" : k.limit === 0 ? "unlimited" : Math.max(0, k.limit - used);
    return {
        key: k.fingerprint,
        fingerprint: k.fingerprint,
        product: k.product,
        productName: keyProductName(k.product),
        note: known(k.note),
        limit: known(k.limit),
        unlimited,
        enabled: known(k.enabled),
        created: k.created === undefined ? "unknown" : portalTime(k.created),
        servers: k.servers.map((s) => ({ id: known(s.id), ip: known(s.ip), hostname: known(s.hostname) })),
        used,
        free,
        utilisation: k.limit === undefined || k.limit === 0 ? null : used / k.limit,
        flagCodes: [],
    };
}

export function licenseReport(tc: TuxcareSnapshot, opts: LicenseReportOptions): LicenseReport {
    const { now, staleCheckinDays } = opts;
    const flags: ReportFlag<LicenseFlagCode, LicenseTable>[] = [];
    const flag = (
        row: { flagCodes?: LicenseFlagCode[] } | undefined,
        code: LicenseFlagCode,
        severity: ReportFlag["severity"],
        message: string,
        table: LicenseTable,
        key: string,
    ) => {
        row?.flagCodes?.push(code);
        flags.push({ code, severity, message, row: { table, key } });
    };

    const rows = tc.keys.map(keyRow).sort(
        byNames(
            (r) => r.product,
            (r) => r.key,
        ),
    );
    for (const r of rows) {
        const what = `${r.productName} key ${r.fingerprint}${r.note !== "unknown" && r.note !== "" ? ` ("${r.note}")` : ""}`;
        if (r.used === 0)
            flag(
                r,
                "key-unused",
                "warning",
                `${what} has no server${typeof r.limit === "number" && r.limit > 0 ? ` (${r.limit} seats paid for, none used)` : ""}`,
                "keys",
                r.key,
            );
        if (typeof r.limit === "number" && r.limit > 0) {
            if (r.used > r.limit)
                flag(r, "key-over-limit", "critical", `${what} uses ${r.used} seats, over its limit of ${r.limit}`, "keys", r.key);
            else if (r.used === r.limit)
                flag(
                    r,
                    "key-at-limit",
                    "warning",
                    `${what} uses all ${r.limit} of its seats: the next server will not register`,
                    "keys",
                    r.key,
                );
        }
    }

    const kcareStatus: KcareStatusRow[] = tc.keys
        .filter((k) => k.product === KCARE_PRODUCT)
        .map(
            (k): KcareStatusRow => ({
                key: k.fingerprint,
                fingerprint: k.fingerprint,
                status: k.nagios === undefined ? "unknown" : k.nagios.ok ? "up-to-date" : "out-of-date",
                text: k.nagios?.text ?? "unknown",
            }),
        )
        .sort(byNames((s) => s.fingerprint));
    for (const s of kcareStatus) {
        if (s.status !== "out-of-date") continue;
        const key = rows.find((r) => r.key === s.key);
        key?.flagCodes.push("kcare-out-of-date");
        flag(
            undefined,
            "kcare-out-of-date",
            "warning",
            `KernelCare key ${s.fingerprint} has servers out of date, unsupported or inactive: ${s.text}`,
            "kcareStatus",
            s.key,
        );
    }

    const ipLicenses: IpLicenseRow[] = tc.ipLicenses
        .map((l) => {
            const lastCheckin = l.lastCheckin === undefined ? "unknown" : portalTime(l.lastCheckin);
            return {
                key: `${l.ip}/${l.type}`,
                ip: l.ip,
                type: l.type,
                typeName: ipLicenseTypeName(l.type),
                registered: known(l.registered),
                created: l.created === undefined ? "unknown" : portalTime(l.created),
                lastCheckin,
                checkinAgeDays: lastCheckin === "unknown" ? ("unknown" as const) : Math.floor((now - Date.parse(lastCheckin)) / DAY_MS),
                serverInfo: known(l.serverInfo),
                flagCodes: [] as LicenseFlagCode[],
            };
        })
        .sort((a, b) => a.type - b.type || a.ip.localeCompare(b.ip, undefined, { numeric: true }));
    for (const l of ipLicenses) {
        if (typeof l.checkinAgeDays === "number" && l.checkinAgeDays > staleCheckinDays)
            flag(
                l,
                "license-stale-checkin",
                "warning",
                `IP license ${l.ip} (${l.typeName}) last checked in ${l.checkinAgeDays} days ago`,
                "ipLicenses",
                l.key,
            );
        if (l.registered === false && CLN_LICENSE_TYPES.has(l.type))
            flag(l, "license-unregistered", "info", `IP license ${l.ip} (${l.typeName}) is not registered in CLN`, "ipLicenses", l.key);
    }

    const products: ProductTotalRow[] = [];
    for (const product of [...new Set(rows.map((r) => r.product))]) {
        const keys = rows.filter((r) => r.product === product);
        const limited = keys.filter((k) => typeof k.limit === "number" && k.limit > 0);
        const anyUnknown = keys.some((k) => k.limit === "unknown");
        const limit = anyUnknown ? ("unknown" as const) : limited.reduce((n, k) => n + (k.limit as number), 0);
        products.push({
            key: product,
            product,
            productName: keyProductName(product),
            kind: "key",
            count: keys.length,
            used: keys.reduce((n, k) => n + k.used, 0),
            limit,
            unlimitedKeys: keys.filter((k) => k.unlimited === true).length,
            unusedKeys: keys.filter((k) => k.used === 0).length,
            free: anyUnknown ? "unknown" : limited.reduce((n, k) => n + (k.free as number), 0),
        });
    }
    for (const type of [...new Set(ipLicenses.map((l) => l.type))]) {
        const count = ipLicenses.filter((l) => l.type === type).length;
        products.push({
            key: `IPL-${type}`,
            product: `IPL-${type}`,
            productName: ipLicenseTypeName(type),
            kind: "ip-license",
            count,
            used: count,
            limit: null,
            unlimitedKeys: 0,
            unusedKeys: 0,
            free: null,
        });
    }

    flags.push(...hiddenCharacterFlags<LicenseTable>({ keys: rows, ipLicenses }));
    bySeverity(flags);
    const keyProducts = products.filter((p) => p.kind === "key");
    const seatsLimit = keyProducts.some((p) => p.limit === "unknown")
        ? ("unknown" as const)
        : keyProducts.reduce((n, p) => n + (p.limit as number), 0);
    const freeSeats = keyProducts.some((p) => p.free === "unknown")
        ? ("unknown" as const)
        : keyProducts.reduce((n, p) => n + (p.free as number), 0);
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        kind: "licenses",
        generatedAt: new Date(now).toISOString(),
        source: opts.source,
        parameters: { staleCheckinDays },
        summary: {
            keys: rows.length,
            unlimitedKeys: rows.filter((r) => r.unlimited === true).length,
            unusedKeys: rows.filter((r) => r.used === 0).length,
            keysAtOrOverLimit: rows.filter((r) => r.flagCodes.includes("key-at-limit") || r.flagCodes.includes("key-over-limit")).length,
            seatsUsed: rows.reduce((n, r) => n + r.used, 0),
            seatsLimit,
            freeSeats,
            ipLicenses: ipLicenses.length,
            staleIpLicenses: ipLicenses.filter((l) => l.flagCodes.includes("license-stale-checkin")).length,
            unregisteredIpLicenses: ipLicenses.filter((l) => l.flagCodes.includes("license-unregistered")).length,
            kcareKeysOutOfDate: kcareStatus.filter((s) => s.status === "out-of-date").length,
            flags: flagCounts(flags),
        },
        products,
        rows,
        ipLicenses,
        kcareStatus,
        flags,
    };
}
