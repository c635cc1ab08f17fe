/**
 * What the reports read: a copy of both accounts, taken from the APIs (fetch.ts) or from a saved
 * file. It keeps only the fields the reports use, so nothing a list answer carries besides
 * (a remote user's SSH key, a password someone's installation returns) can reach a report or a
 * saved file, and license keys are kept only as fingerprints.
 *
 * Fields the API may leave out are optional here: absent means "the API did not say", and the
 * reports show it as "unknown". Times are kept as the API wrote them (FluxArk
 * `YYYY-MM-DD HH:MI:SS` UTC, "" for "never"; TuxCare `2014-04-30T11:26-0400`).
 */
import { z } from "zod";

export const SNAPSHOT_VERSION = 1 as const;

const optText = z.string().optional();
const optFlag = z.boolean().optional();

export const remoteUserSchema = z.object({ id: z.number(), username: z.string(), active: optFlag, authMethod: optText });
export const serverSchema = z.object({
    id: z.number(),
    name: z.string(),
    ipAddr: optText,
    active: optFlag,
    groups: z.array(z.string()).optional(),
    /** Absent: the server's remote users could not be listed. */
    remoteUsers: z.array(remoteUserSchema).optional(),
});
export const aclRuleSchema = z.object({
    aclId: z.number(),
    remoteUserId: z.number().optional(),
    serverId: z.number().optional(),
    /** "" never expires; absent: not said. */
    expireTime: optText,
});
export const userSchema = z.object({
    id: z.number(),
    username: z.string(),
    fullName: optText,
    active: optFlag,
    serverAdmin: optFlag,
    authType: optText,
    passwordType: optText,
    groups: z.array(z.string()).optional(),
    /** Absent: the user's ACL rules could not be listed. */
    acl: z.array(aclRuleSchema).optional(),
});
export const grantSchema = z.object({
    id: z.number().optional(),
    serverGroup: z.string(),
    /** The grant's username rule ("*", "a,b", ""); absent: FluxArk's list does not say (it lists only the server group). */
    username: optText,
    expireTime: optText,
});
export const groupSchema = z.object({ id: z.number(), name: z.string(), expireTime: optText, grants: z.array(grantSchema).optional() });

export const fluxarkSnapshotSchema = z.object({
    url: z.string(),
    servers: z.array(serverSchema),
    users: z.array(userSchema),
    groups: z.array(groupSchema),
});

export const keyServerSchema = z.object({ id: optText, ip: optText, hostname: optText });
export const licenseKeySchema = z.object({
    /** fingerprintId of the key: the key itself is a secret and is never kept. */
    fingerprint: z.string(),
    /** "KCARE" for KernelCare keys, else the ELS/ESU product code. */
    product: z.string(),
    limit: z.number().optional(),
    note: optText,
    enabled: optFlag,
    created: optText,
    servers: z.array(keyServerSchema),
    /** KernelCare only: the Nagios check of the key's servers; absent when not read. */
    nagios: z.object({ ok: z.boolean(), text: z.string() }).optional(),
});
export const ipLicenseSchema = z.object({
    ip: z.string(),
    type: z.number(),
    registered: optFlag,
    created: optText,
    lastCheckin: optText,
    serverInfo: optText,
});
export const tuxcareSnapshotSchema = z.object({
    url: z.string(),
    keys: z.array(licenseKeySchema),
    ipLicenses: z.array(ipLicenseSchema),
});

export const snapshotSchema = z.object({
    snapshotVersion: z.literal(SNAPSHOT_VERSION),
    takenAt: z.string(),
    fluxark: fluxarkSnapshotSchema.optional(),
    tuxcare: tuxcareSnapshotSchema.optional(),
});

export type RemoteUser = z.infer<typeof remoteUserSchema>;
export type SnapshotServer = z.infer<typeof serverSchema>;
export type SnapshotAclRule = z.infer<typeof aclRuleSchema>;
export type SnapshotUser = z.infer<typeof userSchema>;
export type SnapshotGrant = z.infer<typeof grantSchema>;
export type SnapshotGroup = z.infer<typeof groupSchema>;
export type FluxarkSnapshot = z.infer<typeof fluxarkSnapshotSchema>;
export type SnapshotLicenseKey = z.infer<typeof licenseKeySchema>;
export type SnapshotIpLicense = z.infer<typeof ipLicenseSchema>;
export type TuxcareSnapshot = z.infer<typeof tuxcareSnapshotSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;

/** A saved snapshot, checked; the error names the first field that is wrong. */
export function parseSnapshot(text: string, file: string): Snapshot {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new Error(`--snapshot ${file}: not JSON (${(e as Error).message})`);
    }
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(
            `--snapshot ${file}: ${issue.path.join(".") || "(top level)"} ${issue.message}; expected a snapshot written by --save-snapshot (snapshotVersion ${SNAPSHOT_VERSION})`,
        );
    }
    return parsed.data;
}
