/**
 * FluxarkServer: a remote server reachable through the FluxArk jump server (`/api/servers/`).
 *
 * The update call replaces the whole record (omitted fields go back to their defaults), so every
 * create and update sends the full desired record; `groups: []` removes all groups.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import type { FluxarkContext } from "./context";
import type { ServerRecord } from "./client";
import { serverAddressSchema } from "../core/validators";
import { byNumericId, idSchema, listServers, portSchema, serverGroupNameSchema, serverNameSchema } from "./common";
import type { ServerWire } from "./schemas";

// 1. Validation, normalisation and defaults.
export const fluxarkServerInputSchema = z.object({
    name: serverNameSchema,
    ipAddr: serverAddressSchema,
    active: z.boolean({ error: "must be true or false" }).default(true),
    isJump: z.boolean({ error: "must be true or false" }).default(false),
    isCron: z.boolean({ error: "must be true or false" }).default(false),
    isApi: z.boolean({ error: "must be true or false" }).default(false),
    port: portSchema.default(22),
    groups: z
        .array(serverGroupNameSchema, { error: "must be a list of group names" })
        .default([])
        .transform((g) => [...new Set(g)].sort()),
    adopt: idSchema.optional(),
});
export type FluxarkServerInputs = z.output<typeof fluxarkServerInputSchema>;

// 2. What changes in place and what replaces.
export const fluxarkServerFields: FieldTable<FluxarkServerInputs> = {
    name: {
        behaviour: "update",
        readBack: "yes",
        doc: 'Unique server name, the SSH destination users reach as remoteuser@server@user@jumphost: not empty, at most 255 characters, no @ or spaces (so the document\'s list example "test API" is refused), no control or invisible format characters.',
    },
    ipAddr: {
        behaviour: "update",
        readBack: "yes",
        doc: "IPv4 or IPv6 address (not multicast, 0.0.0.0/8 or 240.0.0.0/4; no zone id), or a host name (a trailing dot is fine; the last label cannot be a number, so 1.2.3 and 999.1.1.1 are refused; international names in their xn-- form).",
    },
    active: { behaviour: "update", readBack: "yes", doc: "Default true." },
    isJump: { behaviour: "update", readBack: "yes", doc: "Can act as a jump server (default false)." },
    isCron: { behaviour: "update", readBack: "yes", doc: "Target for SSH cron jobs (default false)." },
    isApi: { behaviour: "update", readBack: "yes", doc: "Target for the SSH API (default false)." },
    port: { behaviour: "update", readBack: "yes", doc: "Default SSH port, 1-65535 (default 22)." },
    groups: {
        behaviour: "update",
        readBack: "yes",
        doc: "Server group names, a set (default none); no /, and not . or .. (a name is a path segment of FluxArk's grant calls); [] removes all groups.",
    },
    adopt: { behaviour: "createOnly", readBack: "no", doc: "Id of an existing server to take over. Used only at creation." },
};

// What the API makes.
const apiOutputs = {
    serverId: { type: z.number().int(), stable: "id", doc: "FluxArk's id of the server." },
    created: { type: z.string(), stable: true, doc: "When the server was created (UTC)." },
} satisfies Record<string, OutputSpec>;
export type FluxarkServerOutputs = FluxarkServerInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
const record = (i: FluxarkServerInputs): ServerRecord => ({
    name: i.name,
    ip_addr: i.ipAddr,
    active: i.active,
    is_jump: i.isJump,
    is_cron: i.isCron,
    is_api: i.isApi,
    port: i.port,
    groups: i.groups,
});

/** The inputs as FluxArk holds them; a field its answer leaves out keeps the last applied value. */
function inputsFrom(live: ServerWire, last: FluxarkServerInputs): FluxarkServerInputs {
    return readInputs(
        fluxarkServerFields,
        {
            name: live.name,
            ipAddr: live.ip_addr,
            active: live.active,
            isJump: live.is_jump,
            isCron: live.is_cron,
            isApi: live.is_api,
            port: live.port,
            groups: live.groups && [...live.groups].sort(),
        },
        last,
    );
}

async function liveServer(ctx: FluxarkContext, id: number): Promise<ServerWire | undefined> {
    return (await listServers(ctx)).find((s) => s.id === id);
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = fluxarkServerInputSchema.parse(props);
        const client = await ctx.client();
        let id: number;
        if (inputs.adopt !== undefined) {
            if (!(await liveServer(ctx, inputs.adopt)))
                throw new ApiError({
                    kind: "NotFound",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: no server with id ${inputs.adopt}`,
                });
            id = inputs.adopt;
            await client.updateServer(id, record(inputs));
        } else {
            id = await createReconciled({
                what: `server "${inputs.name}"`,
                create: () => client.createServer(record(inputs)),
                findNew: async () => (await client.listServers()).filter((s) => s.name === inputs.name).map((s) => s.id),
            });
        }
        // The server exists now: a failed read of its creation time must not drop it from state.
        const created = await liveServer(ctx, id).then(
            (s) => s?.created ?? "",
            () => "",
        );
        return { id: String(id), outs: { ...inputs, serverId: id, created } };
    },

    async read(id, props) {
        const state = props as unknown as FluxarkServerOutputs;
        const live = await liveServer(ctx, Number(id));
        if (!live) return {};
        const inputs = inputsFrom(live, state);
        return { id, props: { ...inputs, serverId: live.id, created: live.created ?? state.created }, inputs: { ...inputs } };
    },

    async update(id, olds, news) {
        const inputs = fluxarkServerInputSchema.parse(news);
        await (await ctx.client()).updateServer(Number(id), record(inputs));
        return { outs: { ...olds, ...inputs } };
    },

    async delete(id) {
        const client = await ctx.client();
        await deleteIgnoringNotFound(() => client.deleteServer(Number(id)));
    },
});

export const fluxarkServer = defineResource({
    type: "fluxark:FluxarkServer",
    description: "A remote server behind the FluxArk jump server (/api/servers/).",
    api: "fluxark",
    inputs: fluxarkServerInputSchema,
    fields: fluxarkServerFields,
    outputs: apiOutputs,
    importId: byNumericId(),
    lifecycle,
});
