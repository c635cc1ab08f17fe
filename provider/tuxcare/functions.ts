/**
 * Read-only TuxCare lookups a program calls: plain async functions, each with an `...Output`
 * form for use with Inputs and inside `apply`. They run in the program's own process, reading
 * credentials from stack config (`tuxcare:*`) or the environment through the same client as the
 * resources. Output forms of lookups that return license keys are secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { configure, credentials, tuxcareClient } from "../context";
import type { ElsKeyWire, ElsServerWire, GroupServerWire, IpLicenseWire, KcareKeyWire, KcareServerWire, ServerGroupWire } from "./schemas";
import { ELS_PRODUCT_CODES, type ElsProductCode } from "./els-key";
import { portalTimeToIso } from "./time";
import { fingerprintId } from "../core/ids";

let configured = false;

async function client() {
    if (!configured) {
        configured = true;
        // pulumi.runtime.getConfig reads secrets too, without the warning Config.get gives for them.
        if (!credentials.get("tuxcareLogin")) configure({ get: (key) => pulumi.runtime.getConfig(key) });
    }
    return tuxcareClient();
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

const licenseInfo = (l: IpLicenseWire): IpLicenseInfo => ({ ip: l.ip, type: l.type, registered: l.registered ?? false, created: portalTimeToIso(l.created) });

export async function getIpAvailability(ip: string): Promise<IpAvailability> {
    return (await client()).ipAvailability(ip);
}

/** License types registered for the IP by any customer. */
export async function checkIp(ip: string): Promise<number[]> {
    return (await client()).checkIp(ip);
}

export async function listIpLicenses(): Promise<IpLicenseInfo[]> {
    return (await (await client()).listIpLicenses()).map(licenseInfo);
}

export async function getIpServer(ip: string): Promise<IpServerInfo[]> {
    return (await (await client()).ipServer(ip)).map((s) => ({ ...licenseInfo(s), serverInfo: s.server_info ?? undefined, lastCheckin: portalTimeToIso(s.last_checkin) }));
}

/** The account's ELS/ESU keys, of one product or of every product. */
export async function listElsKeys(productCode?: ElsProductCode): Promise<ElsKeyWire[]> {
    const c = await client();
    const products = productCode ? [productCode] : ELS_PRODUCT_CODES;
    return (await Promise.all(products.map((p) => c.listElsKeys(p)))).flat();
}

export async function listElsServers(productCode: ElsProductCode): Promise<ElsServerWire[]> {
    return (await client()).listElsServers(productCode);
}

export async function listKcareKeys(): Promise<KcareKeyWire[]> {
    return (await client()).listKcareKeys();
}

export async function getKcareKeyServers(key: string): Promise<KcareServerWire[]> {
    return (await client()).listKcareKeyServers(key);
}

export async function listServerGroups(): Promise<ServerGroupWire[]> {
    return (await client()).listServerGroups();
}

export async function getServerGroupServers(name: string): Promise<GroupServerWire[]> {
    return (await client()).listServerGroupServers(name);
}

export async function getKcareNagiosStatus(keyId: string): Promise<NagiosStatus> {
    return (await client()).nagiosKeyStatus(keyId);
}

export async function getResellerNagiosStatus(login: string): Promise<NagiosStatus> {
    return (await client()).nagiosResellerStatus(login);
}

// The Output forms.
export const getIpAvailabilityOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(getIpAvailability);
export const checkIpOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(checkIp);
export const listIpLicensesOutput = () => pulumi.output(listIpLicenses());
export const getIpServerOutput = (ip: pulumi.Input<string>) => pulumi.output(ip).apply(getIpServer);
export const listElsKeysOutput = (productCode?: pulumi.Input<ElsProductCode>) => pulumi.secret(pulumi.output(productCode).apply((p) => listElsKeys(p)));
export const listElsServersOutput = (productCode: pulumi.Input<ElsProductCode>) => pulumi.secret(pulumi.output(productCode).apply(listElsServers));
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
    const find = async () => {
        const keys = fingerprint.startsWith("els-") ? (await listElsKeys(productCode)).map((k) => k.key) : (await listKcareKeys()).map((k) => k.key);
        const prefix = fingerprint.split("-")[0] ?? "";
        const key = keys.find((k) => fingerprintId(prefix, k) === fingerprint);
        if (!key) throw new Error(`no license key of this account has the fingerprint ${fingerprint}`);
        return key;
    };
    return pulumi.secret(pulumi.output(find()));
}
