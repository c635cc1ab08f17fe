/**
 * KernelCare keys and servers (`/api/kcare`), as documented: create, delete, list, the servers
 * of a key, the CIDR list of a key, and server removal.
 */
import { isIP } from "node:net";
import { json, type Route } from "../http";
import { fail, intArg, ok, portalTime, randomKey, splitList, tokenRoute, type TuxcareContext } from "./common";

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
}

export const KCARE_KEYS = "kcareKeys";
export const KCARE_SERVERS = "kcareServers";

/** 0 when the CIDR is good, else the documented code: 1 irregular address, 2 irregular prefix. */
function cidrCode(cidr: string): 0 | 1 | 2 {
    const [addr, prefix, extra] = cidr.split("/");
    const family = isIP(addr ?? "");
    if (!family || extra !== undefined) return 1;
    if (prefix === undefined) return 0;
    if (!/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return 2;
    return 0;
}

export function kcareRoutes(ctx: TuxcareContext): Route[] {
    const { store } = ctx;
    const ownedKey = (login: string, key: string | undefined) => {
        const row = key ? store.get<KcareKeyRow>(KCARE_KEYS, key) : undefined;
        return row && row.owner === login ? row : undefined;
    };
    const GET = ["GET", "POST"] as const;

    return [
        tokenRoute(ctx, GET, "/key/create.json", "kcare.key.create", (req, login) => {
            const limit = intArg(req.args.limit);
            if (limit === undefined) return fail("Invalid limit");
            const note = req.args.note ?? "";
            if (note.length > 100) return fail("Note is too long (100 characters at most)");
            const key = randomKey(16);
            store.put<KcareKeyRow>(KCARE_KEYS, key, { key, owner: login, enabled: true, created: portalTime(ctx.now()), limit, note, cidrs: [] });
            return ok(ctx, key);
        }),
        tokenRoute(ctx, GET, "/key/delete.json", "kcare.key.delete", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return ok(ctx, false);
            store.remove(KCARE_KEYS, row.key);
            for (const s of store.list<KcareServerRow>(KCARE_SERVERS)) if (s.key === row.key) store.remove(KCARE_SERVERS, s.id);
            return ok(ctx, true);
        }),
        tokenRoute(ctx, GET, "/key/list.json", "kcare.key.list", (_req, login) =>
            ok(
                ctx,
                store
                    .list<KcareKeyRow>(KCARE_KEYS)
                    .filter((k) => k.owner === login)
                    .map((k) => ({ key: k.key, enabled: k.enabled, created: k.created, limit: k.limit, note: k.note })),
            ),
        ),
        tokenRoute(ctx, GET, "/key/servers.json", "kcare.key.servers", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return fail("Key not found");
            return ok(
                ctx,
                store
                    .list<KcareServerRow>(KCARE_SERVERS)
                    .filter((s) => s.key === row.key)
                    .map((s) => ({ server_id: s.id, ip: s.ip, hostname: s.hostname, created: s.created })),
            );
        }),
        tokenRoute(ctx, GET, "/key/set_cidr.json", "kcare.key.set_cidr", (req, login) => {
            const row = ownedKey(login, req.args.key);
            if (!row) return fail("Key not found");
            const cidrs = splitList(req.args.cidr);
            for (const c of cidrs) {
                const code = cidrCode(c);
                if (code !== 0) return ok(ctx, { code });
            }
            row.cidrs = cidrs;
            return ok(ctx, { code: 0 });
        }),
        tokenRoute(ctx, GET, "/srv/remove.json", "kcare.srv.remove", (req, login) => {
            const server = store.get<KcareServerRow>(KCARE_SERVERS, req.args.server_id ?? "");
            const owned = server && ownedKey(login, server.key);
            if (!server || !owned) return json({ message: "Server not found", type: null, success: true, data: null });
            store.remove(KCARE_SERVERS, server.id);
            return ok(ctx, { server_id: server.id, key: server.key }, true);
        }),
    ];
}
