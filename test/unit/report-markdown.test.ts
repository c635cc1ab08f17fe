import { exampleAccessDiffReport, exampleAccessReport, exampleLicenseReport } from "../helpers/report-examples";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../report/markdown";
import {
    accessReportWithHiddenNames,
    HOSTILE_USER,
    hostileAccessReport,
    largeAccessReport,
    largeLicenseReport,
} from "../helpers/report-fixtures";

/** The rows of the Markdown table under a heading. */
function tableRows(md: string, heading: string): string[] {
    const start = md.indexOf(heading);
    const lines = md.slice(start).split("\n");
    const first = lines.findIndex((l) => l.startsWith("| "));
    const rows: string[] = [];
    for (const line of lines.slice(first + 2)) {
        if (!line.startsWith("| ")) break;
        rows.push(line);
    }
    return rows;
}

describe("renderMarkdown", () => {
    it("opens with the summary figures and lists the flags, most severe first", () => {
        const md = renderMarkdown(exampleAccessReport);
        expect(md.split("\n")[0]).toBe("## Effective access");
        expect(md).toContain("**2 of 3** users with access · **3** servers · **3** access paths · 🔴 **2** as root");
        const flags = md.split("\n").filter((l) => l.startsWith("- "));
        expect(flags).toHaveLength(exampleAccessReport.flags.length);
        expect(flags[0]).toBe("- 🔴 **critical** alice can log in to pay-db-1 as root (never expires)");
        expect(flags.at(-1)).toMatch(/^- 🔵 \*\*info\*\*/);
    });

    it("answers in the first table and folds the others away, flagged rows first", () => {
        const md = renderMarkdown(exampleAccessReport);
        const rows = tableRows(md, "### Who can reach what (3)");
        expect(rows).toEqual([
            "| 🔴 alice | pay-db-1 | root | never | group dba → payments as \\* (every remote user) | never-expires, remote-root |",
            "| 🔴 bob | web-1 | root | 2026-12-01 09:00 UTC | ACL rule 7 | expires-soon, remote-root |",
            "| 🟠 alice | pay-db-1 | deploy | never | group dba → payments as \\* (every remote user) | never-expires |",
        ]);
        expect(md).toContain("<details><summary>Users (3)</summary>");
        // Every table in the same order as the HTML: flagged first, then by name.
        const firstCells = (summary: string) => tableRows(md, summary).map((r) => r.split(" | ").slice(0, 2).join(" | "));
        expect(firstCells("<summary>Users (3)</summary>")).toEqual(["| 🟠 bob | Bob Brown", "| alice | Alice Adams", "| carol | unknown"]);
        expect(firstCells("<summary>Servers (3)</summary>")).toEqual([
            "| 🔵 spare-1 | unknown",
            "| pay-db-1 | 10.0.0.10",
            "| web-1 | 10.0.0.11",
        ]);
        expect(firstCells("<summary>Remote users (4)</summary>")).toEqual([
            "| 🔵 spare-1 | admin",
            "| pay-db-1 | deploy",
            "| pay-db-1 | root",
            "| web-1 | root",
        ]);
        expect(md).not.toContain("Left out");
    });

    it("names exactly the users whose access a change affects, with the change and its cause", () => {
        const md = renderMarkdown(exampleAccessDiffReport);
        const rows = tableRows(md, "### Access changes (4)");
        expect(rows.map((r) => r.split(" | ").slice(0, 2).join(" | "))).toEqual([
            "| 🔴 added | dave",
            "| 🟠 added | dave",
            "| removed | bob",
            "| extended | alice",
        ]);
        expect(rows[3]).toContain("| 2026-12-01 00:00 UTC | 2027-01-01 00:00 UTC | replace alice-web-deploy |");
        // An empty side table is left out, not shown as "None.".
        expect(md).not.toContain("could not model");
    });

    it("shows license keys by fingerprint with their seats", () => {
        const md = renderMarkdown(exampleLicenseReport);
        expect(tableRows(md, "<summary>Keys (3)</summary>")[0]).toBe(
            "| 🟠 els-1a2b3c4d5e6f7a8b | CentOS ELS | web farm | 2 | 2 | 0 | web-1, web-2 | key-at-limit |",
        );
    });

    it("writes hostile names as text: no markup, links, mentions or broken tables", () => {
        const md = renderMarkdown(hostileAccessReport());
        expect(md).not.toContain("<img");
        expect(md).toContain("&lt;img src=x onerror=\"document.title='pwned'\">");
        expect(md).not.toContain("<script");
        expect(md).not.toMatch(/(^|[^\\])\[click\]/);
        expect(md).not.toContain("@acme");
        expect(md).toContain("&#64;acme/everyone");
        // Nothing GitHub links or renders on its own: bare addresses, issue references, emoji codes.
        expect(md).not.toMatch(/https?:\/\/|www\.|#12|:rocket:/i);
        expect(md).toContain("https&#58;//evil.example");
        expect(md).not.toMatch(/^## heading/m);
        // Every row of the users table still has the table's eight cells.
        for (const row of tableRows(md, "<summary>Users (3)</summary>")) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
        expect(HOSTILE_USER).toContain("<img");
    });

    it("shows invisible and bidi characters as code points in code spans, and flags their rows", () => {
        const md = renderMarkdown(accessReportWithHiddenNames());
        expect(md).not.toMatch(/[\u200B\u202E]/u);
        const rows = tableRows(md, "### Who can reach what");
        expect(rows).toContainEqual(expect.stringMatching(/^\| 🟠 admin`<U\+200B>` \| web-1 \| deploy \| .* \| hidden-characters \|$/));
        expect(rows).toContainEqual(expect.stringMatching(/^\| 🟠 bob \| prod-db`<U\+202E>`gnp\.exe \| deploy \|/));
        expect(md).toContain(
            "- 🟠 **warning** admin`<U+200B>`&#64;web-1&#58;deploy: user holds invisible or bidirectional characters (U+200B), so it may read as another name",
        );
        // A name that only spells out a code point is no hidden character: it is escaped text, not a code span.
        expect(renderMarkdown(accessReportWithHiddenNames("<U+200B>"))).toContain("| &lt;U+200B> |");
        // Joiners inside an emoji sequence or a Persian word are spelling: kept.
        expect(md).toContain("dev 👨\u200D💻");
        expect(md).toContain("می\u200Cخواهم");
    });

    it.each([
        ["access", () => largeAccessReport(20_000)],
        ["licenses", () => largeLicenseReport(2_000)],
    ])("keeps a large %s report within GitHub's comment limit and says what it left out", (_kind, make) => {
        const report = make();
        const md = renderMarkdown(report);
        expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT / 2);
        expect(md).toMatch(/> Left out to fit a GitHub comment: .*\d+ of \d+ flags/);
        expect(md).toMatch(/…and \d+ more rows, in the HTML and JSON reports\./);
        // The summary and the sources line survive the cut.
        expect(md).toContain("critical flags");
        expect(md.trimEnd().split("\n").at(-1)).toMatch(/^<sub>Read from snapshot/);
    });

    it("lists the most severe flags first when it must cut, and counts the rest by code", () => {
        const report = largeAccessReport(20_000);
        const md = renderMarkdown(report);
        expect(md).toContain("- 🔴 …and 1990 more **critical** `remote-root` flags");
        expect(md).toMatch(/- 🟠 …and 199\d\d more \*\*warning\*\* `never-expires` flags/);
        // The root rows (critical) come first in the cut table.
        const rows = tableRows(md, "### Who can reach what");
        expect(rows.length).toBeGreaterThan(10);
        expect(rows.slice(0, 10).every((r) => r.includes("| root |"))).toBe(true);
    });

    it("keeps within a smaller budget when asked", () => {
        const md = renderMarkdown(largeLicenseReport(200), { budget: 10_000 });
        expect(md.length).toBeLessThanOrEqual(10_000);
        expect(md).toContain("Left out to fit a GitHub comment");
    });
});
