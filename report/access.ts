/**
 * Effective access: for every active portal user, every (server, remote user) they can reach now
 * and why, from a FluxArk snapshot. Pure: the time is passed in.
 *
 * Paths: a direct ACL rule (its own expiry), or a user group's grant of a server group (every
 * server carrying that group name), whose username rule picks the remote users: `*` every remote
 * user, `a,b` those names, empty the remote user named like the portal user. A path ends at the
 * earliest of its expiries (group, grant); a (user, server, remote user) lasts while any path does.
 * Inactive users, servers and remote users give no access; expired rules give none either but are
 * listed (and flagged) while they are still present.
 */
import type {
    AccessFlagCode,
    AccessPath,
    AccessRemoteUserRow,
    AccessReport,
    AccessRow,
    AccessRuleRow,
    AccessServerRow,
    AccessTable,
    AccessUserRow,
    ExpiryBucket,
    ReportFlag,
    ReportSource,
    Tri,
    UsernameRule,
} from "./model";
import { REPORT_SCHEMA_VERSION } from "./model";
import { bySeverity, flagCounts } from "./flags";
import { hiddenCharacterFlags } from "./hidden";
import { byNames } from "./order";
import { known } from "./unknown";
import type { FluxarkSnapshot, RemoteUser, SnapshotServer, SnapshotUser } from "./snapshot";
import { DAY_MS, earliest, fluxarkExpiry, hasPassed, isTime, latest, showTime } from "./time";

export const UNKNOWN_REMOTE_USER = "unknown";

/** A grant's `username` as FluxArk reads it: `*`, a comma-separated list, or empty; absent is unknown. */
export function parseUsernameRule(username: string | undefined): UsernameRule {
    if (username === undefined) return { kind: "unknown" };
    const trimmed = username.trim();
    if (trimmed === "") return { kind: "same-as-user" };
    const names = [
        ...new Set(
            trimmed
                .split(",")
                .map((n) => n.trim())
                .filter((n) => n !== ""),
        ),
    ];
    // As the UserGroup resource reads a list: one "*" in it grants every remote user.
    return names.includes("*") ? { kind: "any" } : { kind: "names", names };
}

export function describeRule(rule: UsernameRule): string {
    switch (rule.kind) {
        case "any":
            return "* (every remote user)";
        case "names":
            return rule.names.join(", ");
        case "same-as-user":
            return "(empty: the remote user named like the portal user)";
        case "unknown":
            return "unknown";
    }
}

interface Target {
    name: string;
    id: number | null;
    exists: Tri;
}

const accessKey = (user: string, server: string, remote: string) => `${user}@${server}:${remote}`;

/** The remote users a grant's rule picks on one server. */
function targets(rule: UsernameRule, server: SnapshotServer, user: SnapshotUser): Target[] {
    const remotes = server.remoteUsers?.filter((r) => r.active !== false);
    const unknownTarget = (name = UNKNOWN_REMOTE_USER): Target => ({ name, id: null, exists: "unknown" });
    const byName = (name: string): Target => {
        if (!remotes) return unknownTarget(name);
        const r = remotes.find((x) => x.username === name);
        return r ? { name, id: r.id, exists: true } : { name, id: null, exists: false };
    };
    switch (rule.kind) {
        case "unknown":
            return [unknownTarget()];
        case "any":
            return remotes ? remotes.map((r) => ({ name: r.username, id: r.id, exists: true })) : [unknownTarget()];
        case "names":
            return rule.names.map(byName);
        case "same-as-user": {
            // Only the same-named remote user: where the server has none, the grant gives nothing there.
            const t = byName(user.username);
            return t.exists === false ? [] : [t];
        }
    }
}

/** Every (user, server, remote user) reachable now, each with all its paths; flagCodes left empty. */
export function effectiveAccess(fx: FluxarkSnapshot, now: number): AccessRow[] {
    const serverById = new Map(fx.servers.map((s) => [s.id, s]));
    const remoteById = new Map<number, { server: SnapshotServer; remote: RemoteUser }>();
    for (const s of fx.servers) for (const r of s.remoteUsers ?? []) remoteById.set(r.id, { server: s, remote: r });
    const groupByName = new Map(fx.groups.map((g) => [g.name, g]));
    // The servers carrying each server group, in the snapshot's order: a grant reaches them without a pass over every server.
    const serversIn = new Map<string, SnapshotServer[]>();
    for (const s of fx.servers) {
        for (const g of new Set(s.groups ?? [])) {
            const list = serversIn.get(g);
            if (list) list.push(s);
            else serversIn.set(g, [s]);
        }
    }
    const rows = new Map<string, AccessRow>();

    const add = (user: SnapshotUser, server: SnapshotServer, t: Target, path: AccessPath) => {
        const key = accessKey(user.username, server.name, t.name);
        const row = rows.get(key);
        if (row) {
            row.paths.push(path);
            row.expiresAt = latest(row.expiresAt, path.expiresAt);
            return;
        }
        rows.set(key, {
            key,
            user: user.username,
            userId: user.id,
            userActive: known(user.active),
            server: server.name,
            serverId: server.id,
            remoteUser: t.name,
            remoteUserId: t.id,
            remoteUserExists: t.exists,
            expiresAt: path.expiresAt,
            paths: [path],
            flagCodes: [],
        });
    };

    for (const user of fx.users) {
        if (user.active === false) continue;
        for (const rule of user.acl ?? []) {
            const expiresAt = fluxarkExpiry(rule.expireTime);
            if (hasPassed(expiresAt, now)) continue;
            const hit = rule.remoteUserId === undefined ? undefined : remoteById.get(rule.remoteUserId);
            const server = hit?.server ?? (rule.serverId === undefined ? undefined : serverById.get(rule.serverId));
            if (!server || server.active === false || hit?.remote.active === false) continue;
            const t: Target = hit
                ? { name: hit.remote.username, id: hit.remote.id, exists: true }
                : { name: UNKNOWN_REMOTE_USER, id: rule.remoteUserId ?? null, exists: "unknown" };
            add(user, server, t, { via: "acl", aclId: rule.aclId, expiresAt });
        }
        for (const groupName of user.groups ?? []) {
            const group = groupByName.get(groupName);
            for (const grant of group?.grants ?? []) {
                const expiresAt = earliest(fluxarkExpiry(group!.expireTime), fluxarkExpiry(grant.expireTime));
                if (hasPassed(expiresAt, now)) continue;
                const usernameRule = parseUsernameRule(grant.username);
                const path: AccessPath = {
                    via: "group",
                    group: group!.name,
                    groupId: group!.id,
                    serverGroup: grant.serverGroup,
                    usernameRule,
                    expiresAt,
                };
                for (const server of serversIn.get(grant.serverGroup) ?? []) {
                    if (server.active === false) continue;
                    for (const t of targets(usernameRule, server, user)) add(user, server, t, path);
                }
            }
        }
    }
    return [...rows.values()].sort(
        byNames(
            (r) => r.user,
            (r) => r.server,
            (r) => r.remoteUser,
        ),
    );
}

export interface AccessReportOptions {
    now: number;
    /** Access ending within this many days is flagged "expires soon". */
    expiringDays: number;
    source: ReportSource;
}

function expiryBuckets(rows: AccessRow[], now: number, expiringDays: number): ExpiryBucket[] {
    const windows = [...new Set([expiringDays, 90, 365])].filter((d) => d >= expiringDays).sort((a, b) => a - b);
    // Each row counts in one bucket only, so after the first the labels say the range ("14 to 90 days"), not "within 90 days".
    const buckets: ExpiryBucket[] = windows.map((d, i) => ({
        label: i === 0 ? `within ${d} days` : `${windows[i - 1]} to ${d} days`,
        until: new Date(now + d * DAY_MS).toISOString(),
        rows: 0,
    }));
    const later: ExpiryBucket = { label: "later", until: null, rows: 0 };
    const never: ExpiryBucket = { label: "never", until: null, rows: 0 };
    const unknown: ExpiryBucket = { label: "unknown", until: null, rows: 0 };
    for (const r of rows) {
        if (r.expiresAt === "never") never.rows++;
        else if (r.expiresAt === "unknown") unknown.rows++;
        else (buckets.find((b) => Date.parse(r.expiresAt) <= Date.parse(b.until!)) ?? later).rows++;
    }
    return [...buckets, later, never, unknown];
}

export function accessReport(fx: FluxarkSnapshot, opts: AccessReportOptions): AccessReport {
    const { now, expiringDays } = opts;
    const rows = effectiveAccess(fx, now);
    const flags: ReportFlag<AccessFlagCode, AccessTable>[] = [];
    const flag = (code: AccessFlagCode, severity: ReportFlag["severity"], message: string, table: AccessTable, key: string) =>
        flags.push({ code, severity, message, row: { table, key } });
    const soon = now + expiringDays * DAY_MS;

    for (const r of rows) {
        const as = `${r.user} can log in to ${r.server} as ${r.remoteUser}`;
        const until =
            r.expiresAt === "never" ? "never expires" : r.expiresAt === "unknown" ? "expiry unknown" : `until ${showTime(r.expiresAt)}`;
        const mark = (code: AccessFlagCode, severity: ReportFlag["severity"], message: string) => {
            r.flagCodes.push(code);
            flag(code, severity, message, "access", r.key);
        };
        if (r.remoteUser === "root") mark("remote-root", "critical", `${as} (${until})`);
        if (r.expiresAt === "never") mark("never-expires", "warning", `${r.user}'s access to ${r.server} as ${r.remoteUser} never expires`);
        if (isTime(r.expiresAt) && Date.parse(r.expiresAt) <= soon)
            mark(
                "expires-soon",
                "info",
                `${r.user}'s access to ${r.server} as ${r.remoteUser} expires within ${expiringDays} days (${showTime(r.expiresAt)})`,
            );
        if (r.remoteUserExists === false)
            mark(
                "missing-remote-user",
                "warning",
                `a grant gives ${r.user} the remote user ${r.remoteUser} on ${r.server}, which the server does not have (the FluxArk document says the server's default remote user is used then)`,
            );
    }

    const serverById = new Map(fx.servers.map((s) => [s.id, s]));
    const remoteById = new Map<number, { server: SnapshotServer; remote: RemoteUser }>();
    for (const s of fx.servers) for (const ru of s.remoteUsers ?? []) remoteById.set(ru.id, { server: s, remote: ru });

    // Rules: every ACL rule and grant, expired ones included.
    const rules: AccessRuleRow[] = [];
    for (const u of fx.users) {
        for (const a of u.acl ?? []) {
            const hit = a.remoteUserId === undefined ? undefined : remoteById.get(a.remoteUserId);
            const server = hit?.server ?? (a.serverId === undefined ? undefined : serverById.get(a.serverId));
            const expiresAt = fluxarkExpiry(a.expireTime);
            const rule: AccessRuleRow = {
                key: `acl:${a.aclId}`,
                kind: "acl",
                user: u.username,
                userId: u.id,
                aclId: a.aclId,
                server: server?.name ?? "unknown",
                remoteUser: hit?.remote.username ?? "unknown",
                expiresAt,
                expired: hasPassed(expiresAt, now),
            };
            rules.push(rule);
            if (rule.expired)
                flag(
                    "expired-rule-present",
                    "warning",
                    `${u.username}'s ACL rule ${a.aclId} (${rule.server} as ${rule.remoteUser}) expired on ${showTime(expiresAt)} and is still present`,
                    "rules",
                    rule.key,
                );
        }
    }
    for (const g of fx.groups) {
        const members = fx.users.filter((u) => (u.groups ?? []).includes(g.name)).map((u) => u.username);
        for (const grant of g.grants ?? []) {
            const expiresAt = earliest(fluxarkExpiry(g.expireTime), fluxarkExpiry(grant.expireTime));
            const usernameRule = parseUsernameRule(grant.username);
            const rule: AccessRuleRow = {
                key: `grant:${g.name}:${grant.serverGroup}`,
                kind: "grant",
                group: g.name,
                groupId: g.id,
                serverGroup: grant.serverGroup,
                usernameRule,
                members,
                expiresAt,
                expired: hasPassed(expiresAt, now),
            };
            rules.push(rule);
            if (rule.expired)
                flag(
                    "expired-rule-present",
                    "warning",
                    `group ${g.name}'s grant of server group ${grant.serverGroup} expired on ${showTime(expiresAt)} and is still present`,
                    "rules",
                    rule.key,
                );
            else if (usernameRule.kind === "any")
                flag(
                    "wildcard-grant",
                    "warning",
                    `group ${g.name} (${members.length} members) is granted every remote user (*) of server group ${grant.serverGroup}`,
                    "rules",
                    rule.key,
                );
            if (usernameRule.kind === "unknown")
                flag(
                    "grant-rule-unknown",
                    "info",
                    `FluxArk does not list the username rule or expiry of group ${g.name}'s grant of server group ${grant.serverGroup}: its remote users show as "unknown"`,
                    "rules",
                    rule.key,
                );
        }
    }
    // ACL rules by user and number, then grants by group and server group.
    rules.sort(
        byNames(
            (r) => r.kind,
            (r) => (r.kind === "acl" ? r.user : r.group),
            (r) => (r.kind === "acl" ? String(r.aclId) : r.serverGroup),
        ),
    );

    const grantedGroups = new Set(fx.groups.filter((g) => (g.grants ?? []).length > 0).map((g) => g.name));
    const users: AccessUserRow[] = fx.users.map((u) => {
        const reachable = rows.filter((r) => r.userId === u.id).length;
        const row: AccessUserRow = {
            key: u.username,
            user: u.username,
            userId: u.id,
            fullName: known(u.fullName),
            active: known(u.active),
            serverAdmin: known(u.serverAdmin),
            authType: known(u.authType),
            passwordType: known(u.passwordType),
            groups: known(u.groups),
            aclRules: u.acl?.length ?? 0,
            reachable,
        };
        if (u.serverAdmin === true)
            flag("server-admin", "warning", `${u.username} is a server admin, who logs in to the jump server itself`, "users", u.username);
        if (u.passwordType === "password")
            flag(
                "password-only",
                "warning",
                `${u.username} logs in with a password and no token (password_type "password", auth_type ${u.authType ?? "unknown"})`,
                "users",
                u.username,
            );
        const grantedVia = (u.groups ?? []).filter((g) => grantedGroups.has(g));
        if (u.active === false && ((u.acl?.length ?? 0) > 0 || grantedVia.length > 0)) {
            const held = [
                (u.acl?.length ?? 0) > 0 ? `${u.acl!.length} ACL rule${u.acl!.length === 1 ? "" : "s"}` : "",
                grantedVia.length > 0 ? `membership of ${grantedVia.join(", ")}` : "",
            ]
                .filter(Boolean)
                .join(" and ");
            flag("inactive-user-with-rules", "warning", `${u.username} is inactive but still holds ${held}`, "users", u.username);
        }
        return row;
    });

    const usersOn = (match: (r: AccessRow) => boolean) => new Set(rows.filter(match).map((r) => r.userId)).size;
    const servers: AccessServerRow[] = fx.servers.map((s) => {
        const usersWithAccess = usersOn((r) => r.serverId === s.id);
        if (usersWithAccess === 0) flag("unreachable-server", "info", `no one can reach ${s.name}`, "servers", s.name);
        if (s.remoteUsers === undefined)
            flag("server-unlisted", "info", `the remote users of ${s.name} could not be listed`, "servers", s.name);
        return {
            key: s.name,
            server: s.name,
            serverId: s.id,
            ipAddr: known(s.ipAddr),
            active: known(s.active),
            groups: known(s.groups),
            remoteUsers: s.remoteUsers?.length ?? "unknown",
            usersWithAccess,
        };
    });

    const remoteUsers: AccessRemoteUserRow[] = [];
    for (const s of fx.servers) {
        // Where some access names an unknown remote user, no remote user of that server can be called unused.
        const uncertain = rows.some((r) => r.serverId === s.id && r.remoteUserId === null && r.remoteUserExists !== false);
        for (const ru of s.remoteUsers ?? []) {
            const key = `${s.name}:${ru.username}`;
            const usersWithAccess = usersOn((r) => r.remoteUserId === ru.id);
            if (usersWithAccess === 0 && !uncertain)
                flag("unused-remote-user", "info", `no rule uses the remote user ${ru.username} on ${s.name}`, "remoteUsers", key);
            remoteUsers.push({
                key,
                server: s.name,
                serverId: s.id,
                remoteUser: ru.username,
                remoteUserId: ru.id,
                active: known(ru.active),
                authMethod: known(ru.authMethod),
                usersWithAccess,
            });
        }
    }

    users.sort(byNames((u) => u.user));
    servers.sort(byNames((s) => s.server));
    remoteUsers.sort(
        byNames(
            (r) => r.server,
            (r) => r.remoteUser,
        ),
    );
    flags.push(...hiddenCharacterFlags<AccessTable>({ access: rows, users, servers, remoteUsers, rules }));
    bySeverity(flags);
    const codeCount = (code: AccessFlagCode) => flags.filter((f) => f.code === code).length;
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        kind: "access",
        generatedAt: new Date(now).toISOString(),
        source: opts.source,
        parameters: { expiringDays },
        summary: {
            users: fx.users.length,
            activeUsers: fx.users.filter((u) => u.active !== false).length,
            usersWithAccess: new Set(rows.map((r) => r.userId)).size,
            servers: fx.servers.length,
            unreachableServers: codeCount("unreachable-server"),
            remoteUsers: remoteUsers.length,
            unusedRemoteUsers: codeCount("unused-remote-user"),
            accessRows: rows.length,
            rootAccessRows: codeCount("remote-root"),
            neverExpiringRows: codeCount("never-expires"),
            unknownGrantRows: rows.filter((r) => r.paths.some((p) => p.via === "group" && p.usernameRule.kind === "unknown")).length,
            expiringSoonRows: codeCount("expires-soon"),
            expiredRulesPresent: codeCount("expired-rule-present"),
            aclRules: rules.filter((r) => r.kind === "acl").length,
            groupGrants: rules.filter((r) => r.kind === "grant").length,
            serverAdmins: codeCount("server-admin"),
            flags: flagCounts(flags),
        },
        expiry: expiryBuckets(rows, now, expiringDays),
        rows,
        users,
        servers,
        remoteUsers,
        rules,
        flags,
    };
}
