/**
 * FluxarkServerUser: a remote SSH account on a FluxArk server (`/api/servers/$ID/users`); ACL
 * rules point at it. Updates are partial. The password is write-only: FluxArk only says whether
 * one is set (`hasPassword`), so it is applied when its input changes and a password changed
 * outside Pulumi cannot be seen.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { changedInputs, defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound, undefinedIfNotFound } from "../core/errors";
import { containsUnknown } from "../core/check";
import { createReconciled } from "../core/reconcile";
import type { Props } from "../core/resource";
import type { FluxarkContext } from "./context";
import type { ServerUserFields } from "./client";
import { passwordSchema, textProblem } from "../core/validators";
import { idSchema, listServers, numericId, portSchema, REMOTE_USER_NAME, serverUsersCache } from "./common";
import type { ServerUserWire } from "./schemas";

export const REMOTE_AUTH_METHODS = ["password", "key", "key-pass"] as const;

// 1. Validation, normalisation and defaults.
/** The private key FluxArk logs in with: several lines (PEM), so line breaks are allowed; never quoted in a message. */
const privateKeySchema = z.string({ error: "must be a string" }).superRefine((s, ctx) => {
    const problem = textProblem(s, { multiLine: true });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const fluxarkServerUserInputSchema = z.object({
    serverId: idSchema,
    username: z
        .string({ error: "must be a string" })
        .regex(REMOTE_USER_NAME, "must be a unix user name: letters, digits, _ . -, at most 32 characters"),
    authMethod: z
        .enum(REMOTE_AUTH_METHODS, {
            error: (iss) => `"${String(iss.input)}" is not an auth method; use one of ${REMOTE_AUTH_METHODS.join(", ")}`,
        })
        .default("password"),
    // The remote account's own password, set on that server: FluxArk's strength check is for portal users, so no minimum here.
    password: passwordSchema().optional(),
    sshKey: privateKeySchema.optional(),
    port: portSchema.default(22),
    active: z.boolean({ error: "must be true or false" }).default(true),
    defaultUser: z.boolean({ error: "must be true or false" }).default(false),
    adopt: idSchema.optional(),
});
export type FluxarkServerUserInputs = z.output<typeof fluxarkServerUserInputSchema>;

/**
 * The credentials only a new account needs. An adopted or imported account (or one already in the
 * stack on the same server: `olds` holds it) has its own, and what the program leaves unset is never sent.
 */
function newAccountFailures(v: FluxarkServerUserInputs, olds: Props): { property: string; reason: string }[] {
    if (v.adopt !== undefined || (olds.serverId !== undefined && Number(olds.serverId) === v.serverId)) return [];
    const failures = [];
    // At preview, inputs with an unknown value arrive without their defaults.
    const authMethod = v.authMethod ?? "password";
    if (authMethod !== "password" && (v.sshKey ?? "").trim() === "")
        failures.push({
            property: "sshKey",
            reason: `is required when authMethod is "${authMethod}" (the private key FluxArk logs in with)`,
        });
    if (authMethod !== "key" && v.password === undefined)
        failures.push({
            property: "password",
            reason: `is required when authMethod is "${authMethod}" (or set adopt to take over an existing account)`,
        });
    return failures;
}

// 2. What changes in place and what replaces.
export const fluxarkServerUserFields: FieldTable<FluxarkServerUserInputs> = {
    serverId: { behaviour: "replace", readBack: "yes", doc: "The server's id; a change replaces the account." },
    username: { behaviour: "update", readBack: "yes", doc: "Remote account name (unix rules, <= 32 characters)." },
    authMethod: {
        behaviour: "update",
        readBack: "yes",
        doc: "password, key or key-pass (default password). To create an account, key and key-pass need sshKey, password and key-pass need password (not to adopt or import one).",
    },
    password: {
        behaviour: "update",
        secret: true,
        readBack: "no",
        writeOnly: true,
        doc: "Secret, write-only: not blank, at most 1024 characters, no control or invisible format characters (no minimum length: it is the remote account's own password, set on that server). Applied when the input changes; changes made outside Pulumi are not seen.",
    },
    sshKey: {
        behaviour: "update",
        secret: true,
        readBack: "yes",
        unsetLeavesAsIs: true,
        doc: "The private key FluxArk logs in to the server with (secret). Not set: never sent, so an adopted or imported account keeps its key.",
    },
    port: { behaviour: "update", readBack: "yes", doc: "SSH port, 1-65535 (default 22)." },
    active: { behaviour: "update", readBack: "yes", doc: "Default true." },
    defaultUser: { behaviour: "update", readBack: "yes", doc: "The server's default remote user (default false)." },
    adopt: {
        behaviour: "createOnly",
        readBack: "no",
        doc: "Id of an existing remote user of the server to take over. Used only at creation.",
    },
};

// What the API makes.
const apiOutputs = {
    userServerId: { type: z.number().int(), stable: "id", doc: "FluxArk's id of the remote user (what ACL rules point at)." },
    hasPassword: { type: z.boolean(), doc: "Whether a password is set." },
} satisfies Record<string, OutputSpec>;
export type FluxarkServerUserOutputs = FluxarkServerUserInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
function fields(i: Partial<FluxarkServerUserInputs>): ServerUserFields {
    const f: ServerUserFields = {
        username: i.username,
        auth_method: i.authMethod,
        ssh_key: i.sshKey,
        port: i.port,
        active: i.active,
        default_user: i.defaultUser,
    };
    if (i.password !== undefined) f.password = i.password;
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ServerUserFields;
}

/**
 * The remote user as FluxArk lists it; undefined when it, or the server it belongs to, is gone. The
 * shared server list carries each server's users; a list without them is completed by the server's
 * own user list, whose "Missing server" also means gone.
 */
async function liveUser(ctx: FluxarkContext, serverId: number, id: number): Promise<ServerUserWire | undefined> {
    const server = (await listServers(ctx)).find((s) => s.id === serverId);
    if (!server) return undefined;
    const client = await ctx.client();
    const users =
        server.users ??
        (await undefinedIfNotFound(() => ctx.listCache.get(serverUsersCache(serverId), () => client.listServerUsers(serverId))));
    return users?.find((u) => u.id === id);
}

function outputs(
    inputs: FluxarkServerUserInputs,
    live: ServerUserWire | undefined,
    id: number,
    last?: FluxarkServerUserOutputs,
): FluxarkServerUserOutputs {
    return { ...inputs, userServerId: id, hasPassword: live?.has_password ?? last?.hasPassword ?? inputs.password !== undefined };
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = fluxarkServerUserInputSchema.parse(props);
        const client = await ctx.client();
        const missing = newAccountFailures(inputs, {});
        if (missing.length > 0)
            throw new ApiError({ kind: "Validation", message: missing.map((f) => `${f.property} ${f.reason}`).join("; ") });
        let id: number;
        if (inputs.adopt !== undefined) {
            if (!(await liveUser(ctx, inputs.serverId, inputs.adopt)))
                throw new ApiError({
                    kind: "NotFound",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: server ${inputs.serverId} has no remote user with id ${inputs.adopt}`,
                });
            id = inputs.adopt;
            await client.updateServerUser(inputs.serverId, id, fields(inputs));
        } else {
            id = await createReconciled({
                what: `remote user "${inputs.username}"`,
                create: () => client.createServerUser(inputs.serverId, fields(inputs)),
                findNew: async () =>
                    (await client.listServerUsers(inputs.serverId)).filter((u) => u.username === inputs.username).map((u) => u.id),
            });
        }
        // The remote user exists now: if it cannot be read back, hasPassword comes from the inputs.
        return { id: String(id), outs: outputs(inputs, await liveUser(ctx, inputs.serverId, id).catch(() => undefined), id) };
    },

    async read(id, props) {
        const state = props as unknown as FluxarkServerUserOutputs;
        const live = await liveUser(ctx, state.serverId, Number(id));
        if (!live) return {};
        // serverId is the server it was found on; the password is write-only.
        const authMethod = (REMOTE_AUTH_METHODS as readonly string[]).includes(live.auth_method ?? "")
            ? (live.auth_method as FluxarkServerUserInputs["authMethod"])
            : undefined;
        const inputs = readInputs(
            fluxarkServerUserFields,
            {
                username: live.username,
                authMethod,
                sshKey: live.ssh_key,
                port: live.port,
                active: live.active,
                defaultUser: live.default_user,
            },
            state,
        );
        return { id, props: outputs(inputs, live, Number(id), state), inputs: { ...inputs } };
    },

    async update(id, olds, news) {
        const inputs = fluxarkServerUserInputSchema.parse(news);
        const delta = changedInputs(fluxarkServerUserFields, olds, news, inputs);
        await (await ctx.client()).updateServerUser(inputs.serverId, Number(id), fields(delta));
        return { outs: outputs(inputs, await liveUser(ctx, inputs.serverId, Number(id)), Number(id)) };
    },

    async delete(id, props) {
        const client = await ctx.client();
        await deleteIgnoringNotFound(() => client.deleteServerUser(Number(props.serverId), Number(id)));
    },
});

export const fluxarkServerUser = defineResource({
    type: "fluxark:FluxarkServerUser",
    description: "A remote SSH account on a FluxArk server (/api/servers/$ID/users).",
    api: "fluxark",
    inputs: fluxarkServerUserInputSchema,
    fields: fluxarkServerUserFields,
    outputs: apiOutputs,
    importId: {
        format: "the remote user's numeric id (userServerId)",
        // The server it belongs to: the one whose users (listed with it, or asked for) include it.
        async resolve(ctx, id) {
            const n = numericId(id);
            if (n === undefined) return undefined;
            for (const server of await listServers(ctx))
                if (await liveUser(ctx, server.id, n)) return { id: String(n), state: { serverId: server.id } };
            return undefined;
        },
    },
    lifecycle,
    check(result, olds) {
        const v = result.inputs as FluxarkServerUserInputs | undefined;
        // An unknown server id matters only against an existing account's (a new one needs its credentials anyway).
        if (
            result.failures ||
            !v ||
            containsUnknown([v.adopt, v.authMethod]) ||
            (olds.serverId !== undefined && containsUnknown(v.serverId))
        )
            return result;
        const failures = newAccountFailures(v, olds);
        return failures.length > 0 ? { inputs: result.inputs, failures } : result;
    },
});
