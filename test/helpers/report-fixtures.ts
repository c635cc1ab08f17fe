/**
 * Reports built from the hand-made examples for the renderer tests: one whose names try to inject
 * markup, and large ones that cannot fit in a pull-request comment.
 */
import { exampleAccessReport, exampleLicenseReport } from "./report-examples";
import { accessReport } from "../../report/access";
import type { AccessReport, AccessRow, LicenseKeyRow, LicenseReport, ReportFlag } from "../../report/model";
import type { FluxarkSnapshot } from "../../report/snapshot";

/** Names that are markup in HTML or Markdown. Each must come out as the text it is. */
export const HOSTILE_USER = `<img src=x onerror="document.title='pwned'">`;
export const HOSTILE_SERVER = `web"><script>document.title='pwned'</script>`;
export const HOSTILE_NOTE = `a | b\n## heading [click](https://evil.example) @acme/everyone **bold** \`code\` www.bare.example #12 :rocket:`;

const clone = <T>(value: T): T => structuredClone(value);

/** The example access report with its first user and server renamed to hostile strings. */
export function hostileAccessReport(): AccessReport {
    const report = clone(exampleAccessReport);
    const rename = (text: string) => text.replaceAll("alice", HOSTILE_USER).replaceAll("pay-db-1", HOSTILE_SERVER);
    report.rows = report.rows.map((r) => ({ ...r, key: rename(r.key), user: rename(r.user), server: rename(r.server) }));
    report.users = report.users.map((u) => ({
        ...u,
        key: rename(u.key),
        user: rename(u.user),
        fullName: u.fullName === "Alice Adams" ? HOSTILE_NOTE : u.fullName,
    }));
    report.flags = report.flags.map((f) => ({
        ...f,
        message: rename(f.message),
        row: f.row ? { ...f.row, key: rename(f.row.key) } : null,
    }));
    return report;
}

/** An access report with `n` rows, every one flagged as never expiring and every tenth as root. */
export function largeAccessReport(n: number): AccessReport {
    const report = clone(exampleAccessReport);
    const template = report.rows[0]!;
    report.rows = Array.from({ length: n }, (_, i): AccessRow => {
        const root = i % 10 === 0;
        const user = `user-${String(i).padStart(5, "0")}`;
        const remoteUser = root ? "root" : "deploy";
        return {
            ...template,
            key: `${user}@srv-${i % 40}:${remoteUser}`,
            user,
            server: `srv-${i % 40}`,
            remoteUser,
            flagCodes: root ? ["never-expires", "remote-root"] : ["never-expires"],
        };
    });
    const flags: ReportFlag[] = [];
    for (const row of report.rows) {
        if (row.remoteUser === "root")
            flags.push({
                code: "remote-root",
                severity: "critical",
                message: `${row.user} can log in to ${row.server} as root (never expires)`,
                row: { table: "access", key: row.key },
            });
        flags.push({
            code: "never-expires",
            severity: "warning",
            message: `${row.user}'s access to ${row.server} as ${row.remoteUser} never expires`,
            row: { table: "access", key: row.key },
        });
    }
    report.flags = flags as AccessReport["flags"];
    report.summary = {
        ...report.summary,
        accessRows: n,
        rootAccessRows: n / 10,
        neverExpiringRows: n,
        flags: { info: 0, warning: n, critical: n / 10 },
    };
    return report;
}

/** A license report with `n` keys of 40 servers each. */
export function largeLicenseReport(n: number): LicenseReport {
    const report = clone(exampleLicenseReport);
    const template = report.rows[0]!;
    report.rows = Array.from({ length: n }, (_, i): LicenseKeyRow => {
        const servers = Array.from({ length: 40 }, (_, s) => ({
            id: `${i}-${s}`,
            ip: `10.${i % 250}.${s}.1`,
            hostname: `host-${i}-${s}.example.com`,
        }));
        const fingerprint = `els-${i.toString(16).padStart(16, "0")}`;
        return {
            ...template,
            key: fingerprint,
            fingerprint,
            limit: 40,
            used: 40,
            free: 0,
            utilisation: 1,
            servers,
            flagCodes: ["key-at-limit"],
        };
    });
    report.flags = report.rows.map((r) => ({
        code: "key-at-limit",
        severity: "critical",
        message: `CELS key ${r.fingerprint} uses 40 of 40 seats`,
        row: { table: "keys", key: r.key },
    }));
    report.summary = { ...report.summary, keys: n, keysAtOrOverLimit: n, flags: { info: 0, warning: 0, critical: n } };
    return report;
}

/**
 * An access report computed from a snapshot whose names hide characters: the user `admin` + U+200B
 * (reads as `admin`) and the server `prod-db` + U+202E + `gnp.exe` (reads as `prod-dbexe.png`), beside
 * full names whose joiners are spelling (an emoji sequence, a Persian word). `serverName` replaces the
 * second server's name.
 */
export function accessReportWithHiddenNames(serverName = "prod-db\u202Egnp.exe"): AccessReport {
    const fx: FluxarkSnapshot = {
        url: "https://fluxark.example.com",
        servers: [
            { id: 1, name: "web-1", active: true, groups: [], remoteUsers: [{ id: 11, username: "deploy", active: true }] },
            { id: 2, name: serverName, active: true, groups: [], remoteUsers: [{ id: 21, username: "deploy", active: true }] },
        ],
        users: [
            {
                id: 1,
                username: "admin\u200B",
                fullName: "dev 👨\u200D💻",
                active: true,
                groups: [],
                acl: [{ aclId: 1, remoteUserId: 11, serverId: 1, expireTime: "2031-01-01 00:00:00" }],
            },
            {
                id: 2,
                username: "bob",
                fullName: "می\u200Cخواهم",
                active: true,
                groups: [],
                acl: [{ aclId: 2, remoteUserId: 21, serverId: 2, expireTime: "2031-01-01 00:00:00" }],
            },
        ],
        groups: [],
    };
    return accessReport(fx, {
        now: Date.parse("2026-11-24T12:00:00Z"),
        expiringDays: 14,
        source: { kind: "snapshot", takenAt: "2026-11-24T12:00:00.000Z" },
    });
}
