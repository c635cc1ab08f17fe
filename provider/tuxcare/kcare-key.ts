/**
 * KcareKey: a KernelCare license key in the TuxCare portal (`/api/kcare`).
 *
 * The portal has no call to change a key's limit or note, so those changes replace the key (and
 * strand the servers registered to it: preview warns with their addresses). The CIDR list is
 * set with `set_cidr`, which replaces the whole list; the portal cannot read it back, so CIDR
 * drift made outside Pulumi cannot be seen. The key is a credential: it is a secret output and
 * the resource id is a fingerprint of it.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, undefinedIfNotFound } from "../core/errors";
import { fingerprintId } from "../core/ids";
import { finishCreate, warn } from "../core/resource";
import { cidrSetSchema, limitSchema, textSchema } from "../core/validators";
import { kcareKeyInput, licenseServer } from "./key-shapes";
import type { TuxcareContext } from "./context";
import { KCARE_KEYS } from "./lists";
import type { KcareKeyWire, KcareServerWire } from "./schemas";

// 1. Validation, normalisation and defaults.
export const kcareKeyInputSchema = z.object({
    limit: limitSchema,
    note: textSchema(100).default(""),
    cidrs: cidrSetSchema.optional(),
    adopt: kcareKeyInput.optional(),
});
export type KcareKeyInputs = z.output<typeof kcareKeyInputSchema>;

// 2. What changes in place and what replaces.
export const kcareKeyFields: FieldTable<KcareKeyInputs> = {
    limit: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited). The portal cannot change it: a change replaces the key.",
    },
    note: {
        behaviour: "replace",
        readBack: "yes",
        doc: "Description, at most 100 characters, without control characters (tab, newline, ...) or invisible format characters (U+200B, U+202E, ...) (default empty). A change replaces the key.",
    },
    cidrs: {
        behaviour: "update",
        readBack: "no",
        unsetLeavesAsIs: true,
        doc: "IPv4/IPv6 CIDRs allowed to register: order, spacing and IPv6 spelling do not matter; a bare address means /32 or /128; no zone ids (%eth0), no host bits (10.1.2.3/8: did you mean 10.0.0.0/8?), no leading zeros in the prefix (/008, which some read as /8 and others refuse). Set in place with key/set_cidr, which replaces the whole list ([] clears them). Not readable back from the portal, so unset it is never sent: a new key has none, an adopted one keeps its own.",
    },
    adopt: {
        behaviour: "createOnly",
        secret: true,
        readBack: "no",
        doc: "An existing key to take over instead of creating one (secret): a KernelCare key, 12 to 64 letters and digits. Used only at creation; limit and note must match the key (the portal cannot change them); declared cidrs are set, unset ones leave the key's CIDRs as they are.",
    },
};

/**
 * A server registered with a key, as read: a field the portal's answer leaves out (it may send no
 * hostname) is left out. The public type, `KcareServer`, is generated from the `servers` output below.
 */
export interface RegisteredServer {
    id: string;
    ip?: string;
    hostname?: string;
    created?: string;
}

// What the API makes.
const apiOutputs = {
    key: { type: z.string(), secret: true, stable: true, doc: "The license key (secret)." },
    enabled: { type: z.boolean(), doc: "Whether the key is enabled." },
    created: { type: z.string(), stable: true, doc: "When the key was created." },
    servers: {
        type: z.array(
            licenseServer
                .extend({ created: z.string() })
                .meta({ id: "KcareServer", description: "A server registered with a KernelCare key." }),
        ),
        doc: "Servers registered with the key, as last read.",
    },
} satisfies Record<string, OutputSpec>;
export type KcareKeyOutputs = KcareKeyInputs & Omit<OutputValues<typeof apiOutputs>, "servers"> & { servers: RegisteredServer[] };

// 3. The lifecycle.
export const kcareKeyId = (key: string): string => fingerprintId("kcare", key);

/** The account's keys, through the list cache every read of the run shares. */
async function listKeys(ctx: TuxcareContext): Promise<KcareKeyWire[]> {
    const client = await ctx.client();
    return ctx.listCache.get(KCARE_KEYS, () => client.listKcareKeys());
}

async function findKey(ctx: TuxcareContext, key: string): Promise<KcareKeyWire | undefined> {
    return (await listKeys(ctx)).find((k) => k.key === key);
}

function toServers(wire: KcareServerWire[]): RegisteredServer[] {
    return wire
        .map((s) => ({
            id: s.server_id ?? s.id ?? "",
            ip: s.ip ?? undefined,
            hostname: s.hostname ?? undefined,
            created: s.created ?? undefined,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
}

async function serversOf(ctx: TuxcareContext, key: string): Promise<RegisteredServer[]> {
    return toServers(await (await ctx.client()).listKcareKeyServers(key));
}

function outputs(inputs: KcareKeyInputs, live: KcareKeyWire, servers: RegisteredServer[], last?: KcareKeyOutputs): KcareKeyOutputs {
    return {
        ...inputs,
        key: live.key,
        enabled: live.enabled ?? last?.enabled ?? true,
        created: live.created ?? last?.created ?? "",
        servers,
    };
}

function strandedMessage(change: string, servers: RegisteredServer[]): string {
    const shown = servers
        .slice(0, 10)
        .map((s) => s.ip || s.hostname || s.id)
        .join(", ");
    const more = servers.length > 10 ? ` and ${servers.length - 10} more` : "";
    return `${change}: ${servers.length} server(s) registered to the old key (${shown}${more}) will lose their license until they are registered with the new key`;
}

async function adoptExisting(ctx: TuxcareContext, inputs: KcareKeyInputs, key: string): Promise<KcareKeyWire> {
    const live = await findKey(ctx, key);
    if (!live)
        throw new ApiError({
            kind: "NotFound",
            service: "TuxCare",
            operation: "adopt",
            message: "adopt: the KernelCare key given is not in this account",
        });
    const mismatches: string[] = [];
    if (live.limit !== undefined && live.limit !== inputs.limit) mismatches.push(`limit is ${live.limit}, the inputs say ${inputs.limit}`);
    if (live.note !== undefined && live.note !== inputs.note) mismatches.push(`note is "${live.note}", the inputs say "${inputs.note}"`);
    if (mismatches.length > 0) {
        throw new ApiError({
            kind: "Conflict",
            service: "TuxCare",
            operation: "adopt",
            message: `adopt: the existing key differs and the portal cannot update a KernelCare key (${mismatches.join("; ")}); set limit and note to the existing values`,
        });
    }
    return live;
}

const lifecycle = (ctx: TuxcareContext): Lifecycle => ({
    async create(props) {
        const inputs = kcareKeyInputSchema.parse(props);
        const client = await ctx.client();
        let live: KcareKeyWire;
        if (inputs.adopt) {
            live = await adoptExisting(ctx, inputs, inputs.adopt);
            ctx.kcareKeys.claim(live.key, "adopt: the KernelCare key given");
        } else {
            live = await ctx.kcareKeys.create({
                what: "KernelCare key",
                list: KCARE_KEYS,
                listFresh: () => client.listKcareKeys(),
                create: () => client.createKcareKey(inputs.limit, inputs.note || undefined),
                // The portal answers a create with the key alone; created and enabled are read at the next refresh.
                entry: (key) => ({ key, limit: inputs.limit, note: inputs.note, enabled: true, created: "" }),
                matches: (k) => (k.limit ?? inputs.limit) === inputs.limit && (k.note ?? inputs.note) === inputs.note,
            });
        }
        const outs = outputs(inputs, live, []);
        // Recorded without the declared CIDRs if a step fails, so the next update sets them.
        return finishCreate(
            kcareKeyId(live.key),
            props,
            () => ({ ...outs, cidrs: inputs.adopt ? undefined : [] }),
            async () => {
                // CIDRs cannot be read: an adopted key's are set only when declared; a new key has none to clear.
                if (inputs.cidrs !== undefined && (inputs.cidrs.length > 0 || inputs.adopt))
                    await client.setKcareKeyCidrs(live.key, inputs.cidrs);
                if (inputs.adopt) outs.servers = await serversOf(ctx, live.key); // a new key has none yet
                return outs;
            },
        );
    },

    async read(id, props) {
        const key = props.key;
        if (typeof key !== "string")
            throw new ApiError({
                kind: "InvalidResponse",
                service: "TuxCare",
                operation: "read",
                message: `${kcareKey.type} ${id}: state has no key`,
            });
        const live = await findKey(ctx, key);
        if (!live) return {}; // gone: refresh drops it, the next up creates it again
        const state = props as unknown as KcareKeyOutputs;
        // "Key not found" from key/servers.json: the key went after the (shared) key list was read.
        const servers = await undefinedIfNotFound(() => serversOf(ctx, key));
        if (!servers) return {};
        // CIDRs cannot be read back: the last applied list stands.
        const inputs = readInputs(kcareKeyFields, { limit: live.limit, note: live.note }, state);
        return { id, props: outputs(inputs, live, servers, state), inputs: { ...inputs } };
    },

    async update(_id, olds, news) {
        const state = olds as unknown as KcareKeyOutputs;
        const inputs = kcareKeyInputSchema.parse(news);
        const client = await ctx.client();
        if (inputs.cidrs !== undefined) await client.setKcareKeyCidrs(state.key, inputs.cidrs); // unset is no change
        return { outs: { ...state, ...inputs, servers: await serversOf(ctx, state.key) } };
    },

    async delete(_id, props) {
        const state = props as unknown as KcareKeyOutputs;
        const client = await ctx.client();
        const servers = await serversOf(ctx, state.key).catch(() => state.servers ?? []);
        await client.deleteKcareKey(state.key); // false means already gone: that is success too
        if (servers.length > 0) warn(kcareKey.type, strandedMessage("the key was deleted", servers));
    },
});

export const kcareKey = defineResource({
    type: "tuxcare:KcareKey",
    description: "A KernelCare license key (/api/kcare).",
    api: "tuxcare",
    inputs: kcareKeyInputSchema,
    fields: kcareKeyFields,
    outputs: apiOutputs,
    importId: {
        format: "kcare-<fingerprint>: the key's resource id (never the key itself)",
        async resolve(ctx, id) {
            const key = (await listKeys(ctx)).find((k) => fingerprintId("kcare", k.key) === id.trim());
            return key && { id: id.trim(), state: { key: key.key } };
        },
    },
    lifecycle,
    // A replacement strands the servers registered to the old key: preview says which.
    async diff(ctx, planned, olds) {
        if (planned.replaces?.length && typeof olds.key === "string") {
            const servers = await serversOf(ctx, olds.key).catch(() => (olds.servers as RegisteredServer[] | undefined) ?? []);
            if (servers.length > 0)
                warn(kcareKey.type, strandedMessage(`changing ${planned.replaces.join(" and ")} replaces the key`, servers));
        }
    },
});
