/**
 * The FluxArk Management API client: one method per documented endpoint, over the one HTTP
 * transport. `Authorization: Basic <API key>` (the raw key), JSON bodies (`{}` when there is
 * nothing to send), `{"messages", "status", "time"}` errors mapped to typed ApiErrors, and a refused
 * key (on any status: the document gives none) mapped to an Auth or Permission error that names the
 * setting to check and, for a permission, the area the key lacks.
 */
import { z } from "zod";
import { settingLabel, type FluxarkCredentials } from "../core/settings";
import { checkAnswer, notJsonError, parseJsonBody } from "../core/answer";
import { ApiError, kindFromStatus, type ApiErrorKind } from "../core/errors";
import type { HttpMethod, HttpResponse, HttpTransport } from "../core/http";
import {
    aclSchema,
    errorBodySchema,
    okSchema,
    serverSchema,
    serverUserSchema,
    userGroupSchema,
    userSchema,
    type AclWire,
    type ServerUserWire,
    type ServerWire,
    type UserGroupWire,
    type UserWire,
} from "./schemas";

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

// What an installation may say when it refuses a key: the document shows no such message. On 401/403 the
// status already says "refused", so the message is read loosely; on any other status (200 among them) a
// message must open with a refusal, so that a business error naming a field (auth_type, a "credential"
// server) or echoing the request's Authorization header is never taken for one.
const LACKS_PERMISSION = /permission|forbidden|access denied/i;
const KEY_REFUSED = /api[ _-]?key|unauthori[sz]ed|not authori[sz]ed|authori[sz]ation (failed|required)|authenticat|credential/i;
const OPENS_LACKING_PERMISSION = /^(missing permission|permission denied|forbidden|access denied|you don't have the permissions?)\b/i;
const OPENS_KEY_REFUSED =
    /^((invalid|missing|bad|unknown|wrong|expired) api[ _-]?key|unauthori[sz]ed|not authori[sz]ed|authori[sz]ation (failed|required)|authentication (failed|required)|invalid credentials?)\b/i;

/**
 * Whether an answer refuses the key, and how: 403 is the documented "lacks the permission" unless its
 * message says the key itself is bad; 401 is a bad key; on any other status (200 among them, since the
 * document gives a bad key none) one of the error's messages must open as a refusal.
 */
export function refusalKind(status: number, message: string | undefined): "Auth" | "Permission" | undefined {
    const said = message ?? "";
    if (status === 403) return KEY_REFUSED.test(said) && !LACKS_PERMISSION.test(said) ? "Auth" : "Permission";
    if (status === 401) return "Auth";
    const messages = said.split(/;\s*/);
    if (messages.some((m) => OPENS_LACKING_PERMISSION.test(m))) return "Permission";
    return messages.some((m) => OPENS_KEY_REFUSED.test(m)) ? "Auth" : undefined;
}

function refusalError(kind: "Auth" | "Permission", operation: string, area: Area, status: number, said: string): ApiError {
    const setting = settingLabel("fluxarkApiKey");
    const panel = "the web panel's Settings -> Management API keys";
    const message =
        kind === "Auth"
            ? `${said}: the installation refused the API key; check ${setting} (keys are made in ${panel})`
            : `${said}: the API key lacks the ${area} permission; grant it to the key in ${setting} (in ${panel}) or set a key that has it`;
    return new ApiError({ kind, service: SERVICE, operation, status, message });
}

/** A FluxArk answer to data, or an ApiError. */
function unwrapFluxark(response: HttpResponse, operation: string, area: Area): unknown {
    const body = parseJsonBody(response.body);
    const err = errorBodySchema.safeParse(body);
    const said = err.success ? err.data.messages.join("; ") : undefined;
    const refusal = response.status < 500 && (err.success || response.status >= 400) ? refusalKind(response.status, said) : undefined;
    if (refusal) throw refusalError(refusal, operation, area, response.status, said ?? `HTTP ${response.status}`);
    if (err.success || response.status >= 400) {
        const message = said ?? `HTTP ${response.status}`;
        throw new ApiError({
            kind: messageKind(message, response.status, operation),
            service: SERVICE,
            operation,
            status: response.status,
            message,
        });
    }
    if (body === undefined) throw notJsonError(SERVICE, operation, response);
    return body;
}

/** One call to the API, named as the TuxCare client names its calls. */
interface Call<S extends z.ZodType> {
    method: HttpMethod;
    /** Path under `/api`, e.g. `/servers/list`. */
    path: string;
    operation: string;
    /** The key permission the call needs, named in a refusal. */
    area: Area;
    schema: S;
    idempotent: boolean;
    /** The JSON body of a POST (`{}` when absent). */
    body?: object;
}

/** A write as `created` and `done` take it: a call without the schema and idempotency they set. */
type Write = Omit<Call<z.ZodType>, "schema" | "idempotent">;

export class FluxarkClient {
    constructor(
        private readonly credentials: () => FluxarkCredentials,
        private readonly http: HttpTransport,
    ) {}

    private async call<S extends z.ZodType>({ method, path, operation, area, schema, idempotent, body }: Call<S>): Promise<z.output<S>> {
        const creds = this.credentials();
        return this.http.send(
            {
                service: SERVICE,
                operation,
                method,
                idempotent,
                url: () => new URL(`${creds.url.replace(/\/+$/, "")}/api${path}`),
                headers: {
                    authorization: `Basic ${creds.apiKey}`,
                    accept: "application/json",
                    ...(method === "POST" ? { "content-type": "application/json" } : {}),
                },
                body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
            },
            (response) => checkAnswer(schema, unwrapFluxark(response, operation, area), SERVICE, operation, response.status),
        );
    }

    /** A create: its answer must carry the new id, checked inside the transport so a missing one is "outcome unknown". */
    private async created(write: Write): Promise<number> {
        return (await this.call({ ...write, schema: createdSchema, idempotent: false })).id;
    }

    private async done(write: Write): Promise<void> {
        await this.call({ ...write, schema: okSchema, idempotent: true });
    }

    // Servers (permission Servers)
    listServers(): Promise<ServerWire[]> {
        return this.call({
            method: "GET",
            path: "/servers/list",
            operation: "servers/list",
            area: "Servers",
            schema: z.array(serverSchema),
            idempotent: true,
        });
    }
    createServer(record: ServerRecord): Promise<number> {
        return this.created({ method: "POST", path: "/servers/create", operation: "servers/create", area: "Servers", body: record });
    }
    updateServer(id: number, record: ServerRecord): Promise<void> {
        return this.done({ method: "POST", path: `/servers/${id}`, operation: "servers/update", area: "Servers", body: record });
    }
    deleteServer(id: number): Promise<void> {
        return this.done({ method: "DELETE", path: `/servers/delete/${id}`, operation: "servers/delete", area: "Servers" });
    }

    // Remote SSH users of a server (permission Servers)
    listServerUsers(serverId: number): Promise<ServerUserWire[]> {
        return this.call({
            method: "GET",
            path: `/servers/${serverId}/users`,
            operation: "servers/users/list",
            area: "Servers",
            schema: z.array(serverUserSchema),
            idempotent: true,
        });
    }
    createServerUser(serverId: number, fields: ServerUserFields): Promise<number> {
        return this.created({
            method: "POST",
            path: `/servers/${serverId}/users`,
            operation: "servers/users/create",
            area: "Servers",
            body: fields,
        });
    }
    updateServerUser(serverId: number, userId: number, fields: ServerUserFields): Promise<void> {
        return this.done({
            method: "POST",
            path: `/servers/${serverId}/users/${userId}`,
            operation: "servers/users/update",
            area: "Servers",
            body: fields,
        });
    }
    deleteServerUser(serverId: number, userId: number): Promise<void> {
        return this.done({
            method: "DELETE",
            path: `/servers/${serverId}/users/${userId}`,
            operation: "servers/users/delete",
            area: "Servers",
        });
    }

    // Portal users (permission Users)
    listUsers(): Promise<UserWire[]> {
        return this.call({
            method: "GET",
            path: "/users/list",
            operation: "users/list",
            area: "Users",
            schema: z.array(userSchema),
            idempotent: true,
        });
    }
    createUser(fields: UserFields): Promise<number> {
        return this.created({ method: "POST", path: "/users/create", operation: "users/create", area: "Users", body: fields });
    }
    updateUser(id: number, fields: UserFields): Promise<void> {
        return this.done({ method: "POST", path: `/users/${id}`, operation: "users/update", area: "Users", body: fields });
    }
    deleteUser(id: number): Promise<void> {
        return this.done({ method: "DELETE", path: `/users/${id}`, operation: "users/delete", area: "Users" });
    }

    // ACL rules of a user (permission Users)
    listAcl(userId: number): Promise<AclWire[]> {
        return this.call({
            method: "GET",
            path: `/users/${userId}/acl`,
            operation: "users/acl/list",
            area: "Users",
            schema: z.array(aclSchema),
            idempotent: true,
        });
    }
    addAcl(userId: number, rule: { user_server_id: number; expire_time?: string; expire_days?: number }): Promise<number> {
        return this.created({ method: "POST", path: `/users/${userId}/acl`, operation: "users/acl/add", area: "Users", body: rule });
    }
    deleteAcl(userId: number, aclId: number): Promise<void> {
        return this.done({ method: "DELETE", path: `/users/${userId}/acl/${aclId}`, operation: "users/acl/delete", area: "Users" });
    }

    // User groups (permission Users)
    listUserGroups(): Promise<UserGroupWire[]> {
        return this.call({
            method: "GET",
            path: "/users/groups",
            operation: "users/groups/list",
            area: "Users",
            schema: z.array(userGroupSchema),
            idempotent: true,
        });
    }
    createUserGroup(name: string): Promise<number> {
        return this.created({ method: "POST", path: "/users/groups", operation: "users/groups/create", area: "Users", body: { name } });
    }
    deleteUserGroup(id: number): Promise<void> {
        return this.done({ method: "DELETE", path: `/users/groups/${id}`, operation: "users/groups/delete", area: "Users" });
    }
    addServerGroupRule(groupId: number, rule: { group_name: string; username: string; expire_time?: string }): Promise<number> {
        return this.created({
            method: "POST",
            path: `/users/groups/${groupId}/server_groups`,
            operation: "users/groups/server_groups/add",
            area: "Users",
            body: rule,
        });
    }
    deleteServerGroupRule(groupId: number, serverGroup: string): Promise<void> {
        return this.done({
            method: "DELETE",
            path: `/users/groups/${groupId}/server_groups/${encodeURIComponent(serverGroup)}`,
            operation: "users/groups/server_groups/delete",
            area: "Users",
        });
    }
}
