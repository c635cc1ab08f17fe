/**
 * The HTML reports of the realistic seeded account (emulator/seed), written by the CLI as a user
 * runs it (the diff from a real preview through the engine), in a real headless Chromium: no
 * console errors, nothing fetched but the file itself, the summary figures and a known flagged
 * row visible, a column sort that reorders its table, and a screenshot of each. With
 * UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/ (docs/reports.md shows them); otherwise to the
 * test's temporary folder.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Browser, Page } from "playwright-core";
import { seedRealisticAccount } from "../../emulator";
import { FX_ACL } from "../../emulator/fluxark/users";
import { FluxarkAcl, UserGroup } from "../../provider";
import { renderHtml } from "../../report/html";
import { launchBrowser, openFile, screenshot } from "../helpers/browser";
import { fluxarkConfig, makeStack, REPO_ROOT, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { runCli } from "../helpers/cli";
import { HOSTILE_USER, hostileAccessReport } from "../helpers/report-fixtures";

jest.setTimeout(10 * 60_000);

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? path.join(REPO_ROOT, "docs", "screenshots") : undefined;
/** docs/reports.md shows the top of each page: the summary, the chart, the flags. */
const SCREENSHOT_MAX_HEIGHT = 1600;

interface PageCase {
    name: "access" | "licenses" | "diff";
    /** A figure of the summary, as its label and value: the seed's comment gives them by hand. */
    figure: { label: string; value: string };
    /** A row that must show as flagged: its table and key, and its severity. */
    flagged: { table: string; key: string; severity: "critical" | "warning" | "info" };
    /** A table with a numeric or time column to sort by. */
    sort: { table: string; column: string };
}

const CASES: PageCase[] = [
    {
        name: "access",
        figure: { label: "servers", value: "20" },
        // victor's ACL rule: web-01 as root, never expiring.
        flagged: { table: "access", key: "victor@web-01:root", severity: "critical" },
        sort: { table: "users", column: "reachable" },
    },
    {
        name: "licenses",
        figure: { label: "IP licenses", value: "15" },
        // IP license 0: last check-in 45 days ago.
        flagged: { table: "ipLicenses", key: "203.0.113.10/1", severity: "warning" },
        sort: { table: "keys", column: "used" },
    },
    {
        name: "diff",
        figure: { label: "users affected", value: "2" },
        flagged: { table: "changes", key: "added:nagios@db-01:root", severity: "critical" },
        sort: { table: "changes", column: "until (after)" },
    },
];

let env: TestEnv;
let browser: Browser;
const files: Record<PageCase["name"], string> = { access: "", licenses: "", diff: "" };

/** The engine events of a preview that grants the monitoring group root on the db servers and removes amir's ACL rule (web-02 deploy). */
async function previewEvents(seededAcl: { acl_id: number; user_id: number; user_server_id: number }): Promise<EngineEvent[]> {
    const change = { on: false };
    // The stack takes over the seeded group "monitoring" (id 4) and the ACL rule. The group's grant is
    // declared in full (FluxArk cannot tell its rule, so adoption re-creates it as declared: the seed's own).
    const program = async () => {
        new UserGroup("monitoring", {
            name: "monitoring",
            grants: [
                { serverGroup: "monitoring", username: "", expireTime: "never" },
                ...(change.on ? [{ serverGroup: "db", username: "root" }] : []),
            ],
            adopt: 4,
        });
        if (!change.on)
            new FluxarkAcl("amir-web-02", { userId: seededAcl.user_id, userServerId: seededAcl.user_server_id, adopt: seededAcl.acl_id });
    };
    const stack = await makeStack(env, "browser", program, fluxarkConfig(env));
    await stack.up();
    change.on = true;
    const events: EngineEvent[] = [];
    await stack.preview({ onEvent: (e) => events.push(e) });
    return events;
}

async function writeReport(name: PageCase["name"], ...args: string[]): Promise<string> {
    const file = path.join(env.dir, `${name}.html`);
    const r = await runCli(env.emulator, ["report", name, ...args, "--out", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    return file;
}

beforeAll(async () => {
    env = await startTestEnv();
    const account = await seedRealisticAccount(env.admin);
    files.access = await writeReport("access");
    files.licenses = await writeReport("licenses");
    const preview = path.join(env.dir, "preview-events.json");
    writeFileSync(
        preview,
        JSON.stringify(
            await previewEvents(account.state.collections[FX_ACL]!["6"] as { acl_id: number; user_id: number; user_server_id: number }),
        ),
    );
    files.diff = await writeReport("diff", "--preview", preview);
    browser = await launchBrowser();
});

afterAll(async () => {
    await browser?.close();
    await env?.close();
});

function exactly(text: string): RegExp {
    return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

async function rowKeys(page: Page, table: string): Promise<string[]> {
    return page.locator(`#table-${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key") ?? ""));
}

describe.each(CASES)("the $name report in Chromium", ({ name, figure, flagged, sort }) => {
    it("loads with no errors and fetches nothing but itself", async () => {
        const opened = await openFile(browser, files[name]);
        try {
            expect(opened.errors).toEqual([]);
            expect(opened.requests).toEqual([opened.url]);
        } finally {
            await opened.close();
        }
    });

    it("shows the summary figures and the flagged row, sorts a table, and is screenshotted", async () => {
        const opened = await openFile(browser, files[name]);
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
            const values = await page
                .locator(`#table-${sort.table} tbody tr`)
                .evaluateAll((rows, index) => rows.map((r) => Number(r.children[index]!.getAttribute("data-sort"))), column);
            expect(values).toEqual([...values].sort((a, b) => b - a));
            await page.reload();

            const png = path.join(SCREENSHOT_DIR ?? env.dir, `report-${name}.png`);
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

describe("printing", () => {
    it("opens the folded flag groups and prints to PDF", async () => {
        const opened = await openFile(browser, files.licenses);
        try {
            const { page } = opened;
            // The seed's 7 keys at their limit fold into one line.
            expect(await page.locator("details.flag-group:not([open])").count()).toBeGreaterThan(0);
            const pdf = await page.pdf({ format: "A4", printBackground: true });
            expect(pdf.subarray(0, 5).toString("ascii")).toBe("%PDF-");
            expect(await page.locator("details.flag-group:not([open])").count()).toBe(0);
            expect(opened.errors).toEqual([]);
        } finally {
            await opened.close();
        }
    });
});

describe("a report with hostile names in Chromium", () => {
    it("shows them as text and runs nothing they carry", async () => {
        const file = path.join(env.dir, "hostile.html");
        writeFileSync(file, renderHtml(hostileAccessReport()));
        const opened = await openFile(browser, file);
        try {
            const { page } = opened;
            expect(await page.title()).not.toBe("pwned");
            expect(await page.locator("main img, main script").count()).toBe(0);
            // Flagged users come first: the hostile one is among the rows, its name shown as text.
            expect(await page.locator("#table-users tbody td:first-child").allTextContents()).toContain(HOSTILE_USER);
            expect(opened.errors).toEqual([]);
            expect(opened.requests).toEqual([opened.url]);
        } finally {
            await opened.close();
        }
    });
});
