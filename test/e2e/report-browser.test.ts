/**
 * The HTML reports in a real headless Chromium: no console errors, nothing fetched but the file
 * itself, the summary figures and a known flagged row visible, a column sort that reorders its
 * table, and a screenshot of each. With UPDATE_SCREENSHOTS=1 the screenshots go to
 * docs/screenshots/ (the README's); otherwise to a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { exampleReports } from "../../report/examples";
import { renderHtml } from "../../report/html";
import type { Report } from "../../report/model";
import { launchBrowser, openFile, screenshot } from "../helpers/browser";
import { REPO_ROOT } from "../helpers/pulumi";
import { HOSTILE_USER, hostileAccessReport } from "../helpers/report-fixtures";

jest.setTimeout(5 * 60_000);

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? path.join(REPO_ROOT, "docs", "screenshots") : undefined;
/** The README shows the top of each page: the summary, the chart, the flags. */
const SCREENSHOT_MAX_HEIGHT = 1700;

interface PageCase {
    name: string;
    report: Report;
    /** A figure of the summary, as its label and value. */
    figure: { label: string; value: string };
    /** A row that must show as flagged: its table and key, and its severity. */
    flagged: { table: string; key: string; severity: "critical" | "warning" | "info" };
    /** A table with a numeric column to sort by. */
    sort: { table: string; column: string };
}

const CASES: PageCase[] = [
    {
        name: "access",
        report: exampleReports.access,
        figure: { label: "as root", value: "2" },
        flagged: { table: "access", key: "bob@web-1:root", severity: "critical" },
        sort: { table: "users", column: "reachable" },
    },
    {
        name: "licenses",
        report: exampleReports.licenses,
        figure: { label: "keys at or over limit", value: "1" },
        flagged: { table: "keys", key: "els-9f8e7d6c5b4a3928", severity: "warning" },
        sort: { table: "keys", column: "used" },
    },
    {
        name: "diff",
        report: exampleReports["access-diff"],
        figure: { label: "users affected", value: "3" },
        flagged: { table: "changes", key: "added:dave@pay-db-1:root", severity: "critical" },
        sort: { table: "changes", column: "until (after)" },
    },
];

let browser: Browser;
let dir: string;

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "report-browser-"));
    browser = await launchBrowser();
});

afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
});

function exactly(text: string): RegExp {
    return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

async function rowKeys(page: Page, table: string): Promise<string[]> {
    return page.locator(`#table-${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key") ?? ""));
}

describe.each(CASES)("the $name report in Chromium", ({ name, report, figure, flagged, sort }) => {
    let file: string;
    beforeAll(() => {
        file = path.join(dir, `${name}.html`);
        writeFileSync(file, renderHtml(report));
    });

    it("loads with no errors and fetches nothing but itself", async () => {
        const opened = await openFile(browser, file);
        try {
            expect(opened.errors).toEqual([]);
            expect(opened.requests).toEqual([opened.url]);
        } finally {
            await opened.close();
        }
    });

    it("shows the summary figures and the flagged row, sorts a table, and is screenshotted", async () => {
        const opened = await openFile(browser, file);
        const { page } = opened;
        try {
            const card = page.locator("#summary .figure").filter({ has: page.locator(".label", { hasText: exactly(figure.label) }) });
            await expect(card.locator(".value").textContent()).resolves.toBe(figure.value);
            expect(await card.isVisible()).toBe(true);

            const row = page.locator(`#table-${flagged.table} tbody tr[data-key="${flagged.key}"]`);
            expect(await row.isVisible()).toBe(true);
            expect(await row.getAttribute("class")).toBe(`sev-${flagged.severity}`);
            // Its flag links to it, and the link is visible.
            const anchor = await row.getAttribute("id");
            expect(await page.locator(`#flags a[href="#${anchor}"]`).first().isVisible()).toBe(true);

            const before = await rowKeys(page, sort.table);
            const header = page.locator(`#table-${sort.table} thead th`, { hasText: exactly(sort.column) });
            await header.locator("button").click();
            expect(await header.getAttribute("aria-sort")).toBe("ascending");
            const ascending = await rowKeys(page, sort.table);
            await header.locator("button").click();
            const descending = await rowKeys(page, sort.table);
            expect([...ascending].sort()).toEqual([...before].sort());
            expect(descending).not.toEqual(ascending);
            const column = (await page.locator(`#table-${sort.table} thead th`).allTextContents()).indexOf(sort.column);
            const values = await page.locator(`#table-${sort.table} tbody tr`).evaluateAll(
                (rows, index) => rows.map((r) => Number(r.children[index]!.getAttribute("data-sort"))),
                column,
            );
            expect(values).toEqual([...values].sort((a, b) => b - a));
            await page.reload();

            const png = path.join(SCREENSHOT_DIR ?? dir, `report-${name}.png`);
            await screenshot(page, png, SCREENSHOT_MAX_HEIGHT);
            const bytes = readFileSync(png);
            expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
            expect(bytes.readUInt32BE(16)).toBe(1280); // width, from the IHDR chunk
            expect(opened.errors).toEqual([]);
        } finally {
            await opened.close();
        }
    });
});

describe("a report with hostile names in Chromium", () => {
    it("shows them as text and runs nothing they carry", async () => {
        const file = path.join(dir, "hostile.html");
        writeFileSync(file, renderHtml(hostileAccessReport()));
        const opened = await openFile(browser, file);
        try {
            const { page } = opened;
            expect(await page.title()).not.toBe("pwned");
            expect(await page.locator("main img, main script").count()).toBe(0);
            expect(await page.locator("#table-users tbody tr").first().locator("td").first().textContent()).toBe(HOSTILE_USER);
            expect(opened.errors).toEqual([]);
            expect(opened.requests).toEqual([opened.url]);
        } finally {
            await opened.close();
        }
    });
});
