import { accessReport, effectiveAccess, parseUsernameRule } from "../../report/access";
import { declaredGrants } from "../../report/declared-grants";
import { GRANT_SET_OUTSIDE } from "../../provider/fluxark/user-group";
import type { AccessReport } from "../../report/model";
import { reportView } from "../../report/view";
import type { FluxarkSnapshot, SnapshotGroup, SnapshotServer, SnapshotUser } from "../../report/snapshot";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const source = { kind: "snapshot" as const, takenAt: "2026-06-01T00:00:00.000Z" };

function server(id: number, name: string, groups: string[], remotes: string[] | undefined): SnapshotServer {
    return {
        id,
        name,
        ipAddr: `10.0.0.${id}`,
        active: true,
        groups,
        remoteUsers: remotes?.map((username, i) => ({ id: id * 100 + i, username, active: true, authMethod: "key" })),
    };
}
function user(id: number, username: string, extra: Partial<SnapshotUser> = {}): SnapshotUser {
    return { id, username, active: true, serverAdmin: false, authType: "key", passwordType: "token", groups: [], acl: [], ...extra };
}
const snap = (servers: SnapshotServer[], users: SnapshotUser[], groups: SnapshotGroup[] = []): FluxarkSnapshot => ({
    url: "https://fx.example",
    servers,
    users,
    groups,
});
const report = (fx: FluxarkSnapshot, expiringDays = 14): AccessReport => accessReport(fx, { now: NOW, expiringDays, source });
const keys = (r: { key: string }[]) => r.map((x) => x.key).sort();
const flagged = (r: AccessReport, code: string) =>
    r.flags
        .filter((f) => f.code === code)
        .map((f) => f.row?.key)
        .sort();

// web-1 (group web): root=100, deploy=101, alice=102; db-1 (group db): root=200, postgres=201
const web = () => server(1, "web-1", ["web"], ["root", "deploy", "alice"]);
const db = () => server(2, "db-1", ["db"], ["root", "postgres"]);
/** The same grant as FluxArk lists it with its username rule (a stack export fills it in). */
const knownGrant = () =>
    snap(
        [db()],
        [user(1, "hank", { groups: ["g"] })],
        [{ id: 5, name: "g", expireTime: "", grants: [{ serverGroup: "db", username: "postgres" }] }],
    );

describe("username rules", () => {
    it("reads *, a name, a list and empty, and absent as unknown", () => {
        expect(parseUsernameRule("*")).toEqual({ kind: "any" });
        expect(parseUsernameRule("root")).toEqual({ kind: "names", names: ["root"] });
        expect(parseUsernameRule(" a, b ,a,")).toEqual({ kind: "names", names: ["a", "b"] });
        expect(parseUsernameRule("")).toEqual({ kind: "same-as-user" });
        expect(parseUsernameRule(undefined)).toEqual({ kind: "unknown" });
    });

    it("reads a list holding * as every remote user, as the UserGroup resource does", () => {
        expect(parseUsernameRule("deploy,*")).toEqual({ kind: "any" });
        expect(parseUsernameRule(" * ")).toEqual({ kind: "any" });
    });

    it("leaves a grant the stack found made outside Pulumi unknown, not a remote user named after the marker", () => {
        expect(
            declaredGrants([
                { serverGroup: "db", username: GRANT_SET_OUTSIDE },
                { serverGroup: "web", username: ["root"], expireTime: "2030-01-01 00:00:00" },
            ]),
        ).toEqual([
            { serverGroup: "db", username: undefined, expireTime: undefined },
            { serverGroup: "web", username: "root", expireTime: "2030-01-01 00:00:00" },
        ]);
    });

    it('a grant declared bare leaves an unknown one as it is; a new one takes the defaults; "never" is no expiry', () => {
        const current = [{ serverGroup: "db", username: undefined, expireTime: undefined }];
        expect(
            declaredGrants(
                [{ serverGroup: "db" }, { serverGroup: "web" }, { serverGroup: "ops", username: "*", expireTime: "never" }],
                current,
            ),
        ).toEqual([
            { serverGroup: "db", username: undefined, expireTime: undefined },
            { serverGroup: "web", username: "", expireTime: "" },
            { serverGroup: "ops", username: "*", expireTime: "" },
        ]);
    });
});

describe("effective access", () => {
    it("a direct ACL rule reaches its remote user until the rule's expiry", () => {
        const fx = snap(
            [web()],
            [user(1, "bob", { acl: [{ aclId: 7, remoteUserId: 101, serverId: 1, expireTime: "2026-07-01 12:00:00" }] })],
        );
        const rows = effectiveAccess(fx, NOW);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
            key: "bob@web-1:deploy",
            remoteUserId: 101,
            expiresAt: "2026-07-01T12:00:00.000Z",
            paths: [{ via: "acl", aclId: 7 }],
        });
    });

    it("an ACL rule with no expiry never expires; an absent expiry is unknown", () => {
        const fx = snap(
            [web()],
            [
                user(1, "bob", {
                    acl: [
                        { aclId: 1, remoteUserId: 100, serverId: 1, expireTime: "" },
                        { aclId: 2, remoteUserId: 101, serverId: 1 },
                    ],
                }),
            ],
        );
        const rows = effectiveAccess(fx, NOW);
        expect(rows.map((r) => [r.remoteUser, r.expiresAt])).toEqual([
            ["deploy", "unknown"],
            ["root", "never"],
        ]);
    });

    it("grant with * reaches every remote user of every server in the server group", () => {
        const fx = snap(
            [web(), db()],
            [user(1, "carol", { groups: ["ops"] })],
            [{ id: 5, name: "ops", expireTime: "", grants: [{ serverGroup: "web", username: "*", expireTime: "" }] }],
        );
        expect(keys(effectiveAccess(fx, NOW))).toEqual(["carol@web-1:alice", "carol@web-1:deploy", "carol@web-1:root"]);
    });

    it("grant with one name, and with a list", () => {
        const one = snap(
            [web(), db()],
            [user(1, "carol", { groups: ["ops"] })],
            [{ id: 5, name: "ops", expireTime: "", grants: [{ serverGroup: "db", username: "postgres", expireTime: "" }] }],
        );
        expect(keys(effectiveAccess(one, NOW))).toEqual(["carol@db-1:postgres"]);
        const list = snap(
            [web(), db()],
            [user(1, "carol", { groups: ["ops"] })],
            [{ id: 5, name: "ops", expireTime: "", grants: [{ serverGroup: "web", username: "root,deploy", expireTime: "" }] }],
        );
        expect(keys(effectiveAccess(list, NOW))).toEqual(["carol@web-1:deploy", "carol@web-1:root"]);
    });

    it("grant with an empty username reaches only the remote user named like the portal user, where there is one", () => {
        const fx = snap(
            [web(), db()],
            [user(1, "alice", { groups: ["all"] }), user(2, "dave", { groups: ["all"] })],
            [
                {
                    id: 5,
                    name: "all",
                    expireTime: "",
                    grants: [
                        { serverGroup: "web", username: "", expireTime: "" },
                        { serverGroup: "db", username: "", expireTime: "" },
                    ],
                },
            ],
        );
        expect(keys(effectiveAccess(fx, NOW))).toEqual(["alice@web-1:alice"]);
    });

    it("a path ends at its earliest expiry: the group's or the grant's", () => {
        const fx = snap(
            [db()],
            [user(1, "erin", { groups: ["g"] })],
            [
                {
                    id: 5,
                    name: "g",
                    expireTime: "2026-09-01 00:00:00",
                    grants: [{ serverGroup: "db", username: "postgres", expireTime: "2026-08-01 00:00:00" }],
                },
            ],
        );
        expect(effectiveAccess(fx, NOW)[0]!.expiresAt).toBe("2026-08-01T00:00:00.000Z");
        const groupFirst = snap(
            [db()],
            [user(1, "erin", { groups: ["g"] })],
            [
                {
                    id: 5,
                    name: "g",
                    expireTime: "2026-07-01 00:00:00",
                    grants: [{ serverGroup: "db", username: "postgres", expireTime: "" }],
                },
            ],
        );
        expect(effectiveAccess(groupFirst, NOW)[0]!.expiresAt).toBe("2026-07-01T00:00:00.000Z");
    });

    it("a user in two groups granting the same server with different expiries keeps both paths and lasts until the later", () => {
        const fx = snap(
            [db()],
            [user(1, "frank", { groups: ["a", "b"] })],
            [
                { id: 5, name: "a", expireTime: "", grants: [{ serverGroup: "db", username: "root", expireTime: "2026-06-10 00:00:00" }] },
                { id: 6, name: "b", expireTime: "", grants: [{ serverGroup: "db", username: "root", expireTime: "2026-12-31 00:00:00" }] },
            ],
        );
        const rows = effectiveAccess(fx, NOW);
        expect(rows).toHaveLength(1);
        expect(rows[0]!.paths.map((p) => p.expiresAt)).toEqual(["2026-06-10T00:00:00.000Z", "2026-12-31T00:00:00.000Z"]);
        expect(rows[0]!.expiresAt).toBe("2026-12-31T00:00:00.000Z");
        // Not "expiring soon": the later path keeps it.
        expect(report(fx).rows[0]!.flagCodes).toEqual(["remote-root"]);
    });

    it("a username list naming a remote user the server lacks gives a row marked missing and flagged", () => {
        const fx = snap(
            [db()],
            [user(1, "gail", { groups: ["g"] })],
            [{ id: 5, name: "g", expireTime: "", grants: [{ serverGroup: "db", username: "postgres,ghost", expireTime: "" }] }],
        );
        const r = report(fx);
        expect(r.rows.map((x) => [x.remoteUser, x.remoteUserExists, x.remoteUserId])).toEqual([
            ["ghost", false, null],
            ["postgres", true, 201],
        ]);
        expect(flagged(r, "missing-remote-user")).toEqual(["gail@db-1:ghost"]);
    });

    it("an unknown grant rule (FluxArk's list does not carry it) gives one row per server with remote user unknown, and no unused-remote-user guesses there", () => {
        const fx = snap(
            [db()],
            [user(1, "hank", { groups: ["g"] })],
            [{ id: 5, name: "g", expireTime: "", grants: [{ serverGroup: "db" }] }],
        );
        const r = report(fx);
        expect(r.rows.map((x) => [x.key, x.expiresAt])).toEqual([["hank@db-1:unknown", "unknown"]]);
        expect(flagged(r, "grant-rule-unknown")).toEqual(["grant:g:db"]);
        expect(flagged(r, "unused-remote-user")).toEqual([]);
        // db-1 has a root account the grant may reach: the summary must not read as "0 as root" and nothing more.
        expect(r.summary).toMatchObject({ rootAccessRows: 0, neverExpiringRows: 0, unknownGrantRows: 1 });
        expect(reportView(r).figures).toContainEqual({
            label: "paths with remote user unknown (see --stack)",
            value: "1",
            tone: "warning",
        });
        expect(reportView(report(knownGrant())).figures.map((f) => f.label)).not.toContain("paths with remote user unknown (see --stack)");
        // Nor does a remote user of db-1 read as reached by no one: the unknown grant may reach it.
        const usersWithAccess = (rep: AccessReport) => {
            const table = reportView(rep).tables.find((t) => t.id === "remoteUsers")!;
            return table.rows.map(
                (row) => `${table.columns[1]!.text(row)}: ${table.columns.find((c) => c.header === "users with access")!.text(row)}`,
            );
        };
        expect(usersWithAccess(r)).toEqual(["postgres: 0 or more", "root: 0 or more"]);
        expect(usersWithAccess(report(knownGrant()))).toEqual(["root: 0", "postgres: 1"]);
    });

    it("lists users, servers, remote users and rules in natural order (web-2 before web-10), whatever order the API gives", () => {
        const fx = snap(
            [server(3, "web-10", [], ["root"]), server(1, "Web-2", [], ["deploy", "admin"]), server(2, "db-1", [], [])],
            [
                user(1, "zoe", {
                    acl: [
                        { aclId: 12, remoteUserId: 100, serverId: 1 },
                        { aclId: 3, remoteUserId: 300, serverId: 3 },
                    ],
                }),
                user(2, "adam"),
            ],
            [{ id: 5, name: "ops", expireTime: "", grants: [{ serverGroup: "web" }] }],
        );
        const r = report(fx);
        expect(r.users.map((u) => u.key)).toEqual(["adam", "zoe"]);
        expect(r.servers.map((x) => x.key)).toEqual(["db-1", "Web-2", "web-10"]);
        expect(r.remoteUsers.map((x) => x.key)).toEqual(["Web-2:admin", "Web-2:deploy", "web-10:root"]);
        expect(r.rules.map((x) => x.key)).toEqual(["acl:3", "acl:12", "grant:ops:web"]);
        expect(r.rows.map((x) => x.key)).toEqual(["zoe@Web-2:deploy", "zoe@web-10:root"]);
    });

    it("expired rules give no access but are listed and flagged; inactive users give no access and are flagged when they hold rules", () => {
        const fx = snap(
            [web()],
            [
                user(1, "ivan", { acl: [{ aclId: 3, remoteUserId: 100, serverId: 1, expireTime: "2026-05-01 00:00:00" }] }),
                user(2, "judy", { active: false, acl: [{ aclId: 4, remoteUserId: 101, serverId: 1, expireTime: "" }] }),
            ],
        );
        const r = report(fx);
        expect(r.rows).toEqual([]);
        expect(r.rules.map((x) => [x.key, x.expired])).toEqual([
            ["acl:3", true],
            ["acl:4", false],
        ]);
        expect(flagged(r, "expired-rule-present")).toEqual(["acl:3"]);
        expect(flagged(r, "inactive-user-with-rules")).toEqual(["judy"]);
        expect(r.summary).toMatchObject({
            users: 2,
            activeUsers: 1,
            usersWithAccess: 0,
            accessRows: 0,
            expiredRulesPresent: 1,
            unreachableServers: 1,
        });
    });
});

describe("access flags", () => {
    const fx = () =>
        snap(
            [web(), db(), server(3, "spare", ["spare"], ["admin"])],
            [
                user(1, "kim", {
                    serverAdmin: true,
                    passwordType: "password",
                    authType: "password",
                    acl: [{ aclId: 1, remoteUserId: 100, serverId: 1, expireTime: "" }],
                }),
                user(2, "lee", { groups: ["dba"], acl: [{ aclId: 2, remoteUserId: 101, serverId: 1, expireTime: "2026-06-05 00:00:00" }] }),
            ],
            [{ id: 9, name: "dba", expireTime: "", grants: [{ serverGroup: "db", username: "*", expireTime: "2026-10-01 00:00:00" }] }],
        );

    it("flags root, never-expiring, expiring-soon, server admins, password-only, * grants, unreachable servers and unused remote users", () => {
        const r = report(fx());
        expect(flagged(r, "remote-root")).toEqual(["kim@web-1:root", "lee@db-1:root"]);
        expect(flagged(r, "never-expires")).toEqual(["kim@web-1:root"]);
        expect(flagged(r, "expires-soon")).toEqual(["lee@web-1:deploy"]);
        expect(flagged(r, "server-admin")).toEqual(["kim"]);
        expect(flagged(r, "password-only")).toEqual(["kim"]);
        expect(flagged(r, "wildcard-grant")).toEqual(["grant:dba:db"]);
        expect(flagged(r, "unreachable-server")).toEqual(["spare"]);
        expect(flagged(r, "unused-remote-user")).toEqual(["spare:admin", "web-1:alice"]);
        expect(r.flags[0]!.severity).toBe("critical");
        expect(r.summary).toMatchObject({
            accessRows: 4,
            rootAccessRows: 2,
            neverExpiringRows: 1,
            expiringSoonRows: 1,
            serverAdmins: 1,
            usersWithAccess: 2,
            servers: 3,
            remoteUsers: 6,
            unusedRemoteUsers: 2,
            aclRules: 2,
            groupGrants: 1,
        });
        const total = r.summary.flags.info + r.summary.flags.warning + r.summary.flags.critical;
        expect(total).toBe(r.flags.length);
    });

    it("the expiring window is a parameter", () => {
        expect(flagged(report(fx(), 3), "expires-soon")).toEqual([]);
        expect(flagged(report(fx(), 200), "expires-soon")).toEqual(["lee@db-1:postgres", "lee@db-1:root", "lee@web-1:deploy"]);
    });

    it("buckets access by expiry for the chart", () => {
        const r = report(fx());
        expect(r.expiry.map((b) => [b.label, b.rows])).toEqual([
            ["within 14 days", 1],
            ["14 to 90 days", 0],
            ["90 to 365 days", 2],
            ["later", 0],
            ["never", 1],
            ["unknown", 0],
        ]);
    });

    it("a server whose remote users could not be listed is flagged and its ACL access shows an unknown remote user", () => {
        const fx2 = snap(
            [server(4, "odd", [], undefined)],
            [user(1, "max", { acl: [{ aclId: 1, remoteUserId: 400, serverId: 4, expireTime: "" }] })],
        );
        const r = report(fx2);
        expect(r.rows.map((x) => x.key)).toEqual(["max@odd:unknown"]);
        expect(flagged(r, "server-unlisted")).toEqual(["odd"]);
        expect(r.servers[0]!.remoteUsers).toBe("unknown");
    });
});
