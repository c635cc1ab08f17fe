/**
 * ELS and AlmaLinux ESU keys and their servers (`/api/els`). The product is named `productType`
 * in the document's URLs and `code` in its argument lists: both are accepted, as are the ELS
 * section's methods (POST/PUT/DELETE) and the AlmaLinux section's (GET).
 */
import type { Route } from "../http";
import { fail, intArg, ok, randomKey, tokenRoute, type EmulatedTuxcare } from "./common";

export const ELS_PRODUCTS = ["CELS", "OELS", "UELS16", "CELS_8", "UELS18", "PHP_ELS", "PYTHON_ELS", "ESU"] as const;

export interface ElsKeyRow extends Record<string, unknown> {
    key: string;
    owner: string;
    productCode: string;
    usageLimit: number;
    description: string | null;
}

export interface ElsServerRow extends Record<string, unknown> {
    id: string;
    key: string;
    ip: string;
    hostname: string;
}

export const ELS_KEYS = "elsKeys";
export const ELS_SERVERS = "elsServers";

const ANY = ["GET", "POST", "PUT", "DELETE"] as const;

/** A key as the portal shows it: usageLimit as a string, an empty description as null. */
function wireKey(k: ElsKeyRow) {
    return { key: k.key, productCode: k.productCode, usageLimit: String(k.usageLimit), description: k.description };
}
const wireServer = (s: ElsServerRow) => ({ id: s.id, key: s.key, ip: s.ip, hostname: s.hostname });

export function elsRoutes(api: EmulatedTuxcare): Route[] {
    const { store } = api;
    const product = (args: Record<string, string>) => args.code ?? args.productType;
    const owned = (login: string, key: string | undefined) => {
        const row = key ? store.get<ElsKeyRow>(ELS_KEYS, key) : undefined;
        return row && row.owner === login ? row : undefined;
    };
    const keysOf = (login: string, code: string | undefined) =>
        store.list<ElsKeyRow>(ELS_KEYS).filter((k) => k.owner === login && (code === undefined || k.productCode === code));

    return [
        tokenRoute(api, ANY, "/key/create.json", "els.key.create", (req, login) => {
            const code = product(req.args);
            if (!code || !(ELS_PRODUCTS as readonly string[]).includes(code)) return fail(`Unknown product code: ${code ?? ""}`);
            const limit = intArg(req.args.limit);
            if (limit === undefined) return fail("Invalid limit");
            const key = `${code}-${randomKey(24)}`;
            const row = store.put<ElsKeyRow>(ELS_KEYS, key, {
                key,
                owner: login,
                productCode: code,
                usageLimit: limit,
                description: req.args.note || null,
            });
            return ok(api, wireKey(row));
        }),
        tokenRoute(api, ANY, "/key/update.json", "els.key.update", (req, login) => {
            const row = owned(login, req.args.key);
            if (!row) return fail("Key not found");
            if (req.args.limit !== undefined) {
                const limit = intArg(req.args.limit);
                if (limit === undefined) return fail("Invalid limit");
                row.usageLimit = limit;
            }
            if (req.args.note !== undefined) row.description = req.args.note || null;
            return ok(api, wireKey(row));
        }),
        tokenRoute(api, ANY, "/key/remove.json", "els.key.remove", (req, login) => {
            const row = owned(login, req.args.key);
            if (!row) return fail("Key not found");
            const servers = store.list<ElsServerRow>(ELS_SERVERS).filter((s) => s.key === row.key);
            for (const s of servers) store.remove(ELS_SERVERS, s.id);
            store.remove(ELS_KEYS, row.key);
            return ok(api, servers.map(wireServer));
        }),
        tokenRoute(api, ANY, "/key/list.json", "els.key.list", (req, login) => ok(api, keysOf(login, product(req.args)).map(wireKey))),
        tokenRoute(api, ANY, "/srv/list.json", "els.srv.list", (req, login) => {
            const keys = new Set(keysOf(login, product(req.args)).map((k) => k.key));
            return ok(
                api,
                store
                    .list<ElsServerRow>(ELS_SERVERS)
                    .filter((s) => keys.has(s.key))
                    .map(wireServer),
            );
        }),
        tokenRoute(api, ANY, "/srv/remove.json", "els.srv.remove", (req, login) => {
            const server = store.get<ElsServerRow>(ELS_SERVERS, req.args.id ?? "");
            if (!server || !owned(login, server.key)) return fail("Server not found");
            store.remove(ELS_SERVERS, server.id);
            return ok(api, wireServer(server));
        }),
    ];
}
