/**
 * Read-only TuxCare lookups a program calls: plain async functions, each with an `...Output`
 * form for use with Inputs and inside `apply`. They run in the program's own process, reading
 * credentials from stack config (`tuxcare:*`) or the environment through the same client as the
 * resources. Output forms of lookups that return license keys are secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { propertyPath } from "../core/check";
import { escapesPathSegment, isOneWord, licenseIpSchema } from "../core/validators";
import { kcareKeyInput } from "./key-shapes";
import { tuxcare } from "./context";
import type { ElsKeyWire, ElsServerWire, GroupServerWire, IpLicenseWire, KcareKeyWire, KcareServerWire, ServerGroupWire } from "./schemas";
import { ELS_PRODUCT_CODES, productCodeSchema, type ElsProductCode } from "./els-key";
import { serverGroupNameSchema } from "./server-group";
import { portalTimeToIso } from "./time";
import { fingerprintId } from "../core/ids";
import { InvalidArgumentError } from "../core/errors";

let configured = false;

async function client() {
    if (!configured) {
        configured = true;
        // pulumi.runtime.getConfig reads secrets too, without the warning Config.get gives for them.
        if (!tuxcare.settings.get("tuxcareLogin")) tuxcare.configure({ get: (key) => pulumi.runtime.getConfig(key) });
    }
    return tuxcare.client();
}

/** A path segment of a Nagios URL (a key, a login): one word with no "/" and not "." or "..", so it cannot reach another URL. */
const pathSegmentSchema = (what: string) =>
    z
        .string({ error: "must be a string" })
        .trim()
        .refine((s) => isOneWord(s) && !escapesPathSegment(s), `must be ${what}: one word, without "/", spaces or control characters`);

/** A license key's fingerprint, the resource id of an ElsKey or KcareKey (see core/ids). */
const fingerprintSchema = z
    .string({ error: "must be a string" })
    .regex(/^(els|kcare)-[0-9a-f]{16}$/, "must be an ElsKey or KcareKey id: els- or kcare- and 16 hexadecimal digits");

/** The argument checked against its rule (before any API call), or an InvalidArgumentError naming it. */
function argument<S extends z.ZodType>(fn: string, name: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new InvalidArgumentError(fn, propertyPath([name, ...issue.path]), issue.message);
}

export interface IpAvailability {
    /** Types that can still be registered for the IP. */
    available: number[];
    /** Types this account already holds for the IP. */
    owned: number[];
}

export interface IpLicenseInfo {
    ip: string;
    type: number;
    registered: boolean;
    /** ISO-8601. */
    created?: string;
}

export interface IpServerInfo extends IpLicenseInfo {
    serverInfo?: string;
    /** ISO-8601. */
    lastCheckin?: string;
}

export interface NagiosStatus {
    /** True when the status line says KernelCare OK. */
    ok: boolean;
    text: string;
}

const licenseInfo = (l: IpLicenseWire): IpLicenseInfo => ({
    ip: l.ip,
    type: l.type,
    registered: l.registered ?? false,
    created: portalTimeToIso(l.created),
});

export async function getIpAvailability(ip: string): Promise<IpAvailability> {
    const valid = argument("getIpAvailability", "ip", licenseIpSchema, ip);
    return (await client()).ipAvailability(valid);
}

/** License types registered for the IP by any customer. */
export async function checkIp(ip: string): Promise<number[]> {
    const valid = argument("checkIp", "ip", licenseIpSchema, ip);
    return (await client()).checkIp(valid);
}

export async function listIpLicenses(): Promise<IpLicenseInfo[]> {
    return (await (await client()).listIpLicenses()).map(licenseInfo);
}

export async function getIpServer(ip: string): Promise<IpServerInfo[]> {
    const valid = argument("getIpServer", "ip", licenseIpSchema, ip);
    return (await (await client()).ipServer(valid)).map((s) => ({
        ...licenseInfo(s),
        serverInfo: s.server_info ?? undefined,
        lastCheckin: portalTimeToIso(s.last_checkin),
    }));
}

/** The account's ELS/ESU keys, of one product or of every product. */
export async function listElsKeys(productCode?: ElsProductCode): Promise<ElsKeyWire[]> {
    const products =
        productCode === undefined ? ELS_PRODUCT_CODES : [argument("listElsKeys", "productCode", productCodeSchema, productCode)];
    const c = await client();
    return (await Promise.all(products.map((p) => c.listElsKeys(p)))).flat();
}

export async function listElsServers(productCode: ElsProductCode): Promise<ElsServerWire[]> {
    const valid = argument("listElsServers", "productCode", productCodeSchema, productCode);
    return (await client()).listElsServers(valid);
}

export async function listKcareKeys(): Promise<KcareKeyWire[]> {
    return (await client()).listKcareKeys();
}

export async function getKcareKeyServers(key: string): Promise<KcareServerWire[]> {
    const valid = argument("getKcareKeyServers", "key", kcareKeyInput, key);
    return (await client()).listKcareKeyServers(valid);
}

export async function listServerGroups(): Promise<ServerGroupWire[]> {
    return (await client()).listServerGroups();
}

export async function getServerGroupServers(name: string): Promise<GroupServerWire[]> {
    const valid = argument("getServerGroupServers", "name", serverGroupNameSchema, name);
    return (await client()).listServerGroupServers(valid);
}

export async function getKcareNagiosStatus(keyId: string): Promise<NagiosStatus> {
    const valid = argument("getKcareNagiosStatus", "keyId", pathSegmentSchema("a key id"), keyId);
    return (await client()).nagiosKeyStatus(valid);
}

export async function getResellerNagiosStatus(login: string): Promise<NagiosStatus> {
    const valid = argument("getResellerNagiosStatus", "login", pathSegmentSchema("a reseller login"), login);
    return (await client()).nagiosResellerStatus(valid);
}

// The Output forms.
export const getIpAvailabilityOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(getIpAvailability);
export const checkIpOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(checkIp);
export const listIpLicensesOutput = () => pulumi.output(listIpLicenses());
export const getIpServerOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(getIpServer);
export const listElsKeysOutput = (productCode?: pulumi.Input<ElsProductCode>) =>
    pulumi.secret(pulumi.output(productCode).apply((p) => listElsKeys(p)));
export const listElsServersOutput = (productCode: pulumi.Input<ElsProductCode>) =>
    pulumi.secret(pulumi.output(productCode).apply(listElsServers));
export const listKcareKeysOutput = () => pulumi.secret(pulumi.output(listKcareKeys()));
export const getKcareKeyServersOutput = (key: pulumi.Input<string>) => pulumi.secret(pulumi.output(key).apply(getKcareKeyServers));
export const listServerGroupsOutput = () => pulumi.output(listServerGroups());
export const getServerGroupServersOutput = (name: pulumi.Input<string>) => pulumi.output(name).apply(getServerGroupServers);
export const getKcareNagiosStatusOutput = (keyId: pulumi.Input<string>) => pulumi.output(keyId).apply(getKcareNagiosStatus);
export const getResellerNagiosStatusOutput = (login: pulumi.Input<string>) => pulumi.output(login).apply(getResellerNagiosStatus);

/**
 * A license key found by its resource id (`els-…` or `kcare-…`, a fingerprint), as a secret: how a
 * generated program adopts keys without a key ever being written into a file.
 */
export function licenseKeyByFingerprint(fingerprint: string, productCode?: ElsProductCode): pulumi.Output<string> {
    argument("licenseKeyByFingerprint", "fingerprint", fingerprintSchema, fingerprint);
    if (productCode !== undefined) argument("licenseKeyByFingerprint", "productCode", productCodeSchema, productCode);
    const find = async () => {
        const keys = fingerprint.startsWith("els-")
            ? (await listElsKeys(productCode)).map((k) => k.key)
            : (await listKcareKeys()).map((k) => k.key);
        const prefix = fingerprint.split("-")[0] ?? "";
        const key = keys.find((k) => fingerprintId(prefix, k) === fingerprint);
        if (!key) throw new Error(`no license key of this account has the fingerprint ${fingerprint}`);
        return key;
    };
    return pulumi.secret(pulumi.output(find()));
}
