/**
 * FluxarkUser: a FluxArk portal user (`/api/users/`). Updates are partial; the username cannot
 * change (a change replaces the user). The password is write-only: applied when its input
 * changes; a password changed outside Pulumi cannot be seen.
 *
 * Deleting a user in FluxArk deletes its home directory and every SSH session log, and the
 * document recommends deactivating instead: `deletionPolicy` defaults to "deactivate" (the user
 * stays, inactive, with its logs); "delete" removes it for good.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { changedInputs, defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import { containsUnknown } from "../core/check";
import { warn, type Props } from "../core/resource";
import { cidrSet, emailSchema, nameSchema, passwordSchema, PORTAL_PASSWORD_MIN, textProblem, textSchema } from "../core/validators";
import type { FluxarkContext } from "./context";
import { allowListForm, readAllowList } from "./allow-list";
import type { UserFields } from "./client";
import { byNumericId, idSchema, listUsers } from "./common";
import type { UserWire } from "./schemas";

export const AUTH_TYPES = ["password", "password-key", "key"] as const;
export const PASSWORD_TYPES = ["password", "token", "password-token"] as const;
export const DELETION_POLICIES = ["deactivate", "delete"] as const;

// 1. Validation, normalisation and defaults.
// The document's own example, 127.0.0.1/24, is an address under a prefix: read as its network (127.0.0.0/24), as FluxArk matches it.
const ipAllowList = cidrSet({ list: "a list of IPs or CIDRs", entry: "address or CIDR", hostBits: "network" }).transform((cidrs) =>
    [...new Set(cidrs.map(allowListForm))].sort(),
);

/** One OpenSSH public key per line: `<type> <base64> [comment]`. */
const PUBLIC_KEY_LINE = /^(?:ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ +[A-Za-z0-9+/]+={0,3}(?: .*)?$/;

/** The user's public key(s), trimmed (a key read from a .pub file ends with a newline). Never quoted in a message. */
const publicKeySchema = z
    .string({ error: "must be a string" })
    .trim()
    .superRefine((s, ctx) => {
        const lines = s.split(/\r?\n/).filter((l) => l.trim() !== "");
        const problem = /PRIVATE KEY-----|PuTTY-User-Key-File/.test(s)
            ? "holds a private key: give the public key instead (the .pub file, like ssh-ed25519 AAAA... user@host), and keep the private key away from this program"
            : (textProblem(lines.join(" ")) ??
              (lines.some((l) => !PUBLIC_KEY_LINE.test(l.trim()))
                  ? "must be an OpenSSH public key, one per line: <type> <base64> [comment], like ssh-ed25519 AAAA... user@host"
                  : undefined));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const fluxarkUserInputSchema = z.object({
    username: z
        .string({ error: "must be a string" })
        .regex(
            /^[a-z_][a-z0-9_-]{0,31}$/,
            "must follow unix rules: start with a lower-case letter or _, then lower-case letters, digits, _ or -, at most 32 characters",
        ),
    email: emailSchema,
    password: passwordSchema(PORTAL_PASSWORD_MIN).optional(),
    fullName: nameSchema,
    authType: z.enum(AUTH_TYPES, { error: (iss) => `"${String(iss.input)}" is not an auth type; use one of ${AUTH_TYPES.join(", ")}` }),
    passwordType: z
        .enum(PASSWORD_TYPES, { error: (iss) => `"${String(iss.input)}" is not a password type; use one of ${PASSWORD_TYPES.join(", ")}` })
        .default("password"),
    sshKey: publicKeySchema.optional(),
    active: z.boolean({ error: "must be true or false" }).default(true),
    serverAdmin: z.boolean({ error: "must be true or false" }).default(false),
    comment: textSchema().optional(),
    ipAllowList: ipAllowList.default([]),
    groups: z
        .array(nameSchema, { error: "must be a list of group names" })
        .default([])
        .transform((g) => [...new Set(g)].sort()),
    deletionPolicy: z.enum(DELETION_POLICIES, { error: `must be one of ${DELETION_POLICIES.join(", ")}` }).default("deactivate"),
    adopt: idSchema.optional(),
});
export type FluxarkUserInputs = z.output<typeof fluxarkUserInputSchema>;

/**
 * What only a new user needs: a password, and a key for the key auth types. An adopted or imported
 * user (or one already in the stack: `olds` holds its username) has them already, and what the
 * program leaves unset is never sent.
 */
function newUserFailures(v: FluxarkUserInputs, olds: Props): { property: string; reason: string }[] {
    if (v.adopt !== undefined || (olds.username !== undefined && olds.username === v.username)) return [];
    const failures = [];
    if (v.password === undefined)
        failures.push({ property: "password", reason: "is required to create a user (or set adopt to take over an existing one)" });
    if (v.authType !== "password" && !v.sshKey)
        failures.push({ property: "sshKey", reason: `is required when authType is "${v.authType}"` });
    return failures;
}

// 2. What changes in place and what replaces.
export const fluxarkUserFields: FieldTable<FluxarkUserInputs> = {
    username: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Unix user name, <= 32 characters. FluxArk cannot rename: a change replaces the user.",
    },
    email: { behaviour: "update", readBack: "yes", doc: "Unique e-mail address; international addresses (josé@example.com) are accepted." },
    password: {
        behaviour: "update",
        secret: true,
        readBack: "no",
        writeOnly: true,
        doc: "Secret, write-only: 8 to 1024 characters, not blank, no control or invisible format characters. Required to create a user, not to adopt or import one (never sent while unset). Applied when the input changes; a password changed outside Pulumi is not seen.",
    },
    fullName: {
        behaviour: "update",
        readBack: "yes",
        doc: "Full name: not empty, at most 255 characters, no control or invisible format characters.",
    },
    authType: { behaviour: "update", readBack: "yes", doc: "password, password-key or key (the key types need sshKey)." },
    passwordType: { behaviour: "update", readBack: "yes", doc: "password, token or password-token (default password)." },
    sshKey: {
        behaviour: "update",
        readBack: "if returned",
        unsetLeavesAsIs: true,
        doc: "OpenSSH public key(s), one per line (a private key is refused); required to create a user of the key auth types. Not set: never sent, so an adopted or imported user keeps its key. The document's user list does not return it: read back only where the installation's list does.",
    },
    active: { behaviour: "update", readBack: "yes", doc: "Default true." },
    serverAdmin: { behaviour: "update", readBack: "yes", doc: "Connects straight to the jump server (default false)." },
    comment: {
        behaviour: "update",
        readBack: "if returned",
        unsetLeavesAsIs: true,
        doc: "Free text, at most 1024 characters, without control or invisible format characters. Not set: never sent, so an adopted or imported user keeps its comment. Read back only where the installation's user list returns it (the document's does not).",
    },
    ipAllowList: {
        behaviour: "update",
        readBack: "yes",
        doc: "IPs/CIDRs the user may connect from (default none), normalised and sorted; an address under a prefix (127.0.0.1/24, the document's example) is read as its network (127.0.0.0/24).",
    },
    groups: { behaviour: "update", readBack: "yes", doc: "User group names, a set (default none); the groups must exist." },
    deletionPolicy: {
        behaviour: "update",
        readBack: "no",
        doc: "deactivate (default: keeps home and SSH session logs) or delete. Applies at destroy; changing it calls no API.",
    },
    adopt: {
        behaviour: "createOnly",
        readBack: "no",
        doc: "Id of an existing user to take over (its username must match). Used only at creation.",
    },
};

// What the API makes.
const apiOutputs = {
    userId: { type: z.number().int(), stable: "id", doc: "FluxArk's id of the user." },
    created: { type: z.string(), stable: true, doc: "When the user was created (UTC)." },
} satisfies Record<string, OutputSpec>;
export type FluxarkUserOutputs = FluxarkUserInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
function fields(i: Partial<FluxarkUserInputs>): UserFields {
    const f: UserFields = {
        username: i.username,
        email: i.email,
        password: i.password,
        full_name: i.fullName,
        auth_type: i.authType,
        password_type: i.passwordType,
        ssh_key: i.sshKey,
        active: i.active,
        server_admin: i.serverAdmin,
        comment: i.comment,
        ip_allow_list: i.ipAllowList?.join(","),
        groups: i.groups,
    };
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as UserFields;
}

async function liveUser(ctx: FluxarkContext, id: number): Promise<UserWire | undefined> {
    return (await listUsers(ctx)).find((u) => u.id === id);
}

const lifecycle = (ctx: FluxarkContext): Lifecycle => ({
    async create(props) {
        const inputs = fluxarkUserInputSchema.parse(props);
        const client = await ctx.client();
        let id: number;
        const missing = newUserFailures(inputs, {});
        if (missing.length > 0)
            throw new ApiError({ kind: "Validation", message: missing.map((f) => `${f.property} ${f.reason}`).join("; ") });
        if (inputs.adopt !== undefined) {
            const existing = await liveUser(ctx, inputs.adopt);
            if (!existing)
                throw new ApiError({
                    kind: "NotFound",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: no user with id ${inputs.adopt}`,
                });
            if (existing.username !== inputs.username)
                throw new ApiError({
                    kind: "Conflict",
                    service: "FluxArk",
                    operation: "adopt",
                    message: `adopt: user ${inputs.adopt} is "${existing.username}", not "${inputs.username}" (usernames cannot change)`,
                });
            id = inputs.adopt;
            // What the program leaves unset (password, sshKey, comment) is not in the body: it stays as it is.
            const { username: _u, ...rest } = fields(inputs);
            await client.updateUser(id, rest);
        } else {
            id = await createReconciled({
                what: `user "${inputs.username}"`,
                create: () => client.createUser(fields(inputs)),
                findNew: async () => (await client.listUsers()).filter((u) => u.username === inputs.username).map((u) => u.id),
            });
        }
        // The user exists now: a failed read of its creation time must not drop it from state
        // (the next run would then fail on "username taken"). The next refresh fills it in.
        const created = await liveUser(ctx, id).then(
            (u) => u?.created ?? "",
            () => "",
        );
        return { id: String(id), outs: { ...inputs, userId: id, created } };
    },

    async read(id, props) {
        const state = props as unknown as FluxarkUserOutputs;
        const live = await liveUser(ctx, Number(id));
        if (!live) return {};
        // The document's user list shows no ssh_key and no comment: an answer without them keeps the declared values.
        const inputs = readInputs(
            fluxarkUserFields,
            {
                username: live.username,
                email: live.email,
                fullName: live.full_name,
                authType: live.auth_type as FluxarkUserInputs["authType"] | undefined,
                passwordType: live.password_type as FluxarkUserInputs["passwordType"] | undefined,
                sshKey: live.ssh_key,
                active: live.active,
                serverAdmin: live.server_admin,
                comment: live.comment,
                ipAllowList: live.ip_allow_list === undefined ? undefined : readAllowList(live.ip_allow_list),
                groups: live.groups && [...live.groups].sort(),
            },
            state,
        );
        return { id, props: { ...inputs, userId: live.id, created: live.created ?? state.created }, inputs: { ...inputs } };
    },

    async update(id, olds, news) {
        const inputs = fluxarkUserInputSchema.parse(news);
        const delta = changedInputs(fluxarkUserFields, olds, news, inputs);
        const body = fields(delta);
        if (Object.keys(body).length > 0) await (await ctx.client()).updateUser(Number(id), body);
        return { outs: { ...olds, ...inputs } };
    },

    async delete(id, props) {
        const state = props as unknown as FluxarkUserOutputs;
        const client = await ctx.client();
        await deleteIgnoringNotFound(async () => {
            if (state.deletionPolicy === "delete") return client.deleteUser(Number(id));
            await client.updateUser(Number(id), { active: false });
            warn(
                fluxarkUser.type,
                `user "${state.username}" was deactivated, not deleted, so its home directory and SSH session logs are kept (deletionPolicy: "delete" removes them)`,
            );
        });
    },
});

export const fluxarkUser = defineResource({
    type: "fluxark:FluxarkUser",
    description: "A FluxArk portal user (/api/users/).",
    api: "fluxark",
    inputs: fluxarkUserInputSchema,
    fields: fluxarkUserFields,
    outputs: apiOutputs,
    importId: byNumericId({ deletionPolicy: "deactivate" }),
    lifecycle,
    check(result, olds) {
        const v = result.inputs as FluxarkUserInputs | undefined;
        if (result.failures || !v || containsUnknown([v.adopt, v.authType]) || (olds.username !== undefined && containsUnknown(v.username)))
            return result;
        const failures = newUserFailures(v, olds);
        return failures.length > 0 ? { inputs: result.inputs, failures } : result;
    },
});
