/** The access file: its rules, each refusal naming the field, and edits that keep comments and order. */
import {
    accessFileJsonSchema,
    parseAccessFile,
    parseDuration,
    showDuration,
    withEntry,
    withoutEntries,
    type AccessEntry,
} from "../../provider/access/file";

const entry = (over: Record<string, unknown> = {}) => ({
    user: "kim",
    server: "web-1",
    as: "deploy",
    until: "2030-01-01 04:00:00",
    reason: "hotfix",
    requestedBy: "kim",
    requestedAt: "2030-01-01 00:00:00",
    ...over,
});
const file = (grants: Record<string, unknown>[], header = "version: 1\n") =>
    `${header}grants:\n${grants.map((g) => `  - ${JSON.stringify(g)}`).join("\n")}\n`;
const refusal = (text: string) => {
    try {
        parseAccessFile(text, "access.yaml");
    } catch (e) {
        return (e as Error).message;
    }
    return "accepted";
};

test("durations: weeks, days, hours, minutes, combined; nothing else", () => {
    expect(parseDuration("4h")).toBe(4 * 3_600_000);
    expect(parseDuration("1d12h")).toBe(36 * 3_600_000);
    expect(parseDuration("2w")).toBe(14 * 86_400_000);
    expect(parseDuration("90m")).toBe(90 * 60_000);
    for (const bad of ["", "4", "4 h", "-1h", "0h", "1.5h", "4hours", "P1D"]) expect(parseDuration(bad)).toBeUndefined();
    expect(showDuration(36 * 3_600_000 + 5 * 60_000)).toBe("1d 12h 5m");
});

test("a valid file: defaults filled in, times in FluxArk's form, ISO accepted", () => {
    const parsed = parseAccessFile(file([entry({ until: "2030-01-01T06:00:00+02:00" })]));
    expect(parsed).toMatchObject({ version: 1, maxDuration: "7d", allowRoot: false, rootNames: ["root"] });
    expect(parsed.grants[0]).toMatchObject({ until: "2030-01-01 04:00:00", breakGlass: false });
    expect(parseAccessFile("version: 1\ngrants:\n").grants).toEqual([]);
});

test.each([
    [file([{ ...entry(), for: "4h" }]), "access.yaml: grants[0] has a duration, which the file does not keep"],
    [file([{ ...entry(), comment: "x" }]), 'access.yaml: grants[0] has "comment", which an entry does not have'],
    [file([entry({ group: "ops" })]), "access.yaml: grants[0].user give either user (an ACL rule) or group (a group grant)"],
    [file([entry({ server: undefined })]), "access.yaml: grants[0].server is required for a user's rule"],
    [file([entry({ as: ["a", "b"] })]), "access.yaml: grants[0].as must be one remote user name for a user's rule"],
    [file([entry({ reason: "  " })]), "access.yaml: grants[0].reason must say why the access is needed"],
    [
        file([entry({ until: "2030-02-30 00:00:00" })]),
        'access.yaml: grants[0].until "2030-02-30 00:00:00" is not a date: February 2030 has 28 days',
    ],
    [
        file([entry({ breakGlass: true })]),
        "access.yaml: grants[0].approvedBy is required for break-glass access, and must be someone other than the requester",
    ],
    [
        file([entry({ until: "2030-01-09 00:00:00" })]),
        "access.yaml: grants[0].until lasts 8d from requestedAt, more than the file's maxDuration 7d",
    ],
    [file([entry({ until: "2030-01-01 05:00:00" })], "version: 1\nmaxDuration: 4h\n"), "more than the file's maxDuration 4h"],
    [file([entry({ as: "root" })]), "access.yaml: grants[0].as grants a root account (root); the file's allowRoot is false"],
    [
        file([{ ...entry(), user: undefined, server: undefined, group: "ops", serverGroup: "web", as: "*" }]),
        'grants a root account (root, or "*" or "" (each member\'s own name), which can reach it)',
    ],
    [
        file([{ ...entry(), user: undefined, server: undefined, group: "ops", serverGroup: "web", as: "" }]),
        'grants a root account (root, or "*" or "" (each member\'s own name), which can reach it)',
    ],
    [
        file([entry({ breakGlass: true, requestedBy: "alice", approvedBy: " Alice" })]),
        "access.yaml: grants[0].approvedBy is required for break-glass access, and must be someone other than the requester",
    ],
    [file([entry(), entry({ reason: "again" })]), "access.yaml: grants[1] is the same grant as grants[0] (user kim on web-1 as deploy)"],
    ["version: 2\ngrants: []\n", "access.yaml: version must be 1"],
    ["version: 1\ngrant: []\n", 'access.yaml: the file has "grant", which the file does not have'],
    ["version: 1\ngrants: [\n", "access.yaml: not YAML"],
])("refused: %#", (text, message) => {
    expect(refusal(text)).toContain(message);
});

test("allowRoot lets a root entry through", () => {
    expect(refusal(file([entry({ as: "root" })], "version: 1\nallowRoot: true\n"))).toBe("accepted");
});

test("edits keep comments and the order of what they do not touch; a renewal replaces its entry in place", () => {
    const text = `# who may reach what, for how long\nversion: 1 # the format\ngrants:\n  # the first\n  - user: lee\n    server: db-1\n    as: dba\n    until: 2030-01-02 00:00:00\n    reason: migration\n    requestedBy: lee\n    requestedAt: 2030-01-01 00:00:00\n`;
    const added = withEntry(text, entry() as AccessEntry);
    expect(added.replaced).toBeUndefined();
    expect(added.text).toContain("# who may reach what, for how long\nversion: 1 # the format\ngrants:\n  # the first\n  - user: lee\n");
    expect(parseAccessFile(added.text).grants.map((g) => g.user)).toEqual(["lee", "kim"]);
    const renewed = withEntry(added.text, entry({ until: "2030-01-01 06:00:00", reason: "longer" }) as AccessEntry);
    expect(renewed.replaced).toMatchObject({ until: "2030-01-01 04:00:00", reason: "hotfix" });
    expect(parseAccessFile(renewed.text).grants.map((g) => [g.user, g.until])).toEqual([
        ["lee", "2030-01-02 00:00:00"],
        ["kim", "2030-01-01 06:00:00"],
    ]);
    const swept = withoutEntries(renewed.text, (g) => g.user === "lee");
    expect(swept.removed.map((g) => g.user)).toEqual(["lee"]);
    expect(swept.text).toContain("# who may reach what, for how long\nversion: 1 # the format\n");
    expect(parseAccessFile(swept.text).grants.map((g) => g.user)).toEqual(["kim"]);
    // An entry the file's rules refuse is never written.
    expect(() => withEntry(text, entry({ until: "2030-02-01 00:00:00" }) as AccessEntry)).toThrow(/more than the file's maxDuration 7d/);
});

test("the JSON Schema describes the file as written", () => {
    const schema = accessFileJsonSchema() as { properties: { grants: { anyOf?: unknown[] } } };
    expect(JSON.stringify(schema)).toContain('"requestedAt"');
    expect(JSON.stringify(schema)).toContain('"breakGlass"');
});
