/**
 * The three reports against the emulator seeded with the realistic account (emulator/seed), run
 * as a user runs them (the built CLI, a child process), their figures checked against what the
 * seed's comment says by hand; the access diff on a real preview through the engine (Automation
 * API events) that adds a group grant and removes an ACL rule; and no secret in any output.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, seedRealisticAccount, type RealisticAccount } from "../../emulator";
import { FluxarkAcl, UserGroup } from "../../provider";
import { fluxarkTime } from "../../provider/fluxark/common";
import type { AccessDiffReport, AccessReport, LicenseReport } from "../../report/model";
import { CLI, cliEnvironment, runCli, runCommand, type CliResult } from "../helpers/cli";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

const DAY = 86_400_000;

let env: TestEnv;
let account: RealisticAccount;
let seededAt: Date;
/** The engine events of the access diff's preview, kept for the human forms of the diff. */
let previewFile: string;
/** Everything any report run printed or wrote, searched for secrets at the end. */
const outputs: string[] = [];

async function report(...args: string[]): Promise<CliResult> {
    const r = await runCli(env.emulator, ["report", ...args]);
    outputs.push(r.stdout, r.stderr);
    return r;
}

function written<T>(file: string): T {
    const text = readFileSync(file, "utf8");
    outputs.push(text);
    return JSON.parse(text) as T;
}

beforeAll(async () => {
    env = await startTestEnv();
    seededAt = new Date();
    account = await seedRealisticAccount(env.admin, seededAt);
});
afterAll(async () => env?.close());

describe("access report", () => {
    let access: AccessReport;
    beforeAll(async () => {
        const file = path.join(env.dir, "access.json");
        const r = await report("access", "--format", "json", "--out", file);
        expect(r).toMatchObject({ code: 0 });
        expect(r.stdout).toContain(`Wrote the access report (json) to ${file}: 126 rows`);
        access = written<AccessReport>(file);
    });

    it("has the documented, versioned shape", () => {
        expect(access).toMatchObject({
            schemaVersion: 1,
            kind: "access",
            source: { kind: "live", fluxarkUrl: env.emulator.fluxarkUrl.replace(/\/+$/, "") },
            parameters: { expiringDays: 14 },
        });
    });

    it("gives the figures the seed gives by hand", () => {
        expect(access.summary).toEqual({
            users: 32,
            activeUsers: 30,
            usersWithAccess: 27,
            servers: 20,
            unreachableServers: 1,
            remoteUsers: 45,
            unusedRemoteUsers: 1,
            accessRows: 126,
            rootAccessRows: 2,
            neverExpiringRows: 2,
            // Every row but the 5 that ACL rules alone reach comes through a grant FluxArk lists without its username rule.
            unknownGrantRows: 121,
            expiringSoonRows: 1,
            expiredRulesPresent: 1,
            aclRules: 7,
            groupGrants: 5,
            serverAdmins: 1,
            flags: { critical: 2, warning: 9, info: 8 },
        });
    });

    it("names who is flagged for what", () => {
        const flagged = (code: string) =>
            access.flags
                .filter((f) => f.code === code)
                .map((f) => f.row?.key)
                .sort();
        expect(flagged("remote-root")).toEqual(["victor@web-01:root", "xavier@pay-01:root"]);
        expect(flagged("never-expires")).toEqual(["amir@web-02:deploy", "victor@web-01:root"]);
        expect(flagged("expires-soon")).toEqual(["wendy@db-01:postgres"]);
        expect(flagged("password-only")).toEqual(["victor", "wendy", "xavier"]);
        expect(flagged("inactive-user-with-rules")).toEqual(["chen", "dmitri"]);
        expect(flagged("server-admin")).toEqual(["badmin"]);
        expect(flagged("unreachable-server")).toEqual(["spare-01"]);
        expect(flagged("unused-remote-user")).toEqual(["spare-01:admin"]);
        expect(flagged("expired-rule-present")).toEqual(["acl:4"]);
        // FluxArk does not list a grant's username rule: each grant says so, and its rows name the remote user "unknown".
        expect(flagged("grant-rule-unknown")).toEqual([
            "grant:contractors:ci",
            "grant:dba:db",
            "grant:monitoring:monitoring",
            "grant:payments-oncall:payments",
            "grant:webops:web",
        ]);
        expect(access.rows.filter((r) => r.user === "alice").map((r) => r.key)).toEqual([
            "alice@web-01:unknown",
            "alice@web-02:unknown",
            "alice@web-03:unknown",
            "alice@web-04:unknown",
            "alice@web-05:unknown",
            "alice@web-06:unknown",
            "alice@web-07:unknown",
            "alice@web-08:unknown",
        ]);
    });

    it("shows the direct rules' expiries as the API holds them", () => {
        const wendy = access.rows.find((r) => r.key === "wendy@db-01:postgres")!;
        expect(Date.parse(wendy.expiresAt)).toBe(Math.floor((seededAt.getTime() + 3 * DAY) / 1000) * 1000);
        expect(wendy.paths).toEqual([{ via: "acl", aclId: 2, expiresAt: wendy.expiresAt }]);
    });

    it("a saved snapshot gives the same report without calling the API", async () => {
        const snap = path.join(env.dir, "snapshot.json");
        expect(await report("snapshot", "--out", snap)).toMatchObject({ code: 0 });
        outputs.push(readFileSync(snap, "utf8"));
        await env.admin.clearRequests();
        const file = path.join(env.dir, "access-from-snapshot.json");
        expect(await report("access", "--snapshot", snap, "--out", file)).toMatchObject({ code: 0 });
        expect((await env.admin.requests()).filter((q) => q.api !== "admin")).toEqual([]);
        const again = written<AccessReport>(file);
        expect(again.source).toMatchObject({ kind: "snapshot", file: snap });
        expect(again.summary).toEqual(access.summary);
        expect(again.rows).toEqual(access.rows);
    });
});

describe("license report", () => {
    let licenses: LicenseReport;
    beforeAll(async () => {
        const file = path.join(env.dir, "licenses.json");
        expect(await report("licenses", "--out", file)).toMatchObject({ code: 0 });
        licenses = written<LicenseReport>(file);
    });

    it("gives the figures the seed gives by hand", () => {
        expect(licenses.summary).toEqual({
            keys: 35,
            unlimitedKeys: 7,
            unusedKeys: 7,
            keysAtOrOverLimit: 14,
            seatsUsed: 93,
            seatsLimit: 106,
            freeSeats: 48,
            ipLicenses: 15,
            staleIpLicenses: 5,
            unregisteredIpLicenses: 2,
            kcareKeysOutOfDate: 4,
            flags: { critical: 5, warning: 25, info: 2 },
        });
        const cels = licenses.products.find((p) => p.key === "CELS");
        expect(cels).toMatchObject({ count: 6, used: 15, limit: 19, free: 9, unlimitedKeys: 1, unusedKeys: 1 });
        expect(licenses.products.find((p) => p.key === "KCARE")).toMatchObject({
            count: 10,
            used: 28,
            limit: 36,
            free: 18,
            unlimitedKeys: 2,
            unusedKeys: 2,
        });
        expect(licenses.products.filter((p) => p.kind === "ip-license").map((p) => [p.key, p.count])).toEqual([
            ["IPL-1", 4],
            ["IPL-4", 1],
            ["IPL-5", 1],
            ["IPL-16", 2],
            ["IPL-17", 1],
            ["IPL-40", 1],
            ["IPL-41", 1],
            ["IPL-42", 1],
            ["IPL-43", 1],
            ["IPL-49", 1],
            ["IPL-1002", 1],
        ]);
    });

    it("flags the stale and unregistered IP licenses and the KernelCare keys with servers behind", () => {
        const flagged = (code: string) =>
            licenses.flags
                .filter((f) => f.code === code)
                .map((f) => f.row?.key)
                .sort();
        expect(flagged("license-stale-checkin")).toEqual([
            "203.0.113.10/1",
            "203.0.113.13/4",
            "203.0.113.16/16",
            "203.0.113.19/40",
            "203.0.113.22/43",
        ]);
        expect(flagged("license-unregistered")).toEqual(["203.0.113.10/1", "203.0.113.14/5"]);
        expect(licenses.kcareStatus.filter((s) => s.status === "out-of-date")).toHaveLength(4);
        expect(licenses.ipLicenses.find((l) => l.key === "203.0.113.24/1")).toMatchObject({
            lastCheckin: "unknown",
            checkinAgeDays: "unknown",
        });
    });

    it("shows keys by fingerprint only", () => {
        for (const k of licenses.rows) expect(k.key).toMatch(/^(els|kcare)-[0-9a-f]{16}$/);
    });
});

describe("progress", () => {
    it("on a terminal, a progress line counts the listings; redirected, nothing", async () => {
        // util-linux `script` runs the CLI on a pseudo-terminal, as a person at a shell does.
        const out = path.join(env.dir, "licenses-tty.json");
        const command = [process.execPath, CLI, "report", "licenses", "--out", out].map((a) => `'${a}'`).join(" ");
        const tty = await runCommand("script", ["-qec", command, "/dev/null"], cliEnvironment(env.emulator));
        outputs.push(tty.stdout, tty.stderr);
        expect(tty.code).toBe(0);
        expect(tty.stdout).toContain("\r\x1b[2Kreading: TuxCare: IP license check-ins 15/15");
        const piped = await report("licenses", "--out", out);
        expect(piped.stderr).toBe("");
    });
});

describe("access diff of a real preview", () => {
    const dbExpiry = () => fluxarkTime(new Date(seededAt.getTime() + 60 * DAY));
    let diff: AccessDiffReport;
    let stackFile: string;

    beforeAll(async () => {
        const spec = { addGrant: false, keepRule: true };
        // The stack takes over the seeded group dba (id 2) and victor's ACL rule 1 (web-01 root, remote user 1).
        const program = async () => {
            const grants = [
                { serverGroup: "db", username: ["postgres", "root"], expireTime: dbExpiry() },
                ...(spec.addGrant ? [{ serverGroup: "ci", username: "root" }] : []),
            ];
            new UserGroup("dba", { name: "dba", grants, adopt: 2 });
            if (spec.keepRule) new FluxarkAcl("victor-web-root", { userId: 22, userServerId: 1, adopt: 1 });
        };
        const stack = await makeStack(env, "access", program, fluxarkConfig(env));
        await stack.up();
        stackFile = path.join(env.dir, "stack-export.json");
        writeFileSync(stackFile, await exportedState(stack));
        spec.addGrant = true;
        spec.keepRule = false;
        const events: EngineEvent[] = [];
        await stack.preview({ onEvent: (e) => events.push(e) });
        previewFile = path.join(env.dir, "preview-events.json");
        writeFileSync(previewFile, JSON.stringify(events));
        const file = path.join(env.dir, "diff.json");
        expect(await report("diff", "--preview", previewFile, "--out", file)).toMatchObject({ code: 0 });
        diff = written<AccessDiffReport>(file);
    });

    it("names exactly the users whose access changes", () => {
        expect(diff.summary).toMatchObject({
            added: 4,
            removed: 1,
            extended: 0,
            shortened: 0,
            usersAffected: 5,
            users: ["kim", "lee", "mallory", "nina", "victor"],
            unmodelledSteps: 0,
        });
        expect(diff.rows.map((r) => `${r.change} ${r.key.split(":").slice(1).join(":")}`)).toEqual([
            "added kim@build-01:root",
            "added lee@build-01:root",
            "added mallory@build-01:root",
            "added nina@build-01:root",
            "removed victor@web-01:root",
        ]);
    });

    it("says which resource causes each change, and flags root granted", () => {
        expect(diff.rows.find((r) => r.change === "removed")).toMatchObject({
            before: "never",
            after: null,
            causes: [{ type: "pulumi-nodejs:dynamic/fluxark:FluxarkAcl", op: "delete" }],
        });
        expect(
            diff.rows
                .filter((r) => r.change === "added")
                .every((r) => r.causes.length === 1 && r.causes[0]!.type === "pulumi-nodejs:dynamic/fluxark:UserGroup"),
        ).toBe(true);
        expect(diff.flags.filter((f) => f.code === "root-access-added")).toHaveLength(4);
    });

    it("with --stack, the access report knows the grants the stack declares (FluxArk does not list them)", async () => {
        const file = path.join(env.dir, "access-with-stack.json");
        expect(await report("access", "--stack", stackFile, "--out", file)).toMatchObject({ code: 0 });
        const access = written<AccessReport>(file);
        const kim = access.rows.filter((r) => r.user === "kim" && r.server === "db-01");
        expect(kim.map((r) => r.key)).toEqual(["kim@db-01:postgres", "kim@db-01:root"]);
        expect(kim.every((r) => r.expiresAt === new Date(`${dbExpiry().replace(" ", "T")}Z`).toISOString())).toBe(true);
        expect(
            access.flags
                .filter((f) => f.code === "grant-rule-unknown")
                .map((f) => f.row?.key)
                .sort(),
        ).toEqual(["grant:contractors:ci", "grant:monitoring:monitoring", "grant:payments-oncall:payments", "grant:webops:web"]);
        // dba: 4 users x 4 servers x 2 remote users, instead of 4 x 4 unknown.
        expect(access.summary.accessRows).toBe(126 + 16);
        expect(access.summary.rootAccessRows).toBe(2 + 16);
    });

    it("refuses a diff without --preview, naming the option, before any API call", async () => {
        await env.admin.clearRequests();
        const r = await report("diff");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("--preview is required");
        expect((await env.admin.requests()).filter((q) => q.api !== "admin")).toEqual([]);
    });
});

describe("the human forms carry the same figures", () => {
    const text = async (kind: string, format: "md" | "html", ...more: string[]) => {
        const file = path.join(env.dir, `forms-${kind}.${format}`);
        expect(await report(kind, "--out", file, ...more)).toMatchObject({ code: 0 });
        const written = readFileSync(file, "utf8");
        outputs.push(written);
        return written;
    };
    const htmlFigure = (value: string, label: string) => `<div class="value">${value}</div><div class="label">${label}</div>`;

    it("access, as Markdown and HTML", async () => {
        const md = await text("access", "md");
        expect(md).toContain("**27 of 32** users with access · **20** servers · **126** access paths · 🔴 **2** as root");
        expect(md).toContain("🔴 **critical** victor can log in to web-01 as root (never expires)");
        const html = await text("access", "html");
        expect(html).toContain(htmlFigure("126", "access paths"));
        expect(html).toContain(htmlFigure("27 of 32", "users with access"));
        expect(html).toMatch(/data-key="victor@web-01:root" class="sev-critical"/);
    });

    it("licenses, as Markdown and HTML", async () => {
        const md = await text("licenses", "md");
        expect(md).toContain(
            "**35** keys · **93** seats used (all keys) · **106** seats paid for (limited keys) · **48** free seats (limited keys)",
        );
        expect(md).toMatch(/🔴 \*\*critical\*\* CentOS ELS key els-[0-9a-f]{16} \("cels fleet 5"\) uses 5 seats, over its limit of 4/);
        const html = await text("licenses", "html");
        expect(html).toContain(htmlFigure("14", "keys at or over limit"));
        expect(html).toContain(htmlFigure("5", "not checked in for 30 days"));
    });

    it("the access diff, as a pull-request comment and a page, names the same five users", async () => {
        const md = await text("diff", "md", "--preview", previewFile);
        expect(md.length).toBeLessThan(65_536);
        const changed = md.split("\n").filter((l) => /^\| (🔴 |🟠 |🔵 )?(added|removed|extended|shortened) \|/.test(l));
        expect(changed).toHaveLength(5);
        for (const user of ["kim", "lee", "mallory", "nina", "victor"])
            expect(changed.filter((l) => l.includes(`| ${user} |`))).toHaveLength(1);
        const html = await text("diff", "html", "--preview", previewFile);
        expect(html).toContain(htmlFigure("5", "users affected"));
    });
});

describe("no secret in any report", () => {
    it("no license key, password, private key, API key or secret key appears in anything written or printed", () => {
        expect(outputs.length).toBeGreaterThan(10);
        const all = outputs.join("\n");
        const secrets = [...account.secrets, DEFAULT_FLUXARK_API_KEY.key, DEFAULT_TUXCARE_ACCOUNT.secretKey];
        expect(secrets.length).toBeGreaterThan(100);
        for (const s of secrets) expect(all.includes(s) ? s : "").toBe("");
    });
});
