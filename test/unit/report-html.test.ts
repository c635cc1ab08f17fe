import { createHash } from "node:crypto";
import { exampleAccessDiffReport, exampleAccessReport, exampleLicenseReport, exampleReports } from "../helpers/report-examples";
import { renderHtml } from "../../report/html";
import { renderJson } from "../../report/render";
import type { Report } from "../../report/model";
import { SEAT_CHART_LIMIT } from "../../report/view";
import {
    accessReportWithHiddenNames,
    HOSTILE_NOTE,
    HOSTILE_SERVER,
    HOSTILE_USER,
    hostileAccessReport,
    largeLicenseReport,
} from "../helpers/report-fixtures";

const NEWLINE_MARK = `<mark class="hidden-char" title="an invisible character, U+000A">&lt;U+000A&gt;</mark>`;

const all = Object.values(exampleReports) as Report[];

function between(html: string, open: string, close: string): string {
    const start = html.indexOf(open) + open.length;
    return html.slice(start, html.indexOf(close, start));
}

describe("renderHtml", () => {
    it.each(all)("makes the $kind report one page that fetches nothing", (report) => {
        const html = renderHtml(report);
        expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
        expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
        expect(html).not.toMatch(/\bsrc=/i);
        // Every link is to an anchor on the page.
        for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#/);
        // The policy allows only this page's own style and script, by their hashes.
        const csp = between(html, `http-equiv="Content-Security-Policy" content="`, `"`);
        expect(csp).toContain("default-src 'none'");
        const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
        expect(csp).toContain(`style-src ${hash(between(html, "<style>", "</style>"))}`);
        expect(csp).toContain(`script-src ${hash(between(html, "<script>", "</script>"))}`);
    });

    it("puts the summary figures first and highlights each flagged row by its worst flag", () => {
        const html = renderHtml(exampleAccessReport);
        const summary = between(html, `<div class="figures" id="summary">`, `</div></div><section`);
        expect(summary).toContain(`<div class="value">2 of 3</div><div class="label">users with access</div>`);
        expect(summary).toMatch(/figure tone-critical"><div class="value">2<\/div><div class="label">as root/);
        expect(html.indexOf(`id="summary"`)).toBeLessThan(html.indexOf(`id="table-access"`));
        // alice@pay-db-1:root has a critical and a warning flag: it shows as critical.
        expect(html).toMatch(/<tr id="access-1" data-key="alice@pay-db-1:root" class="sev-critical">/);
        expect(html).toMatch(/<tr id="access-3" data-key="alice@pay-db-1:deploy" class="sev-warning">/);
        expect(html).toMatch(/<tr id="users-3" data-key="carol">/);
        // Each flag links to its row.
        expect(html).toContain(`<a href="#rules-1">carol&#39;s ACL rule 8`);
    });

    it("orders every table the same way: flagged rows first, most severe first, then by name", () => {
        const html = renderHtml(exampleAccessReport);
        const order = (table: string) =>
            [...html.matchAll(new RegExp(`<tr id="${table}-\\d+" data-key="([^"]*)"(?: class="sev-(\\w+)")?`, "g"))].map((m) =>
                m[2] ? `${m[2]} ${m[1]}` : m[1],
            );
        expect(order("access")).toEqual(["critical alice@pay-db-1:root", "critical bob@web-1:root", "warning alice@pay-db-1:deploy"]);
        expect(order("users")).toEqual(["warning bob", "alice", "carol"]);
        expect(order("servers")).toEqual(["info spare-1", "pay-db-1", "web-1"]);
        expect(order("remoteUsers")).toEqual(["info spare-1:admin", "pay-db-1:deploy", "pay-db-1:root", "web-1:root"]);
        expect(order("rules")).toEqual(["warning acl:8", "warning grant:dba:payments", "acl:7"]);
    });

    it("draws the expiry and seat charts as inline SVG with one bar per bucket or key", () => {
        const access = renderHtml(exampleAccessReport);
        const expiry = between(access, `id="chart-expiry"`, `</section>`);
        expect(expiry.match(/<g><title>/g)).toHaveLength(exampleAccessReport.expiry.filter((b) => b.label !== "unknown").length);
        expect(expiry).toContain("<title>never: 2</title>");
        expect(expiry).not.toContain("not drawn");
        // Paths of unknown expiry are counted under the chart, not drawn beside the windows.
        const unknown = structuredClone(exampleAccessReport);
        unknown.expiry.find((b) => b.label === "unknown")!.rows = 121;
        const withUnknown = between(renderHtml(unknown), `id="chart-expiry"`, `</section>`);
        expect(withUnknown).toContain("121 access paths of unknown expiry");
        expect(withUnknown).not.toContain("<title>unknown");
        const licenses = renderHtml(exampleLicenseReport);
        const seats = between(licenses, `id="chart-seats"`, `</section>`);
        expect(seats).toContain("<title>els-1a2b3c4d5e6f7a8b (CentOS ELS · web farm): 2 / 2</title>");
        // At the limit is a warning, as the flag has it; over it, critical, with the excess said.
        expect(seats).toMatch(/<title>els-1a2b3c4d5e6f7a8b[^<]*<\/title>.*?class="fill tone-warning"/);
        expect(seats).toContain("3 / unlimited");
        const over = structuredClone(exampleLicenseReport);
        Object.assign(over.rows[0]!, { used: 3, utilisation: 1.5 });
        const overSeats = between(renderHtml(over), `id="chart-seats"`, `</section>`);
        expect(overSeats).toContain("3 / 2 (over by 1)");
        expect(overSeats).toMatch(/<title>els-1a2b3c4d5e6f7a8b[^<]*<\/title>.*?class="fill tone-critical"/);
        // The summary figure reads as the flags do: at the limit a warning, over it critical.
        const figureTone = (html: string) =>
            /figure tone-(\w+)"><div class="value">\d+<\/div><div class="label">keys at or over limit/.exec(html)?.[1];
        expect(figureTone(licenses)).toBe("warning");
        over.flags = [
            {
                code: "key-over-limit",
                severity: "critical",
                message: "CELS key els-1a2b3c4d5e6f7a8b uses 3 of 2 seats",
                row: { table: "keys", key: "els-1a2b3c4d5e6f7a8b" },
            },
            ...over.flags.slice(1),
        ];
        expect(figureTone(renderHtml(over))).toBe("critical");
    });

    it("keeps the seat chart readable for many keys and says how many it left to the table", () => {
        const report = largeLicenseReport(SEAT_CHART_LIMIT + 12);
        const html = renderHtml(report);
        const seats = between(html, `id="chart-seats"`, `</section>`);
        expect(seats.match(/<g><title>/g)).toHaveLength(SEAT_CHART_LIMIT);
        expect(seats).toContain("12 more in the table below.");
        expect(between(html, `id="table-keys"`, `</section>`).match(/<tr id=/g)).toHaveLength(SEAT_CHART_LIMIT + 12);
    });

    it("folds a flag code that repeats into one line with its count", () => {
        const report = structuredClone(exampleLicenseReport);
        report.flags = Array.from({ length: 6 }, (_, i) => ({
            code: "key-unused" as const,
            severity: "warning" as const,
            message: `key ${i} has no server`,
            row: null,
        }));
        const html = renderHtml(report);
        expect(html).toContain(`<span class="code">key-unused</span>: 6 rows</summary>`);
    });

    it("writes hostile names as text, never as markup", () => {
        const html = renderHtml(hostileAccessReport());
        expect(html).not.toContain("<img");
        expect(html).not.toContain("<script>document");
        expect(html).not.toContain(`"><script`);
        expect(html).toContain("&#60;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&#62;");
        expect(html.match(/<script>/g)).toHaveLength(1);
        // And they are all there, as text.
        // (the note's newline, which a page would show as a space, shown as its code point)
        const asText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace("\n", NEWLINE_MARK);
        for (const text of [HOSTILE_USER, HOSTILE_SERVER, HOSTILE_NOTE]) expect(html).toContain(asText(text));
    });

    it("shows invisible and bidi characters as marked code points, and flags their rows", () => {
        const html = renderHtml(accessReportWithHiddenNames());
        const mark = (cp: string) => `<mark class="hidden-char" title="an invisible character, ${cp}">&lt;${cp}&gt;</mark>`;
        // The user admin + U+200B, and the server whose name a U+202E would show reversed.
        expect(html).toContain(`<td>admin${mark("U+200B")}</td>`);
        expect(html).toContain(`<td>prod-db${mark("U+202E")}gnp.exe</td>`);
        // Not one of them reaches the page as itself (an attribute keeps only what no one reads: the row's key).
        const body = html.replace(/ data-key="[^"]*"/g, "");
        expect(body).not.toMatch(/[\u200B\u202E]/u);
        // Each row holding one is flagged, and the flag names the field and the character.
        const row = between(html, `<td>admin${mark("U+200B")}</td>`, "</tr>");
        expect(row).toContain("hidden-characters");
        expect(html).toMatch(
            /<li class="sev-warning" data-code="hidden-characters">.*admin<mark[^>]*>&lt;U\+200B&gt;<\/mark>@web-1:deploy: user holds invisible or bidirectional characters \(U\+200B\), so it may read as another name/,
        );
        expect(html).toMatch(
            /prod-db<mark[^>]*>&lt;U\+202E&gt;<\/mark>gnp\.exe: server holds invisible or bidirectional characters \(U\+202E\)/,
        );
        // An emoji sequence and a Persian word keep their joiners: they are spelling, not hidden.
        expect(html).toContain("<td>dev 👨\u200D💻</td>");
        expect(html).toContain("<td>می\u200Cخواهم</td>");
        // The JSON keeps the real strings.
        expect(JSON.parse(renderJson(accessReportWithHiddenNames())).users.map((u: { user: string }) => u.user)).toEqual([
            "admin\u200B",
            "bob",
        ]);
    });

    it("says so when a table or the flags are empty", () => {
        const report = structuredClone(exampleAccessDiffReport);
        report.flags = [];
        const html = renderHtml(report);
        expect(html).toContain(`<p class="empty">Nothing flagged.</p>`);
        expect(between(html, `id="table-unmodelled"`, `</section>`)).toContain(`<p class="empty">None.</p>`);
    });
});
