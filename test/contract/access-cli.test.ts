/**
 * `access request|sweep` run in-process as the executable runs it (the CLI's `main`) against the emulator:
 * refusals come before anything is written (option rules: exit 2 and no API call; the account:
 * exit 1), a request writes an absolute expiry and prints the pull-request body whose access diff
 * names exactly who gains what, a renewal extends, and sweep removes what has ended.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FLUXARK_API_KEY, type Emulator, type EmulatorAdmin } from "../../emulator";
import { parseAccessFile } from "../../provider/access/file";
import { escapeMarkdown } from "../../report/escape";
import { startTestEnv, type TestEnv } from "../helpers/pulumi";
import { runCliCalls } from "../helpers/cli";
import { seedAccessAccount } from "../helpers/access";

let env: TestEnv;
let emulator: Emulator;
let admin: EmulatorAdmin;
let dir: string;
beforeAll(async () => {
    env = await startTestEnv();
    ({ emulator, admin, dir } = env);
    await seedAccessAccount(emulator);
});
afterAll(async () => env?.close());

let n = 0;
const freshFile = () => path.join(dir, `access-${++n}.yaml`);
const access = (...args: string[]) => runCliCalls(emulator, admin, ["access", ...args]);
const kimRequest = (file: string, ...more: string[]) =>
    access("request", "--file", file, "--user", "kim", "--server", "web-1", "--as", "deploy", "--requested-by", "kim", ...more);
/** The "| cell | cell |" rows of the access diff's table in a body. */
const diffRows = (body: string) => body.split("\n").filter((l) => /^\| (🔴 |🟠 |🔵 )?(added|removed|extended|shortened) \|/.test(l));

describe("refused before anything is written", () => {
    test.each([
        [["--for", "4h"], /--reason is required/],
        [["--for", "4h", "--reason", "   "], /--reason must not be blank/],
        [["--for", "8d", "--reason", "x"], /would last 8d, more than the cap of 7d/],
        [["--for", "5h", "--reason", "x", "--max-duration", "4h"], /would last 5h, more than the cap of 4h/],
        [["--for", "soon", "--reason", "x"], /--for "soon" is not a duration/],
        [["--for", "4h", "--until", "2030-01-01 00:00:00", "--reason", "x"], /either --for DURATION .* or --until TIME/],
        [["--until", "2020-01-01 00:00:00", "--reason", "x"], /--until is not in the future/],
        [["--for", "4h", "--reason", "x", "--break-glass"], /--break-glass needs --approved-by/],
        [
            ["--for", "4h", "--reason", "x", "--break-glass", "--approved-by", "kim"],
            /--break-glass needs --approved-by, someone other than the requester/,
        ],
        [["--for", "4h", "--reason", "x", "--at", "2030-01-01 00:00:00"], /--at is not an option of access request/],
    ])("options %j: exit 2, no API call, no file", async (args, message) => {
        const file = freshFile();
        const r = await kimRequest(file, ...(args as string[]));
        expect(r.stderr).toMatch(message as RegExp);
        expect(r.code).toBe(2);
        expect(r.calls).toEqual([]);
        expect(existsSync(file)).toBe(false);
    });

    test("root is refused unless the file allows it", async () => {
        const file = freshFile();
        const r = await access(
            "request",
            "--file",
            file,
            "--user",
            "kim",
            "--server",
            "web-1",
            "--as",
            "root",
            "--for",
            "1h",
            "--reason",
            "x",
            "--requested-by",
            "kim",
        );
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("--as root grants a root account; the access file's allowRoot is false");
        expect(r.calls).toEqual([]);
    });

    test.each([
        [["--user", "nobody", "--server", "web-1", "--as", "deploy"], 'FluxArk has no user "nobody"'],
        [["--user", "kim", "--server", "web-9", "--as", "deploy"], 'FluxArk has no server "web-9"'],
        [["--user", "kim", "--server", "web-1", "--as", "backup"], 'server "web-1" has no remote user "backup" (it has: deploy, root)'],
        [
            ["--user", "lee", "--server", "web-1", "--as", "deploy"],
            "lee can already log in to web-1 as deploy with no expiry (ACL rule 1): this request would add nothing",
        ],
        [["--group", "nightshift", "--server-group", "web", "--as", "deploy"], 'FluxArk has no user group "nightshift"'],
        [["--group", "oncall", "--server-group", "db", "--as", "deploy"], 'no server carries the server group "db"'],
    ])("against the account %j: exit 1, the file untouched", async (args, message) => {
        const file = freshFile();
        const before = "# kept as it is\nversion: 1\ngrants: []\n";
        writeFileSync(file, before);
        const r = await access(
            "request",
            "--file",
            file,
            ...(args as string[]),
            "--for",
            "4h",
            "--reason",
            "incident 42",
            "--requested-by",
            "kim",
        );
        expect(r.stderr).toContain(`Refused: ${message}`);
        expect(r.code).toBe(1);
        expect(readFileSync(file, "utf8")).toBe(before);
        // It read the account and changed nothing in it.
        expect(r.calls.every((c) => /\.list$/.test(c))).toBe(true);
    });
});

describe("a request, its renewal and the sweep", () => {
    const file = () => path.join(dir, "access-flow.yaml");

    test("a request writes an absolute expiry and prints a body naming exactly who gains what", async () => {
        const before = Date.now();
        const r = await kimRequest(file(), "--for", "4h", "--reason", "deploy hotfix 1.2.3");
        expect(r.stderr).toBe(
            `Added user kim on web-1 as deploy until ${parseAccessFile(readFileSync(file(), "utf8")).grants[0]!.until} UTC in ${file()}.\n`,
        );
        expect(r.code).toBe(0);
        expect(r.calls.every((c) => /\.list$/.test(c))).toBe(true);
        const [entry, ...rest] = parseAccessFile(readFileSync(file(), "utf8")).grants;
        expect(rest).toEqual([]);
        expect(entry).toMatchObject({ user: "kim", server: "web-1", as: "deploy", reason: "deploy hotfix 1.2.3", requestedBy: "kim" });
        const until = Date.parse(`${entry!.until.replace(" ", "T")}Z`);
        expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 4 * 3_600_000 - 1000);
        expect(until).toBeLessThanOrEqual(Date.now() + 4 * 3_600_000);
        // The body: the entry, then the access diff with one row, kim gaining web-1 as deploy until that time.
        expect(r.stdout).toContain(`## ${escapeMarkdown(`Grant temporary access: kim on web-1 as deploy until ${entry!.until} UTC`)}`);
        expect(r.stdout).toContain("| reason | deploy hotfix 1.2.3 |");
        expect(r.stdout + r.stderr + readFileSync(file(), "utf8")).not.toContain(DEFAULT_FLUXARK_API_KEY.key);
        expect(diffRows(r.stdout)).toEqual([
            `| added | kim | web-1 | deploy | — | ${escapeMarkdown(entry!.until.slice(0, 16))} UTC | create ${escapeMarkdown("access:kim@web-1:deploy")} |`,
        ]);
    });

    test("a request for less than the file already grants is refused; a longer one renews the entry and the body shows the extension", async () => {
        const old = parseAccessFile(readFileSync(file(), "utf8")).grants[0]!;
        const shorter = await kimRequest(file(), "--for", "2h", "--reason", "again");
        expect(shorter.code).toBe(1);
        expect(shorter.stderr).toContain(`the file already grants user kim on web-1 as deploy until ${old.until} UTC, as long or longer`);

        const r = await kimRequest(
            file(),
            "--for",
            "6h",
            "--reason",
            "the hotfix needs a second night",
            "--body",
            path.join(dir, "body.md"),
        );
        expect(r.code).toBe(0);
        const grants = parseAccessFile(readFileSync(file(), "utf8")).grants;
        expect(grants).toHaveLength(1);
        expect(grants[0]!.reason).toBe("the hotfix needs a second night");
        expect(r.stdout.trim()).toBe(`Renew temporary access: kim on web-1 as deploy until ${grants[0]!.until} UTC`);
        const body = readFileSync(path.join(dir, "body.md"), "utf8");
        // Not applied yet, so no live rule to replace: kim gains the access (the renewal is of the file's entry).
        expect(body).toContain(`| renews | ${escapeMarkdown(`the grant until ${old.until} UTC (deploy hotfix 1.2.3)`)} |`);
        expect(diffRows(body)).toHaveLength(1);
        expect(diffRows(body)[0]).toMatch(/^\| added \| kim \| web-1 \| deploy \|/);
    });

    test("sweep: nothing ended now; a dry run as of later says what it would remove (exit 3); --write removes it", async () => {
        const text = readFileSync(file(), "utf8");
        const now = await access("sweep", "--file", file());
        expect(now.code).toBe(0);
        expect(now.stdout).toContain("Nothing to sweep");
        const later = new Date(Date.now() + 7 * 3_600_000).toISOString();
        const dry = await access("sweep", "--file", file(), "--at", later);
        expect(dry.code).toBe(3);
        expect(dry.stdout).toMatch(
            /^Would remove 1 ended entry from .*:\n- user kim on web-1 as deploy, ended .* UTC \(the hotfix needs a second night; requested by kim\)\n$/,
        );
        expect(readFileSync(file(), "utf8")).toBe(text);
        const wet = await access("sweep", "--file", file(), "--at", later, "--write");
        expect(wet.code).toBe(0);
        expect(wet.stdout).toContain("Removed 1 ended entry");
        expect(parseAccessFile(readFileSync(file(), "utf8")).grants).toEqual([]);
        expect(wet.calls).toEqual([]);
    });
});

test("a break-glass request is flagged in the body, with its approver", async () => {
    const r = await access(
        "request",
        "--file",
        freshFile(),
        "--user",
        "kim",
        "--server",
        "web-1",
        "--as",
        "deploy",
        "--for",
        "1h",
        "--reason",
        "outage",
        "--requested-by",
        "kim",
        "--break-glass",
        "--approved-by",
        "lee",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("> **Break-glass access**, approved by lee");
    expect(r.stdout).toContain("| approved by | lee |");
    // The access diff flags it too (the entry's metadata rides on the change, as on the declarations).
    expect(r.stdout).toContain(escapeMarkdown("is break-glass access, approved by lee: review it after the fact"));
});

test("a group grant: every member gains the server group's remote user", async () => {
    const r = await access(
        "request",
        "--file",
        freshFile(),
        "--group",
        "oncall",
        "--server-group",
        "web",
        "--as",
        "deploy",
        "--for",
        "12h",
        "--reason",
        "on-call week",
        "--requested-by",
        "lee",
    );
    expect(r.code).toBe(0);
    const rows = diffRows(r.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\| added \| kim \| web-1 \| deploy \|.*\| update oncall \|$/);
});

test("access schema prints the file's JSON Schema", async () => {
    const r = await access("schema");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["version", "maxDuration", "allowRoot", "rootNames", "grants"]);
});
