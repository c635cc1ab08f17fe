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
import { effectiveAccess } from "./access";
import type { AccessChange, AccessChangeRow, AccessDiffFlagCode, AccessDiffReport, AccessDiffTable, AccessRow, ChangeCause, Expiry, ReportFlag, ReportSource, UnmodelledStep } from "./model";
import { REPORT_SCHEMA_VERSION } from "./model";
import { bySeverity, flagCounts } from "./flags";
import type { Preview, PreviewStep, StepState } from "./preview";
import { declaredGrants, findGroup, withDeclaredGrants } from "./declared-grants";
import { field, flag, num, str, strList } from "./step-values";
import type { FluxarkSnapshot } from "./snapshot";
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
    for (const s of steps) if (!NO_CHANGE_OPS.has(s.op)) byUrn.set(s.urn, [...(byUrn.get(s.urn) ?? []), s]);
    return [...byUrn.values()].map((group) => {
        const first = group[0]!;
        const removed = group.every((s) => REMOVING_OPS.has(s.op));
        return { urn: first.urn, type: first.type, kind: first.kind, ops: group.map((s) => s.op), old: group.find((s) => s.old)?.old, new: removed ? undefined : [...group].reverse().find((s) => s.new)?.new };
    });
}

/** Applies one resource's change to the snapshot, in place. Throws NotModelled when an input it needs is unknown. */
function apply(fx: FluxarkSnapshot, c: Change, now: number, newId: () => number): void {
    switch (c.kind) {
        case "FluxarkAcl": {
            if (c.old) {
                const userId = num(field(c.old, "userId"));
                const aclId = num(c.old.outputs.aclId) ?? num(c.old.id);
                const user = fx.users.find((u) => u.id === userId);
                if (user?.acl) user.acl = user.acl.filter((a) => a.aclId !== aclId);
            }
            if (c.new) {
                const userId = need(num(c.new.inputs.userId), "the rule's userId");
                const remoteUserId = need(num(c.new.inputs.userServerId), "the rule's userServerId");
                const user = need(fx.users.find((u) => u.id === userId), `portal user ${userId}`);
                const days = num(c.new.inputs.expireDays);
                const expireTime = c.new.inputs.expireTime !== undefined ? str(c.new.inputs.expireTime) : days !== undefined ? fluxarkTime(new Date(now + days * DAY_MS)) : "";
                const serverId = fx.servers.find((s) => s.remoteUsers?.some((r) => r.id === remoteUserId))?.id;
                user.acl = [...(user.acl ?? []), { aclId: newId(), remoteUserId, serverId, expireTime }];
            }
            return;
        }
        case "UserGroup": {
            const existing = c.old ? findGroup(fx, c.old) : undefined;
            if (!c.new) {
                if (!existing) return;
                fx.groups = fx.groups.filter((g) => g !== existing);
                for (const u of fx.users) u.groups = u.groups?.filter((n) => n !== existing.name);
                return;
            }
            const name = need(str(c.new.inputs.name), "the group's name");
            const grants = need(declaredGrants(c.new.inputs.grants), "the group's grants");
            const group = existing ?? fx.groups.find((g) => g.name === name);
            if (group) {
                if (group.name !== name) for (const u of fx.users) u.groups = u.groups?.map((n) => (n === group.name ? name : n));
                Object.assign(group, { name, grants });
            } else fx.groups.push({ id: newId(), name, expireTime: "", grants });
            return;
        }
        case "FluxarkUser": {
            const id = c.old ? (num(c.old.outputs.userId) ?? num(c.old.id)) : undefined;
            const username = str(field(c.new ?? c.old, "username"));
            const existing = fx.users.find((u) => u.id === id) ?? fx.users.find((u) => u.username === username);
            if (!c.new) {
                fx.users = fx.users.filter((u) => u !== existing);
                return;
            }
            const patch = {
                username: need(str(c.new.inputs.username), "the user's username"),
                groups: need(c.new.inputs.groups === undefined ? [] : strList(c.new.inputs.groups), "the user's groups"),
                active: flag(c.new.inputs.active) ?? true,
                serverAdmin: flag(c.new.inputs.serverAdmin) ?? existing?.serverAdmin,
                passwordType: str(c.new.inputs.passwordType) ?? existing?.passwordType,
            };
            if (existing) Object.assign(existing, patch);
            else fx.users.push({ id: newId(), ...patch, acl: [] });
            return;
        }
        case "FluxarkServer": {
            const id = c.old ? num(c.old.id) : undefined;
            const name = str(field(c.new ?? c.old, "name"));
            const existing = fx.servers.find((s) => s.id === id) ?? fx.servers.find((s) => s.name === name);
            if (!c.new) {
                fx.servers = fx.servers.filter((s) => s !== existing);
                return;
            }
            const patch = {
                name: need(str(c.new.inputs.name), "the server's name"),
                groups: need(c.new.inputs.groups === undefined ? [] : strList(c.new.inputs.groups), "the server's groups"),
                active: flag(c.new.inputs.active) ?? true,
            };
            if (existing) Object.assign(existing, patch);
            else fx.servers.push({ id: newId(), ...patch, remoteUsers: [] });
            return;
        }
        case "FluxarkServerUser": {
            const oldId = c.old ? num(c.old.id) : undefined;
            if (c.old) {
                const server = fx.servers.find((s) => s.id === num(field(c.old, "serverId")));
                if (server?.remoteUsers) server.remoteUsers = server.remoteUsers.filter((r) => r.id !== oldId);
            }
            if (c.new) {
                const serverId = need(num(c.new.inputs.serverId), "the remote user's serverId");
                const server = need(fx.servers.find((s) => s.id === serverId), `server ${serverId}`);
                const username = need(str(c.new.inputs.username), "the remote user's username");
                server.remoteUsers = [...(server.remoteUsers ?? []), { id: oldId ?? newId(), username, active: flag(c.new.inputs.active) ?? true }];
            }
            return;
        }
    }
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
            if (order !== undefined && order !== 0) changes.push({ change: order > 0 ? "extended" : "shortened", key, before: was, after: will });
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

    const after = structuredClone(before);
    const unmodelled: UnmodelledStep[] = [];
    const applied: Change[] = [];
    for (const c of changes) {
        try {
            apply(after, c, now, newId);
            applied.push(c);
        } catch (e) {
            if (!(e instanceof NotModelled)) throw e;
            unmodelled.push({ key: c.urn, urn: c.urn, type: c.type, op: c.ops.join(","), reason: e.message });
        }
    }

    const beforeRows = effectiveAccess(before, now);
    const rowChanges = diffRows(beforeRows, effectiveAccess(after, now));
    // A change's causes: the steps that, applied alone, change the same row the same way.
    const soloChanges = applied.map((c) => {
        const cause: ChangeCause = { urn: c.urn, type: c.type, op: c.ops.join(",") };
        const alone = structuredClone(before);
        try {
            apply(alone, c, now, newId);
        } catch (e) {
            // It needs an earlier step of the same preview: it causes nothing alone.
            if (e instanceof NotModelled) return { cause, keys: new Set<string>() };
            throw e;
        }
        return { cause, keys: new Set(diffRows(beforeRows, effectiveAccess(alone, now)).map((r) => `${r.change}:${r.key}`)) };
    });

    const rows: AccessChangeRow[] = rowChanges.map((rc) => {
        const row = (rc.after ?? rc.before)!;
        const key = `${rc.change}:${rc.key}`;
        const solo = soloChanges.filter((s) => s.keys.has(key)).map((s) => s.cause);
        return {
            key,
            change: rc.change,
            user: row.user,
            server: row.server,
            remoteUser: row.remoteUser,
            before: rc.before?.expiresAt ?? null,
            after: rc.after?.expiresAt ?? null,
            // Changes that only several steps together make (a new remote user and its rule) name them all.
            causes: solo.length > 0 ? solo : soloChanges.map((s) => s.cause),
        };
    });

    const flags: ReportFlag<AccessDiffFlagCode, AccessDiffTable>[] = [];
    const wildcardSeen = new Set<string>();
    for (const r of rows) {
        // Access that had an end and now has none is never-expiring access added, as much as new access is.
        if (r.change === "extended" && r.after === "never") flags.push({ code: "never-expiring-access-added", severity: "warning", message: `${r.user}'s access to ${r.server} as ${r.remoteUser} (until ${showTime(r.before ?? "unknown")}) would never expire`, row: { table: "changes", key: r.key } });
        const afterRow = rowChanges.find((x) => `${x.change}:${x.key}` === r.key)?.after;
        if (r.change === "added" || r.change === "extended") {
            const glass = applied.filter((c) => r.causes.some((k) => k.urn === c.urn)).map((c) => breakGlassOf(c, afterRow)).find((g) => g !== undefined);
            if (glass) flags.push({ code: "break-glass-access", severity: "warning", message: `${r.user}'s access to ${r.server} as ${r.remoteUser} (until ${showTime(r.after ?? "unknown")}) is break-glass access, approved by ${str(glass.approvedBy) ?? "nobody"}: review it after the fact`, row: { table: "changes", key: r.key } });
        }
        if (r.change !== "added") continue;
        const until = r.after === "never" ? "never expires" : `until ${showTime(r.after ?? "unknown")}`;
        if (r.remoteUser === "root") flags.push({ code: "root-access-added", severity: "critical", message: `${r.user} gains root on ${r.server} (${until})`, row: { table: "changes", key: r.key } });
        if (r.after === "never") flags.push({ code: "never-expiring-access-added", severity: "warning", message: `${r.user} gains access to ${r.server} as ${r.remoteUser} that never expires`, row: { table: "changes", key: r.key } });
        for (const p of afterRow?.paths ?? []) {
            if (p.via !== "group" || p.usernameRule.kind !== "any") continue;
            const id = `${p.group}:${p.serverGroup}`;
            const wasWildcard = before.groups.some((g) => g.name === p.group && g.grants?.some((x) => x.serverGroup === p.serverGroup && x.username === "*"));
            if (wasWildcard || wildcardSeen.has(id)) continue;
            wildcardSeen.add(id);
            flags.push({ code: "wildcard-grant-added", severity: "warning", message: `group ${p.group} is granted every remote user (*) of server group ${p.serverGroup}`, row: { table: "changes", key: r.key } });
        }
    }
    for (const u of unmodelled) flags.push({ code: "unmodelled-change", severity: "warning", message: `${u.type} ${u.urn.split("::").pop()} (${u.op}): ${u.reason}; its effect on access is not shown`, row: { table: "unmodelled", key: u.key } });
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
