/**
 * ElsKey: an Extended Life Support or AlmaLinux ESU license key (`/api/els`).
 *
 * Limit and note update in place; a product change replaces the key. There is no "get one"
 * call: reading lists the product's keys (shared by every ElsKey of that product in the process).
 * Deleting removes the key with all its servers; the provider warns with the servers detached.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError, deleteIgnoringNotFound } from "../core/errors";
import { fingerprintId } from "../core/ids";
import { warn } from "../core/resource";
import { limitSchema, textSchema } from "../core/validators";
import { elsKeyInput, licenseServer } from "./key-shapes";
import type { TuxcareContext } from "./context";
import { elsKeysOf, elsServersOf } from "./lists";
import type { ElsKeyWire } from "./schemas";

export const ELS_PRODUCT_CODES = ["CELS", "OELS", "UELS16", "CELS_8", "UELS18", "PHP_ELS", "PYTHON_ELS", "ESU"] as const;
export type ElsProductCode = (typeof ELS_PRODUCT_CODES)[number];

// 1. Validation, normalisation and defaults.
export const productCodeSchema = z.enum(ELS_PRODUCT_CODES, {
    error: (iss) =>
        `${iss.input === undefined ? "is required" : `"${String(iss.input)}" is not a product code`}; use one of ${ELS_PRODUCT_CODES.join(", ")}`,
});

export const elsKeyInputSchema = z.object({
    productCode: productCodeSchema,
    limit: limitSchema,
    note: textSchema(255).default(""),
    adopt: elsKeyInput.optional(),
});
export type ElsKeyInputs = z.output<typeof elsKeyInputSchema>;

// 2. What changes in place and what replaces.
export const elsKeyFields: FieldTable<ElsKeyInputs> = {
    productCode: { behaviour: "replace", readBack: "yes", doc: "The product; a change replaces the key." },
    limit: {
        behaviour: "update",
        readBack: "yes",
        doc: "Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited); updated in place (key/update).",
    },
    note: {
        behaviour: "update",
        readBack: "yes",
        doc: "Description, at most 255 characters, without control or invisible format characters (default empty); updated in place.",
    },
    adopt: {
        behaviour: "createOnly",
        secret: true,
        readBack: "no",
        doc: "An existing key to take over instead of creating one (secret): an ELS key, a product code, a dash, 12 to 64 letters and digits. Used only at creation; its limit and note are then updated to the inputs.",
    },
};

// What the API makes.
const apiOutputs = {
    key: { type: z.string(), secret: true, stable: true, doc: "The license key (secret)." },
    usageLimit: { type: z.number().int(), doc: "The key's server limit as the portal holds it (0: unlimited)." },
    servers: { type: z.array(licenseServer), doc: "Servers registered under the key." },
} satisfies Record<string, OutputSpec>;
export type ElsKeyOutputs = ElsKeyInputs & OutputValues<typeof apiOutputs>;
type ElsServer = ElsKeyOutputs["servers"][number];

// 3. The lifecycle.
/** A product's keys, through the list cache every read of the run shares. */
async function keysOf(ctx: TuxcareContext, product: string): Promise<ElsKeyWire[]> {
    const client = await ctx.client();
    return ctx.listCache.get(elsKeysOf(product), () => client.listElsKeys(product));
}

async function liveKey(ctx: TuxcareContext, product: string, key: string): Promise<ElsKeyWire | undefined> {
    return (await keysOf(ctx, product)).find((k) => k.key === key);
}

async function serversOf(ctx: TuxcareContext, product: string, key: string): Promise<ElsServer[]> {
    const client = await ctx.client();
    const all = await ctx.listCache.get(elsServersOf(product), () => client.listElsServers(product));
    return all
        .filter((s) => s.key === key)
        .map((s) => ({ id: s.id, ip: s.ip ?? "", hostname: s.hostname ?? "" }))
        .sort((a, b) => a.id.localeCompare(b.id));
}

/** Outputs from the key as the portal answered it; a field the answer leaves out keeps the value in `inputs`. */
function outputs(inputs: ElsKeyInputs, live: ElsKeyWire, servers: ElsServer[]): ElsKeyOutputs {
    const limit = live.usageLimit ?? inputs.limit;
    return { ...inputs, note: live.description ?? inputs.note, limit, key: live.key, usageLimit: limit, servers };
}

const lifecycle = (ctx: TuxcareContext): Lifecycle => ({
    async create(props) {
        const inputs = elsKeyInputSchema.parse(props);
        const client = await ctx.client();
        let live: ElsKeyWire;
        if (inputs.adopt) {
            const existing = await liveKey(ctx, inputs.productCode, inputs.adopt);
            if (!existing)
                throw new ApiError({
                    kind: "NotFound",
                    service: "TuxCare",
                    operation: "adopt",
                    message: `adopt: the ${inputs.productCode} key given is not in this account`,
                });
            // Claimed before it is changed: a key another resource owns is refused untouched.
            ctx.elsKeys.claim(existing.key, `adopt: the ${inputs.productCode} key given`);
            live =
                existing.usageLimit === inputs.limit && existing.description === inputs.note
                    ? existing
                    : await client.updateElsKey(existing.key, inputs.limit, inputs.note);
        } else {
            live = await ctx.elsKeys.create({
                what: `${inputs.productCode} key`,
                list: elsKeysOf(inputs.productCode),
                listFresh: () => client.listElsKeys(inputs.productCode),
                create: () => client.createElsKey(inputs.productCode, inputs.limit, inputs.note || undefined),
                entry: (created) => created,
                matches: (k) => (k.usageLimit ?? inputs.limit) === inputs.limit && (k.description ?? inputs.note) === inputs.note,
            });
        }
        // A new key has no servers yet; an adopted one may.
        const servers = inputs.adopt ? await serversOf(ctx, inputs.productCode, live.key) : [];
        return { id: fingerprintId("els", live.key), outs: outputs(inputs, live, servers) };
    },

    async read(id, props) {
        const state = props as unknown as ElsKeyOutputs;
        const live = await liveKey(ctx, state.productCode, state.key);
        if (!live) return {};
        const inputs = readInputs(elsKeyFields, { limit: live.usageLimit, note: live.description }, state);
        return { id, props: outputs(inputs, live, await serversOf(ctx, state.productCode, live.key)), inputs: { ...inputs } };
    },

    async update(_id, olds, news) {
        const state = olds as unknown as ElsKeyOutputs;
        const inputs = elsKeyInputSchema.parse(news);
        const live = await (await ctx.client()).updateElsKey(state.key, inputs.limit, inputs.note);
        return { outs: outputs(inputs, live, await serversOf(ctx, state.productCode, state.key)) };
    },

    async delete(_id, props) {
        const state = props as unknown as ElsKeyOutputs;
        const client = await ctx.client();
        await deleteIgnoringNotFound(async () => {
            const removed = await client.removeElsKey(state.key);
            if (removed.length > 0)
                warn(
                    elsKey.type,
                    `the ${state.productCode} key was removed with ${removed.length} server(s): ${removed.map((s) => s.ip || s.hostname || s.id).join(", ")}`,
                );
        });
    },
});

export const elsKey = defineResource({
    type: "tuxcare:ElsKey",
    description: "An ELS or AlmaLinux ESU license key (/api/els).",
    api: "tuxcare",
    inputs: elsKeyInputSchema,
    fields: elsKeyFields,
    outputs: apiOutputs,
    importId: {
        format: "els-<fingerprint>: the key's resource id (never the key itself)",
        async resolve(ctx, id) {
            for (const productCode of ELS_PRODUCT_CODES) {
                const key = (await keysOf(ctx, productCode)).find((k) => fingerprintId("els", k.key) === id.trim());
                if (key) return { id: id.trim(), state: { productCode, key: key.key } };
            }
            return undefined;
        },
    },
    lifecycle,
});
