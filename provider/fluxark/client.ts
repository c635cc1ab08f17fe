/**
 * The FluxArk Management API client: one method per documented endpoint, over the one HTTP
 * transport. `Authorization: Basic <API key>` (the raw key), JSON bodies (`{}` when there is
 * nothing to send), `{"messages", "status", "time"}` errors mapped to typed ApiErrors, and 403
 * mapped to a permission error that names the area the key lacks.
 */
import { z } from "zod";
import type { FluxarkCredentials } from "../core/settings";
import { checkAnswer, notJsonError, parseJsonBody } from "../core/answer";
import { ApiError, kindFromStatus, type ApiErrorKind } from "../core/errors";
import type { HttpMethod, HttpResponse, HttpTransport } from "../core/http";
import { aclSchema, errorBodySchema, okSchema, serverSchema, serverUserSchema, userGroupSchema, userSchema, type AclWire, type ServerUserWire, type ServerWire, type UserGroupWire, type UserWire } from "./schemas";

const SERVICE = "FluxArk";

/** The answer to a create: `{"status": "OK", "id": <new id>}`. */
const createdSchema = okSchema.extend({ id: z.number().int().positive() });

export type Area = "Servers" | "Users";

/** The full server record: an update replaces the whole record, so every field is always sent. */
export interface ServerRecord {
    name: string;
    ip_addr: string;
    active: boolean;
    is_jump: boolean;
    is_cron: boolean;
    is_api: boolean;
    port: number;
    groups: string[];
}

export interface ServerUserFields {
    username?: string;
    auth_method?: string;
    password?: string;
    ssh_key?: string;
    port?: number;
    active?: boolean;
    default_user?: boolean;
}

export interface UserFields {
    username?: string;
    email?: string;
    password?: string;
    full_name?: string;
    auth_type?: string;
    password_type?: string;
    ssh_key?: string;
    active?: boolean;
    server_admin?: boolean;
    comment?: string;
    ip_allow_list?: string;
    groups?: string[];
}

/**
 * The object a create names in its body, rather than in its path: "Missing <it>" from that call means
 * the caller referred to something that does not exist (a mistake in the inputs), not that the object
 * the path names is gone.
 */
const BODY_REFERENCE: Record<string, string> = { "users/acl/add": "remote user", "users/groups/server_groups/add": "server group" };

/**
 * The kind of a FluxArk error body. The document shows errors without an HTTP status, so the message
 * decides, whatever the status (200, 400 or 404): "Missing user" from `users/$ID/acl` means the user
 * is gone, which a read must see as NotFound on any status or its refresh fails for good.
 */
export function messageKind(message: string, status: number, operation: string): ApiErrorKind {
    if (/^duplicate/i.test(message)) return "Conflict";
    const missing = /^missing (server|user|group|rule|remote user|server group)$/i.exec(message)?.[1]?.toLowerCase();
    if (missing !== undefined) return BODY_REFERENCE[operation] === missing ? "Validation" : "NotFound";
    return kindFromStatus(status);
}

/** A FluxArk answer to data, or an ApiError. */
function unwrapFluxark(response: HttpResponse, operation: string, area: Area): unknown {
    const body = parseJsonBody(response.body);
    const err = errorBodySchema.safeParse(body);
    if (response.status === 403) {
        throw new ApiError({ kind: "Permission", service: SERVICE, operation, status: 403, message: `the API key lacks the ${area} permission (Settings -> Management API keys)` });
    }
    if (response.status === 401) throw new ApiError({ kind: "Auth", service: SERVICE, operation, status: 401, message: err.success ? err.data.messages.join("; ") : "the API key was rejected" });
    if (err.success || response.status >= 400) {
        const message = err.success ? err.data.messages.join("; ") : `HTTP ${response.status}`;
        throw new ApiError({ kind: messageKind(message, response.status, operation), service: SERVICE, operation, status: response.status, message });
    }
    if (body === undefined) throw notJsonError(SERVICE, operation, response);
    return body;
}

export class FluxarkClient {
    constructor(
        private readonly credentials: () => FluxarkCredentials,
        private readonly http: HttpTransport,
    ) {}

    private async call<S extends z.ZodType>(method: HttpMethod, path: string, operation: string, area: Area, schema: S, idempotent: boolean, body?: object): Promise<z.output<S>> {
        const creds = this.credentials();
        return this.http.send(
            {
                service: SERVICE,
                operation,
                method,
                idempotent,
                url: () => new URL(creds.url.replace(/\/+$/, "") + "/api" + path),
                headers: { authorization: `Basic ${creds.apiKey}`, accept: "application/json", ...(method === "POST" ? { "content-type": "application/json" } : {}) },
                body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
            },
            (response) => checkAnswer(schema, unwrapFluxark(response, operation, area), SERVICE, operation, response.status),
        );
    }

    /** A create: its answer must carry the new id, checked inside the transport so a missing one is "outcome unknown". */
    private async created(method: HttpMethod, path: string, operation: string, area: Area, body?: object): Promise<number> {
        return (await this.call(method, path, operation, area, createdSchema, false, body)).id;
    }

    private async done(method: HttpMethod, path: string, operation: string, area: Area, body?: object): Promise<void> {
        await this.call(method, path, operation, area, okSchema, true, body);
    }

    // Servers (permission Servers)
    listServers(): Promise<ServerWire[]> {
        return this.call("GET", "/servers/list", "servers/list", "Servers", z.array(serverSchema), true);
    }
    createServer(record: ServerRecord): Promise<number> {
        return this.created("POST", "/servers/create", "servers/create", "Servers", record);
    }
    updateServer(id: number, record: ServerRecord): Promise<void> {
        return this.done("POST", `/servers/${id}`, "servers/update", "Servers", record);
    }
    deleteServer(id: number): Promise<void> {
        return this.done("DELETE", `/servers/delete/${id}`, "servers/delete", "Servers");
    }

    // Remote SSH users of a server (permission Servers)
    listServerUsers(serverId: number): Promise<ServerUserWire[]> {
        return this.call("GET", `/servers/${serverId}/users`, "servers/users/list", "Servers", z.array(serverUserSchema), true);
    }
    createServerUser(serverId: number, fields: ServerUserFields): Promise<number> {
        return this.created("POST", `/servers/${serverId}/users`, "servers/users/create", "Servers", fields);
    }
    updateServerUser(serverId: number, userId: number, fields: ServerUserFields): Promise<void> {
        return this.done("POST", `/servers/${serverId}/users/${userId}`, "servers/users/update", "Servers", fields);
    }
    deleteServerUser(serverId: number, userId: number): Promise<void> {
        return this.done("DELETE", `/servers/${serverId}/users/${userId}`, "servers/users/delete", "Servers");
    }

    // Portal users (permission Users)
    listUsers(): Promise<UserWire[]> {
        return this.call("GET", "/users/list", "users/list", "Users", z.array(userSchema), true);
    }
    createUser(fields: UserFields): Promise<number> {
        return this.created("POST", "/users/create", "users/create", "Users", fields);
    }
    updateUser(id: number, fields: UserFields): Promise<void> {
        return this.done("POST", `/users/${id}`, "users/update", "Users", fields);
    }
    deleteUser(id: number): Promise<void> {
        return this.done("DELETE", `/users/${id}`, "users/delete", "Users");
    }

    // ACL rules of a user (permission Users)
    listAcl(userId: number): Promise<AclWire[]> {
        return this.call("GET", `/users/${userId}/acl`, "users/acl/list", "Users", z.array(aclSchema), true);
    }
    addAcl(userId: number, rule: { user_server_id: number; expire_time?: string; expire_days?: number }): Promise<number> {
        return this.created("POST", `/users/${userId}/acl`, "users/acl/add", "Users", rule);
    }
    deleteAcl(userId: number, aclId: number): Promise<void> {
        return this.done("DELETE", `/users/${userId}/acl/${aclId}`, "users/acl/delete", "Users");
    }

    // User groups (permission Users)
    listUserGroups(): Promise<UserGroupWire[]> {
        return this.call("GET", "/users/groups", "users/groups/list", "Users", z.array(userGroupSchema), true);
    }
    createUserGroup(name: string): Promise<number> {
        return this.created("POST", "/users/groups", "users/groups/create", "Users", { name });
    }
    deleteUserGroup(id: number): Promise<void> {
        return this.done("DELETE", `/users/groups/${id}`, "users/groups/delete", "Users");
    }
    addServerGroupRule(groupId: number, rule: { group_name: string; username: string; expire_time?: string }): Promise<number> {
        return this.created("POST", `/users/groups/${groupId}/server_groups`, "users/groups/server_groups/add", "Users", rule);
    }
    deleteServerGroupRule(groupId: number, serverGroup: string): Promise<void> {
        return this.done("DELETE", `/users/groups/${groupId}/server_groups/${encodeURIComponent(serverGroup)}`, "users/groups/server_groups/delete", "Users");
    }
}
