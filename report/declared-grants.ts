/**
 * FluxArk lists a user group's server groups without their username rule or expiry; a stack that
 * manages the group declares them, and its state keeps them. These fill the snapshot's grants in
 * from UserGroup states (a preview's old states, or a `pulumi stack export`).
 */
import { GRANT_SET_OUTSIDE, NEVER_EXPIRES } from "../provider/fluxark/user-group";
import type { PreviewStep } from "./preview";
import type { FluxarkSnapshot, SnapshotGrant, SnapshotGroup } from "./snapshot";
import { field, num, str, strList } from "./step-values";

/**
 * A declared grant list (inputs or outputs of a UserGroup) as the snapshot's grants; undefined when
 * not readable. A grant declared with neither username nor expiry leaves one whose rule is unknown
 * (in `current`, the group as it stands) as it is, as the resource does.
 */
export function declaredGrants(v: unknown, current: readonly SnapshotGrant[] = []): SnapshotGrant[] | undefined {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return undefined;
    const grants: SnapshotGrant[] = [];
    for (const g of v as Record<string, unknown>[]) {
        const serverGroup = str(g?.serverGroup);
        if (serverGroup === undefined) return undefined;
        const unknownNow = current.find((x) => x.serverGroup === serverGroup && x.username === undefined);
        if (g.username === GRANT_SET_OUTSIDE || (unknownNow && g.username === undefined && g.expireTime === undefined)) {
            // The stack adopted or found this grant; its rule and expiry are as unknown to it as to FluxArk.
            grants.push({ serverGroup, username: undefined, expireTime: undefined });
            continue;
        }
        const username = Array.isArray(g.username) ? strList(g.username)?.join(",") : g.username === undefined ? "" : str(g.username);
        // A declared grant without expireTime never expires; one whose expiry is not known yet is unknown.
        const expireTime = g.expireTime === undefined || g.expireTime === NEVER_EXPIRES ? "" : str(g.expireTime);
        grants.push({ serverGroup, username, expireTime });
    }
    return grants;
}

/** Fills in the grants' username rules and expiries that FluxArk does not list, from the stack's old states. */
export function withDeclaredGrants(fx: FluxarkSnapshot, steps: readonly PreviewStep[]): FluxarkSnapshot {
    const out = structuredClone(fx);
    // Indexed once: a preview may hold thousands of UserGroup steps.
    const byId = new Map(out.groups.map((g) => [g.id, g]));
    const byName = new Map<string, SnapshotGroup>();
    for (const g of out.groups) if (!byName.has(g.name)) byName.set(g.name, g);
    for (const s of steps) {
        if (s.kind !== "UserGroup" || !s.old) continue;
        const id = num(s.old.outputs.groupId) ?? num(s.old.id);
        const name = str(field(s.old, "name"));
        const group = (id === undefined ? undefined : byId.get(id)) ?? (name === undefined ? undefined : byName.get(name));
        const declared = new Map((declaredGrants(field(s.old, "grants")) ?? []).map((x) => [x.serverGroup, x]));
        for (const grant of group?.grants ?? []) {
            const d = declared.get(grant.serverGroup);
            if (!d) continue;
            if (grant.username === undefined) grant.username = d.username;
            if (grant.expireTime === undefined) grant.expireTime = d.expireTime;
        }
    }
    return out;
}
