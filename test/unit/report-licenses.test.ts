import { licenseReport } from "../../report/licenses";
import { keyProductName } from "../../report/products";
import type { LicenseReport } from "../../report/model";
import { reportView } from "../../report/view";
import type { SnapshotLicenseKey, TuxcareSnapshot } from "../../report/snapshot";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const source = { kind: "snapshot" as const, takenAt: "2026-06-01T00:00:00.000Z" };
const servers = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), ip: `192.0.2.${i + 1}`, hostname: `h${i + 1}` }));
const key = (
    fingerprint: string,
    product: string,
    limit: number | undefined,
    used: number,
    extra: Partial<SnapshotLicenseKey> = {},
): SnapshotLicenseKey => ({ fingerprint, product, limit, note: "n", servers: servers(used), ...extra });
const report = (tc: Partial<TuxcareSnapshot>, staleCheckinDays = 30): LicenseReport =>
    licenseReport({ url: "https://portal.example/api", keys: [], ipLicenses: [], ...tc }, { now: NOW, staleCheckinDays, source });
const flagged = (r: LicenseReport, code: string) =>
    r.flags
        .filter((f) => f.code === code)
        .map((f) => f.row?.key)
        .sort();

describe("license keys", () => {
    const keys = [
        key("els-aaa", "CELS", 5, 2),
        key("els-bbb", "CELS", 2, 2),
        key("els-ccc", "ESU", 3, 4),
        key("els-ddd", "ESU", 4, 0),
        key("kcare-eee", "KCARE", 0, 3, {
            enabled: true,
            created: "2026-01-10T08:00-0400",
            nagios: { ok: false, text: "KernelCare CRITICAL - 1 server out of date" },
        }),
        key("kcare-fff", "KCARE", 0, 0, { nagios: { ok: true, text: "KernelCare OK - all servers are up to date!" } }),
        key("kcare-ggg", "KCARE", undefined, 1),
    ];

    it("names products as the TuxCare document does, never in code form; an unknown code shows as itself", () => {
        // Every code the document lists (ELS, AlmaLinux ESU) and KernelCare's keys.
        const codes = ["CELS", "OELS", "UELS16", "CELS_8", "UELS18", "PHP_ELS", "PYTHON_ELS", "ESU", "KCARE"];
        const names = codes.map(keyProductName);
        const ACRONYMS = ["ELS", "ESU", "PHP"];
        for (const [i, name] of names.entries()) {
            expect(name).not.toBe(codes[i]);
            expect(name).not.toContain("_");
            expect(name.split(" ").filter((word) => /^[A-Z]{2,}$/.test(word) && !ACRONYMS.includes(word))).toEqual([]);
        }
        expect(names).toEqual([
            "CentOS ELS",
            "Oracle ELS",
            "Ubuntu 16 ELS",
            "CentOS 8 ELS",
            "Ubuntu 18 ELS",
            "PHP ELS",
            "Python ELS",
            "AlmaLinux ESU",
            "KernelCare",
        ]);
        expect(keyProductName("NEW_ELS")).toBe("NEW_ELS");
        // The keys table and the seats chart say the name, not the code.
        const view = reportView(report({ keys: [key("els-py", "PYTHON_ELS", 2, 1)] }));
        const table = view.tables.find((t) => t.id === "keys")!;
        expect(table.columns.find((c) => c.header === "product")!.text(table.rows[0])).toBe("Python ELS");
        expect(view.charts[0]!.bars[0]!.detail).toBe("Python ELS · n");
    });

    it("shows each key's limit, servers and free seats; limit 0 is unlimited; an absent limit is unknown", () => {
        const r = report({ keys });
        const by = Object.fromEntries(r.rows.map((k) => [k.key, k]));
        expect(by["els-aaa"]).toMatchObject({
            product: "CELS",
            productName: "CentOS ELS",
            limit: 5,
            used: 2,
            free: 3,
            unlimited: false,
            utilisation: 0.4,
        });
        expect(by["els-aaa"]!.servers).toEqual([
            { id: "1", ip: "192.0.2.1", hostname: "h1" },
            { id: "2", ip: "192.0.2.2", hostname: "h2" },
        ]);
        expect(by["kcare-eee"]).toMatchObject({
            limit: 0,
            unlimited: true,
            free: "unlimited",
            utilisation: null,
            enabled: true,
            created: "2026-01-10T12:00:00.000Z",
        });
        expect(by["kcare-ggg"]).toMatchObject({
            limit: "unknown",
            unlimited: "unknown",
            free: "unknown",
            enabled: "unknown",
            created: "unknown",
        });
        expect(by["els-ccc"]).toMatchObject({ used: 4, free: 0 });
    });

    it("flags unused keys (waste) and keys at or over their limit (risk)", () => {
        const r = report({ keys });
        expect(flagged(r, "key-unused")).toEqual(["els-ddd", "kcare-fff"]);
        expect(flagged(r, "key-at-limit")).toEqual(["els-bbb"]);
        expect(flagged(r, "key-over-limit")).toEqual(["els-ccc"]);
        expect(r.flags.find((f) => f.code === "key-over-limit")!.severity).toBe("critical");
        expect(r.flags[0]!.code).toBe("key-over-limit");
    });

    it("reads the Nagios status of KernelCare keys: out of date, up to date, or unknown when not read", () => {
        const r = report({ keys });
        expect(r.kcareStatus.map((s) => [s.key, s.status])).toEqual([
            ["kcare-eee", "out-of-date"],
            ["kcare-fff", "up-to-date"],
            ["kcare-ggg", "unknown"],
        ]);
        expect(flagged(r, "kcare-out-of-date")).toEqual(["kcare-eee"]);
        expect(r.rows.find((k) => k.key === "kcare-eee")!.flagCodes).toContain("kcare-out-of-date");
    });

    it("totals per product; an unknown limit makes the product's limit unknown rather than a wrong sum", () => {
        const r = report({ keys });
        const p = Object.fromEntries(r.products.map((x) => [x.key, x]));
        expect(p.CELS).toMatchObject({ count: 2, used: 4, limit: 7, free: 3, unusedKeys: 0, unlimitedKeys: 0 });
        expect(p.ESU).toMatchObject({ count: 2, used: 4, limit: 7, free: 4, unusedKeys: 1 });
        expect(p.KCARE).toMatchObject({ count: 3, used: 4, limit: "unknown", free: "unknown", unlimitedKeys: 2, unusedKeys: 1 });
        expect(r.summary).toMatchObject({
            keys: 7,
            unlimitedKeys: 2,
            unusedKeys: 2,
            keysAtOrOverLimit: 2,
            seatsUsed: 12,
            seatsLimit: "unknown",
            freeSeats: "unknown",
            kcareKeysOutOfDate: 1,
        });
        const known = report({ keys: keys.filter((k) => k.limit !== undefined) });
        expect(known.summary).toMatchObject({ seatsLimit: 14, freeSeats: 7 });
    });
});

describe("IP licenses", () => {
    const ipLicenses = [
        {
            ip: "198.51.100.7",
            type: 1,
            registered: true,
            created: "2026-03-01T10:00-0000",
            lastCheckin: "2026-05-31T00:00-0000",
            serverInfo: "cloudlinux-release-8",
        },
        { ip: "198.51.100.8", type: 1, registered: false, created: "2026-02-01T10:00-0000", lastCheckin: "2026-04-01T00:00-0000" },
        { ip: "198.51.100.9", type: 16, registered: false, created: "2026-02-01T10:00-0000" },
        { ip: "198.51.100.10", type: 41 },
    ];

    it("shows type names, check-in age and registration; absent fields are unknown", () => {
        const r = report({ ipLicenses });
        expect(r.ipLicenses.map((l) => [l.key, l.typeName, l.checkinAgeDays, l.registered])).toEqual([
            ["198.51.100.7/1", "CloudLinux OS", 1, true],
            ["198.51.100.8/1", "CloudLinux OS", 61, false],
            ["198.51.100.9/16", "KernelCare Enterprise", "unknown", false],
            ["198.51.100.10/41", "Imunify360 single user", "unknown", "unknown"],
        ]);
        expect(r.ipLicenses[3]).toMatchObject({ created: "unknown", lastCheckin: "unknown", serverInfo: "unknown" });
        // As people read it: registration is a CloudLinux (CLN) matter; a KernelCare license's "false" is not shown as "no".
        const table = reportView(r).tables.find((t) => t.id === "ipLicenses")!;
        const column = table.columns.find((c) => c.header === "registered in CLN")!;
        // The unregistered CloudLinux license is flagged, so it comes first.
        expect(table.rows.map((row) => column.text(row))).toEqual(["no", "yes", "—", "—"]);
    });

    it("flags licenses not checked in for N days, and unregistered CloudLinux licenses only", () => {
        const r = report({ ipLicenses });
        expect(flagged(r, "license-stale-checkin")).toEqual(["198.51.100.8/1"]);
        expect(flagged(r, "license-unregistered")).toEqual(["198.51.100.8/1"]);
        expect(flagged(report({ ipLicenses }, 0), "license-stale-checkin")).toEqual(["198.51.100.7/1", "198.51.100.8/1"]);
        expect(r.summary).toMatchObject({ ipLicenses: 4, staleIpLicenses: 1, unregisteredIpLicenses: 1 });
    });

    it("totals IP licenses by type", () => {
        const r = report({ ipLicenses });
        expect(r.products.map((p) => [p.key, p.count])).toEqual([
            ["IPL-1", 2],
            ["IPL-16", 1],
            ["IPL-41", 1],
        ]);
    });
});
