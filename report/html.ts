/**
 * The HTML form of a report: one self-contained page (styles, the sort script and the SVG charts
 * inline; nothing fetched). Its Content-Security-Policy allows only that inline style and script,
 * by hash, so even text that escaped escaping could neither run nor load anything.
 */
import { createHash } from "node:crypto";
import type { Report, ReportFlag } from "./model";
import { escapeHtml, htmlText } from "./escape";
import { showHidden } from "./hidden";
import { REPORT_CSS, PAGE_SCRIPT } from "./html-assets";
import { barChartSvg } from "./svg";
import { flagsBySeverity, reportView, rowId, rowSeverities, sourceLine, type ChartView, type Figure, type TableView } from "./view";

function cspHash(text: string): string {
    return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

const CSP = [`default-src 'none'`, `style-src ${cspHash(REPORT_CSS)}`, `script-src ${cspHash(PAGE_SCRIPT)}`, `img-src data:`].join("; ");

const FLAGS_SHOWN_PER_CODE = 5;

/** Row anchors: the model's keys may hold any character, so rows are addressed by table and position. */
type Anchors = Map<string, string>;

function anchorsOf(tables: TableView[]): Anchors {
    const anchors: Anchors = new Map();
    for (const table of tables) {
        for (const [i, row] of table.rows.entries()) anchors.set(rowId(table.id, table.rowKey(row)), `${table.id}-${i + 1}`);
    }
    return anchors;
}

function figuresHtml(figures: Figure[]): string {
    const cards = figures.map(
        (f) =>
            `<div class="figure tone-${f.tone}"><div class="value">${htmlText(f.value)}</div><div class="label">${htmlText(f.label)}</div></div>`,
    );
    return `<div class="figures" id="summary">${cards.join("")}</div>`;
}

function chartHtml(chart: ChartView): string {
    const note = chart.note ? `<p class="note">${htmlText(chart.note)}</p>` : "";
    const omitted = chart.omitted > 0 ? `<p class="omitted">${chart.omitted} more in the table below.</p>` : "";
    const footnote = chart.footnote ? `<p class="omitted">${htmlText(chart.footnote)}</p>` : "";
    return `<section class="chart-section" id="chart-${escapeHtml(chart.id)}"><h2>${htmlText(chart.title)}</h2>${note}${barChartSvg(chart)}${omitted}${footnote}</section>`;
}

/** Flags one by one; a code flagged more than a few times folds into one line with a count. */
function flagsHtml(flags: ReportFlag[], anchors: Anchors): string {
    if (flags.length === 0) return `<section id="flags"><h2>Flags</h2><p class="empty">Nothing flagged.</p></section>`;
    const item = (flag: ReportFlag) => {
        const anchor = flag.row ? anchors.get(rowId(flag.row.table, flag.row.key)) : undefined;
        const message = htmlText(flag.message);
        const text = anchor ? `<a href="#${anchor}">${message}</a>` : message;
        return `<li class="sev-${flag.severity}" data-code="${escapeHtml(flag.code)}"><span class="badge">${flag.severity}</span>${text}</li>`;
    };
    const groups = new Map<string, ReportFlag[]>();
    for (const flag of flagsBySeverity(flags)) {
        const id = `${flag.severity} ${flag.code}`;
        groups.set(id, [...(groups.get(id) ?? []), flag]);
    }
    const parts = [...groups.values()].map((group) => {
        const { severity, code } = group[0]!;
        if (group.length <= FLAGS_SHOWN_PER_CODE) return `<ul class="flags">${group.map(item).join("")}</ul>`;
        return (
            `<details class="flag-group sev-${severity}"><summary><span class="badge">${severity}</span><span class="code">${htmlText(code)}</span>: ${group.length} rows</summary>` +
            `<ul class="flags">${group.map(item).join("")}</ul></details>`
        );
    });
    return `<section id="flags"><h2>Flags (${flags.length})</h2>${parts.join("")}</section>`;
}

function tableHtml(table: TableView, severities: ReturnType<typeof rowSeverities>, anchors: Anchors): string {
    const note = table.note ? `<p class="note">${htmlText(table.note)}</p>` : "";
    const heading = `<h2>${htmlText(table.title)} (${table.rows.length})</h2>${note}`;
    if (table.rows.length === 0) return `<section id="table-${table.id}">${heading}<p class="empty">None.</p></section>`;
    const first = table.rows[0];
    const head = table.columns
        .map((c) => {
            const isNumber = c.sortValue !== undefined && typeof c.sortValue(first) === "number";
            return `<th${c.numeric ? ` class="num"` : ""}${isNumber ? ` data-type="number"` : ""}>${htmlText(c.header)}</th>`;
        })
        .join("");
    const body = table.rows
        .map((row) => {
            const key = table.rowKey(row);
            const severity = severities.get(rowId(table.id, key));
            const cells = table.columns
                .map((c) => {
                    const sort = c.sortValue ? ` data-sort="${escapeHtml(String(c.sortValue(row)))}"` : "";
                    return `<td${c.numeric ? ` class="num"` : ""}${sort}>${htmlText(c.text(row))}</td>`;
                })
                .join("");
            return `<tr id="${anchors.get(rowId(table.id, key))}" data-key="${escapeHtml(key)}"${severity ? ` class="sev-${severity}"` : ""}>${cells}</tr>`;
        })
        .join("\n");
    return `<section id="table-${table.id}">${heading}<div class="table-wrap"><table class="sortable"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

export function renderHtml(report: Report): string {
    const view = reportView(report);
    const anchors = anchorsOf(view.tables);
    const severities = rowSeverities(view.flags);
    const title = `${view.title} · ${report.generatedAt.slice(0, 10)}`;
    return [
        `<!DOCTYPE html>`,
        `<html lang="en"><head><meta charset="utf-8">`,
        `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
        `<meta name="viewport" content="width=device-width, initial-scale=1">`,
        `<title>${escapeHtml(showHidden(title))}</title>`,
        `<style>${REPORT_CSS}</style>`,
        `</head><body><main>`,
        `<header><h1>${htmlText(view.title)}</h1><p>${htmlText(view.subtitle)}</p><p>${htmlText(sourceLine(report))}</p></header>`,
        figuresHtml(view.figures),
        ...view.charts.map(chartHtml),
        flagsHtml(view.flags, anchors),
        ...view.tables.map((t) => tableHtml(t, severities, anchors)),
        `<footer>pulumi-tuxcare-fluxark report, schema version ${report.schemaVersion}. The same data as JSON: <code>--format json</code>.</footer>`,
        `</main><script>${PAGE_SCRIPT}</script></body></html>`,
        ``,
    ].join("\n");
}
