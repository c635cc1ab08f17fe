/**
 * `report` run in-process as the executable runs it (the CLI's `main`): usage errors name the option and
 * come before any API call (exit 2), a saved snapshot is read without the API, and the report
 * goes to standard output when there is no --out.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Emulator, EmulatorAdmin } from "../../emulator";
import { startTestEnv, type TestEnv } from "../helpers/pulumi";
import type { AccessReport } from "../../report/model";
import type { Snapshot } from "../../report/snapshot";
import { runCliCalls } from "../helpers/cli";

let env: TestEnv;
let emulator: Emulator;
let admin: EmulatorAdmin;
let dir: string;
beforeAll(async () => {
    env = await startTestEnv();
    ({ emulator, admin, dir } = env);
});
afterAll(async () => env?.close());

const report = (...args: string[]) => runCliCalls(emulator, admin, ["report", ...args]);

const snapshot: Snapshot = {
    snapshotVersion: 1,
    takenAt: "2026-06-01T00:00:00.000Z",
    fluxark: {
        url: "https://fx.example",
        servers: [{ id: 1, name: "web-1", groups: ["web"], remoteUsers: [{ id: 10, username: "root" }] }],
        users: [{ id: 1, username: "alice", active: true, groups: [], acl: [{ aclId: 5, remoteUserId: 10, serverId: 1, expireTime: "" }] }],
        groups: [],
    },
};

describe("report usage errors: exit 2, the option named, no API call", () => {
    test.each([
        [[], /report needs one of access, licenses, diff, snapshot/],
        [["audit"], /unknown report "audit": use one of access, licenses, diff, snapshot/],
        [["access", "--format", "pdf"], /--format must be one of json, md, html \(got "pdf"\)/],
        [["access", "--expiring-days", "soon"], /--expiring-days must be a whole number of days from 0 to 3650/],
        [["licenses", "--stale-days", "99999"], /--stale-days must be a whole number of days from 0 to 3650/],
        [["diff"], /--preview is required for the diff report/],
        [["licenses", "--preview", "p.json"], /--preview is for the diff report, not licenses/],
        [["snapshot"], /report snapshot takes --out FILE/],
        [["access", "--snapshot", "no-such-file.json"], /--snapshot no-such-file.json: cannot be read \(no such file\)/],
        [["diff", "--preview", "."], /--preview \.: cannot be read \(a folder, not a file\)/],
        [["access", "--bogus"], /Unknown option '--bogus'/],
    ])("report %j", async (args, message) => {
        const r = await report(...(args as string[]));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message as RegExp);
        expect(r.calls).toEqual([]);
    });

    test("a file that is not a snapshot is refused, naming the option, the file and the field", async () => {
        const bad = path.join(dir, "bad-snapshot.json");
        writeFileSync(
            bad,
            JSON.stringify({ snapshotVersion: 1, takenAt: "x", fluxark: { url: "u", servers: "many", users: [], groups: [] } }),
        );
        const r = await report("access", "--snapshot", bad);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`--snapshot ${bad}: fluxark.servers`);
        expect(r.calls).toEqual([]);
    });

    test("a preview over --max-input-mb is refused before it is read, naming the limit and the flag", async () => {
        const big = path.join(dir, "big-preview.json");
        writeFileSync(big, JSON.stringify({ steps: [], padding: "x".repeat(2 * 1024 * 1024) }));
        const r = await report("diff", "--preview", big, "--max-input-mb", "1");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`--preview ${big}: 2.0 MiB, over the 1 MiB limit on input files; --max-input-mb N raises the limit`);
        expect(r.calls).toEqual([]);
        expect((await report("diff", "--preview", big, "--max-input-mb", "lots")).stderr).toMatch(
            /--max-input-mb must be a number of MiB above 0/,
        );
    });

    test("a preview that is not JSON is refused, naming the option", async () => {
        const bad = path.join(dir, "bad-preview.json");
        writeFileSync(bad, "Previewing update (dev):\n");
        const r = await report("diff", "--preview", bad);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`--preview ${bad}: not JSON`);
    });

    test("a snapshot without the part a report reads is refused", async () => {
        const file = path.join(dir, "fluxark-only.json");
        writeFileSync(file, JSON.stringify(snapshot));
        const r = await report("licenses", "--snapshot", file);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("has no TuxCare part");
    });
});

describe("report output", () => {
    test("--help lists the reports and options", async () => {
        const r = await report("--help");
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(
            /access[\s\S]*licenses[\s\S]*diff[\s\S]*snapshot[\s\S]*--format F[\s\S]*--stack FILE[\s\S]*--expiring-days N/,
        );
    });

    test("without --out the JSON report goes to standard output; a saved snapshot needs no API call", async () => {
        const file = path.join(dir, "snap.json");
        writeFileSync(file, JSON.stringify(snapshot));
        const r = await report("access", "--snapshot", file);
        expect(r.code).toBe(0);
        expect(r.calls).toEqual([]);
        const parsed = JSON.parse(r.stdout) as AccessReport;
        expect(parsed).toMatchObject({
            schemaVersion: 1,
            kind: "access",
            source: { kind: "snapshot", file, takenAt: "2026-06-01T00:00:00.000Z", fluxarkUrl: "https://fx.example" },
        });
        expect(parsed.rows.map((x) => [x.key, x.expiresAt])).toEqual([["alice@web-1:root", "never"]]);
    });

    test("--format follows --out's extension when not given", async () => {
        const file = path.join(dir, "snap.json");
        const out = path.join(dir, "access-out.json");
        const r = await report("access", "--snapshot", file, "--out", out);
        expect(r.stdout).toContain(`Wrote the access report (json) to ${out}: 1 row; flags: 1 critical, 1 warning, 0 info.`);
        expect(r.stderr).toBe("");
    });

    test("grants FluxArk lists without their username rule: a note says how many paths are unknown and to pass --stack", async () => {
        const withGroup: Snapshot = {
            ...snapshot,
            fluxark: {
                ...snapshot.fluxark!,
                users: [...snapshot.fluxark!.users, { id: 2, username: "bob", active: true, groups: ["ops"], acl: [] }],
                groups: [{ id: 3, name: "ops", grants: [{ serverGroup: "web" }] }],
            },
        };
        const file = path.join(dir, "snap-group.json");
        writeFileSync(file, JSON.stringify(withGroup));
        const out = path.join(dir, "access-group.md");
        const r = await report("access", "--snapshot", file, "--out", out);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("2 rows;");
        expect(r.stdout).toContain(
            "Note: 1 of 2 access paths come through group grants whose remote users and expiry FluxArk does not list",
        );
        expect(r.stdout).toContain("pass --stack FILE");
        // On standard output, the report stays parseable: the note goes to standard error.
        const json = await report("access", "--snapshot", file);
        expect(JSON.parse(json.stdout)).toMatchObject({ kind: "access" });
        expect(json.stderr).toContain("pass --stack FILE");
    });
});
