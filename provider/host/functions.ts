/**
 * The read-only TuxCare lookups as native functions (`tuxcare:index:listKcareKeys`, ...), served
 * by Invoke: the same functions the TypeScript package exports, with typed inputs and outputs
 * for the schema. Pulumi functions return objects, so a list comes back under one named field.
 * Results that carry a license key are secret.
 */
import { z } from "zod";
import * as fns from "../tuxcare/functions";
import { ELS_PRODUCT_CODES } from "../tuxcare/els-key";

export interface NativeFunction {
    /** The function's name in the package: `tuxcare:index:<name>`. */
    name: string;
    description: string;
    inputs: z.ZodObject;
    outputs: z.ZodObject;
    /** Every output is a secret (it holds license keys). */
    secret?: boolean;
    /** Inputs that are secret (a license key). */
    secretInputs?: string[];
    run(args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

const ip = z.string().describe("An IPv4 address.");
const productCode = z.enum(ELS_PRODUCT_CODES).describe("An ELS or ESU product code.");
const license = z
    .object({ ip: z.string(), type: z.number().int(), registered: z.boolean(), created: z.string().optional() })
    .meta({ id: "IpLicenseInfo", description: "An IP license." });
const server = z
    .object({ id: z.string(), ip: z.string().optional(), hostname: z.string().optional(), created: z.string().optional() })
    .meta({ id: "LicenseServer", description: "A server registered with a key." });
const nagios = z.object({
    ok: z.boolean().describe("True when every server is up to date."),
    text: z.string().describe("The status line."),
});
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const TUXCARE_FUNCTIONS: readonly NativeFunction[] = [
    {
        name: "getIpAvailability",
        description: "Which IP license types can still be registered for an IP, and which this account holds.",
        inputs: z.object({ ip }),
        outputs: z.object({ available: z.array(z.number().int()), owned: z.array(z.number().int()) }),
        run: async (a) => ({ ...(await fns.getIpAvailability(a.ip as string)) }),
    },
    {
        name: "checkIp",
        description: "The IP license types registered for an IP by any customer.",
        inputs: z.object({ ip }),
        outputs: z.object({ types: z.array(z.number().int()) }),
        run: async (a) => ({ types: await fns.checkIp(a.ip as string) }),
    },
    {
        name: "listIpLicenses",
        description: "Every IP license of the account.",
        inputs: z.object({}),
        outputs: z.object({ licenses: z.array(license) }),
        run: async () => ({ licenses: await fns.listIpLicenses() }),
    },
    {
        name: "getIpServer",
        description: "The licenses of one IP with their server details and last check-in.",
        inputs: z.object({ ip }),
        outputs: z.object({
            servers: z.array(
                license
                    .extend({ serverInfo: z.string().optional(), lastCheckin: z.string().optional() })
                    .meta({ id: "IpServerInfo", description: "An IP license with its server." }),
            ),
        }),
        run: async (a) => ({ servers: await fns.getIpServer(a.ip as string) }),
    },
    {
        name: "listElsKeys",
        description: "The account's ELS and ESU keys, of one product or every product (secret: it holds the keys).",
        inputs: z.object({ productCode: productCode.optional() }),
        outputs: z.object({
            keys: z.array(
                z
                    .object({
                        key: z.string(),
                        productCode: z.string().optional(),
                        usageLimit: z.number().optional(),
                        description: z.string().optional(),
                    })
                    .meta({ id: "ElsKeyInfo", description: "An ELS or ESU key." }),
            ),
        }),
        secret: true,
        run: async (a) => ({
            keys: (await fns.listElsKeys(a.productCode as (typeof ELS_PRODUCT_CODES)[number] | undefined)).map((k) => ({
                key: k.key,
                productCode: k.productCode,
                usageLimit: k.usageLimit,
                description: str(k.description),
            })),
        }),
    },
    {
        name: "listElsServers",
        description: "The servers registered under a product's keys.",
        inputs: z.object({ productCode }),
        outputs: z.object({
            servers: z.array(
                server
                    .extend({ key: z.string().optional() })
                    .meta({ id: "ElsServerInfo", description: "A server registered under an ELS or ESU key." }),
            ),
        }),
        secret: true,
        run: async (a) => ({
            servers: (await fns.listElsServers(a.productCode as (typeof ELS_PRODUCT_CODES)[number])).map((s) => ({
                id: s.id,
                key: str(s.key),
                ip: str(s.ip),
                hostname: str(s.hostname),
            })),
        }),
    },
    {
        name: "listKcareKeys",
        description: "The account's KernelCare keys (secret: it holds the keys).",
        inputs: z.object({}),
        outputs: z.object({
            keys: z.array(
                z
                    .object({
                        key: z.string(),
                        enabled: z.boolean().optional(),
                        created: z.string().optional(),
                        limit: z.number().optional(),
                        note: z.string().optional(),
                    })
                    .meta({ id: "KcareKeyInfo", description: "A KernelCare key." }),
            ),
        }),
        secret: true,
        run: async () => ({
            keys: (await fns.listKcareKeys()).map((k) => ({
                key: k.key,
                enabled: k.enabled ?? undefined,
                created: str(k.created),
                limit: k.limit,
                note: str(k.note),
            })),
        }),
    },
    {
        name: "getKcareKeyServers",
        description: "The servers registered with a KernelCare key.",
        inputs: z.object({ key: z.string().describe("The key (secret).") }),
        secretInputs: ["key"],
        outputs: z.object({ servers: z.array(server) }),
        run: async (a) => ({
            servers: (await fns.getKcareKeyServers(a.key as string)).map((s) => ({
                id: str(s.server_id ?? s.id) ?? "",
                ip: str(s.ip),
                hostname: str(s.hostname),
                created: str(s.created),
            })),
        }),
    },
    {
        name: "listServerGroups",
        description: "The account's KernelCare server groups.",
        inputs: z.object({}),
        outputs: z.object({
            groups: z.array(
                z
                    .object({ name: z.string(), description: z.string().optional() })
                    .meta({ id: "ServerGroupInfo", description: "A server group." }),
            ),
        }),
        run: async () => ({ groups: (await fns.listServerGroups()).map((g) => ({ name: g.name, description: str(g.description) })) }),
    },
    {
        name: "getServerGroupServers",
        description: "The members of a server group.",
        inputs: z.object({ name: z.string().describe("The group's name.") }),
        outputs: z.object({
            servers: z.array(
                z
                    .object({ id: z.string(), hostName: z.string().optional(), ip: z.string().optional(), type: z.string().optional() })
                    .meta({ id: "GroupServerInfo", description: "A member of a server group." }),
            ),
        }),
        run: async (a) => ({
            servers: (await fns.getServerGroupServers(a.name as string)).map((s) => ({
                id: s.id,
                hostName: str(s.hostName),
                ip: str(s.ip),
                type: str(s.type),
            })),
        }),
    },
    {
        name: "getKcareNagiosStatus",
        description: "The Nagios status of the servers of a KernelCare key.",
        inputs: z.object({ keyId: z.string().describe("The monitoring key id.") }),
        outputs: nagios,
        run: async (a) => ({ ...(await fns.getKcareNagiosStatus(a.keyId as string)) }),
    },
    {
        name: "getResellerNagiosStatus",
        description: "The Nagios status of every server of a reseller.",
        inputs: z.object({ login: z.string().describe("The reseller's login.") }),
        outputs: nagios,
        run: async (a) => ({ ...(await fns.getResellerNagiosStatus(a.login as string)) }),
    },
];
