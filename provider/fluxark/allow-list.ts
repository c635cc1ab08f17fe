/**
 * A FluxArk user's `ip_allow_list` (one string, "192.168.0.100,127.0.0.1/24") as the
 * FluxarkUser `ipAllowList` input (a sorted set). `check`, `read` and `discover` write each entry
 * the same way, so what one writes the others read back unchanged.
 */
import { checkCidr } from "../core/validators";

/** A valid entry as FluxArk shows it: canonical, and a single address without /32 or /128. */
export const allowListForm = (canonicalCidr: string): string => canonicalCidr.replace(/\/(32|128)$/, "");

/**
 * An entry as FluxArk holds it. An address with host bits under its prefix ("127.0.0.1/24", the
 * document's own example) stands for its network (127.0.0.0/24), the form `check` accepts. An
 * entry that is no address at all stays as it is, so it shows as drift rather than vanishing.
 */
export function liveAllowListEntry(entry: string): string {
    const r = checkCidr(entry);
    if (r.ok) return allowListForm(r.canonical);
    return r.network ? allowListForm(r.network) : entry.trim();
}

/** FluxArk's list text (separated by commas, semicolons or spaces) as the sorted, de-duplicated input. */
export function readAllowList(text: string): string[] {
    return [
        ...new Set(
            text
                .split(/[\s,;]+/)
                .filter(Boolean)
                .map(liveAllowListEntry),
        ),
    ].sort();
}
