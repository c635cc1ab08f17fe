/**
 * `report access|licenses|diff|snapshot`: the three reports (and the snapshot they read), from the
 * live APIs or a saved snapshot, written as JSON, Markdown or HTML. Every option is checked before
 * any API call; a refusal names the option.
 */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { EXIT, optionalOption, UsageError, type Values } from "./args";
import type { Command } from "./commands";
import { DEFAULT_MAX_INPUT_MB, maxInputMb, readInputFile } from "./input-file";
import type { AccessReport, Report, ReportSource } from "../report/model";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "../report/render";
import { parseSnapshot, type Snapshot } from "../report/snapshot";

export const REPORT_KINDS = ["access", "licenses", "diff", "snapshot"] as const;
type ReportName = (typeof REPORT_KINDS)[number];

const DEFAULT_EXPIRING_DAYS = 14;
const DEFAULT_STALE_DAYS = 30;
const EXTENSION_FORMAT: Record<string, ReportFormat> = { ".html": "html", ".htm": "html", ".md": "md", ".json": "json" };

function dayCount(values: Values, name: string, fallback: number): number {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const text = String(raw).trim();
    if (!/^\d+$/.test(text) || Number(text) > 3650)
        throw new UsageError(`--${name} must be a whole number of days from 0 to 3650 (got ${JSON.stringify(raw)})`);
    return Number(text);
}

function formatOf(values: Values, out: string | undefined): ReportFormat {
    const raw = values.format;
    if (raw !== undefined) {
        if (!(REPORT_FORMATS as readonly string[]).includes(String(raw)))
            throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")} (got ${JSON.stringify(raw)})`);
        return raw as ReportFormat;
    }
    return (out && EXTENSION_FORMAT[extname(out).toLowerCase()]) || "json";
}

/** A bad input file is a usage error (exit 2, nothing attempted): its message already names the option. */
function asUsage<T>(read: () => T): T {
    try {
        return read();
    } catch (e) {
        throw e instanceof UsageError ? e : new UsageError((e as Error).message);
    }
}

/**
 * Says what to do when grants' username rules are unknown: the figures (as root, never expire)
 * then count only the known rows. `say` is standard error when the report itself is on standard output.
 */
function noteUnknownGrants(report: AccessReport, say: (s: string) => void): void {
    const unknown = report.summary.unknownGrantRows;
    if (unknown === 0) return;
    say(
        `Note: ${unknown} of ${report.rows.length} access paths come through group grants whose remote users and expiry FluxArk does not list (shown as "unknown", and not counted as root or never expiring): ` +
            "pass --stack FILE, the output of `pulumi stack export` of the stack managing the user groups, to fill them in.",
    );
}

export const reportCommand: Command = {
    name: "report",
    synopsis: "report access|licenses|diff|snapshot [--format html|md|json] [--out FILE] [...]",
    summary: "who can reach which server until when, what a change does to access, which licenses are used",
    subcommands: REPORT_KINDS,
    help: `Reports:
  access     every portal user's reachable (server, remote user), why, and until when (FluxArk)
  licenses   every ELS/ESU and KernelCare key's seats, IP licenses' check-ins, waste and risk (TuxCare)
  diff       whose access a Pulumi change adds, removes, extends or shortens (needs --preview)
  snapshot   save what the reports read (no secrets: license keys by fingerprint) to --out, as JSON

Options:
  --format F            html, md or json (default: from --out's extension, else json)
  --out FILE            write here (default: standard output)
  --snapshot FILE       read a saved snapshot instead of the live APIs
  --preview FILE        diff: \`pulumi preview --json\` output, or \`pulumi preview --event-log FILE\` events
  --stack FILE          access, diff: \`pulumi stack export\` of the stack managing the user groups; fills in
                        the grants' remote users and expiries, which FluxArk does not list
  --expiring-days N     access: flag access ending within N days (default ${DEFAULT_EXPIRING_DAYS})
  --stale-days N        licenses: flag IP licenses not checked in for more than N days (default ${DEFAULT_STALE_DAYS})
  --max-input-mb N      refuse a --preview, --stack or --snapshot file larger than N MiB (default ${DEFAULT_MAX_INPUT_MB})

The JSON shape is versioned (schemaVersion) and documented in docs/reports.md (the README links it).
Progress goes to standard error when it is a terminal.
Credentials: FLUXARK_URL, FLUXARK_API_KEY (access, diff); TUXCARE_LOGIN, TUXCARE_SECRET_KEY,
TUXCARE_API_URL (licenses); both for snapshot.`,
    options: {
        format: { type: "string" },
        out: { type: "string" },
        snapshot: { type: "string" },
        preview: { type: "string" },
        stack: { type: "string" },
        "expiring-days": { type: "string" },
        "stale-days": { type: "string" },
        "max-input-mb": { type: "string" },
    },
    async run(values, out) {
        const kind = values.subcommand as ReportName;
        const file = optionalOption(values, "out");
        const format = formatOf(values, file);
        const snapshotFile = optionalOption(values, "snapshot");
        const previewFile = optionalOption(values, "preview");
        const stackFile = optionalOption(values, "stack");
        const expiringDays = dayCount(values, "expiring-days", DEFAULT_EXPIRING_DAYS);
        const staleCheckinDays = dayCount(values, "stale-days", DEFAULT_STALE_DAYS);
        const maxMb = maxInputMb(values["max-input-mb"]);
        const readText = (path: string, option: string) => readInputFile(path, option, maxMb);
        if (kind === "diff" && previewFile === undefined)
            throw new UsageError("--preview is required for the diff report (`pulumi preview --json > preview.json`)");
        if (kind !== "diff" && previewFile !== undefined) throw new UsageError(`--preview is for the diff report, not ${kind}`);
        if ((kind === "licenses" || kind === "snapshot") && stackFile !== undefined)
            throw new UsageError(`--stack is for the access and diff reports, not ${kind}`);
        if (kind === "snapshot" && (file === undefined || snapshotFile !== undefined || values.format !== undefined))
            throw new UsageError("report snapshot takes --out FILE (and no --snapshot or --format): it saves the live accounts");
        // Read and check the input files before any API call.
        const saved =
            snapshotFile === undefined ? undefined : asUsage(() => parseSnapshot(readText(snapshotFile, "snapshot"), snapshotFile));
        const { previewFromFile, stackStates } = await import("../report/preview");
        const preview =
            previewFile === undefined ? undefined : asUsage(() => previewFromFile(readText(previewFile, "preview"), previewFile));
        const declared = stackFile === undefined ? [] : asUsage(() => stackStates(readText(stackFile, "stack"), stackFile));

        const needsFluxark = kind !== "licenses";
        const needsTuxcare = kind === "licenses" || kind === "snapshot";
        let snapshot: Snapshot;
        if (saved) snapshot = saved;
        else {
            const tty = process.stderr.isTTY === true;
            const { fetchSnapshot } = await import("../report/fetch");
            snapshot = await fetchSnapshot({
                fluxark: needsFluxark,
                tuxcare: needsTuxcare,
                progress: (m) => tty && process.stderr.write(`\r\x1b[2Kreading: ${m}`),
            });
            if (tty) process.stderr.write("\r\x1b[2K");
        }
        if (kind === "snapshot") {
            writeFileSync(file!, `${JSON.stringify(snapshot, null, 2)}\n`);
            out.log(
                `Wrote the snapshot to ${file}: ${snapshot.fluxark?.users.length ?? 0} users, ${snapshot.fluxark?.servers.length ?? 0} servers, ${snapshot.tuxcare?.keys.length ?? 0} license keys, ${snapshot.tuxcare?.ipLicenses.length ?? 0} IP licenses.`,
            );
            return EXIT.done;
        }

        const source = (url: string | undefined, key: "fluxarkUrl" | "tuxcareUrl"): ReportSource => ({
            kind: saved ? "snapshot" : "live",
            takenAt: snapshot.takenAt,
            [key]: url,
            ...(snapshotFile ? { file: snapshotFile } : {}),
        });
        const now = Date.now();
        let report: Report;
        if (kind === "licenses") {
            if (!snapshot.tuxcare) throw new UsageError(`--snapshot ${snapshotFile}: has no TuxCare part, which the licenses report reads`);
            const { licenseReport } = await import("../report/licenses");
            report = licenseReport(snapshot.tuxcare, { now, staleCheckinDays, source: source(snapshot.tuxcare.url, "tuxcareUrl") });
        } else {
            if (!snapshot.fluxark) throw new UsageError(`--snapshot ${snapshotFile}: has no FluxArk part, which the ${kind} report reads`);
            const src = source(snapshot.fluxark.url, "fluxarkUrl");
            const { withDeclaredGrants } = await import("../report/declared-grants");
            const fx = withDeclaredGrants(snapshot.fluxark, declared);
            if (kind === "access") {
                const { accessReport } = await import("../report/access");
                report = accessReport(fx, { now, expiringDays, source: src });
            } else {
                const { accessDiffReport } = await import("../report/access-diff");
                report = accessDiffReport(fx, preview!, { now, source: src, previewFile });
            }
        }
        const text = renderReport(report, format);
        if (file === undefined) {
            out.log(text.replace(/\n$/, ""));
            if (report.kind === "access") noteUnknownGrants(report, out.err);
            return EXIT.done;
        }
        writeFileSync(file, text);
        const f = report.summary.flags;
        const rows = report.rows.length;
        out.log(
            `Wrote the ${kind} report (${format}) to ${file}: ${rows} row${rows === 1 ? "" : "s"}; flags: ${f.critical} critical, ${f.warning} warning, ${f.info} info.`,
        );
        if (report.kind === "access") noteUnknownGrants(report, out.log);
        return EXIT.done;
    },
};
