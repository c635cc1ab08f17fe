/**
 * UserGroup: a FluxArk user group and its server-group grants (`/api/users/groups`). There is no
 * rename call (a new name replaces the group). Grants are a set keyed by server group: added and
 * removed individually as the set changes; a changed grant is removed and added again. FluxArk
 * lists a group's server groups without their username or expiry, so those are not readable back.
 * Users join groups through FluxarkUser's `groups`.
 */
import { z } from "zod";
import { containsUnknown } from "../core/check";
import { sameValue, type FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import { finishCreate, finishUpdate } from "../core/resource";
import type { FluxarkContext } from "./context";
import { nameSchema } from "../core/validators";
import { accessMetadataSchema } from "./access-metadata";
import {
    byNumericId,
    idSchema,
    listUserGroups,
    pastExpiry,
    NEVER_EXPIRES,
    REMOTE_USER_NAME,
    serverGroupNameSchema,
    toFluxarkTime,
} from "./common";

export { NEVER_EXPIRES };
import type { UserGroupWire } from "./schemas";

/** The username of a grant made outside Pulumi: FluxArk cannot tell its rule or expiry. */
export const GRANT_SET_OUTSIDE = "(set outside Pulumi)";

// 1. Validation, normalisation and defaults.
// Strict: a misspelt key (`usernames`) would otherwise be dropped, and the grant would quietly mean "".
const grantSchema = z.strictObject(
    {
        serverGroup: serverGroupNameSchema.describe("A server group name (FluxarkServer `groups`)."),
        username: z
            .union([z.string(), z.array(z.string())], { error: 'must be "*", a user name, a list of user names, or ""' })
            .optional()
            .transform((u, ctx) => {
                // The state's mark of a grant whose rule is not known (resolveGrants keeps it only on such a grant).
                if (u === undefined || u === GRANT_SET_OUTSIDE) return u;
                // "" alone means "the remote user named like each user": an empty name inside a list, or an
                // empty list, is a mistake that would quietly mean that instead.
                if (typeof u === "string" && u.trim() === "") return "";
                const names = (Array.isArray(u) ? u : u.split(",")).map((s) => s.trim());
                if (names.length === 0)
                    ctx.addIssue({
                        code: "custom",
                        message: 'must name at least one user; for "the remote user named like each user" give ""',
                    });
                else if (names.includes(""))
                    ctx.addIssue({
                        code: "custom",
                        message: 'has an empty name in its list; for "the remote user named like each user" give "" alone',
                    });
                if (names.includes("*")) return "*";
                const bad = names.find((n) => n !== "" && !REMOTE_USER_NAME.test(n));
                if (bad !== undefined) ctx.addIssue({ code: "custom", message: `"${bad}" is not a unix user name` });
                return [...new Set(names)].sort().join(",");
            })
            .describe(
                '"*" for every remote user, a name or list of names, or "" for the remote user named like each user. Unset: "" for a new grant; a grant made outside Pulumi (whose username FluxArk cannot tell) is left as it is.',
            ),
        expireTime: z
            .string({ error: 'must be a date-time string, or "never"' })
            .transform((s, ctx) => (s.trim() === NEVER_EXPIRES ? NEVER_EXPIRES : toFluxarkTime(s, ctx)))
            .optional()
            .describe(
                'When the grant expires, UTC, or "never". Unset: never for a new grant; a grant made outside Pulumi is left as it is.',
            ),
        // Program-side metadata (access-metadata.ts): kept in state, never sent.
        ...accessMetadataSchema.shape,
    },
    {
        error: (iss) =>
            iss.code === "unrecognized_keys"
                ? `has ${iss.keys.map((k) => `"${k}"`).join(", ")}, which a grant does not have: { serverGroup, username?, expireTime?, reason?, requestedBy?, approvedBy?, breakGlass? }`
                : "must be a grant: { serverGroup, username?, expireTime? }",
    },
);
export type Grant = z.output<typeof grantSchema>;

/** Whether two grants are the same in FluxArk: their metadata is program-side and changes nothing there. */
const sameGrant = (a: Grant, b: Grant): boolean =>
    a.serverGroup === b.serverGroup && sameValue(a.username, b.username) && sameValue(a.expireTime, b.expireTime);

export const userGroupInputSchema = z.object({
    name: nameSchema,
    grants: z
        .array(grantSchema, { error: "must be a list of grants" })
        .default([])
        .superRefine((grants, ctx) => {
            grants.forEach((g, i) => {
                if (grants.findIndex((o) => o.serverGroup === g.serverGroup) !== i)
                    ctx.addIssue({ code: "custom", path: [i, "serverGroup"], message: `"${g.serverGroup}" is granted more than once` });
            });
        })
        .transform((grants) => [...grants].sort((a, b) => a.serverGroup.localeCompare(b.serverGroup))),
    adopt: idSchema.optional(),
});
export type UserGroupInputs = z.output<typeof userGroupInputSchema>;

// 2. What changes in place and what replaces.
export const userGroupFields: FieldTable<UserGroupInputs> = {
    name: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Group name: not empty, at most 255 characters, no control or invisible format characters. FluxArk has no rename: a change replaces the group.",
    },
    grants: {
        behaviour: "update",
        readBack: "partly",
        doc: 'Server-group grants {serverGroup, username, expireTime}, a set keyed by serverGroup; each added or removed individually, a changed one removed and added again. username is "*" (every remote user), a name or list of names (an empty list or an empty name in it is refused), or "" (the remote user named like each user; the default of a new grant); expireTime a time or "never" (the default of a new grant). FluxArk lists only the server group names: username and expireTime keep their declared values. A grant made outside Pulumi (adopted, or found by a refresh) is left as it is while its username and expireTime are unset; set both ("never" for no expiry) to re-create it as declared. A grant\'s reason, requestedBy, approvedBy and breakGlass are program-side (kept in state, never sent).',
    },
    adopt: {
        behaviour: "createOnly",
        readBack: "no",
        doc: "Id of an existing user group to take over (its name must match). Used only at creation: undeclared grants are removed, missing ones added, and each declared grant with a username and expireTime re-created as declared (FluxArk cannot tell what it holds).",
    },
};

// What the API makes.
const apiOutputs = {
    groupId: { type: z.number().int(), stable: "id", doc: "FluxArk's id of the group." },
} satisfies Record<string, OutputSpec>;
export type UserGroupOutputs = UserGroupInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
async function liveGroup(ctx: FluxarkContext, id: number): Promise<UserGroupWire | undefined> {
    return (await listUserGroups(ctx)).find((g) => g.id === id);
}

/** A grant failure at check or adoption: the property and the rule. */
export interface GrantFailure {
    property: string;
    reason: string;
}

/**
 * The declared grants against those applied (the stack's last state, or an adopted group's live
 * grants): what each must be made. A grant whose rule FluxArk cannot tell (GRANT_SET_OUTSIDE) is
 * left as it is while the program sets neither its username nor its expiry; with both set it differs,
 * and is re-created as declared (removed first: for access, the gap narrows). One of the two alone
 * would re-create it with the other guessed (a never-expiring grant could widen access): refused.
 * Unset values of any other grant take their defaults: username "", no expiry.
 */
export function resolveGrants(declared: Grant[], applied: Grant[]): { grants: Grant[]; failures: GrantFailure[] } {
    const failures: GrantFailure[] = [];
    const grants = declared.map((g, i): Grant => {
        const old = applied.find((o) => o.serverGroup === g.serverGroup);
        if (old?.username === GRANT_SET_OUTSIDE) {
            // Left as it is; the program's metadata (reason, requestedBy, ...) stays the program's.
            if (g.username === undefined && g.expireTime === undefined)
                return withoutUnset({ ...g, username: old.username, expireTime: old.expireTime });
            if (g.username !== undefined && g.expireTime !== undefined && g.username !== GRANT_SET_OUTSIDE) return g;
            const unset = g.username === undefined ? "username" : "expireTime";
            failures.push({
                property: `grants[${i}].${unset}`,
                reason: `is required to change the grant of "${g.serverGroup}", which was made outside Pulumi: FluxArk cannot tell its username or expiry, so set both (expireTime "${NEVER_EXPIRES}" for none) to re-create it as declared, or neither to leave it as it is`,
            });
            return g;
        }
        if (g.username === GRANT_SET_OUTSIDE)
            failures.push({
                property: `grants[${i}].username`,
                reason: `"${GRANT_SET_OUTSIDE}" marks a grant made outside Pulumi; it is not a user name`,
            });
        // "never" and unset mean the same for a grant whose expiry is known: keep the applied spelling (no change).
        const noExpiry = (t: string | undefined) => t === undefined || t === NEVER_EXPIRES;
        const expireTime = noExpiry(g.expireTime) && old && noExpiry(old.expireTime) ? old.expireTime : g.expireTime;
        return withoutUnset({ ...g, username: g.username ?? "", expireTime });
    });
    return { grants, failures };
}

/** The grant without an unset expiry (so state holds no `expireTime: undefined`), all else kept. */
function withoutUnset(g: Grant): Grant {
    if (g.expireTime !== undefined) return g;
    const { expireTime: _unset, ...rest } = g;
    return rest;
}

/**
 * Makes the group's grants `wanted`. `granted` (a copy of `current` to begin with) is kept in step
 * with each call that succeeds, so a failure part way through can be recorded as it stands.
 */
async function applyGrants(
    ctx: FluxarkContext,
    groupId: number,
    current: Grant[],
    wanted: Grant[],
    granted: Grant[] = [...current],
): Promise<void> {
    const client = await ctx.client();
    const has = (list: Grant[], g: Grant) => list.some((o) => sameGrant(o, g));
    for (const g of current) {
        if (has(wanted, g)) continue;
        await client.deleteServerGroupRule(groupId, g.serverGroup);
        granted.splice(
            granted.findIndex((o) => sameGrant(o, g)),
            1,
        );
    }
    for (const g of wanted) {
        if (has(current, g)) continue;
        await createReconciled({
            what: `grant of "${g.serverGroup}"`,
            create: () =>
                client.addServerGroupRule(groupId, {
                    group_name: g.serverGroup,
                    username: g.username ?? "",
                    expire_time: g.expireTime === NEVER_EXPIRES ? undefined : g.expireTime,
                }),
            findNew: async () =>
                ((await client.listUserGroups()).find((x) => x.id === groupId)?.server_groups ?? [])
                    .filter((s) => s.name === g.serverGroup)
                    .map((s) => s.id),
        });
        granted.push(g);
    }
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = userGroupInputSchema.parse(props);
        const client = await ctx.client();
        let current: Grant[] = [];
        if (inputs.adopt !== undefined) {
            const existing = await liveGroup(ctx, inputs.adopt);
            if (!existing)
                throw new ApiError({
                    kind: "NotFound",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: no user group with id ${inputs.adopt}`,
                });
            if (existing.name !== inputs.name)
                throw new ApiError({
                    kind: "Conflict",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: user group ${inputs.adopt} is "${existing.name}", not "${inputs.name}" (groups cannot be renamed)`,
                });
            // FluxArk cannot tell a grant's username or expiry: every live grant is one made outside Pulumi.
            current = (existing.server_groups ?? []).map((s) => ({ serverGroup: s.name, username: GRANT_SET_OUTSIDE }));
        }
        // Refused before any change, naming the grant, when a declared grant cannot be made so.
        const resolved = resolveGrants(inputs.grants, current);
        if (resolved.failures.length > 0)
            throw new ApiError({
                kind: "Validation",
                service: "FluxArk",
                operation: "adopt",
                message: `adopt: ${resolved.failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`,
            });
        inputs.grants = resolved.grants;
        const id =
            inputs.adopt ??
            (await createReconciled({
                what: `user group "${inputs.name}"`,
                create: () => client.createUserGroup(inputs.name),
                findNew: async () => (await client.listUserGroups()).filter((g) => g.name === inputs.name).map((g) => g.id),
            }));
        const granted = [...current];
        return finishCreate(
            String(id),
            props,
            () => ({ ...inputs, groupId: id, grants: granted }),
            async () => {
                await applyGrants(ctx, id, current, inputs.grants, granted);
                return { ...inputs, groupId: id };
            },
        );
    },

    async read(id, props) {
        const state = props as unknown as UserGroupOutputs;
        const live = await liveGroup(ctx, Number(id));
        if (!live) return {};
        // FluxArk lists only the server group names: keep what was applied for each, and mark the unknown ones.
        const grants = live.server_groups
            ?.map((s) => state.grants.find((g) => g.serverGroup === s.name) ?? { serverGroup: s.name, username: GRANT_SET_OUTSIDE })
            .sort((a, b) => a.serverGroup.localeCompare(b.serverGroup));
        const inputs = readInputs(userGroupFields, { name: live.name, grants }, state);
        return { id, props: { ...inputs, groupId: live.id }, inputs: { ...inputs } };
    },

    async update(id, olds, news) {
        const inputs = userGroupInputSchema.parse(news);
        const current = (olds.grants as Grant[] | undefined) ?? [];
        const granted = [...current];
        // Recorded with the grants as they stand if a write fails, so the next up makes only the rest.
        return finishUpdate(
            id,
            news,
            () => ({ ...olds, ...inputs, grants: granted }),
            async () => {
                await applyGrants(ctx, Number(id), current, inputs.grants, granted);
                return { ...olds, ...inputs };
            },
        );
    },

    async delete(id) {
        const client = await ctx.client();
        await deleteIgnoringNotFound(() => client.deleteUserGroup(Number(id)));
    },
});

export const userGroup = defineResource({
    type: "fluxark:UserGroup",
    description: "A FluxArk user group and its server-group grants (/api/users/groups).",
    api: "fluxark",
    inputs: userGroupInputSchema,
    fields: userGroupFields,
    outputs: apiOutputs,
    importId: byNumericId({ grants: [] }),
    lifecycle,
    check(result, olds) {
        if (result.failures || containsUnknown(result.inputs?.grants)) return result;
        const applied = (g: Grant) => ((olds.grants as Grant[] | undefined) ?? []).find((o) => o.serverGroup === g.serverGroup)?.expireTime;
        const failures = ((result.inputs?.grants as Grant[]) ?? []).flatMap((g, i) =>
            g.expireTime === NEVER_EXPIRES ? [] : (pastExpiry(g.expireTime, applied(g), `grants[${i}].expireTime`, "a grant") ?? []),
        );
        return failures.length > 0 ? { inputs: result.inputs, failures } : result;
    },
    // The state holds what FluxArk cannot list (each grant's username and expiry): the declared grants are resolved against it.
    resolve(news, olds) {
        const { grants, failures } = resolveGrants((news.grants as Grant[] | undefined) ?? [], (olds.grants as Grant[] | undefined) ?? []);
        if (failures.length > 0)
            throw new ApiError({ kind: "Validation", message: failures.map((f) => `${f.property} ${f.reason}`).join("; ") });
        return { ...news, grants };
    },
});
