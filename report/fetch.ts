/**
 * Takes a snapshot of the live accounts through the provider's clients (one transport per API,
 * so its concurrency and rate limits apply), keeping only what the reports read. License keys
 * are turned into fingerprints here, at the edge: the snapshot, and all that is made from it,
 * never holds one.
 */
import { withoutUndefined } from "../provider/core/resource";
import { fluxark, tuxcare } from "../provider/context";
import { ELS_PRODUCT_CODES } from "../provider/tuxcare/els-key";
import { undefinedIfNotFound } from "../provider/core/errors";
import { fingerprintId } from "../provider/core/ids";
import { KCARE_PRODUCT } from "./products";
import { SNAPSHOT_VERSION, type FluxarkSnapshot, type Snapshot, type SnapshotLicenseKey, type TuxcareSnapshot } from "./snapshot";

export interface FetchOptions {
    tuxcare: boolean;
    fluxark: boolean;
    /** Called as the listing goes (what is being read, and how far); a terminal shows it. */
    progress: (message: string) => void;
    now?: () => number;
}

/** A URL as a report may show it: no user name or password in it. */
export function publicUrl(url: string): string {
    try {
        const u = new URL(url);
        u.username = "";
        u.password = "";
        // A query or fragment may carry a token: a report shows where the API is, nothing more.
        u.search = "";
        u.hash = "";
        return u.toString().replace(/\/+$/, "");
    } catch {
        return "(not a URL)";
    }
}

/** Runs `work` over `items` (the transport bounds how many run at once), reporting progress. */
async function each<T, R>(items: readonly T[], what: string, progress: (m: string) => void, work: (item: T) => Promise<R>): Promise<R[]> {
    let done = 0;
    progress(`${what} 0/${items.length}`);
    return Promise.all(
        items.map(async (item) => {
            const r = await work(item);
            progress(`${what} ${++done}/${items.length}`);
            return r;
        }),
    );
}

export async function fetchFluxark(progress: (m: string) => void): Promise<FluxarkSnapshot> {
    const client = await fluxark.client();
    progress("FluxArk: servers, users and groups");
    const [servers, users, groups] = await Promise.all([client.listServers(), client.listUsers(), client.listUserGroups()]);
    // A server or user removed after the first lists answers "not found": left out as "could not be listed", not a failed run.
    const remoteUsers = await each(
        servers,
        "FluxArk: remote users of servers",
        progress,
        async (s) => s.users ?? (await undefinedIfNotFound(() => client.listServerUsers(s.id))),
    );
    const acl = await each(users, "FluxArk: ACL rules of users", progress, (u) => undefinedIfNotFound(() => client.listAcl(u.id)));
    return withoutUndefined({
        url: publicUrl(fluxark.settings.fluxark().url),
        servers: servers.map((s, i) => ({
            id: s.id,
            name: s.name,
            ipAddr: s.ip_addr,
            active: s.active,
            groups: s.groups,
            remoteUsers: remoteUsers[i]?.map((r) => ({ id: r.id, username: r.username, active: r.active, authMethod: r.auth_method })),
        })),
        users: users.map((u, i) => ({
            id: u.id,
            username: u.username,
            fullName: u.full_name,
            active: u.active,
            serverAdmin: u.server_admin,
            authType: u.auth_type,
            passwordType: u.password_type,
            groups: u.groups,
            acl: acl[i]?.map((a) => ({
                aclId: a.acl_id,
                remoteUserId: a.user_server_id,
                serverId: a.server_id,
                expireTime: a.expire_time,
            })),
        })),
        groups: groups.map((g) => ({
            id: g.id,
            name: g.name,
            expireTime: g.expire_time,
            // A live installation may carry a grant's username and expiry beside its id and name; the document does not.
            grants: g.server_groups?.map((sg) => {
                const extra = sg as { username?: unknown; expire_time?: unknown };
                return {
                    id: sg.id,
                    serverGroup: sg.name,
                    username: typeof extra.username === "string" ? extra.username : undefined,
                    expireTime: typeof extra.expire_time === "string" ? extra.expire_time : undefined,
                };
            }),
        })),
    });
}

export async function fetchTuxcare(progress: (m: string) => void): Promise<TuxcareSnapshot> {
    const client = await tuxcare.client();
    const els = await each([...ELS_PRODUCT_CODES], "TuxCare: ELS/ESU keys and servers by product", progress, async (product) => {
        const [keys, servers] = await Promise.all([client.listElsKeys(product), client.listElsServers(product)]);
        return keys.map(
            (k): SnapshotLicenseKey => ({
                fingerprint: fingerprintId("els", k.key),
                product: k.productCode ?? product,
                limit: k.usageLimit,
                note: k.description,
                servers: servers
                    .filter((s) => s.key === k.key)
                    .map((s) => ({ id: s.id, ip: s.ip ?? undefined, hostname: s.hostname ?? undefined })),
            }),
        );
    });
    progress("TuxCare: KernelCare keys");
    const kcareKeys = await client.listKcareKeys();
    const kcare = await each(
        kcareKeys,
        "TuxCare: KernelCare servers and Nagios status",
        progress,
        async (k): Promise<SnapshotLicenseKey> => {
            const [servers, nagios] = await Promise.all([
                client.listKcareKeyServers(k.key),
                client.nagiosKeyStatus(k.key).catch(() => undefined),
            ]);
            return {
                fingerprint: fingerprintId("kcare", k.key),
                product: KCARE_PRODUCT,
                limit: k.limit,
                note: k.note,
                enabled: k.enabled ?? undefined,
                created: k.created ?? undefined,
                servers: servers.map((s) => ({ id: s.server_id ?? s.id, ip: s.ip ?? undefined, hostname: s.hostname ?? undefined })),
                // The status line names no key, but a portal echoing the request could: it is redacted by the client.
                nagios,
            };
        },
    );
    progress("TuxCare: IP licenses");
    const licenses = await client.listIpLicenses();
    const ips = [...new Set(licenses.map((l) => l.ip))];
    const details = await each(ips, "TuxCare: IP license check-ins", progress, async (ip) => client.ipServer(ip));
    const detail = new Map(details.flat().map((d) => [`${d.ip}/${d.type}`, d]));
    return withoutUndefined({
        url: publicUrl(tuxcare.settings.tuxcare().apiUrl),
        keys: [...els.flat(), ...kcare],
        ipLicenses: licenses.map((l) => {
            const d = detail.get(`${l.ip}/${l.type}`);
            return {
                ip: l.ip,
                type: l.type,
                registered: l.registered ?? d?.registered ?? undefined,
                created: l.created ?? d?.created ?? undefined,
                lastCheckin: d?.last_checkin ?? undefined,
                serverInfo: d?.server_info ?? undefined,
            };
        }),
    });
}

export async function fetchSnapshot(opts: FetchOptions): Promise<Snapshot> {
    const now = opts.now ?? Date.now;
    const takenAt = new Date(now()).toISOString();
    const [fx, tc] = await Promise.all([
        opts.fluxark ? fetchFluxark(opts.progress) : undefined,
        opts.tuxcare ? fetchTuxcare(opts.progress) : undefined,
    ]);
    return withoutUndefined({ snapshotVersion: SNAPSHOT_VERSION, takenAt, fluxark: fx, tuxcare: tc });
}
