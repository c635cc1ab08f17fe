/**
 * ServerGroup: a KernelCare server group (`/api/group`) and its members.
 *
 * The portal can neither change a group's description nor delete a group. So a description
 * change fails at preview saying why; a name change creates the new group and empties the old
 * one; deleting removes every member and warns that the group itself stays. Creating a group
 * whose name already exists adopts it (there is no other way to manage it again after a destroy).
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { defineResource, immutableChangeError, readInputs, type Lifecycle } from "../core/define";
import { ApiError, undefinedIfNotFound } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import { finishCreate, finishUpdate, warn } from "../core/resource";
import { noteTakenOver } from "../core/taken-over";
import { nameSchema, textSchema } from "../core/validators";
import type { TuxcareContext } from "./context";
import { SERVER_GROUPS } from "./lists";
import type { ServerGroupWire } from "./schemas";

// 1. Validation, normalisation and defaults.
/** A group name; commas and semicolons are refused, as lists of names and ids are separated by them. */
export const serverGroupNameSchema = nameSchema.refine((s) => !/[,;]/.test(s), "must not contain commas or semicolons");

export const serverGroupInputSchema = z.object({
    name: serverGroupNameSchema,
    description: textSchema().default(""),
    serverIds: z
        .array(nameSchema, { error: "must be a list of server ids" })
        .default([])
        .superRefine((ids, ctx) => {
            ids.forEach((id, i) => {
                if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", message: `"${id}" is listed more than once`, path: [i] });
                if (/[,;\s]/.test(id))
                    ctx.addIssue({ code: "custom", message: `"${id}" must not contain commas, semicolons or spaces`, path: [i] });
            });
        })
        .transform((ids) => [...ids].sort()),
});
export type ServerGroupInputs = z.output<typeof serverGroupInputSchema>;

// 2. What changes in place and what replaces.
export const serverGroupFields: FieldTable<ServerGroupInputs> = {
    name: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Group name: not empty, at most 255 characters, no commas, semicolons, control or invisible format characters. A change creates the new group and empties the old one (groups cannot be deleted).",
    },
    description: {
        behaviour: "immutable",
        readBack: "yes",
        doc: "Description, at most 1024 characters, without control or invisible format characters (default empty), set at creation. The portal cannot change it: a change fails at preview.",
        reason: "the portal has no call to update a group's description (nor to delete a group). Keep the old description, or give the group a new name.",
    },
    serverIds: {
        behaviour: "update",
        readBack: "yes",
        doc: "Member KernelCare server ids, a set (order does not matter, duplicates are refused); members are added and removed individually (servers/put, servers/remove).",
    },
};

/** A member as the portal lists it; a field its answer leaves out is left out. */
export interface GroupMember {
    id: string;
    hostName?: string;
    ip?: string;
    type?: string;
}

export interface ServerGroupOutputs extends ServerGroupInputs {
    servers: GroupMember[];
}

// 3. The lifecycle.
async function liveGroup(ctx: TuxcareContext, name: string): Promise<ServerGroupWire | undefined> {
    const client = await ctx.client();
    return (await ctx.listCache.get(SERVER_GROUPS, () => client.listServerGroups())).find((g) => g.name === name);
}

async function members(ctx: TuxcareContext, name: string): Promise<GroupMember[]> {
    const servers = await (await ctx.client()).listServerGroupServers(name);
    return servers
        .map((s) => ({ id: s.id, hostName: s.hostName ?? undefined, ip: s.ip ?? undefined, type: s.type ?? undefined }))
        .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The error for members the portal does not know. A KernelCare server removed from the portal (out
 * of band) leaves its groups, and the provider cannot make a server: it registers itself. So the
 * group cannot be repaired until the server is back, or the program stops listing it.
 */
function unknownMembers(name: string, ids: readonly string[], cause: unknown): unknown {
    if (!(cause instanceof ApiError) || cause.kind !== "NotFound") return cause;
    return new ApiError({
        kind: "Validation",
        service: "TuxCare",
        operation: "group/servers/put",
        message: `serverIds: server group "${name}" cannot take ${ids.join(", ")}: the portal does not know ${ids.length > 1 ? "one of these servers" : "this server"} (${cause.message}). A KernelCare server removed from the portal leaves its groups; register it again and run up, or remove it from serverIds.`,
    });
}

/**
 * Adds and removes members so the group holds exactly `wanted`. `held` (the current ones to begin
 * with) is kept in step with each call that succeeds, so a failure part way can be recorded as it stands.
 */
async function setMembers(ctx: TuxcareContext, name: string, held: string[], wanted: readonly string[]): Promise<void> {
    const client = await ctx.client();
    const add = wanted.filter((id) => !held.includes(id));
    const remove = held.filter((id) => !wanted.includes(id));
    if (add.length > 0) {
        await client.addServerGroupServers(name, add).catch((e: unknown) => Promise.reject(unknownMembers(name, add, e)));
        held.push(...add);
    }
    if (remove.length > 0) {
        await client.removeServerGroupServers(name, remove);
        held.splice(0, held.length, ...held.filter((id) => !remove.includes(id)));
    }
}

const lifecycle = (ctx: TuxcareContext): Lifecycle => ({
    async create(props) {
        const inputs = serverGroupInputSchema.parse(props);
        const client = await ctx.client();
        const existing = await liveGroup(ctx, inputs.name);
        if (existing?.description !== undefined && existing.description !== inputs.description)
            throw immutableChangeError(
                serverGroup.type,
                "description",
                inputs.name,
                existing.description,
                inputs.description,
                serverGroupFields.description.reason!,
            );
        if (!existing) {
            await createReconciled({
                what: `server group "${inputs.name}"`,
                create: () => client.createServerGroup(inputs.name, inputs.description || undefined),
                findNew: async () => (await client.listServerGroups()).filter((g) => g.name === inputs.name),
            });
        }
        // An existing group is taken over (the portal cannot delete a group, so a name is adopted by declaring it).
        if (existing) noteTakenOver(serverGroup.type, inputs.name);
        const current = existing ? (await members(ctx, inputs.name)).map((s) => s.id) : [];
        // The group exists now. If a step below fails, it is recorded with the members it has then, so
        // the next update sets the rest.
        return finishCreate(
            inputs.name,
            props,
            () => ({ ...inputs, serverIds: current, servers: [] }),
            async () => {
                await setMembers(ctx, inputs.name, current, inputs.serverIds);
                return { ...inputs, servers: await members(ctx, inputs.name) };
            },
        );
    },

    async read(id, props) {
        const state = props as unknown as ServerGroupOutputs;
        const live = await liveGroup(ctx, state.name);
        if (!live) return {};
        // "Group not found" from its member list: the group went after the (shared) group list was read.
        const servers = await undefinedIfNotFound(() => members(ctx, state.name));
        if (!servers) return {};
        const inputs = readInputs(
            serverGroupFields,
            { name: live.name, description: live.description, serverIds: servers.map((s) => s.id) },
            state,
        );
        return { id, props: { ...inputs, servers }, inputs: { ...inputs } };
    },

    async update(id, olds, news) {
        const state = olds as unknown as ServerGroupOutputs;
        const inputs = serverGroupInputSchema.parse(news);
        const held = [...state.serverIds];
        return finishUpdate(
            id,
            news,
            () => ({ ...state, serverIds: held }),
            async () => {
                await setMembers(ctx, state.name, held, inputs.serverIds);
                return { ...state, serverIds: inputs.serverIds, servers: await members(ctx, state.name) };
            },
        );
    },

    async delete(_id, props) {
        const state = props as unknown as ServerGroupOutputs;
        if (!(await liveGroup(ctx, state.name))) return;
        const current = (await undefinedIfNotFound(() => members(ctx, state.name)))?.map((s) => s.id);
        if (!current) return; // already gone
        await setMembers(ctx, state.name, current, []);
        warn(serverGroup.type, `server group "${state.name}" is now empty but stays in the portal: the API has no call to delete a group`);
    },
});

export const serverGroup = defineResource({
    type: "tuxcare:ServerGroup",
    description: "A KernelCare server group (/api/group) and its members.",
    api: "tuxcare",
    inputs: serverGroupInputSchema,
    fields: serverGroupFields,
    outputs: {
        servers: {
            type: z.array(
                z
                    .object({ id: z.string(), hostName: z.string(), ip: z.string(), type: z.string() })
                    .meta({ id: "GroupServer", description: "A member of a server group." }),
            ),
            doc: "The group's members.",
        },
    },
    importId: {
        format: "the group's name",
        async resolve(_ctx, id) {
            return id ? { id, state: { name: id } } : undefined;
        },
    },
    lifecycle,
});
