/**
 * FluxArk portal users, their ACL rules and user groups (`/api/users/`, permission Users).
 * User updates are partial; a username cannot change. ACL rules have no update; `expire_days`
 * becomes an absolute `expire_time`. User groups have no rename.
 */
import type { Route } from "../http";
import { error, flag, fluxRoute, listView, mysqlTime, okId, parseMysqlTime, stringList, type Body, type EmulatedFluxark } from "./common";
import { json } from "../http";
import { FX_SERVERS, FX_SERVER_USERS, type ServerRow, type ServerUserRow } from "./servers";

export const FX_USERS = "fluxarkUsers";
export const FX_ACL = "fluxarkAcl";
export const FX_USER_GROUPS = "fluxarkUserGroups";

export interface UserRow extends Record<string, unknown> {
    id: number;
    username: string;
    email: string;
    password: string;
    full_name: string;
    auth_type: string;
    password_type: string;
    ssh_key: string;
    active: number;
    server_admin: number | null;
    comment: string;
    ip_allow_list: string;
    groups: string[];
    created: string;
    login_tries: number;
    last_pass_update_date: string;
    password_expire_date: string;
}

export interface AclRow extends Record<string, unknown> {
    acl_id: number;
    user_id: number;
    user_server_id: number;
    server_id: number;
    expire_time: string;
    created: string;
}

export interface UserGroupRow extends Record<string, unknown> {
    id: number;
    name: string;
    created: string;
    expire_time: string;
    server_groups: { id: number; name: string; username: string; expire_time: string }[];
}

const AUTH_TYPES = ["password", "password-key", "key"];
const PASSWORD_TYPES = ["password", "token", "password-token"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// The fields of each list example in the document. Its user list shows no ssh_key and no comment.
const USER_FIELDS = [
    "full_name",
    "active",
    "login_tries",
    "ip_allow_list",
    "id",
    "username",
    "created",
    "groups",
    "password_type",
    "email",
    "auth_type",
    "server_admin",
    "last_pass_update_date",
    "password_expire_date",
];
const ACL_FIELDS = ["expire_time", "user_server_id", "created", "server_id", "acl_id"];
const GROUP_FIELDS = ["id", "expire_time", "name", "created", "server_groups"];

export function userRoutes(api: EmulatedFluxark): Route[] {
    const { store } = api;
    const user = (id: string | undefined) => store.get<UserRow>(FX_USERS, String(Number(id)));
    const group = (id: string | undefined) => store.get<UserGroupRow>(FX_USER_GROUPS, String(Number(id)));
    const groupNames = () => new Set(store.list<UserGroupRow>(FX_USER_GROUPS).map((g) => g.name));
    const serverGroupNames = () => new Set(store.list<ServerRow>(FX_SERVERS).flatMap((s) => s.groups));

    function applyUser(u: Partial<UserRow>, body: Body, creating: boolean): string | undefined {
        if (creating) {
            for (const f of ["username", "email", "password", "full_name", "auth_type", "password_type"])
                if (body[f] === undefined || body[f] === "") return `Missing ${f}`;
            if (typeof body.username !== "string" || !/^[a-z_][a-z0-9_-]{0,31}$/.test(body.username)) return "Invalid username";
            if (store.list<UserRow>(FX_USERS).some((o) => o.username === body.username)) return "Duplicate username";
            u.username = body.username;
        } else if (body.username !== undefined && body.username !== u.username) {
            return "The username cannot be changed";
        }
        if (body.email !== undefined) {
            if (typeof body.email !== "string" || !EMAIL.test(body.email)) return "Invalid email";
            if (store.list<UserRow>(FX_USERS).some((o) => o.email === body.email && o.id !== u.id)) return "Duplicate email";
            u.email = body.email;
        }
        if (body.password !== undefined) {
            if (typeof body.password !== "string" || body.password.length < 8) return "The password does not pass the strength check";
            u.password = body.password;
            u.last_pass_update_date = mysqlTime(api.now());
        }
        if (body.full_name !== undefined) u.full_name = String(body.full_name);
        if (body.auth_type !== undefined) {
            if (!AUTH_TYPES.includes(String(body.auth_type))) return "Invalid auth_type";
            u.auth_type = String(body.auth_type);
        }
        if (body.password_type !== undefined) {
            if (!PASSWORD_TYPES.includes(String(body.password_type))) return "Invalid password_type";
            u.password_type = String(body.password_type);
        }
        if (body.ssh_key !== undefined) u.ssh_key = String(body.ssh_key ?? "");
        if (body.comment !== undefined) u.comment = String(body.comment ?? "");
        if (body.ip_allow_list !== undefined) u.ip_allow_list = String(body.ip_allow_list ?? "");
        for (const f of ["active", "server_admin"] as const) {
            const v = flag(body[f]);
            if (v === null) return `Invalid ${f}`;
            if (v !== undefined) u[f] = v;
        }
        if (body.groups !== undefined) {
            const groups = stringList(body.groups);
            if (!groups) return "Invalid groups";
            const known = groupNames();
            const missing = groups.filter((g) => !known.has(g));
            if (missing.length > 0) return `Missing user group: ${missing.join(", ")}`;
            u.groups = [...new Set(groups)];
        }
        return undefined;
    }

    return [
        fluxRoute(api, "Users", "GET", "/list", "fluxark.users.list", () =>
            json(store.list<UserRow>(FX_USERS).map((u) => listView(api, u, USER_FIELDS, ["ssh_key", "comment"]))),
        ),
        fluxRoute(api, "Users", "POST", "/create", "fluxark.users.create", (_req, body) => {
            const u: Partial<UserRow> = {
                ssh_key: "",
                active: 1,
                server_admin: null,
                comment: "",
                ip_allow_list: "",
                groups: [],
                login_tries: 0,
            };
            const problem = applyUser(u, body, true);
            if (problem) return error(400, problem);
            const id = store.nextId(FX_USERS);
            const now = api.now();
            store.put<UserRow>(FX_USERS, String(id), {
                ...(u as UserRow),
                id,
                created: mysqlTime(now),
                password_expire_date: mysqlTime(new Date(now.getTime() + 90 * 86_400_000)),
            });
            return okId(id);
        }),
        // User groups: before /:id, which would match "groups" too.
        fluxRoute(api, "Users", "GET", "/groups", "fluxark.groups.list", () =>
            json(
                store
                    .list<UserGroupRow>(FX_USER_GROUPS)
                    .map((g) =>
                        listView(api, { ...g, server_groups: g.server_groups.map((r) => ({ id: r.id, name: r.name })) }, GROUP_FIELDS),
                    ),
            ),
        ),
        fluxRoute(api, "Users", "POST", "/groups", "fluxark.groups.create", (_req, body) => {
            if (typeof body.name !== "string" || !body.name.trim()) return error(400, "Missing name");
            if (groupNames().has(body.name)) return error(400, "Duplicate group name");
            const id = store.nextId(FX_USER_GROUPS);
            store.put<UserGroupRow>(FX_USER_GROUPS, String(id), {
                id,
                name: body.name,
                created: mysqlTime(api.now()),
                expire_time: "",
                server_groups: [],
            });
            return okId(id);
        }),
        fluxRoute(api, "Users", "DELETE", "/groups/:id", "fluxark.groups.delete", (req) => {
            const g = group(req.params.id);
            if (!g) return error(404, "Missing group");
            for (const u of store.list<UserRow>(FX_USERS)) u.groups = u.groups.filter((n) => n !== g.name);
            store.remove(FX_USER_GROUPS, String(g.id));
            return okId(g.id);
        }),
        fluxRoute(api, "Users", "POST", "/groups/:id/server_groups", "fluxark.groups.server_groups.add", (req, body) => {
            const g = group(req.params.id);
            if (!g) return error(404, "Missing group");
            const name = body.group_name;
            if (typeof name !== "string" || !name) return error(400, "Missing group_name");
            if (!serverGroupNames().has(name)) return error(400, "Missing server group");
            if (g.server_groups.some((r) => r.name === name)) return error(400, "Duplicate server group");
            const expire = body.expire_time === undefined || body.expire_time === "" ? "" : String(body.expire_time);
            if (expire && !parseMysqlTime(expire)) return error(400, "Invalid expire_time");
            const id = store.nextId("fluxarkServerGroupRules");
            g.server_groups.push({ id, name, username: body.username === undefined ? "" : String(body.username), expire_time: expire });
            return okId(id);
        }),
        ...["server_groups", "server_group"].map((segment) =>
            fluxRoute(api, "Users", "DELETE", `/groups/:id/${segment}/:name`, "fluxark.groups.server_groups.delete", (req) => {
                const g = group(req.params.id);
                const rule = g?.server_groups.find((r) => r.name === req.params.name);
                if (!g || !rule) return error(404, "Missing server group");
                g.server_groups = g.server_groups.filter((r) => r !== rule);
                return okId(rule.id);
            }),
        ),
        fluxRoute(api, "Users", "GET", "/:id/acl", "fluxark.acl.list", (req) => {
            const u = user(req.params.id);
            if (!u) return error(404, "Missing user");
            return json(
                store
                    .list<AclRow>(FX_ACL)
                    .filter((a) => a.user_id === u.id)
                    .map((a) => listView(api, a, ACL_FIELDS)),
            );
        }),
        fluxRoute(api, "Users", "POST", "/:id/acl", "fluxark.acl.add", (req, body) => {
            const u = user(req.params.id);
            if (!u) return error(404, "Missing user");
            const remote = store.get<ServerUserRow>(FX_SERVER_USERS, String(Number(body.user_server_id)));
            if (!remote) return error(400, "Missing remote user");
            if (body.expire_days !== undefined && body.expire_time !== undefined)
                return error(400, "Use either expire_days or expire_time");
            let expire = "";
            if (body.expire_days !== undefined) {
                if (!Number.isInteger(body.expire_days) || (body.expire_days as number) < 1) return error(400, "Invalid expire_days");
                expire = mysqlTime(new Date(api.now().getTime() + (body.expire_days as number) * 86_400_000));
            } else if (body.expire_time !== undefined && body.expire_time !== "") {
                if (!parseMysqlTime(String(body.expire_time))) return error(400, "Invalid expire_time");
                expire = String(body.expire_time);
            }
            const id = store.nextId(FX_ACL);
            store.put<AclRow>(FX_ACL, String(id), {
                acl_id: id,
                user_id: u.id,
                user_server_id: remote.id,
                server_id: remote.server_id,
                expire_time: expire,
                created: mysqlTime(api.now()),
            });
            return okId(id);
        }),
        fluxRoute(api, "Users", "DELETE", "/:id/acl/:aclId", "fluxark.acl.delete", (req) => {
            const a = store.get<AclRow>(FX_ACL, String(Number(req.params.aclId)));
            if (!a || a.user_id !== Number(req.params.id)) return error(404, "Missing rule");
            store.remove(FX_ACL, String(a.acl_id));
            return json({ status: "OK" });
        }),
        fluxRoute(api, "Users", "POST", "/:id", "fluxark.users.update", (req, body) => {
            const u = user(req.params.id);
            if (!u) return error(404, "Missing user");
            const copy = { ...u };
            const problem = applyUser(copy, body, false);
            if (problem) return error(400, problem);
            store.put(FX_USERS, String(u.id), copy);
            return okId(u.id);
        }),
        fluxRoute(api, "Users", "DELETE", "/:id", "fluxark.users.delete", (req) => {
            const u = user(req.params.id);
            if (!u) return error(404, "Missing user");
            for (const a of store.list<AclRow>(FX_ACL)) if (a.user_id === u.id) store.remove(FX_ACL, String(a.acl_id));
            store.remove(FX_USERS, String(u.id));
            return okId(u.id);
        }),
    ];
}
