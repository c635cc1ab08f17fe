/**
 * The breaking-change check (scripts/schema-compat.ts): the checked-in schemas keep every promise
 * of the last release, and each kind of break, made on purpose to a copy of the released schema,
 * is caught and named.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
    breakAnnounced,
    breakingChanges,
    checkAgainstRelease,
    lastRelease,
    RELEASED_DIR,
    type PackageSchema,
} from "../../scripts/schema-compat";

const released = lastRelease()!;
const load = (pkg: string): PackageSchema => JSON.parse(readFileSync(path.join(RELEASED_DIR, `v${released}`, `${pkg}.json`), "utf8"));
const KEY = "tuxcare:index:KcareKey";

// biome-ignore lint/suspicious/noExplicitAny: the edits below reach anywhere into a copy of the released JSON, as a schema author would
type SchemaJson = any;

/** The released tuxcare schema with one change made to a copy. */
function changed(edit: (s: SchemaJson) => void): string[] {
    const before = load("tuxcare");
    const after = structuredClone(before);
    edit(after);
    return breakingChanges(before, after);
}

test("a release is kept to compare with, and the current schemas break nothing it promised", () => {
    expect(released).toMatch(/^\d+\.\d+\.\d+$/);
    expect(checkAgainstRelease()).toEqual({ released, breaks: [], allowed: true });
});

test("additions are not breaks: a new optional input, output, resource, function and setting", () => {
    expect(
        changed((s) => {
            s.resources[KEY].inputProperties.comment = { type: "string" };
            s.resources[KEY].properties.comment = { type: "string" };
            s.resources["tuxcare:index:NewThing"] = { inputProperties: {}, properties: {} };
            s.functions["tuxcare:index:newFunction"] = { inputs: { properties: {} }, outputs: { properties: {} } };
            s.config.variables.newSetting = { type: "string" };
            s.resources[KEY].inputProperties.note.description = "reworded";
        }),
    ).toEqual([]);
});

test.each<[string, (s: SchemaJson) => void, RegExp]>([
    ["a resource removed", (s) => delete s.resources[KEY], /^resource tuxcare:index:KcareKey was removed$/],
    ["an input removed", (s) => delete s.resources[KEY].inputProperties.cidrs, /input "cidrs" was removed/],
    ["an output removed", (s) => delete s.resources[KEY].properties.servers, /output "servers" was removed/],
    [
        "a type change",
        (s) => (s.resources[KEY].inputProperties.limit = { type: "string" }),
        /input "limit" changed type from \{"type":"integer"\} to \{"type":"string"\}/,
    ],
    ["an input becoming required", (s) => s.resources[KEY].requiredInputs.push("note"), /input "note" became required/],
    [
        "an output no longer always set",
        (s) => (s.resources[KEY].required = s.resources[KEY].required.filter((p: string) => p !== "key")),
        /output "key" is no longer always set/,
    ],
    [
        "a property gaining replaceOnChanges",
        (s) => s.resources[KEY].replaceOnChanges.push("cidrs"),
        /a change of "cidrs" now replaces the resource/,
    ],
    ["a function removed", (s) => delete s.functions["tuxcare:index:checkIp"], /^function tuxcare:index:checkIp was removed$/],
    ["a config setting removed", (s) => delete s.config.variables.apiUrl, /config of tuxcare: setting "apiUrl" was removed/],
])("%s is a breaking change", (_what, edit, message) => {
    const breaks = changed(edit);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatch(message);
});

test("the check fails on a break unless the version announces it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "schema-compat-"));
    try {
        const current = path.join(dir, "current");
        cpSync(path.join(RELEASED_DIR, `v${released}`), current, { recursive: true });
        const broken = load("tuxcare") as SchemaJson;
        delete broken.resources[KEY].inputProperties.note;
        writeFileSync(path.join(current, "tuxcare.json"), JSON.stringify(broken));
        const result = checkAgainstRelease(current, RELEASED_DIR);
        expect(result.breaks).toEqual([expect.stringMatching(/input "note" was removed/)]);
        expect(result.allowed).toBe(false);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    expect([
        breakAnnounced("0.1.0", "0.1.1"),
        breakAnnounced("0.1.0", "0.2.0"),
        breakAnnounced("1.2.0", "1.3.0"),
        breakAnnounced("1.2.0", "2.0.0"),
    ]).toEqual([false, true, false, true]);
});
