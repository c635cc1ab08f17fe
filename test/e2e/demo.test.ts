/**
 * `npm run demo` end to end (the built script, in a temporary folder): `pulumi up` of index.ts
 * through the engine, the follow-up change previewed, the three reports written with figures that
 * follow by hand from index.ts and scripts/demo-fleet.ts, no secret in any report or in what it
 * prints, a second run that changes nothing, and --destroy.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import type { StoreSnapshot } from "../../emulator/store";
import { REPO_ROOT } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);
const exec = promisify(execFile);
const DEMO = path.join(REPO_ROOT, "dist", "scripts", "demo.js");

let dir: string;
let first: { stdout: string; stderr: string };
const report = (name: string) => readFileSync(path.join(dir, "reports", name), "utf8");

async function runDemo(...args: string[]): Promise<{ stdout: string; stderr: string }> {
    return exec(process.execPath, [DEMO, "--dir", dir, ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
}

/** Every warning the demo's output carries: a user should have none to learn to ignore. */
function warnings(output: string): string[] {
    return output.split("\n").filter((l) => /\bwarning:/.test(l) || /from \$PATH/.test(l));
}

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "demo-e2e-"));
    first = await runDemo();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run demo", () => {
    it("creates the account and says where to open the three reports", () => {
        expect(first.stdout).toMatch(/Resources:\s+\+ 37 created/);
        for (const name of ["access.html", "licenses.html", "access-diff.html"])
            expect(first.stdout).toContain(`file://${path.join(dir, "reports", name)}`);
        expect(first.stdout).toContain(`The diff as a pull-request comment: `);
        expect(first.stderr).toBe("");
        expect(warnings(first.stdout)).toEqual([]);
    });

    it("reports the access index.ts declares", () => {
        const html = report("access.html");
        // Seven users, all reaching something: ops (alice, bruno) every remote user of the 5 prod
        // accounts' 8 remote users, bruno's web deploy also through oncall; dba (chen, dana) postgres
        // on 2 servers; oncall (bruno, dana, erik) deploy on 2 web servers; ci (farah) runner;
        // the contractor's ACL rule: 8 + 8 + 2 + 4 + 2 + 1 + 1 = 26.
        expect(html).toContain(`<div class="value">7 of 7</div><div class="label">users with access</div>`);
        expect(html).toContain(`<div class="value">26</div><div class="label">access paths</div>`);
        expect(html).toContain(`<div class="value">2</div><div class="label">as root</div>`);
        expect(html).toContain(`<div class="value">1</div><div class="label">expire within 14 days</div>`);
        expect(html).toMatch(/data-key="alice@pay-db-1:root" class="sev-critical"/);
        expect(html).toMatch(/data-key="contractor@web-1:deploy-ro"/);
    });

    it("reports the seats the emulated servers use", () => {
        const html = report("licenses.html");
        // 8 + 3 + 0 ELS/ESU seats and 12 + 4 KernelCare; limits 8 + 4 + 5 + 20 (db-fleet is unlimited).
        expect(html).toContain(`<div class="value">5</div><div class="label">keys</div>`);
        expect(html).toContain(`<div class="value">27</div><div class="label">seats used (all keys)</div>`);
        expect(html).toContain(`<div class="value">37</div><div class="label">seats paid for (limited keys)</div>`);
        expect(html).toContain(`<div class="value">1</div><div class="label">keys with no server</div>`);
        expect(html).toContain(`<div class="value">1</div><div class="label">KernelCare keys out of date</div>`);
        expect(html).toContain(`<div class="value">1</div><div class="label">not checked in for 30 days</div>`);
        expect(html).toContain(">8 / 8</text>");
    });

    it("names exactly whose access the follow-up change moves", () => {
        const md = report("access-diff.md");
        const rows = md.split("\n").filter((l) => /^\| (🔴 |🟠 |🔵 )?(added|removed|extended|shortened) \|/.test(l));
        const changes = rows.map((r) =>
            r
                .split(" | ")
                .slice(0, 4)
                .join(" ")
                .replace(/^\| (🔴 |🟠 |🔵 )?/, ""),
        );
        expect(changes).toEqual([
            "added dana pay-db-1 deploy",
            "added dana pay-db-2 deploy",
            "added erik pay-db-1 deploy",
            "added erik pay-db-2 deploy",
            // Flagged rows first: bruno's access until 2031 would never expire.
            "extended bruno pay-db-1 deploy",
            "extended bruno pay-db-2 deploy",
            "removed contractor web-1 deploy-ro",
        ]);
        expect(md).toContain("bruno's access to pay-db-1 as deploy (until 2031-12-31 23:59 UTC) would never expire");
        expect(md).toContain("**4** users affected");
    });

    it("puts no secret in any report or in what it prints", () => {
        const state = JSON.parse(readFileSync(path.join(dir, "emulator-state.json"), "utf8")) as StoreSnapshot;
        const licenseKeys = [...Object.keys(state.collections.elsKeys ?? {}), ...Object.keys(state.collections.kcareKeys ?? {})];
        expect(licenseKeys).toHaveLength(5);
        const secrets = [
            DEFAULT_TUXCARE_ACCOUNT.secretKey,
            DEFAULT_FLUXARK_API_KEY.key,
            "Demo-User-Passw0rd",
            "demo-only-not-a-real-key",
            ...licenseKeys,
        ];
        // Every file the demo writes beside the reports (the preview's events too), not only the reports.
        const written = readdirSync(path.join(dir, "reports"));
        expect(written).toEqual(
            expect.arrayContaining(["access.html", "licenses.html", "access-diff.html", "access-diff.md", "follow-up-preview.json"]),
        );
        const texts = [first.stdout, first.stderr, ...written.map(report)];
        for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
    });

    it("changes nothing when run again", async () => {
        const again = await runDemo();
        expect(again.stdout).toMatch(/Resources:\s+37 unchanged/);
        expect(again.stdout).toContain("Wrote the access report (html)");
        expect(warnings(again.stdout)).toEqual([]);
    });

    it("tears it all down with --destroy", async () => {
        const destroyed = await runDemo("--destroy");
        expect(destroyed.stdout).toMatch(/Resources:\s+- 37 deleted/);
    });
});
