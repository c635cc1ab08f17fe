/**
 * UserGroup: a FluxArk user group and its server-group grants (`/api/users/groups`). There is no
 * rename call (a new name replaces the group). Grants are a set keyed by server group: added and
 * removed individually as the set changes; a changed grant is removed and added again. FluxArk
 * lists a group's server groups without their username or expiry, so those are not readable back.
 * Users join groups through FluxarkUser's `groups`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { containsUnknown } from "../core/check";
import { sameValue, type FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import { finishCreate } from "../core/resource";
import type { FluxarkContext } from "./context";
import { nameSchema } from "../core/validators";
import { accessMetadataSchema } from "./access-metadata";
import { byNumericId, expireTimeSchema, idSchema, listUserGroups, pastExpiry, REMOTE_USER_NAME, serverGroupNameSchema } from "./common";
import type { UserGroupWire } from "./schemas";

export interface ServerGroupGrantArgs {
    /** A server group name (FluxarkServer `groups`). */
    serverGroup: pulumi.Input<string>;
    /** "*" for every remote user, a name or list of names, or "" (the default) for the remote user named like each user. */
    username?: pulumi.Input<string | string[]>;
    /** When the grant expires, UTC. */
    expireTime?: pulumi.Input<string>;
    /** Why the grant is given. Program-side only, as its other metadata: FluxArk keeps no comment (see FluxarkAcl). */
    reason?: pulumi.Input<string>;
    requestedBy?: pulumi.Input<string>;
    approvedBy?: pulumi.Input<string>;
    breakGlass?: pulumi.Input<boolean>;
}

// 1. What the program passes.
export interface UserGroupArgs {
    name: pulumi.Input<string>;
    grants?: pulumi.Input<pulumi.Input<ServerGroupGrantArgs>[]>;
    /** The id of an existing user group to take over. */
    adopt?: pulumi.Input<number>;
}

/** The username of a grant made outside Pulumi: FluxArk cannot tell its rule or expiry. */
export const GRANT_SET_OUTSIDE = "(set outside Pulumi)";

// 2. Validation, normalisation and defaults.
// Strict: a misspelt key (`usernames`) would otherwise be dropped, and the grant would quietly mean "".
const grantSchema = z.strictObject({
    serverGroup: serverGroupNameSchema,
    username: z
        .union([z.string(), z.array(z.string())], { error: 'must be "*", a user name, a list of user names, or ""' })
        .default("")
        .transform((u, ctx) => {
            // "" alone means "the remote user named like each user": an empty name inside a list, or an
            // empty list, is a mistake that would quietly mean that instead.
            if (typeof u === "string" && u.trim() === "") return "";
            const names = (Array.isArray(u) ? u : u.split(",")).map((s) => s.trim());
            if (names.length === 0) ctx.addIssue({ code: "custom", message: 'must name at least one user; for "the remote user named like each user" give ""' });
            else if (names.includes("")) ctx.addIssue({ code: "custom", message: 'has an empty name in its list; for "the remote user named like each user" give "" alone' });
            if (names.includes("*")) return "*";
            const bad = names.find((n) => n !== "" && !REMOTE_USER_NAME.test(n));
            if (bad !== undefined) ctx.addIssue({ code: "custom", message: `"${bad}" is not a unix user name` });
            return [...new Set(names)].sort().join(",");
        }),
    expireTime: expireTimeSchema.optional(),
    // Program-side metadata (access-metadata.ts): kept in state, never sent.
    ...accessMetadataSchema.shape,
}, { error: (iss) => (iss.code === "unrecognized_keys" ? `has ${iss.keys.map((k) => `"${k}"`).join(", ")}, which a grant does not have: { serverGroup, username?, expireTime?, reason?, requestedBy?, approvedBy?, breakGlass? }` : "must be a grant: { serverGroup, username?, expireTime? }") });
export type Grant = z.output<typeof grantSchema>;

/** Whether two grants are the same in FluxArk: their metadata is program-side and changes nothing there. */
const sameGrant = (a: Grant, b: Grant): boolean => a.serverGroup === b.serverGroup && sameValue(a.username, b.username) && sameValue(a.expireTime, b.expireTime);

export const userGroupInputSchema = z.object({
    name: nameSchema,
    grants: z
        .array(grantSchema, { error: "must be a list of grants" })
        .default([])
        .superRefine((grants, ctx) => {
            grants.forEach((g, i) => {
                if (grants.findIndex((o) => o.serverGroup === g.serverGroup) !== i) ctx.addIssue({ code: "custom", path: [i, "serverGroup"], message: `"${g.serverGroup}" is granted more than once` });
            });
        })
        .transform((grants) => [...grants].sort((a, b) => a.serverGroup.localeCompare(b.serverGroup))),
    adopt: idSchema.optional(),
});
export type UserGroupInputs = z.output<typeof userGroupInputSchema>;

// 3. What changes in place and what replaces.
export const userGroupFields: FieldTable<UserGroupInputs> = {
    name: { behaviour: "replace", readBack: "yes", doc: "Group name. FluxArk has no rename: a change replaces the group." },
    grants: { behaviour: "update", readBack: "partly", doc: "Server-group grants {serverGroup, username, expireTime}, a set keyed by serverGroup; each added or removed individually. FluxArk lists only the server group names: username and expireTime keep their declared values. A grant's reason, requestedBy, approvedBy and breakGlass are program-side (kept in state, never sent)." },
    adopt: { behaviour: "createOnly", readBack: "no", doc: "Id of an existing user group to take over. Used only at creation." },
};

// What the API makes.
const apiOutputs = {
    groupId: { type: z.number().int(), doc: "FluxArk's id of the group." },
} satisfies Record<string, OutputSpec>;
export type UserGroupOutputs = UserGroupInputs & OutputValues<typeof apiOutputs>;

// 4. The lifecycle.
async function liveGroup(ctx: FluxarkContext, id: number): Promise<UserGroupWire | undefined> {
    return (await listUserGroups(ctx)).find((g) => g.id === id);
}

/**
 * Makes the group's grants `wanted`. `granted` (a copy of `current` to begin with) is kept in step
 * with each call that succeeds, so a failure part way through can be recorded as it stands.
 */
async function applyGrants(ctx: FluxarkContext, groupId: number, current: Grant[], wanted: Grant[], granted: Grant[] = [...current]): Promise<void> {
    const client = await ctx.client();
    const has = (list: Grant[], g: Grant) => list.some((o) => sameGrant(o, g));
    for (const g of current) {
        if (has(wanted, g)) continue;
        await client.deleteServerGroupRule(groupId, g.serverGroup);
        granted.splice(granted.findIndex((o) => sameGrant(o, g)), 1);
    }
    for (const g of wanted) {
        if (has(current, g)) continue;
        await createReconciled({
            what: `grant of "${g.serverGroup}"`,
            create: () => client.addServerGroupRule(groupId, { group_name: g.serverGroup, username: g.username, expire_time: g.expireTime }),
            findNew: async () => ((await client.listUserGroups()).find((x) => x.id === groupId)?.server_groups ?? []).filter((s) => s.name === g.serverGroup).map((s) => s.id),
        });
        granted.push(g);
    }
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = userGroupInputSchema.parse(props);
        const client = await ctx.client();
        let id: number;
        let current: Grant[] = [];
        if (inputs.adopt !== undefined) {
            const existing = await liveGroup(ctx, inputs.adopt);
            if (!existing) throw new ApiError({ kind: "NotFound", service: "FluxArk", operation: "adopt", message: `adopt: no user group with id ${inputs.adopt}` });
            if (existing.name !== inputs.name) throw new ApiError({ kind: "Conflict", service: "FluxArk", operation: "adopt", message: `adopt: user group ${inputs.adopt} is "${existing.name}", not "${inputs.name}" (groups cannot be renamed)` });
            id = existing.id;
            // A grant's username and expiry cannot be read: a declared server group that is already granted is
            // taken as it stands; undeclared grants are removed and missing ones added.
            current = (existing.server_groups ?? []).map((s) => inputs.grants.find((g) => g.serverGroup === s.name) ?? { serverGroup: s.name, username: GRANT_SET_OUTSIDE });
        } else {
            id = await createReconciled({
                what: `user group "${inputs.name}"`,
                create: () => client.createUserGroup(inputs.name),
                findNew: async () => (await client.listUserGroups()).filter((g) => g.name === inputs.name).map((g) => g.id),
            });
        }
        const granted = [...current];
        return finishCreate(String(id), props, () => ({ ...inputs, groupId: id, grants: granted }), async () => {
            await applyGrants(ctx, id, current, inputs.grants, granted);
            return { ...inputs, groupId: id };
        });
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
        await applyGrants(ctx, Number(id), (olds.grants as Grant[]) ?? [], inputs.grants);
        return { outs: { ...olds, ...inputs } };
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
        const failures = ((result.inputs?.grants as Grant[]) ?? []).flatMap((g, i) => pastExpiry(g.expireTime, applied(g), `grants[${i}].expireTime`, "a grant") ?? []);
        return failures.length > 0 ? { inputs: result.inputs, failures } : result;
    },
});

// 5. The resource class.
export class UserGroup extends userGroup.Resource<UserGroupArgs> {
    declare readonly name: pulumi.Output<string>;
    declare readonly grants: pulumi.Output<Grant[]>;
    /** FluxArk's numeric id (also the resource id, as a string). */
    declare readonly groupId: pulumi.Output<number>;
}
