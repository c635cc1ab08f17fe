/**
 * KernelCare keys and servers (`/api/kcare`), as documented: create, delete, list, the servers
 * of a key, the CIDR list of a key, and server removal.
 */
import { isIP } from "node:net";
import { json, text, type Route } from "../http";
import { authFailed, fail, intArg, ok, portalTime, randomKey, splitList, tokenRoute, verifyToken, type EmulatedTuxcare } from "./common";
import { IP_LICENSES, type IpLicenseRow } from "./ipl";

export interface KcareKeyRow extends Record<string, unknown> {
    key: string;
    owner: string;
    enabled: boolean;
    created: string;
    limit: number;
    note: string;
    cidrs: string[];
}

export interface KcareServerRow extends Record<string, unknown> {
    id: string;
    key: string;
    ip: string;
    hostname: string;
    created: string;
    /** false marks a server whose kernel is behind, for the Nagios checks. */
    upToDate?: boolean;
}

export const KCARE_KEYS = "kcareKeys";
export const NAGIOS_KEYS = "nagiosKeys";
export const KCARE_SERVERS = "kcareServers";

/** 0 when the CIDR is good, else the documented code: 1 irregular address, 2 irregular prefix. */
function cidrCode(cidr: string): 0 | 1 | 2 {
    const [addr, prefix, extra] = cidr.split("/");
    const family = isIP(addr ?? "");
    if (!family || extra !== undefined) return 1;
    if (prefix === undefined) return 0;
    // "/008" is irregular too: tools disagree on it (read as /8, or refused).
    if (!/^(0|[1-9]\d*)$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return 2;
    return 0;
}

export function kcareRoutes(api: EmulatedTuxcare): Route[] {
    const { store } = api;
    const ownedKey = (login: string, key: string | undefined) => {
        const row = key ? store.get<KcareKeyRow>(KCARE_KEYS, key) : undefined;
        return row && row.owner === login ? row : undefined;
    };
    const GET = ["GET", "POST"] as const;

    return [
        tokenRoute(api, GET, "/key/create.json", "kcare.key.create", (req, login) => {
            const limit = intArg(req.args.limit);
            if (limit === undefined) return fail("Invalid limit");
            const note = req.args.note ?? "";
            if (note.length > 100) return fail("Note is too long (100 characters at most)");
            const key = randomKey(16);
            store.put<KcareKeyRow>(KCARE_KEYS, key, {
                key,
                owner: login,
                enabled: true,
                created: portalTime(api.now()),
                limit,
                note,
                cidrs: [],
            });
            return ok(api, key);
        }),
        tokenRoute(api, GET, "/key/delete.json", "kcare.key.delete", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return ok(api, false);
            store.remove(KCARE_KEYS, row.key);
            for (const s of store.list<KcareServerRow>(KCARE_SERVERS)) if (s.key === row.key) store.remove(KCARE_SERVERS, s.id);
            return ok(api, true);
        }),
        tokenRoute(api, GET, "/key/list.json", "kcare.key.list", (_req, login) =>
            ok(
                api,
                store
                    .list<KcareKeyRow>(KCARE_KEYS)
                    .filter((k) => k.owner === login)
                    .map((k) => ({ key: k.key, enabled: k.enabled, created: k.created, limit: k.limit, note: k.note })),
            ),
        ),
        tokenRoute(api, GET, "/key/servers.json", "kcare.key.servers", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return fail("Key not found");
            return ok(
                api,
                store
                    .list<KcareServerRow>(KCARE_SERVERS)
                    .filter((s) => s.key === row.key)
                    // The document shows no example; two clients of the live service read {server_id, ip, created} (NOTES.md).
                    .map((s) => ({
                        server_id: s.id,
                        ip: s.ip,
                        created: s.created,
                        ...(api.options.extraFields ? { hostname: s.hostname } : {}),
                    })),
            );
        }),
        tokenRoute(api, GET, "/key/set_cidr.json", "kcare.key.set_cidr", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return fail("Key not found");
            const cidrs = splitList(req.args.cidr);
            for (const c of cidrs) {
                const code = cidrCode(c);
                if (code !== 0) return ok(api, { code });
            }
            row.cidrs = cidrs;
            return ok(api, { code: 0 });
        }),
        tokenRoute(api, GET, "/srv/remove.json", "kcare.srv.remove", (req, login) => {
            const server = store.get<KcareServerRow>(KCARE_SERVERS, req.args.server_id ?? "");
            const owned = server && ownedKey(login, server.key);
            if (!server || !owned) return json({ message: "Server not found", type: null, success: true, data: null });
            store.remove(KCARE_SERVERS, server.id);
            return ok(api, { server_id: server.id, key: server.key }, true);
        }),
        // Nagios: plain-text answers.
        {
            methods: ["GET"],
            pattern: "/nagios/register_key.plain",
            operation: "kcare.nagios.register_key",
            handler: (req) => {
                const key = req.args.key ?? "";
                if (!/^[A-Za-z0-9]{16,32}$/.test(key)) return text("success:true code:1");
                const licensed = store
                    .list<IpLicenseRow>(IP_LICENSES)
                    .some((l) => l.ip === req.remoteAddress && (l.type === 16 || l.type === 17));
                if (!licensed) return text("success:true code:2");
                store.put(NAGIOS_KEYS, key, { key, ip: req.remoteAddress });
                return text("success:true code:0");
            },
        },
        {
            methods: ["GET"],
            pattern: "/nagios/:keyId",
            operation: "kcare.nagios.key",
            handler: (req) => {
                const keyId = req.params.keyId ?? "";
                if (!store.get(KCARE_KEYS, keyId) && !store.get(NAGIOS_KEYS, keyId)) return text("KernelCare UNKNOWN - key not found", 404);
                return nagiosStatus(store.list<KcareServerRow>(KCARE_SERVERS).filter((s) => s.key === keyId));
            },
        },
        {
            methods: ["GET"],
            pattern: "/nagios-res/:login/:token",
            operation: "kcare.nagios.reseller",
            handler: (req) => {
                const login = verifyToken(api, req.params.token);
                if (!login || login !== req.params.login) return authFailed(api);
                const keys = new Set(
                    store
                        .list<KcareKeyRow>(KCARE_KEYS)
                        .filter((k) => k.owner === login)
                        .map((k) => k.key),
                );
                return nagiosStatus(store.list<KcareServerRow>(KCARE_SERVERS).filter((s) => keys.has(s.key)));
            },
        },
    ];
}

function nagiosStatus(servers: KcareServerRow[]) {
    const behind = servers.filter((s) => s.upToDate === false);
    if (behind.length === 0) return text("KernelCare OK - all servers are up to date!");
    return text(
        `KernelCare CRITICAL - ${behind.length} of ${servers.length} servers are out of date: ${behind.map((s) => s.ip).join(", ")}`,
        503,
    );
}
