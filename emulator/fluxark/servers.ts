/**
 * FluxArk remote servers and their remote SSH users (`/api/servers/`, permission Servers).
 * A server update replaces the whole record: omitted fields go back to their defaults.
 */
import type { Route } from "../http";
import { error, flag, fluxRoute, listView, mysqlTime, okId, stringList, type Body, type EmulatedFluxark } from "./common";

export const FX_SERVERS = "fluxarkServers";
export const FX_SERVER_USERS = "fluxarkServerUsers";

interface ServerFields {
    name: string;
    ip_addr: string;
    active: number;
    is_jump: number;
    is_cron: number;
    is_api: number;
    port: number;
    groups: string[];
}

export interface ServerRow extends ServerFields, Record<string, unknown> {
    id: number;
    created: string;
}

export interface ServerUserRow extends Record<string, unknown> {
    id: number;
    server_id: number;
    username: string;
    auth_method: string;
    ssh_key: string;
    port: number;
    active: number;
    default_user: number;
    password: string | null;
    created: string;
    updated: string | null;
}

const AUTH_METHODS = ["password", "key", "key-pass"];

function serverRecord(body: Body): ServerFields | string {
    const name = body.name;
    const ip = body.ip_addr;
    if (typeof name !== "string" || !name.trim()) return "Missing server name";
    if (typeof ip !== "string" || !ip.trim()) return "Missing server address";
    const port = body.port === undefined ? 22 : body.port;
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) return "Invalid port";
    const flags = {
        active: flag(body.active) ?? 1,
        is_jump: flag(body.is_jump) ?? 0,
        is_cron: flag(body.is_cron) ?? 0,
        is_api: flag(body.is_api) ?? 0,
    };
    if (Object.values(flags).some((f) => f === null)) return "Invalid flag value";
    const groups = body.groups === undefined ? [] : stringList(body.groups);
    if (!groups) return "Invalid groups";
    return {
        name: name.trim(),
        ip_addr: ip.trim(),
        port: port as number,
        groups: [...new Set(groups)],
        ...(flags as Record<"active" | "is_jump" | "is_cron" | "is_api", 0 | 1>),
    };
}

// The fields of each list example in the document.
const SERVER_FIELDS = ["is_api", "is_jump", "ip_addr", "port", "name", "groups", "active", "is_cron", "id", "created", "users"];
/** A remote user in `servers/list` (no server_id there) and in `servers/$ID/users` (no updated there). */
const NESTED_USER_FIELDS = [
    "id",
    "updated",
    "ssh_key",
    "created",
    "auth_method",
    "active",
    "default_user",
    "username",
    "has_password",
    "port",
];
const USER_FIELDS = ["username", "default_user", "port", "id", "created", "server_id", "auth_method", "ssh_key", "has_password", "active"];

/** A remote user with its password reduced to `has_password`, as every answer shows it. */
function withHasPassword(u: ServerUserRow): Record<string, unknown> {
    const { password, ...rest } = u;
    return { ...rest, has_password: password ? 1 : 0 };
}

export function serverRoutes(api: EmulatedFluxark): Route[] {
    const { store } = api;
    const server = (id: string | undefined) => store.get<ServerRow>(FX_SERVERS, String(Number(id)));
    const usersOf = (serverId: number) => store.list<ServerUserRow>(FX_SERVER_USERS).filter((u) => u.server_id === serverId);
    const nameTaken = (name: string, except?: number) => store.list<ServerRow>(FX_SERVERS).some((s) => s.name === name && s.id !== except);

    function applyUser(u: Partial<ServerUserRow>, body: Body): string | undefined {
        if (body.username !== undefined) {
            if (typeof body.username !== "string" || !/^[a-z_][a-z0-9_.-]{0,31}$/i.test(body.username)) return "Invalid username";
            u.username = body.username;
        }
        if (body.auth_method !== undefined) {
            if (typeof body.auth_method !== "string" || !AUTH_METHODS.includes(body.auth_method)) return "Invalid auth method";
            u.auth_method = body.auth_method;
        }
        if (body.ssh_key !== undefined) u.ssh_key = String(body.ssh_key ?? "");
        if (body.password !== undefined) u.password = body.password === "" || body.password === null ? null : String(body.password);
        if (body.port !== undefined) {
            if (!Number.isInteger(body.port) || (body.port as number) < 1 || (body.port as number) > 65535) return "Invalid port";
            u.port = body.port as number;
        }
        for (const f of ["active", "default_user"] as const) {
            const v = flag(body[f]);
            if (v === null) return `Invalid ${f}`;
            if (v !== undefined) u[f] = v;
        }
        return undefined;
    }

    return [
        fluxRoute(api, "Servers", "GET", "/list", "fluxark.servers.list", () => ({
            status: 200,
            body: store
                .list<ServerRow>(FX_SERVERS)
                .map((s) =>
                    listView(
                        api,
                        { ...s, users: usersOf(s.id).map((u) => listView(api, withHasPassword(u), NESTED_USER_FIELDS, ["server_id"])) },
                        SERVER_FIELDS,
                    ),
                ),
        })),
        fluxRoute(api, "Servers", "POST", "/create", "fluxark.servers.create", (_req, body) => {
            const rec = serverRecord(body);
            if (typeof rec === "string") return error(400, rec);
            if (nameTaken(rec.name)) return error(400, "Duplicate server name");
            const id = store.nextId(FX_SERVERS);
            store.put<ServerRow>(FX_SERVERS, String(id), { id, ...rec, created: mysqlTime(api.now()) });
            return okId(id);
        }),
        fluxRoute(api, "Servers", "DELETE", "/delete/:id", "fluxark.servers.delete", (req) => {
            const s = server(req.params.id);
            if (!s) return error(404, "Missing server");
            for (const u of usersOf(s.id)) store.remove(FX_SERVER_USERS, String(u.id));
            store.remove(FX_SERVERS, String(s.id));
            return okId(s.id);
        }),
        fluxRoute(api, "Servers", "GET", "/:id/users", "fluxark.servers.users.list", (req) => {
            const s = server(req.params.id);
            return s
                ? { status: 200, body: usersOf(s.id).map((u) => listView(api, withHasPassword(u), USER_FIELDS, ["updated"])) }
                : error(404, "Missing server");
        }),
        fluxRoute(api, "Servers", "POST", "/:id/users", "fluxark.servers.users.create", (req, body) => {
            const s = server(req.params.id);
            if (!s) return error(404, "Missing server");
            if (typeof body.username !== "string") return error(400, "Missing username");
            if (usersOf(s.id).some((u) => u.username === body.username)) return error(400, "Duplicate username");
            const u: Partial<ServerUserRow> = {
                auth_method: "password",
                ssh_key: "",
                port: s.port,
                active: 1,
                default_user: 0,
                password: null,
            };
            const problem = applyUser(u, body);
            if (problem) return error(400, problem);
            const id = store.nextId(FX_SERVER_USERS);
            store.put<ServerUserRow>(FX_SERVER_USERS, String(id), {
                ...(u as ServerUserRow),
                id,
                server_id: s.id,
                created: mysqlTime(api.now()),
                updated: null,
            });
            return okId(id);
        }),
        fluxRoute(api, "Servers", "POST", "/:id/users/:userId", "fluxark.servers.users.update", (req, body) => {
            const s = server(req.params.id);
            const u = store.get<ServerUserRow>(FX_SERVER_USERS, String(Number(req.params.userId)));
            if (!s || !u || u.server_id !== s.id) return error(404, s ? "Missing user" : "Missing server");
            if (typeof body.username === "string" && usersOf(s.id).some((o) => o.username === body.username && o.id !== u.id))
                return error(400, "Duplicate username");
            const problem = applyUser(u, body);
            if (problem) return error(400, problem);
            u.updated = mysqlTime(api.now());
            return okId(u.id);
        }),
        fluxRoute(api, "Servers", "DELETE", "/:id/users/:userId", "fluxark.servers.users.delete", (req) => {
            const u = store.get<ServerUserRow>(FX_SERVER_USERS, String(Number(req.params.userId)));
            if (!u || u.server_id !== Number(req.params.id)) return error(404, "Missing user");
            store.remove(FX_SERVER_USERS, String(u.id));
            return okId(u.id);
        }),
        // Update replaces the whole record; it is last so /list, /create and /delete match first.
        fluxRoute(api, "Servers", "POST", "/:id", "fluxark.servers.update", (req, body) => {
            const s = server(req.params.id);
            if (!s) return error(404, "Missing server");
            const rec = serverRecord(body);
            if (typeof rec === "string") return error(400, rec);
            if (nameTaken(rec.name, s.id)) return error(400, "Duplicate server name");
            store.put<ServerRow>(FX_SERVERS, String(s.id), { ...s, ...rec });
            return okId(s.id);
        }),
    ];
}
