/**
 * IpLicense: an IP-based license (CloudLinux, KernelCare, Imunify) in the TuxCare portal
 * (`/api/ipl`), identified by (ip, type).
 *
 * `register.json` answers with the account's existing license when there is one, so creating
 * over a license the account already owns would silently take it over: that requires the
 * explicit `adopt: true`. `els_allowed` updates in place; it cannot be read back.
 */
import { z } from "zod";
import type { FieldTable } from "../core/diff";
import { defineResource, readInputs, type Lifecycle, type OutputSpec, type OutputValues } from "../core/define";
import { ApiError } from "../core/errors";
import { createReconciled } from "../core/reconcile";
import { finishCreate } from "../core/resource";
import { licenseIpSchema } from "../core/validators";
import type { TuxcareContext } from "./context";
import { IP_LICENSES } from "./lists";
import type { IpLicenseWire } from "./schemas";
import { portalTimeToIso } from "./time";

/** The license types, by number and by readable name. */
export const IP_LICENSE_TYPES = {
    cloudlinux: 1,
    "cloudlinux-solo": 4,
    "cloudlinux-admin": 5,
    "cloudlinux-shared-pro": 1002,
    kernelcare: 16,
    "kernelcare-plus": 17,
    "imunifyav-plus": 40,
    "imunify360-single": 41,
    "imunify360-30": 42,
    "imunify360-250": 43,
    "imunify360-unlimited": 49,
} as const;
export type IpLicenseTypeName = keyof typeof IP_LICENSE_TYPES;
const TYPE_NUMBERS: readonly number[] = Object.values(IP_LICENSE_TYPES);

// 1. Validation, normalisation and defaults.
const typeSchema = z.union([z.number(), z.string()], { error: "must be a license type number or name" }).transform((v, ctx) => {
    // A number written as text ("16": Pulumi YAML and stack config give strings) is that number; "016" or "16.0" is not.
    const n =
        typeof v === "number"
            ? v
            : /^[1-9]\d*$/.test(v.trim())
              ? Number(v.trim())
              : (IP_LICENSE_TYPES as Record<string, number>)[v.trim().toLowerCase()];
    if (n !== undefined && TYPE_NUMBERS.includes(n)) return n;
    ctx.addIssue({
        code: "custom",
        message: `"${v}" is not a license type; use one of ${TYPE_NUMBERS.join(", ")} or ${Object.keys(IP_LICENSE_TYPES).join(", ")}`,
    });
    return z.NEVER;
});

export const ipLicenseInputSchema = z.object({
    ip: licenseIpSchema,
    type: typeSchema,
    elsAllowed: z.boolean({ error: "must be true or false" }).optional(),
    adopt: z.boolean({ error: "must be true or false" }).default(false),
});
export type IpLicenseInputs = z.output<typeof ipLicenseInputSchema>;

// 2. What changes in place and what replaces.
export const ipLicenseFields: FieldTable<IpLicenseInputs> = {
    ip: {
        behaviour: "replace",
        readBack: "yes",
        doc: "The server's IPv4 address; not 0.0.0.0/8, loopback, link-local, multicast, 240.0.0.0/4 or broadcast (private ranges are accepted: the portal sets no rule on them). A change replaces the license.",
    },
    type: {
        behaviour: "replace",
        readBack: "yes",
        doc: `License type: ${TYPE_NUMBERS.join(", ")}, or a name: ${Object.keys(IP_LICENSE_TYPES).join(", ")}. A number written as text ("16", as Pulumi YAML and stack config give it) is that number, but "016" and "16.0" are refused. Stored as the number. A change replaces the license.`,
    },
    elsAllowed: {
        behaviour: "update",
        readBack: "no",
        unsetLeavesAsIs: true,
        doc: "Allow CloudLinux 6 registration; updated in place (update.json). Not readable back, so unset it is never sent: a new license gets the portal's default (false), an adopted one keeps its setting.",
    },
    adopt: {
        behaviour: "createOnly",
        readBack: "no",
        doc: "Take over the license the account already holds for (ip, type). Used only at creation.",
    },
};

// What the API makes.
const apiOutputs = {
    registered: { type: z.boolean(), doc: "Whether the server was registered in CLN with this license." },
    created: { type: z.string().optional(), stable: true, doc: "When the license was created, ISO-8601." },
    serverInfo: {
        type: z.string().optional(),
        doc: "OS, version and kernel of the server, from server.json at the last create or update.",
    },
    lastCheckin: { type: z.string().optional(), doc: "The server's last check-in, ISO-8601, from the last create or update." },
} satisfies Record<string, OutputSpec>;
export type IpLicenseOutputs = IpLicenseInputs & OutputValues<typeof apiOutputs>;

// 3. The lifecycle.
export const ipLicenseId = (ip: string, type: number) => `${ip}:${type}`;

async function ownedLicense(ctx: TuxcareContext, ip: string, type: number): Promise<IpLicenseWire | undefined> {
    const client = await ctx.client();
    return (await ctx.listCache.get(IP_LICENSES, () => client.listIpLicenses())).find((l) => l.ip === ip && l.type === type);
}

/** Outputs from the license list; `server.json` (one call per IP, no list form) only when asked. */
async function outputs(
    ctx: TuxcareContext,
    inputs: IpLicenseInputs,
    live: IpLicenseWire,
    withServer: boolean,
    previous?: IpLicenseOutputs,
): Promise<IpLicenseOutputs> {
    const server = withServer ? (await (await ctx.client()).ipServer(inputs.ip)).find((s) => s.type === inputs.type) : undefined;
    return {
        ...inputs,
        // What the list leaves out keeps its last value.
        registered: live.registered ?? previous?.registered ?? false,
        created: portalTimeToIso(live.created) ?? previous?.created,
        serverInfo: withServer ? (server?.server_info ?? undefined) : previous?.serverInfo,
        lastCheckin: withServer ? portalTimeToIso(server?.last_checkin) : previous?.lastCheckin,
    };
}

const lifecycle = (ctx: TuxcareContext): Lifecycle => ({
    async create(props) {
        const inputs = ipLicenseInputSchema.parse(props);
        const client = await ctx.client();
        const existing = await ownedLicense(ctx, inputs.ip, inputs.type);
        if (existing && !inputs.adopt) {
            throw new ApiError({
                kind: "Conflict",
                service: "TuxCare",
                operation: "ipl/register",
                message: `this account already holds license type ${inputs.type} for ${inputs.ip}; set adopt: true to manage it with this resource`,
            });
        }
        if (!existing && inputs.adopt) {
            throw new ApiError({
                kind: "NotFound",
                service: "TuxCare",
                operation: "adopt",
                message: `adopt: this account holds no license type ${inputs.type} for ${inputs.ip}`,
            });
        }
        const live =
            existing ??
            (await createReconciled({
                what: `license type ${inputs.type} for ${inputs.ip}`,
                create: () => client.registerIpLicense(inputs.ip, inputs.type, inputs.elsAllowed ?? false),
                // It was not in the account before the register call, so if it is there now, the call made it.
                findNew: async () => (await client.listIpLicenses()).filter((l) => l.ip === inputs.ip && l.type === inputs.type),
            }));
        // elsAllowed cannot be read: an adopted license's is changed only when the program sets it.
        if (existing && inputs.elsAllowed !== undefined) await client.updateIpLicense(inputs.ip, inputs.type, inputs.elsAllowed);
        else if (!existing) inputs.elsAllowed ??= false; // what the register call sent
        // Recorded without the server's details if server.json cannot be read; refresh and getIpServer show them.
        const recorded = await outputs(ctx, inputs, live, false);
        return finishCreate(
            ipLicenseId(inputs.ip, inputs.type),
            props,
            () => recorded,
            () => outputs(ctx, inputs, live, true),
        );
    },

    async read(id, props) {
        const state = props as unknown as IpLicenseOutputs;
        const live = await ownedLicense(ctx, state.ip, state.type);
        if (!live) return {};
        const inputs = readInputs(ipLicenseFields, {}, state); // the list holds no input but the (ip, type) it was found by
        // A refresh reads the shared list only: serverInfo and lastCheckin are from the last create or update.
        return { id, props: await outputs(ctx, inputs, live, false, state), inputs: { ...inputs } };
    },

    async update(_id, olds, news) {
        const state = olds as unknown as IpLicenseOutputs;
        const inputs = ipLicenseInputSchema.parse(news);
        // Only a change of elsAllowed reaches an update (ip and type replace), and unset is no change.
        const updated = await (await ctx.client()).updateIpLicense(state.ip, state.type, inputs.elsAllowed ?? false);
        if (!updated)
            throw new ApiError({
                kind: "NotFound",
                service: "TuxCare",
                operation: "ipl/update",
                message: `no license type ${state.type} for ${state.ip} in this account (run pulumi refresh)`,
            });
        return { outs: { ...state, elsAllowed: inputs.elsAllowed } };
    },

    async delete(_id, props) {
        const state = props as unknown as IpLicenseOutputs;
        await (await ctx.client()).removeIpLicense(state.ip, state.type); // false: already gone, which is success
    },
});

export const ipLicense = defineResource({
    type: "tuxcare:IpLicense",
    description: "An IP-based license (/api/ipl), identified by (ip, type).",
    api: "tuxcare",
    inputs: ipLicenseInputSchema,
    fields: ipLicenseFields,
    outputs: apiOutputs,
    importId: {
        format: "<ip>:<type number>, e.g. 203.0.113.10:16",
        async resolve(_ctx, id) {
            const m = /^([^:]+):(\d+)$/.exec(id.trim());
            return m ? { id: `${m[1]}:${m[2]}`, state: { ip: m[1], type: Number(m[2]), elsAllowed: false } } : undefined;
        },
    },
    lifecycle,
});
