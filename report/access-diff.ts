/**
 * The access diff of a Pulumi change: the preview's steps applied to a copy of the live FluxArk
 * snapshot, effective access computed before and after, and the difference, row by row (added,
 * removed, extended, shortened), each with the steps that cause it. Pure: the time is passed in.
 *
 * FluxArk does not list a group grant's username rule or expiry, but a stack that manages the
 * group declares them: the old state of every UserGroup in the preview (changed or not) fills
 * them in before the diff, so "before" is as exact as the stack knows it.
 */
import { fluxarkTime } from "../provider/fluxark/common";
import { nameInUrn } from "../provider/tokens";
import { effectiveAccess } from "./access";
import type {
    AccessChange,
    AccessChangeRow,
    AccessDiffFlagCode,
    AccessDiffReport,
    AccessDiffTable,
    AccessRow,
    ChangeCause,
    Expiry,
    ReportFlag,
    ReportSource,
    UnmodelledStep,
} from "./model";
import { REPORT_SCHEMA_VERSION } from "./model";
import { bySeverity, flagCounts } from "./flags";
import { hiddenCharacterFlags } from "./hidden";
import type { AccessKind, Preview, PreviewStep, StepState } from "./preview";
import { Account } from "./account";
import { declaredGrants, withDeclaredGrants } from "./declared-grants";
import { field, flag, num, str, strList } from "./step-values";
import type { FluxarkSnapshot, SnapshotServer, SnapshotUser } from "./snapshot";
import { DAY_MS, showTime } from "./time";

class NotModelled extends Error {}
const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new NotModelled(`${what} is not known until the update runs`);
    return value;
};

/** The steps per resource, folded into one change: its state before (if any) and after (if any). */
interface Change {
    urn: string;
    type: string;
    kind: PreviewStep["kind"];
    ops: string[];
    old?: StepState;
    new?: StepState;
}

const NO_CHANGE_OPS = new Set(["same", "read", "refresh"]);
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced"]);

function fold(steps: readonly PreviewStep[]): Change[] {
    const byUrn = new Map<string, PreviewStep[]>();
    for (const s of steps) {
        if (NO_CHANGE_OPS.has(s.op)) continue;
        const group = byUrn.get(s.urn);
        if (group) group.push(s);
        else byUrn.set(s.urn, [s]);
    }
    return [...byUrn.values()].map((group) => {
        const first = group[0]!;
        const removed = group.every((s) => REMOVING_OPS.has(s.op));
        return {
            urn: first.urn,
            type: first.type,
            kind: first.kind,
            ops: group.map((s) => s.op),
            old: group.find((s) => s.old)?.old,
            new: removed ? undefined : [...group].reverse().find((s) => s.new)?.new,
        };
    });
}

type Apply = (fx: Account, c: Change, newId: () => number, now: number) => void;

/** How a change of each access kind is applied to the account, in place. Throws NotModelled when an input it needs is unknown. */
export const APPLY: Record<AccessKind, Apply> = {
    FluxarkAcl: (fx, c, newId, now) => {
        if (c.old) {
            const aclId = num(c.old.outputs.aclId) ?? num(c.old.id);
            const user = fx.user(num(field(c.old, "userId")));
            if (user?.acl) fx.patchUser(user, { acl: user.acl.filter((a) => a.aclId !== aclId) });
        }
        if (c.new) {
            const userId = need(num(c.new.inputs.userId), "the rule's userId");
            const remoteUserId = need(num(c.new.inputs.userServerId), "the rule's userServerId");
            const user = need(fx.user(userId), `portal user ${userId}`);
            const days = num(c.new.inputs.expireDays);
            const expireTime =
                c.new.inputs.expireTime !== undefined
                    ? str(c.new.inputs.expireTime)
                    : days !== undefined
                      ? fluxarkTime(new Date(now + days * DAY_MS))
                      : "";
            const serverId = fx.serverOfRemoteUser(remoteUserId)?.id;
            user.acl ??= [];
            user.acl.push({ aclId: newId(), remoteUserId, serverId, expireTime });
        }
    },
    UserGroup: (fx, c, newId) => {
        const existing = c.old ? fx.group(num(c.old.outputs.groupId) ?? num(c.old.id), str(field(c.old, "name"))) : undefined;
        if (!c.new) {
            if (existing) fx.removeGroup(existing);
            return;
        }
        const name = need(str(c.new.inputs.name), "the group's name");
        const grants = need(declaredGrants(c.new.inputs.grants, existing?.grants), "the group's grants");
        const group = existing ?? fx.group(undefined, name);
        if (group) fx.patchGroup(group, { name, grants });
        else fx.addGroup({ id: newId(), name, expireTime: "", grants });
    },
    FluxarkUser: (fx, c, newId) => {
        const id = c.old ? (num(c.old.outputs.userId) ?? num(c.old.id)) : undefined;
        const existing = fx.user(id, str(field(c.new ?? c.old, "username")));
        if (!c.new) {
            if (existing) fx.removeUser(existing);
            return;
        }
        const patch = {
            username: need(str(c.new.inputs.username), "the user's username"),
            groups: need(c.new.inputs.groups === undefined ? [] : strList(c.new.inputs.groups), "the user's groups"),
            active: flag(c.new.inputs.active) ?? true,
            serverAdmin: flag(c.new.inputs.serverAdmin) ?? existing?.serverAdmin,
            passwordType: str(c.new.inputs.passwordType) ?? existing?.passwordType,
        };
        if (existing) fx.patchUser(existing, patch);
        else fx.addUser({ id: newId(), ...patch, acl: [] });
    },
    FluxarkServer: (fx, c, newId) => {
        const existing = fx.server(c.old ? num(c.old.id) : undefined, str(field(c.new ?? c.old, "name")));
        if (!c.new) {
            if (existing) fx.removeServer(existing);
            return;
        }
        const patch = {
            name: need(str(c.new.inputs.name), "the server's name"),
            groups: need(c.new.inputs.groups === undefined ? [] : strList(c.new.inputs.groups), "the server's groups"),
            active: flag(c.new.inputs.active) ?? true,
        };
        if (existing) fx.patchServer(existing, patch);
        else fx.addServer({ id: newId(), ...patch, remoteUsers: [] });
    },
    FluxarkServerUser: (fx, c, newId) => {
        const oldId = c.old ? num(c.old.id) : undefined;
        if (c.old) {
            const server = fx.server(num(field(c.old, "serverId")));
            if (server?.remoteUsers)
                fx.setRemoteUsers(
                    server,
                    server.remoteUsers.filter((r) => r.id !== oldId),
                );
        }
        if (c.new) {
            const serverId = need(num(c.new.inputs.serverId), "the remote user's serverId");
            const server = need(fx.server(serverId), `server ${serverId}`);
            const username = need(str(c.new.inputs.username), "the remote user's username");
            fx.setRemoteUsers(server, [
                ...(server.remoteUsers ?? []),
                { id: oldId ?? newId(), username, active: flag(c.new.inputs.active) ?? true },
            ]);
        }
    },
};

/**
 * Who can reach what in the account before the change, indexed, to bound each step's effect: the
 * users and servers whose (user, server) access rows a step alone can change.
 */
class Reach {
    private readonly fx: Account;
    private readonly aclUsersOfServer = new Map<number, Set<string>>();
    private readonly membersOfGroup = new Map<string, Set<string>>();
    private readonly groupsGranting = new Map<string, Set<string>>();
    private readonly serversCarrying = new Map<string, Set<string>>();
    private readonly grantsOfGroup = new Map<string, string[]>();

    constructor(private readonly before: FluxarkSnapshot) {
        this.fx = new Account(before); // read only: slices are copies
        const add = (index: Map<string | number, Set<string>>, key: string | number, value: string) => {
            const set = index.get(key) ?? new Set<string>();
            set.add(value);
            index.set(key, set);
        };
        for (const s of before.servers) for (const g of s.groups ?? []) add(this.serversCarrying, g, s.name);
        for (const g of before.groups) {
            this.grantsOfGroup.set(
                g.name,
                (g.grants ?? []).map((x) => x.serverGroup),
            );
            for (const x of g.grants ?? []) add(this.groupsGranting, x.serverGroup, g.name);
        }
        for (const u of before.users) {
            for (const g of u.groups ?? []) add(this.membersOfGroup, g, u.username);
            for (const rule of u.acl ?? []) {
                const server =
                    (rule.remoteUserId === undefined ? undefined : this.fx.serverOfRemoteUser(rule.remoteUserId)) ??
                    this.fx.server(rule.serverId);
                if (server) add(this.aclUsersOfServer as Map<string | number, Set<string>>, server.id, u.username);
            }
        }
    }

    /** The servers a user with these ACL rules and groups reaches (or would), by name. */
    private serversOf(acl: SnapshotUser["acl"], groups: readonly string[], into: Set<string>): void {
        for (const rule of acl ?? []) {
            const server =
                (rule.remoteUserId === undefined ? undefined : this.fx.serverOfRemoteUser(rule.remoteUserId)) ??
                this.fx.server(rule.serverId);
            if (server) into.add(server.name);
        }
        for (const g of groups)
            for (const sg of this.grantsOfGroup.get(g) ?? []) for (const s of this.serversCarrying.get(sg) ?? []) into.add(s);
    }

    /** The users who reach a server (or would, were it in these server groups), by name. */
    private usersOf(server: SnapshotServer | undefined, serverGroups: readonly string[], into: Set<string>): void {
        for (const name of server ? (this.aclUsersOfServer.get(server.id) ?? []) : []) into.add(name);
        for (const sg of [...(server?.groups ?? []), ...serverGroups])
            for (const g of this.groupsGranting.get(sg) ?? []) for (const u of this.membersOfGroup.get(g) ?? []) into.add(u);
    }

    /** The (users, servers) whose access rows the change, applied alone to the account before, can change. */
    scope(c: Change): Scope {
        const users = new Set<string>();
        const servers = new Set<string>();
        const userById = (v: unknown) => this.fx.user(num(v))?.username;
        const serverById = (v: unknown) => this.fx.server(num(v));
        switch (c.kind) {
            case "FluxarkAcl": {
                for (const s of [c.old, c.new]) {
                    const name = userById(s && field(s, "userId"));
                    if (name) users.add(name);
                }
                const oldRule = c.old
                    ? this.fx.user(num(field(c.old, "userId")))?.acl?.find((a) => a.aclId === (num(c.old!.outputs.aclId) ?? num(c.old!.id)))
                    : undefined;
                if (oldRule) this.serversOf([oldRule], [], servers);
                const remote = c.new ? num(c.new.inputs.userServerId) : undefined;
                if (remote !== undefined) this.serversOf([{ aclId: 0, remoteUserId: remote }], [], servers);
                break;
            }
            case "FluxarkUser": {
                const existing = this.fx.user(
                    c.old ? (num(c.old.outputs.userId) ?? num(c.old.id)) : undefined,
                    str(field(c.new ?? c.old, "username")),
                );
                for (const name of [existing?.username, str(field(c.new ?? c.old, "username"))]) if (name) users.add(name);
                this.serversOf(existing?.acl, [...(existing?.groups ?? []), ...(strList(c.new?.inputs.groups) ?? [])], servers);
                break;
            }
            case "FluxarkServer": {
                const existing = this.fx.server(c.old ? num(c.old.id) : undefined, str(field(c.new ?? c.old, "name")));
                for (const name of [existing?.name, str(field(c.new ?? c.old, "name"))]) if (name) servers.add(name);
                this.usersOf(existing, strList(c.new?.inputs.groups) ?? [], users);
                break;
            }
            case "FluxarkServerUser": {
                for (const s of [c.old, c.new]) {
                    const server = serverById(s && field(s, "serverId"));
                    if (server) {
                        servers.add(server.name);
                        this.usersOf(server, [], users);
                    }
                }
                break;
            }
            case "UserGroup": {
                const existing = c.old ? this.fx.group(num(c.old.outputs.groupId) ?? num(c.old.id), str(field(c.old, "name"))) : undefined;
                const newName = str(c.new?.inputs.name);
                const serverGroups = [
                    ...(existing?.grants ?? []).map((x) => x.serverGroup),
                    ...(declaredGrants(c.new?.inputs.grants) ?? []).map((x) => x.serverGroup),
                ];
                for (const g of [existing?.name, newName]) for (const u of (g && this.membersOfGroup.get(g)) || []) users.add(u);
                for (const sg of serverGroups) for (const s of this.serversCarrying.get(sg) ?? []) servers.add(s);
                break;
            }
        }
        return { users, servers };
    }

    /**
     * The account before the change, cut down to the scope's users and servers (copies) and the
     * groups they carry: its access rows are exactly the whole account's rows within the scope,
     * since a (user, server) row depends only on the user, the server and the user's groups.
     */
    slice(scope: Scope, c: Change): FluxarkSnapshot {
        const users = [...scope.users].flatMap((n) => this.fx.user(undefined, n) ?? []);
        const servers = [...scope.servers].flatMap((n) => this.fx.server(undefined, n) ?? []);
        const groupNames = new Set(users.flatMap((u) => u.groups ?? []));
        for (const s of [c.old, c.new]) {
            const name = c.kind === "UserGroup" ? str(s && field(s, "name")) : undefined;
            if (name) groupNames.add(name);
        }
        if (c.kind === "FluxarkUser") for (const g of strList(c.new?.inputs.groups) ?? []) groupNames.add(g);
        const existing = c.kind === "UserGroup" && c.old ? this.fx.group(num(c.old.outputs.groupId) ?? num(c.old.id)) : undefined;
        const groups = [...groupNames].flatMap((n) => this.fx.group(undefined, n) ?? []);
        if (existing && !groups.includes(existing)) groups.push(existing);
        return structuredClone({ url: this.before.url, users, servers, groups });
    }
}

/** The list under a key, made empty when missing. */
function listIn<V>(index: Map<string, V[]>, key: string): V[] {
    let list = index.get(key);
    if (!list) {
        list = [];
        index.set(key, list);
    }
    return list;
}

interface Scope {
    /** Usernames. */
    users: Set<string>;
    /** Server names. */
    servers: Set<string>;
}

/**
 * The break-glass mark (program-side inputs: provider/fluxark/access-metadata.ts) of the change
 * that gives `row` its access: a FluxarkAcl's own, or that of the UserGroup grant of a server
 * group the row is reached through.
 */
function breakGlassOf(c: Change, row: AccessRow | undefined): Record<string, unknown> | undefined {
    const inputs = c.new?.inputs;
    if (c.kind === "FluxarkAcl") return inputs?.breakGlass === true ? inputs : undefined;
    if (c.kind !== "UserGroup" || !Array.isArray(inputs?.grants)) return undefined;
    const via = new Set((row?.paths ?? []).flatMap((p) => (p.via === "group" ? [p.serverGroup] : [])));
    return (inputs.grants as Record<string, unknown>[]).find((g) => g?.breakGlass === true && via.has(String(g.serverGroup)));
}

/** Later is larger; undefined when the order cannot be told (an unknown expiry). */
function compareExpiry(a: Expiry, b: Expiry): number | undefined {
    if (a === b) return 0;
    if (a === "unknown" || b === "unknown") return undefined;
    if (a === "never") return 1;
    if (b === "never") return -1;
    return Math.sign(Date.parse(a) - Date.parse(b));
}

interface RowChange {
    change: AccessChange;
    key: string;
    before?: AccessRow;
    after?: AccessRow;
}

function diffRows(before: AccessRow[], after: AccessRow[]): RowChange[] {
    const b = new Map(before.map((r) => [r.key, r]));
    const a = new Map(after.map((r) => [r.key, r]));
    const changes: RowChange[] = [];
    for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
        const was = b.get(key);
        const will = a.get(key);
        if (!was) changes.push({ change: "added", key, after: will });
        else if (!will) changes.push({ change: "removed", key, before: was });
        else {
            const order = compareExpiry(will.expiresAt, was.expiresAt);
            if (order !== undefined && order !== 0)
                changes.push({ change: order > 0 ? "extended" : "shortened", key, before: was, after: will });
        }
    }
    const order: Record<AccessChange, number> = { added: 0, removed: 1, extended: 2, shortened: 3 };
    return changes.sort((x, y) => order[x.change] - order[y.change] || x.key.localeCompare(y.key));
}

export interface AccessDiffOptions {
    now: number;
    source: ReportSource;
    /** The preview file's name, as given on the command line. */
    previewFile?: string;
}

export function accessDiffReport(live: FluxarkSnapshot, preview: Preview, opts: AccessDiffOptions): AccessDiffReport {
    const { now } = opts;
    const before = withDeclaredGrants(live, preview.steps);
    const changes = fold(preview.steps);
    let next = -1;
    const newId = () => next--;

    const after = new Account(structuredClone(before));
    const unmodelled: UnmodelledStep[] = [];
    const applied: Change[] = [];
    for (const c of changes) {
        try {
            APPLY[c.kind](after, c, newId, now);
            applied.push(c);
        } catch (e) {
            if (!(e instanceof NotModelled)) throw e;
            unmodelled.push({ key: c.urn, urn: c.urn, type: c.type, op: c.ops.join(","), reason: e.message });
        }
    }

    const beforeRows = effectiveAccess(before, now);
    const rowChanges = diffRows(beforeRows, effectiveAccess(after.snapshot(), now));
    // A change's causes: the steps that, applied alone, change the same row the same way. Each step
    // alone is worked out on the users and servers it can touch (Reach), so the cost follows its reach, not the account.
    const reach = new Reach(before);
    const causesOf = new Map<string, ChangeCause[]>();
    const scopesByUser = new Map<string, { cause: ChangeCause; scope: Scope }[]>();
    const scopesByServer = new Map<string, { cause: ChangeCause; scope: Scope }[]>();
    for (const c of applied) {
        const cause: ChangeCause = { urn: c.urn, type: c.type, op: c.ops.join(",") };
        const scope = reach.scope(c);
        for (const u of scope.users) listIn(scopesByUser, u).push({ cause, scope });
        for (const s of scope.servers) listIn(scopesByServer, s).push({ cause, scope });
        const slice = reach.slice(scope, c);
        const sliceRows = effectiveAccess(slice, now);
        const alone = new Account(slice);
        try {
            APPLY[c.kind](alone, c, newId, now);
        } catch (e) {
            // It needs an earlier step of the same preview: it causes nothing alone.
            if (e instanceof NotModelled) continue;
            throw e;
        }
        for (const r of diffRows(sliceRows, effectiveAccess(alone.snapshot(), now))) {
            const key = `${r.change}:${r.key}`;
            listIn(causesOf, key).push(cause);
        }
    }
    // Changes that only several steps together make (a new remote user and its rule) name the steps that touch the row's user or server.
    const touching = (user: string, server: string) => [
        ...new Set([...(scopesByUser.get(user) ?? []), ...(scopesByServer.get(server) ?? [])].map((x) => x.cause)),
    ];

    const rows: AccessChangeRow[] = rowChanges.map((rc) => {
        const row = (rc.after ?? rc.before)!;
        const key = `${rc.change}:${rc.key}`;
        return {
            key,
            change: rc.change,
            user: row.user,
            server: row.server,
            remoteUser: row.remoteUser,
            before: rc.before?.expiresAt ?? null,
            after: rc.after?.expiresAt ?? null,
            causes: causesOf.get(key) ?? touching(row.user, row.server),
        };
    });
    const afterRowOf = new Map(rowChanges.map((x) => [`${x.change}:${x.key}`, x.after]));
    const changeByUrn = new Map(applied.map((c) => [c.urn, c]));
    const wildcardBefore = new Set(
        before.groups.flatMap((g) => (g.grants ?? []).filter((x) => x.username === "*").map((x) => `${g.name}\u0000${x.serverGroup}`)),
    );

    const flags: ReportFlag<AccessDiffFlagCode, AccessDiffTable>[] = [];
    const wildcardSeen = new Set<string>();
    for (const r of rows) {
        // Access that had an end and now has none is never-expiring access added, as much as new access is.
        if (r.change === "extended" && r.after === "never")
            flags.push({
                code: "never-expiring-access-added",
                severity: "warning",
                message: `${r.user}'s access to ${r.server} as ${r.remoteUser} (until ${showTime(r.before ?? "unknown")}) would never expire`,
                row: { table: "changes", key: r.key },
            });
        const afterRow = afterRowOf.get(r.key);
        if (r.change === "added" || r.change === "extended") {
            const glass = r.causes
                .flatMap((k) => changeByUrn.get(k.urn) ?? [])
                .map((c) => breakGlassOf(c, afterRow))
                .find((g) => g !== undefined);
            if (glass)
                flags.push({
                    code: "break-glass-access",
                    severity: "warning",
                    message: `${r.user}'s access to ${r.server} as ${r.remoteUser} (until ${showTime(r.after ?? "unknown")}) is break-glass access, approved by ${str(glass.approvedBy) ?? "nobody"}: review it after the fact`,
                    row: { table: "changes", key: r.key },
                });
        }
        if (r.change !== "added") continue;
        const until = r.after === "never" ? "never expires" : `until ${showTime(r.after ?? "unknown")}`;
        if (r.remoteUser === "root")
            flags.push({
                code: "root-access-added",
                severity: "critical",
                message: `${r.user} gains root on ${r.server} (${until})`,
                row: { table: "changes", key: r.key },
            });
        if (r.after === "never")
            flags.push({
                code: "never-expiring-access-added",
                severity: "warning",
                message: `${r.user} gains access to ${r.server} as ${r.remoteUser} that never expires`,
                row: { table: "changes", key: r.key },
            });
        for (const p of afterRow?.paths ?? []) {
            if (p.via !== "group" || p.usernameRule.kind !== "any") continue;
            const id = `${p.group}:${p.serverGroup}`;
            const wasWildcard = wildcardBefore.has(`${p.group}\u0000${p.serverGroup}`);
            if (wasWildcard || wildcardSeen.has(id)) continue;
            wildcardSeen.add(id);
            flags.push({
                code: "wildcard-grant-added",
                severity: "warning",
                message: `group ${p.group} is granted every remote user (*) of server group ${p.serverGroup}`,
                row: { table: "changes", key: r.key },
            });
        }
    }
    for (const u of unmodelled)
        flags.push({
            code: "unmodelled-change",
            severity: "warning",
            message: `${u.type} ${nameInUrn(u.urn)} (${u.op}): ${u.reason}; its effect on access is not shown`,
            row: { table: "unmodelled", key: u.key },
        });
    flags.push(...hiddenCharacterFlags<AccessDiffTable>({ changes: rows, unmodelled }));
    bySeverity(flags);

    const count = (c: AccessChange) => rows.filter((r) => r.change === c).length;
    const users = [...new Set(rows.map((r) => r.user))].sort();
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        kind: "access-diff",
        generatedAt: new Date(now).toISOString(),
        source: opts.source,
        preview: { file: opts.previewFile, stack: preview.stack, steps: preview.totalSteps },
        summary: {
            added: count("added"),
            removed: count("removed"),
            extended: count("extended"),
            shortened: count("shortened"),
            usersAffected: users.length,
            users,
            accessSteps: changes.length,
            unmodelledSteps: unmodelled.length,
            flags: flagCounts(flags),
        },
        rows,
        unmodelled,
        flags,
    };
}
