/**
 * The pull-request body of an access request: what is asked (who, where, as whom, until when,
 * why, who asked and approved), a break-glass warning, then the access diff of the change, the
 * report diff's own Markdown. Every value from the file or the account is escaped.
 */
import { entryMs, showDuration, type AccessEntry } from "../../provider/access/file";
import type { AccessDiffReport } from "../../report/model";
import { escapeMarkdown } from "../../report/escape";
import { renderMarkdown } from "../../report/markdown";

const what = (e: AccessEntry) =>
    e.user !== undefined
        ? `${e.user} on ${e.server} as ${String(e.as)}`
        : `group ${e.group} on server group ${e.serverGroup} as ${Array.isArray(e.as) ? e.as.join(", ") : e.as === "" ? "(each member's own name)" : e.as}`;

export function requestTitle(e: AccessEntry, renewal: boolean): string {
    return `${renewal ? "Renew" : "Grant"} temporary access: ${what(e)} until ${e.until} UTC`;
}

export function requestBody(e: AccessEntry, replaced: AccessEntry | undefined, diff: AccessDiffReport, now: number): string {
    const row = (k: string, v: string) => `| ${k} | ${escapeMarkdown(v)} |`;
    const lines = [
        `## ${escapeMarkdown(requestTitle(e, replaced !== undefined))}`,
        "",
        ...(e.breakGlass
            ? [
                  `> [!CAUTION]`,
                  `> **Break-glass access**, approved by ${escapeMarkdown(e.approvedBy ?? "nobody")}: review it after the fact.`,
                  "",
              ]
            : []),
        "| | |",
        "| --- | --- |",
        row("who", e.user ?? `group ${e.group}`),
        row("where", e.server ?? `server group ${e.serverGroup}`),
        row("as", Array.isArray(e.as) ? e.as.join(", ") : e.as),
        row("until", `${e.until} UTC (${showDuration(entryMs(e.until) - now)} from now)`),
        row("reason", e.reason),
        row("requested by", e.requestedBy),
        ...(e.approvedBy !== undefined ? [row("approved by", e.approvedBy)] : []),
        ...(replaced ? [row("renews", `the grant until ${replaced.until} UTC (${replaced.reason})`)] : []),
        "",
        "FluxArk rules keep no comment: the reason, requester and approver live in the access file and the stack's state.",
        "",
        renderMarkdown(diff).trimEnd(),
        "",
    ];
    return lines.join("\n");
}
