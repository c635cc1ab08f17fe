/** What every report does with its flags: most severe first, and counted by severity for the summary. */
import type { FlagCounts, Severity } from "./model";

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** How severe: higher is worse; no severity (an unflagged row) is 0. */
export function severityRank(severity: Severity | undefined): number {
    return severity ? SEVERITY_RANK[severity] : 0;
}

/** Sorts in place, most severe first, keeping the order of equals. */
export function bySeverity<F extends { severity: Severity }>(flags: F[]): F[] {
    return flags.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function flagCounts(flags: readonly { severity: Severity }[]): FlagCounts {
    const counts = { info: 0, warning: 0, critical: 0 };
    for (const f of flags) counts[f.severity]++;
    return counts;
}
