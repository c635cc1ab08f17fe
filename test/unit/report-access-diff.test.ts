import { accessDiffReport } from "../../report/access-diff";
import type { AccessDiffReport } from "../../report/model";
import { withDeclaredGrants } from "../../report/declared-grants";
import { accessKind, previewFromEvents, previewFromFile, previewFromJson, stackStates, type Preview } from "../../report/preview";
import type { FluxarkSnapshot } from "../../report/snapshot";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const source = { kind: "snapshot" as const, takenAt: "2026-06-01T00:00:00.000Z" };
const urn = (type: string, name: string) => `urn:pulumi:dev::infra::${type}::${name}`;
const DYN = (k: string) => `pulumi-nodejs:dynamic/fluxark:${k}`;
const NATIVE = (k: string) => `fluxark:index:${k}`;

// web-1 (group web): root 100, deploy 101; db-1 (group db): root 200, postgres 201
// alice, bob in group "devs" (grant web as deploy, declared in the stack); bob has ACL 7 to db-1 postgres; carol has ACL 8 to web-1 root until 2026-07-01.
function live(): FluxarkSnapshot {
    return {
        url: "https://fx.example",
        servers: [
            {
                id: 1,
                name: "web-1",
                groups: ["web"],
                active: true,
                remoteUsers: [
                    { id: 100, username: "root" },
                    { id: 101, username: "deploy" },
                ],
            },
            {
                id: 2,
                name: "db-1",
                groups: ["db"],
                active: true,
                remoteUsers: [
                    { id: 200, username: "root" },
                    { id: 201, username: "postgres" },
                ],
            },
        ],
        users: [
            { id: 1, username: "alice", active: true, groups: ["devs"], acl: [] },
            { id: 2, username: "bob", active: true, groups: ["devs"], acl: [{ aclId: 7, remoteUserId: 201, serverId: 2, expireTime: "" }] },
            {
                id: 3,
                username: "carol",
                active: true,
                groups: ["dba"],
                acl: [{ aclId: 8, remoteUserId: 100, serverId: 1, expireTime: "2026-07-01 00:00:00" }],
            },
            { id: 4, username: "dave", active: true, groups: ["dba"], acl: [] },
        ],
        // FluxArk lists grants without username or expiry.
        groups: [
            { id: 10, name: "devs", expireTime: "", grants: [{ serverGroup: "web" }] },
            { id: 11, name: "dba", expireTime: "", grants: [] },
        ],
    };
}

const devsOld = {
    id: "10",
    inputs: { name: "devs", grants: [{ serverGroup: "web", username: "deploy" }] },
    outputs: { name: "devs", groupId: 10, grants: [{ serverGroup: "web", username: "deploy" }] },
};

function previewJson(steps: object[]): string {
    return JSON.stringify({ steps, changeSummary: {} });
}
const diff = (p: Preview): AccessDiffReport => accessDiffReport(live(), p, { now: NOW, source, previewFile: "preview.json" });
const changes = (r: AccessDiffReport) => r.rows.map((x) => `${x.change} ${x.user}@${x.server}:${x.remoteUser}`);

describe("preview reading", () => {
    it("knows the access resources by native and dynamic type tokens, and nothing else", () => {
        expect(accessKind("fluxark:index:FluxarkAcl")).toBe("FluxarkAcl");
        expect(accessKind("pulumi-nodejs:dynamic/fluxark:UserGroup")).toBe("UserGroup");
        expect(accessKind("tuxcare:index:ElsKey")).toBeUndefined();
        expect(accessKind("pulumi:providers:fluxark")).toBeUndefined();
    });

    it("names the option and the file when the preview is not JSON", () => {
        expect(() => previewFromJson("not json", "p.json")).toThrow(/--preview p\.json: not JSON/);
        expect(() => previewFromJson('{"steps": 3}', "p.json")).toThrow(/--preview p\.json: not the output of `pulumi preview --json`/);
    });
});

describe("access diff", () => {
    const addGrantRemoveAcl = [
        { op: "same", urn: urn("pulumi:pulumi:Stack", "infra-dev") },
        {
            op: "update",
            urn: urn(DYN("UserGroup"), "dba"),
            oldState: {
                type: DYN("UserGroup"),
                id: "11",
                inputs: { name: "dba", grants: [] },
                outputs: { groupId: 11, name: "dba", grants: [] },
            },
            newState: {
                type: DYN("UserGroup"),
                id: "11",
                inputs: { name: "dba", grants: [{ serverGroup: "db", username: ["root", "postgres"], expireTime: "2026-09-01 00:00:00" }] },
                outputs: {},
            },
        },
        {
            op: "delete",
            urn: urn(NATIVE("FluxarkAcl"), "bob-db"),
            oldState: {
                type: NATIVE("FluxarkAcl"),
                id: "7",
                inputs: { userId: 2, userServerId: 201 },
                outputs: { userId: 2, userServerId: 201, aclId: 7, serverId: 2, expiresAt: "" },
            },
        },
        {
            op: "same",
            urn: urn(DYN("UserGroup"), "devs"),
            oldState: { type: DYN("UserGroup"), ...devsOld },
            newState: { type: DYN("UserGroup"), ...devsOld },
        },
    ];

    it("a preview that adds a group grant and removes an ACL rule names exactly the users whose access changes", () => {
        const r = diff(previewFromJson(previewJson(addGrantRemoveAcl), "preview.json"));
        expect(changes(r)).toEqual([
            "added carol@db-1:postgres",
            "added carol@db-1:root",
            "added dave@db-1:postgres",
            "added dave@db-1:root",
            "removed bob@db-1:postgres",
        ]);
        expect(r.summary).toMatchObject({
            added: 4,
            removed: 1,
            extended: 0,
            shortened: 0,
            usersAffected: 3,
            users: ["bob", "carol", "dave"],
            accessSteps: 2,
            unmodelledSteps: 0,
        });
        expect(r.preview).toEqual({ file: "preview.json", stack: "dev", steps: 4 });
        expect(r.rows.find((x) => x.key === "removed:bob@db-1:postgres")).toMatchObject({
            before: "never",
            after: null,
            causes: [{ urn: urn(NATIVE("FluxarkAcl"), "bob-db"), op: "delete" }],
        });
        expect(r.rows.find((x) => x.key === "added:dave@db-1:root")).toMatchObject({
            before: null,
            after: "2026-09-01T00:00:00.000Z",
            causes: [{ type: DYN("UserGroup"), op: "update" }],
        });
        expect(r.flags.filter((f) => f.code === "root-access-added").map((f) => f.row?.key)).toEqual([
            "added:carol@db-1:root",
            "added:dave@db-1:root",
        ]);
        // alice's grant (declared in the stack, not listed by FluxArk) is unchanged: she is not in the diff.
        expect(r.summary.users).not.toContain("alice");
    });

    it("reads the same preview from Automation API engine events", () => {
        const events = addGrantRemoveAcl.map((s) => ({
            sequence: 1,
            timestamp: 0,
            resourcePreEvent: {
                metadata: {
                    op: s.op,
                    urn: s.urn,
                    type: (s.oldState ?? s.newState)?.type ?? "pulumi:pulumi:Stack",
                    old: s.oldState,
                    new: s.newState,
                    provider: "",
                },
            },
        }));
        const r = diff(previewFromEvents([{ sequence: 0, timestamp: 0, preludeEvent: { config: {} } }, ...events]));
        expect(changes(r)).toEqual([
            "added carol@db-1:postgres",
            "added carol@db-1:root",
            "added dave@db-1:postgres",
            "added dave@db-1:root",
            "removed bob@db-1:postgres",
        ]);
    });

    it("a replaced rule with a later expiry extends access; a wildcard grant and a never-expiring grant are flagged", () => {
        const steps = [
            {
                op: "delete-replaced",
                urn: urn(NATIVE("FluxarkAcl"), "carol-web"),
                oldState: {
                    type: NATIVE("FluxarkAcl"),
                    id: "8",
                    inputs: { userId: 3, userServerId: 100, expireTime: "2026-07-01 00:00:00" },
                    outputs: { aclId: 8, userId: 3 },
                },
            },
            {
                op: "create-replacement",
                urn: urn(NATIVE("FluxarkAcl"), "carol-web"),
                newState: {
                    type: NATIVE("FluxarkAcl"),
                    inputs: { userId: 3, userServerId: 100, expireTime: "2026-12-01T00:00:00Z" },
                    outputs: {},
                },
            },
            {
                op: "replace",
                urn: urn(NATIVE("FluxarkAcl"), "carol-web"),
                oldState: {
                    type: NATIVE("FluxarkAcl"),
                    id: "8",
                    inputs: { userId: 3, userServerId: 100 },
                    outputs: { aclId: 8, userId: 3 },
                },
                newState: {
                    type: NATIVE("FluxarkAcl"),
                    inputs: { userId: 3, userServerId: 100, expireTime: "2026-12-01T00:00:00Z" },
                    outputs: {},
                },
            },
            {
                op: "update",
                urn: urn(DYN("UserGroup"), "devs"),
                oldState: { type: DYN("UserGroup"), ...devsOld },
                newState: {
                    type: DYN("UserGroup"),
                    id: "10",
                    inputs: { name: "devs", grants: [{ serverGroup: "web", username: "*" }] },
                    outputs: {},
                },
            },
        ];
        const r = diff(previewFromJson(previewJson(steps), "p.json"));
        expect(changes(r)).toEqual(["added alice@web-1:root", "added bob@web-1:root", "extended carol@web-1:root"]);
        expect(r.rows.find((x) => x.change === "extended")).toMatchObject({
            before: "2026-07-01T00:00:00.000Z",
            after: "2026-12-01T00:00:00.000Z",
        });
        expect(r.flags.filter((f) => f.code === "wildcard-grant-added")).toHaveLength(1);
        expect(r.flags.filter((f) => f.code === "never-expiring-access-added").map((f) => f.row?.key)).toEqual([
            "added:alice@web-1:root",
            "added:bob@web-1:root",
        ]);
    });

    it("access extended to never expiring is flagged as never-expiring access added", () => {
        const carolOld = {
            type: NATIVE("FluxarkAcl"),
            id: "8",
            inputs: { userId: 3, userServerId: 100, expireTime: "2026-07-01 00:00:00" },
            outputs: { aclId: 8, userId: 3 },
        };
        const carolNew = { type: NATIVE("FluxarkAcl"), inputs: { userId: 3, userServerId: 100 }, outputs: {} };
        const steps = [
            { op: "delete-replaced", urn: urn(NATIVE("FluxarkAcl"), "carol-web"), oldState: carolOld },
            { op: "create-replacement", urn: urn(NATIVE("FluxarkAcl"), "carol-web"), newState: carolNew },
            { op: "replace", urn: urn(NATIVE("FluxarkAcl"), "carol-web"), oldState: carolOld, newState: carolNew },
        ];
        const r = diff(previewFromJson(previewJson(steps), "p.json"));
        expect(r.rows.map((x) => [x.key, x.after])).toEqual([["extended:carol@web-1:root", "never"]]);
        expect(r.flags.filter((f) => f.code === "never-expiring-access-added").map((f) => [f.row?.key, f.message])).toEqual([
            ["extended:carol@web-1:root", "carol's access to web-1 as root (until 2026-07-01 00:00 UTC) would never expire"],
        ]);
    });

    it("a user deactivated or taken out of a group loses its access; a new user in a group gains it", () => {
        const steps = [
            {
                op: "update",
                urn: urn(NATIVE("FluxarkUser"), "alice"),
                oldState: {
                    type: NATIVE("FluxarkUser"),
                    id: "1",
                    inputs: { username: "alice", groups: ["devs"] },
                    outputs: { userId: 1, username: "alice", groups: ["devs"] },
                },
                newState: {
                    type: NATIVE("FluxarkUser"),
                    id: "1",
                    inputs: { username: "alice", groups: ["devs"], active: false },
                    outputs: {},
                },
            },
            {
                op: "create",
                urn: urn(NATIVE("FluxarkUser"), "erin"),
                newState: {
                    type: NATIVE("FluxarkUser"),
                    inputs: { username: "erin", groups: ["devs"], password: "[secret]" },
                    outputs: {},
                },
            },
            { op: "same", urn: urn(DYN("UserGroup"), "devs"), oldState: { type: DYN("UserGroup"), ...devsOld } },
        ];
        expect(changes(diff(previewFromJson(previewJson(steps), "p.json")))).toEqual([
            "added erin@web-1:deploy",
            "removed alice@web-1:deploy",
        ]);
    });

    it("a step whose inputs are not known until the update runs is listed as unmodelled and flagged, not guessed", () => {
        const steps = [
            {
                op: "create",
                urn: urn(NATIVE("FluxarkAcl"), "new-rule"),
                newState: {
                    type: NATIVE("FluxarkAcl"),
                    inputs: { userId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", userServerId: 101 },
                    outputs: {},
                },
            },
        ];
        const r = diff(previewFromJson(previewJson(steps), "p.json"));
        expect(r.rows).toEqual([]);
        expect(r.unmodelled).toEqual([
            {
                key: urn(NATIVE("FluxarkAcl"), "new-rule"),
                urn: urn(NATIVE("FluxarkAcl"), "new-rule"),
                type: NATIVE("FluxarkAcl"),
                op: "create",
                reason: "the rule's userId is not known until the update runs",
            },
        ]);
        expect(r.flags.map((f) => f.code)).toEqual(["unmodelled-change"]);
    });
});

describe("other preview and stack files", () => {
    const steps = [
        {
            op: "delete",
            urn: urn(NATIVE("FluxarkAcl"), "bob-db"),
            oldState: { type: NATIVE("FluxarkAcl"), id: "7", inputs: { userId: 2, userServerId: 201 }, outputs: { userId: 2, aclId: 7 } },
        },
    ];

    it("reads `pulumi preview --event-log` output (one engine event a line)", () => {
        const lines = [
            JSON.stringify({ sequence: 0, timestamp: 1, preludeEvent: { config: {} } }),
            ...steps.map((s, i) =>
                JSON.stringify({
                    sequence: i + 1,
                    timestamp: 1,
                    resourcePreEvent: { metadata: { op: s.op, urn: s.urn, type: s.oldState.type, old: s.oldState, provider: "" } },
                }),
            ),
            JSON.stringify({ sequence: 9, timestamp: 1, summaryEvent: {} }),
        ].join("\n");
        expect(changes(diff(previewFromFile(lines, "events.jsonl")))).toEqual(["removed bob@db-1:postgres"]);
    });

    it("reads `pulumi preview --json` output through the same entry", () => {
        expect(changes(diff(previewFromFile(previewJson(steps), "preview.json")))).toEqual(["removed bob@db-1:postgres"]);
    });

    it("takes the grants a stack declares from `pulumi stack export`, for the access report", () => {
        const exported = JSON.stringify({
            version: 3,
            deployment: {
                manifest: {},
                resources: [
                    { urn: urn("pulumi:pulumi:Stack", "s"), type: "pulumi:pulumi:Stack" },
                    { urn: urn(DYN("UserGroup"), "devs"), type: DYN("UserGroup"), ...devsOld },
                ],
            },
        });
        const declared = stackStates(exported, "stack.json");
        expect(declared.map((s) => [s.kind, s.op])).toEqual([["UserGroup", "same"]]);
        expect(withDeclaredGrants(live(), declared).groups[0]!.grants).toEqual([
            { serverGroup: "web", username: "deploy", expireTime: "" },
        ]);
        expect(() => stackStates("{}", "stack.json")).toThrow(/--stack stack\.json: not the output of `pulumi stack export`/);
    });
});
