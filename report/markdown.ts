/**
 * The Markdown form of a report, made to be posted as a pull-request comment. GitHub refuses a
 * comment over 65,536 characters, so the text is built within a budget: the summary always, then
 * the flags, then the tables (flagged rows first); what does not fit is counted and named at the
 * end, and the full listing stays in the HTML and JSON forms.
 */
import type { Report, ReportFlag, Severity } from "./model";
import { escapeMarkdown } from "./escape";
import { flagsBySeverity, reportView, rowId, rowSeverities, sourceLine, type Figure, type TableView, type Tone } from "./view";

/** GitHub's limit on an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
    /** The most characters the text may have; by default, GitHub's limit less room for a heading the poster adds. */
    budget?: number;
}

const DEFAULT_BUDGET = GITHUB_COMMENT_LIMIT - 1_536;
/** Kept free while filling, for the closing note that names what was left out. */
const CLOSING_RESERVE = 1_200;
/** A cell longer than this is cut (a key with hundreds of servers would otherwise be one huge row). */
const CELL_MAX = 240;
/** Flags of one code beyond this many are counted, not listed, so one noisy code cannot crowd out the rest. */
const FLAGS_LISTED_PER_CODE = 10;

const MARK: Record<Tone, string> = { critical: "🔴", warning: "🟠", info: "🔵", ok: "", neutral: "" };

function cell(text: string): string {
    const cut = text.length > CELL_MAX ? `${text.slice(0, CELL_MAX - 1)}…` : text;
    return escapeMarkdown(cut);
}

function figuresLine(figures: Figure[]): string {
    return figures
        .map((f) => `${MARK[f.tone] ? `${MARK[f.tone]} ` : ""}**${escapeMarkdown(f.value)}** ${escapeMarkdown(f.label)}`)
        .join(" · ");
}

function flagLine(flag: ReportFlag): string {
    return `- ${MARK[flag.severity]} **${flag.severity}** ${escapeMarkdown(flag.message)}`;
}

/** Lines are added while they fit; everything refused is counted for the closing note. */
class Budget {
    private readonly lines: string[] = [];
    private used = 0;
    readonly leftOut: string[] = [];
    constructor(private readonly limit: number) {}

    /** Adds the lines if all of them fit (within the reserve when `reserve`), and says whether they did. */
    add(lines: string[], reserve = true): boolean {
        const size = lines.reduce((n, l) => n + l.length + 1, 0);
        if (this.used + size > this.limit - (reserve ? CLOSING_RESERVE : 0)) return false;
        this.lines.push(...lines);
        this.used += size;
        return true;
    }

    text(): string {
        return this.lines.join("\n");
    }
}

function flagsSection(flags: ReportFlag[], budget: Budget): void {
    if (flags.length === 0) {
        budget.add(["### Flags", "", "Nothing flagged.", ""]);
        return;
    }
    if (!budget.add([`### Flags (${flags.length})`, ""])) {
        budget.leftOut.push(`${flags.length} flags`);
        return;
    }
    const perCode = new Map<string, number>();
    const counted = new Map<string, { severity: Severity; code: string; n: number }>();
    let notShown = 0;
    for (const flag of flagsBySeverity(flags)) {
        const id = `${flag.severity} ${flag.code}`;
        const n = (perCode.get(id) ?? 0) + 1;
        perCode.set(id, n);
        if (n > FLAGS_LISTED_PER_CODE || !budget.add([flagLine(flag)])) {
            const entry = counted.get(id) ?? { severity: flag.severity, code: flag.code, n: 0 };
            entry.n++;
            counted.set(id, entry);
            notShown++;
        }
    }
    for (const { severity, code, n } of counted.values()) {
        budget.add([`- ${MARK[severity]} …and ${n} more **${severity}** \`${code}\` flags`], false);
    }
    if (notShown) budget.leftOut.push(`${notShown} of ${flags.length} flags`);
    budget.add([""]);
}

function tableSection(table: TableView, severities: Map<string, Severity>, budget: Budget, folded: boolean): void {
    const title = `${table.title} (${table.rows.length})`;
    const open = folded ? [`<details><summary>${escapeMarkdown(title)}</summary>`, ""] : [`### ${escapeMarkdown(title)}`, ""];
    const close = folded ? ["", "</details>", ""] : [""];
    if (table.rows.length === 0) {
        // An empty answer is worth saying; an empty side table is not.
        if (!folded) budget.add([...open, "None.", ...close]);
        return;
    }
    const severityOf = (row: unknown) => severities.get(rowId(table.id, table.rowKey(row)));
    // The view lists flagged rows first, so a cut keeps what matters.
    const rows = table.rows;
    const header = [
        `| ${table.columns.map((c) => escapeMarkdown(c.header)).join(" | ")} |`,
        `|${table.columns.map((c) => (c.numeric ? " ---: |" : " --- |")).join("")}`,
    ];
    if (!budget.add([...open, ...(table.note ? [escapeMarkdown(table.note), ""] : []), ...header])) {
        budget.leftOut.push(`the ${table.title} table (${table.rows.length} rows)`);
        return;
    }
    let shown = 0;
    for (const row of rows) {
        const severity = severityOf(row);
        const cells = table.columns.map((c, i) => (i === 0 && severity ? `${MARK[severity]} ` : "") + cell(c.text(row)));
        if (!budget.add([`| ${cells.join(" | ")} |`])) break;
        shown++;
    }
    if (shown < rows.length) {
        budget.add(["", `…and ${rows.length - shown} more rows, in the HTML and JSON reports.`], false);
        budget.leftOut.push(`${rows.length - shown} of ${rows.length} rows of ${table.title}`);
    }
    budget.add(close, false);
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
    const view = reportView(report);
    const budget = new Budget(Math.min(options.budget ?? DEFAULT_BUDGET, GITHUB_COMMENT_LIMIT));
    const severities = rowSeverities(view.flags);
    budget.add([`## ${escapeMarkdown(view.title)}`, "", escapeMarkdown(view.subtitle), "", figuresLine(view.figures), ""], false);
    flagsSection(view.flags, budget);
    // The first table is the report's answer; the rest fold away in a comment.
    for (const [i, table] of view.tables.entries()) tableSection(table, severities, budget, i > 0);
    const closing = [`<sub>${escapeMarkdown(sourceLine(report))}</sub>`];
    if (budget.leftOut.length) {
        closing.unshift(
            `> [!NOTE]`,
            `> Left out to fit a GitHub comment: ${budget.leftOut.map(escapeMarkdown).join("; ")}. The HTML and JSON reports have everything.`,
            "",
        );
    }
    budget.add(closing, false);
    return `${budget.text()}\n`;
}
