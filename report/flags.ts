/** What every report does with its flags: most severe first, and counted by severity for the summary. */
import type { FlagCounts, Severity } from "./model";

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Sorts in place, most severe first, keeping the order of equals. */
export function bySeverity<F extends { severity: Severity }>(flags: F[]): F[] {
    return flags.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export function flagCounts(flags: readonly { severity: Severity }[]): FlagCounts {
    const counts = { info: 0, warning: 0, critical: 0 };
    for (const f of flags) counts[f.severity]++;
    return counts;
}
