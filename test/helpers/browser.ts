/**
 * Opens a local HTML file in headless Chromium (Debian's, found or installed by
 * scripts/setup-browser.sh) through playwright-core, recording what a page must not do: log
 * console errors, throw, or fetch anything but the file itself.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { REPO_ROOT } from "../../scripts/project-dir";

let chromiumPath: string | undefined;

/** The Chromium executable; installs Debian's chromium the first time when none is present. */
export function chromiumExecutable(): string {
    chromiumPath ??= execFileSync("bash", [path.join(REPO_ROOT, "scripts", "setup-browser.sh")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        timeout: 10 * 60_000,
    }).trim();
    return chromiumPath;
}

export async function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: chromiumExecutable(),
        headless: true,
        // Root in a container has no user namespaces for Chromium's sandbox.
        args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    });
}

export interface OpenedPage {
    page: Page;
    url: string;
    /** Console messages of type error, and uncaught page errors. */
    errors: string[];
    /** Every request the page made, the document's own included. */
    requests: string[];
    close(): Promise<void>;
}

/** Opens `file` in a fresh context (A4-ish viewport width) and waits for it to load. */
export async function openFile(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
    context.on("request", (req) => requests.push(req.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    return { page, url, errors, requests, close: () => context.close() };
}

/** A PNG of the page from its top, the whole page or at most `maxHeight` pixels of it. */
export async function screenshot(page: Page, file: string, maxHeight = Infinity): Promise<void> {
    const [width, height] = await page.locator("html").evaluate((html) => [html.scrollWidth, html.scrollHeight]);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) } });
}
