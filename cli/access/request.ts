/**
 * `access request` against the live account: the names it gives exist, and no grant as wide or
 * wider already gives the access (a rule without expiry, or one ending later). Then the change as
 * preview steps, so the access diff of the pull request is the report diff's own computation.
 * Pure: the account snapshot and the time are passed in.
 */
import { GRANT_SET_OUTSIDE } from "../../provider/fluxark/user-group";
import { aclResourceName, entryKey, entryMetadata, type AccessEntry, type AccessFile } from "../../provider/access/file";
import { effectiveAccess } from "../../report/access";
import type { Preview, PreviewStep } from "../../report/preview";
import type { FluxarkSnapshot } from "../../report/snapshot";
import { showTime } from "../../report/time";
import { className, dynamicToken, makeUrn } from "../../provider/tokens";

/** The request conflicts with the account: nothing is written. */
export class AccessRefusal extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AccessRefusal";
    }
}

/** A step's resource as the program declaring the access file records it: a dynamic resource of `type`. */
function resourceOf<T extends "fluxark:FluxarkAcl" | "fluxark:UserGroup">(type: T, name: string) {
    const token = dynamicToken(type);
    return { urn: makeUrn({ stack: "access-request", project: "access", type: token, name }), type: token, kind: className(type) };
}

/** Checks a user entry against the account; the steps of its change. */
function userEntrySteps(fx: FluxarkSnapshot, e: AccessEntry, replaced: AccessEntry | undefined, now: number): PreviewStep[] {
    const user = fx.users.find((u) => u.username === e.user);
    if (!user) throw new AccessRefusal(`FluxArk has no user "${e.user}"`);
    if (user.active === false) throw new AccessRefusal(`user "${e.user}" is inactive: a rule would give no access`);
    const server = fx.servers.find((s) => s.name === e.server);
    if (!server) throw new AccessRefusal(`FluxArk has no server "${e.server}"`);
    if (server.remoteUsers === undefined) throw new AccessRefusal(`the remote users of server "${e.server}" could not be listed`);
    const remote = server.remoteUsers.find((r) => r.username === e.as);
    if (!remote)
        throw new AccessRefusal(
            `server "${e.server}" has no remote user "${String(e.as)}" (it has: ${server.remoteUsers.map((r) => r.username).join(", ") || "none"})`,
        );

    // The access the user has now to that account, by any path, from rules this entry does not replace.
    const replacedRule = replaced && user.acl?.find((a) => a.remoteUserId === remote.id && a.expireTime === replaced.until);
    const others = { ...fx, users: fx.users.map((u) => (u !== user ? u : { ...u, acl: u.acl?.filter((a) => a !== replacedRule) })) };
    const row = effectiveAccess(others, now).find((r) => r.userId === user.id && r.serverId === server.id && r.remoteUserId === remote.id);
    const wanted = Date.parse(`${e.until.replace(" ", "T")}Z`);
    if (row && (row.expiresAt === "never" || (row.expiresAt !== "unknown" && Date.parse(row.expiresAt) >= wanted))) {
        const why = row.paths
            .map((p) => (p.via === "acl" ? `ACL rule ${p.aclId}` : `group ${p.group}'s grant of ${p.serverGroup}`))
            .join(", ");
        throw new AccessRefusal(
            `${e.user} can already log in to ${e.server} as ${String(e.as)} ${row.expiresAt === "never" ? "with no expiry" : `until ${showTime(row.expiresAt)}`} (${why}): this request would add nothing`,
        );
    }

    const inputs = (until: string, m: AccessEntry = e) => ({
        userId: user.id,
        userServerId: remote.id,
        expireTime: until,
        ...entryMetadata(m),
    });
    const name = aclResourceName(e);
    const step: PreviewStep = {
        op: replacedRule ? "replace" : "create",
        ...resourceOf("fluxark:FluxarkAcl", name),
        new: { inputs: inputs(e.until), outputs: {} },
    };
    if (replacedRule)
        step.old = { id: String(replacedRule.aclId), inputs: inputs(replaced!.until, replaced), outputs: { aclId: replacedRule.aclId } };
    return [step];
}

/** Checks a group entry against the account; the steps of its change (the group's grants before and after). */
function groupEntrySteps(fx: FluxarkSnapshot, file: AccessFile, e: AccessEntry, replaced: AccessEntry | undefined): PreviewStep[] {
    const group = fx.groups.find((g) => g.name === e.group);
    if (!group) throw new AccessRefusal(`FluxArk has no user group "${e.group}"`);
    if (!fx.servers.some((s) => (s.groups ?? []).includes(e.serverGroup!)))
        throw new AccessRefusal(`no server carries the server group "${e.serverGroup}": the grant would give nothing`);
    const live = group.grants ?? [];
    if (live.some((g) => g.serverGroup === e.serverGroup) && !replaced) {
        throw new AccessRefusal(
            `group "${e.group}" already has a grant of server group "${e.serverGroup}", made outside this file (a group holds each server group once): change that grant instead`,
        );
    }
    // The grants as the stack would declare them: this file's entries, the rest as FluxArk lists them (rule unknown).
    const declared = (entry: AccessEntry | undefined) =>
        live.map((g) => {
            const fromFile =
                g.serverGroup === e.serverGroup ? entry : file.grants.find((x) => x.group === e.group && x.serverGroup === g.serverGroup);
            return fromFile
                ? { serverGroup: g.serverGroup, username: fromFile.as, expireTime: fromFile.until, ...entryMetadata(fromFile) }
                : { serverGroup: g.serverGroup, username: GRANT_SET_OUTSIDE };
        });
    const before = declared(replaced);
    const after = [
        ...declared(e).filter((g) => g.serverGroup !== e.serverGroup),
        { serverGroup: e.serverGroup!, username: e.as, expireTime: e.until, ...entryMetadata(e) },
    ];
    const state = (grants: unknown[]) => ({ id: String(group.id), inputs: { name: group.name, grants }, outputs: { groupId: group.id } });
    return [{ op: "update", ...resourceOf("fluxark:UserGroup", group.name), old: state(before), new: state(after) }];
}

/**
 * The change `entry` makes (in place of `replaced`, the file's entry for the same grant, when it
 * renews one), as a preview; refuses (AccessRefusal) a request the account contradicts.
 */
export function requestPreview(
    fx: FluxarkSnapshot,
    file: AccessFile,
    entry: AccessEntry,
    replaced: AccessEntry | undefined,
    now: number,
): Preview {
    if (replaced && replaced.until >= entry.until)
        throw new AccessRefusal(
            `the file already grants ${entryKey(entry)} until ${replaced.until} UTC, as long or longer: this request would add nothing`,
        );
    const steps = entry.user !== undefined ? userEntrySteps(fx, entry, replaced, now) : groupEntrySteps(fx, file, entry, replaced);
    return { totalSteps: steps.length, steps };
}
