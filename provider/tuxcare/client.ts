/**
 * The TuxCare portal API client: one method per documented endpoint, over the one HTTP
 * transport. Every call signs a fresh token (`login|unix_seconds|sha1(secret_key + seconds)`,
 * valid 30 minutes), unwraps the `{message, type, success, data}` envelope when the answer comes
 * in one (NOTES.md), and checks the answer against a minimal zod schema. A body that is not JSON
 * is refused wherever the document promises JSON; only the Nagios calls answer plain text.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { settingLabel, type TuxcareCredentials } from "../core/settings";
import { checkAnswer, mayBeBareString, notJsonError, parseJsonBody, unexpectedAnswer } from "../core/answer";
import { ApiError, kindFromStatus, type ApiErrorKind } from "../core/errors";
import type { HttpMethod, HttpResponse, HttpTransport } from "../core/http";
import { redact, registerSecret } from "../core/redact";
import {
    availabilitySchema,
    elsKeySchema,
    elsServerSchema,
    groupServerSchema,
    ipLicenseSchema,
    ipServerSchema,
    serverGroupSchema,
    type ElsKeyWire,
    type ElsServerWire,
    type GroupServerWire,
    type IpLicenseWire,
    type IpServerWire,
    type ServerGroupWire,
    envelopeSchema,
    kcareKeySchema,
    kcareServerRemovedSchema,
    kcareServerSchema,
    setCidrResultSchema,
    type KcareKeyWire,
    type KcareServerWire,
} from "./schemas";
import { elsKeyString, kcareKeyString } from "./key-shapes";

const SERVICE = "TuxCare";

/** The answer to an ELS key create: a key object whose key has a key's shape. */
const newElsKeySchema = elsKeySchema.extend({ key: elsKeyString });

export function sha1Hex(s: string): string {
    return createHash("sha1").update(s).digest("hex");
}

/** The portal's authentication token for a moment in time. */
export function signToken(login: string, secretKey: string, unixSeconds: number): string {
    return `${login}|${unixSeconds}|${sha1Hex(secretKey + String(unixSeconds))}`;
}

type Args = Record<string, string | number | boolean | undefined>;

interface Call<S extends z.ZodType> {
    /** false for the calls that take no token (Nagios). */
    signed?: boolean;
    method: HttpMethod;
    /** Path under the API root, e.g. `/kcare/key/list.json`. */
    path: string;
    operation: string;
    args?: Args;
    idempotent: boolean;
    /** What the document promises; JSON unless said otherwise. */
    answer?: AnswerFormat;
    schema: S;
}

/**
 * `json` (most calls), `text` (Nagios `.plain`), or `string`: a bare string, which may come
 * JSON-quoted or as raw text, since the document says only "(string)" (KernelCare key create).
 */
export type AnswerFormat = "json" | "text" | "string";

const AUTH_FAILED = /authori[sz]ation failed/i;

function businessErrorKind(message: string): ApiErrorKind {
    if (AUTH_FAILED.test(message)) return "Auth";
    if (/not found|does not exist|no such/i.test(message)) return "NotFound";
    if (/already|exists|duplicate/i.test(message)) return "Conflict";
    return "Validation";
}

/**
 * The error for a refused token, on whatever status it came (the document gives none): it names the
 * settings to check, so the user is not left guessing which credential and never reads it as "gone".
 */
function authError(operation: string, status: number, said: string): ApiError {
    const check = `check ${settingLabel("tuxcareLogin")} and ${settingLabel("tuxcareSecretKey")}, and that this machine's clock is right (a token is valid 30 minutes)`;
    return new ApiError({
        kind: "Auth",
        service: SERVICE,
        operation,
        status,
        message: `${said}: the portal refused the credentials; ${check}`,
    });
}

/** Whether an answer refuses the credentials: 401 or 403, or the documented "Authorization failed" body (or status line) on any status. */
function isAuthRefusal(response: HttpResponse, message: string | undefined): boolean {
    return response.status === 401 || response.status === 403 || AUTH_FAILED.test(message ?? "");
}

/**
 * A TuxCare answer (an HTTP response) to data, or an ApiError: a body that is not JSON is refused
 * unless the document promises text or a bare string.
 */
function unwrapTuxcare(response: HttpResponse, operation: string, format: AnswerFormat = "json"): unknown {
    // A page on a 2xx where a bare string is documented is never the string, quoted or not (a key's shape cannot tell).
    if (format === "string" && response.status < 400 && !mayBeBareString(response)) throw notJsonError(SERVICE, operation, response);
    const json = format === "text" ? undefined : parseJsonBody(response.body);
    const envelope = envelopeSchema.safeParse(json);
    if (envelope.success) {
        if (!envelope.data.success) {
            const message = envelope.data.message || `request failed (HTTP ${response.status})`;
            if (response.status < 500 && isAuthRefusal(response, message)) throw authError(operation, response.status, message);
            throw new ApiError({
                kind: response.status >= 500 ? "Server" : businessErrorKind(message),
                service: SERVICE,
                operation,
                status: response.status,
                message,
            });
        }
        if (response.status < 400) return envelope.data.data;
    }
    if (isAuthRefusal(response, undefined)) throw authError(operation, response.status, `HTTP ${response.status}`);
    if (response.status >= 400)
        throw new ApiError({
            kind: kindFromStatus(response.status),
            service: SERVICE,
            operation,
            status: response.status,
            message: `HTTP ${response.status}`,
        });
    if (format === "text") return response.body;
    if (json !== undefined) return json;
    // Raw text where a bare string is documented: the caller's schema decides whether it is one.
    if (format === "string") return response.body.trim();
    throw notJsonError(SERVICE, operation, response);
}

/** Registers every license key in an answer (a bare key, or objects with a `key` field) for redaction. */
function registerLicenseKeys(data: unknown): void {
    if (typeof data === "string" && /^[A-Za-z0-9_]+(-[A-Za-z0-9]+)?$/.test(data) && data.length >= 12) registerSecret(data);
    const items = Array.isArray(data) ? data : [data];
    for (const item of items)
        if (item && typeof item === "object" && typeof (item as { key?: unknown }).key === "string")
            registerSecret((item as { key: string }).key);
}

export class TuxcareClient {
    constructor(
        private readonly credentials: () => TuxcareCredentials,
        private readonly http: HttpTransport,
        private readonly clock: () => number = Date.now,
    ) {}

    private url(path: string, args: Args, signed: boolean): URL {
        const creds = this.credentials();
        const url = new URL(creds.apiUrl.replace(/\/+$/, "") + path);
        for (const [k, v] of Object.entries(args)) if (v !== undefined) url.searchParams.set(k, String(v));
        // A license key is a credential: whatever logs or errors mention it, it is masked.
        if (typeof args.key === "string") registerSecret(args.key);
        if (signed) url.searchParams.set("token", signToken(creds.login, creds.secretKey, Math.floor(this.clock() / 1000)));
        return url;
    }

    private async call<S extends z.ZodType>(c: Call<S>): Promise<z.output<S>> {
        return this.http.send(
            {
                service: SERVICE,
                operation: c.operation,
                method: c.method,
                idempotent: c.idempotent,
                url: () => this.url(c.path, c.args ?? {}, c.signed ?? true),
            },
            (response) => {
                const data = unwrapTuxcare(response, c.operation, c.answer);
                registerLicenseKeys(data);
                return checkAnswer(c.schema, data, SERVICE, c.operation, response.status);
            },
        );
    }

    // KernelCare keys and servers (/api/kcare)

    createKcareKey(limit: number, note: string | undefined): Promise<string> {
        return this.call({
            method: "GET",
            path: "/kcare/key/create.json",
            operation: "kcare/key/create",
            args: { limit, note },
            idempotent: false,
            answer: "string",
            schema: kcareKeyString,
        });
    }

    /** True when the key was deleted, false when it was not found. */
    deleteKcareKey(key: string): Promise<boolean> {
        return this.call({
            method: "GET",
            path: "/kcare/key/delete.json",
            operation: "kcare/key/delete",
            args: { key },
            idempotent: true,
            schema: z.boolean(),
        });
    }

    listKcareKeys(): Promise<KcareKeyWire[]> {
        return this.call({
            method: "GET",
            path: "/kcare/key/list.json",
            operation: "kcare/key/list",
            idempotent: true,
            schema: z.array(kcareKeySchema),
        });
    }

    listKcareKeyServers(key: string): Promise<KcareServerWire[]> {
        return this.call({
            method: "GET",
            path: "/kcare/key/servers.json",
            operation: "kcare/key/servers",
            args: { key },
            idempotent: true,
            schema: z.array(kcareServerSchema),
        });
    }

    /** Replaces the key's CIDR list (an empty list clears it). */
    async setKcareKeyCidrs(key: string, cidrs: readonly string[]): Promise<void> {
        const { code } = await this.call({
            method: "GET",
            path: "/kcare/key/set_cidr.json",
            operation: "kcare/key/set_cidr",
            args: { key, cidr: cidrs.join(",") },
            idempotent: true,
            schema: setCidrResultSchema,
        });
        const reasons: Record<number, string> = {
            1: "irregular IP address in one of the CIDRs",
            2: "irregular prefix in one of the CIDRs",
            3: "internal error",
        };
        if (code !== 0)
            throw new ApiError({
                kind: code === 3 ? "Server" : "Validation",
                service: SERVICE,
                operation: "kcare/key/set_cidr",
                message: `code ${code}: ${reasons[code] ?? "unknown code"}`,
            });
    }

    /** Removes a KernelCare server; false when the portal did not find it. */
    async removeKcareServer(serverId: string): Promise<boolean> {
        const data = await this.call({
            method: "GET",
            path: "/kcare/srv/remove.json",
            operation: "kcare/srv/remove",
            args: { server_id: serverId },
            idempotent: true,
            schema: kcareServerRemovedSchema,
        });
        // The portal answers success with `data: null` and "Server not found" when there was none.
        return data !== null;
    }

    /** The reseller Nagios URL carries the token in its path. */
    private signedPathToken(): string {
        const creds = this.credentials();
        return signToken(creds.login, creds.secretKey, Math.floor(this.clock() / 1000));
    }

    /**
     * Plain-text Nagios answers: the status line, whatever the HTTP status (non-2xx means "not OK").
     * A refused token (401, 403, or "Authorization failed" as JSON or text on any status) is an error,
     * never a status line: a monitor would otherwise report an outage that is a credential problem.
     */
    private async nagios(
        path: () => string,
        operation: string,
        refused: (status: number) => ApiError,
    ): Promise<{ ok: boolean; text: string }> {
        return this.http.send(
            { service: SERVICE, operation, method: "GET", idempotent: true, url: () => this.url(path(), {}, false) },
            (response) => {
                if (isAuthRefusal(response, response.body)) throw refused(response.status);
                if (response.status >= 500 && !/^KernelCare/.test(response.body))
                    throw new ApiError({
                        kind: "Server",
                        service: SERVICE,
                        operation,
                        status: response.status,
                        message: `HTTP ${response.status}`,
                    });
                // The status line becomes a program's output: a server that echoes the request (the token) must not put it there.
                return { ok: response.status < 400 && /^KernelCare OK/.test(response.body), text: redact(response.body.trim()) };
            },
        );
    }

    // KernelCare Nagios (/api/kcare/nagios*)

    /** Registers a monitoring key for the caller's IP; answers the documented code (0 = success). */
    async registerNagiosKey(key: string): Promise<number> {
        const result = await this.call({
            method: "GET",
            path: "/kcare/nagios/register_key.plain",
            operation: "kcare/nagios/register_key",
            args: { key },
            idempotent: true,
            signed: false,
            answer: "text",
            schema: z.string(),
        });
        const m = /success:(true|false)(?:\s+code:(\d+))?/.exec(result);
        if (!m) throw unexpectedAnswer(SERVICE, "kcare/nagios/register_key");
        return m[1] === "true" ? Number(m[2] ?? 0) : -1;
    }

    nagiosKeyStatus(keyId: string): Promise<{ ok: boolean; text: string }> {
        registerSecret(keyId); // a Nagios key is a credential: whoever holds it reads the status
        const operation = "kcare/nagios";
        return this.nagios(
            () => `/kcare/nagios/${encodeURIComponent(keyId)}`,
            operation,
            (status) =>
                new ApiError({
                    kind: "Auth",
                    service: SERVICE,
                    operation,
                    status,
                    message: "Authorization failed: the portal refused the monitoring key; check the key id",
                }),
        );
    }

    nagiosResellerStatus(login: string): Promise<{ ok: boolean; text: string }> {
        const operation = "kcare/nagios-res";
        return this.nagios(
            () => `/kcare/nagios-res/${encodeURIComponent(login)}/${encodeURIComponent(this.signedPathToken())}`,
            operation,
            (status) => authError(operation, status, "Authorization failed"),
        );
    }

    // ELS and AlmaLinux ESU keys (/api/els). The product goes as both `productType` and `code` (NOTES.md).

    createElsKey(productCode: string, limit: number, note: string | undefined): Promise<ElsKeyWire> {
        return this.call({
            method: "POST",
            path: "/els/key/create.json",
            operation: "els/key/create",
            args: { productType: productCode, code: productCode, limit, note },
            idempotent: false,
            schema: newElsKeySchema,
        });
    }

    updateElsKey(key: string, limit: number, note: string): Promise<ElsKeyWire> {
        return this.call({
            method: "PUT",
            path: "/els/key/update.json",
            operation: "els/key/update",
            args: { key, limit, note },
            idempotent: true,
            schema: elsKeySchema,
        });
    }

    /** Removes a key with all its servers; returns the servers removed with it. */
    removeElsKey(key: string): Promise<ElsServerWire[]> {
        return this.call({
            method: "DELETE",
            path: "/els/key/remove.json",
            operation: "els/key/remove",
            args: { key },
            idempotent: true,
            schema: z.array(elsServerSchema),
        });
    }

    listElsKeys(productCode: string): Promise<ElsKeyWire[]> {
        return this.call({
            method: "GET",
            path: "/els/key/list.json",
            operation: "els/key/list",
            args: { productType: productCode, code: productCode },
            idempotent: true,
            schema: z.array(elsKeySchema),
        });
    }

    listElsServers(productCode: string): Promise<ElsServerWire[]> {
        return this.call({
            method: "GET",
            path: "/els/srv/list.json",
            operation: "els/srv/list",
            args: { productType: productCode, code: productCode },
            idempotent: true,
            schema: z.array(elsServerSchema),
        });
    }

    removeElsServer(id: string): Promise<ElsServerWire> {
        return this.call({
            method: "DELETE",
            path: "/els/srv/remove.json",
            operation: "els/srv/remove",
            args: { id },
            idempotent: true,
            schema: elsServerSchema,
        });
    }

    // IP licenses (/api/ipl)

    ipAvailability(ip: string): Promise<{ available: number[]; owned: number[] }> {
        return this.call({
            method: "GET",
            path: "/ipl/availability.json",
            operation: "ipl/availability",
            args: { ip },
            idempotent: true,
            schema: availabilitySchema,
        });
    }

    /** License types registered at the IP by any customer. */
    checkIp(ip: string): Promise<number[]> {
        return this.call({
            method: "GET",
            path: "/ipl/check.json",
            operation: "ipl/check",
            args: { ip },
            idempotent: true,
            schema: z.array(z.union([z.number(), z.string()]).transform(Number)),
        });
    }

    /** Registers a license, or returns the one the account already has (the portal answers the same). */
    registerIpLicense(ip: string, type: number, elsAllowed: boolean): Promise<IpLicenseWire> {
        return this.call({
            method: "GET",
            path: "/ipl/register.json",
            operation: "ipl/register",
            args: { ip, type, els_allowed: elsAllowed ? 1 : 0 },
            idempotent: true,
            schema: ipLicenseSchema,
        });
    }

    /** True when removed, false when not found or not owned. */
    removeIpLicense(ip: string, type?: number): Promise<boolean> {
        return this.call({
            method: "GET",
            path: "/ipl/remove.json",
            operation: "ipl/remove",
            args: { ip, type },
            idempotent: true,
            schema: z.boolean(),
        });
    }

    listIpLicenses(): Promise<IpLicenseWire[]> {
        return this.call({
            method: "GET",
            path: "/ipl/list.json",
            operation: "ipl/list",
            idempotent: true,
            schema: z.array(ipLicenseSchema),
        });
    }

    ipServer(ip: string): Promise<IpServerWire[]> {
        return this.call({
            method: "GET",
            path: "/ipl/server.json",
            operation: "ipl/server",
            args: { ip },
            idempotent: true,
            schema: z.array(ipServerSchema),
        });
    }

    /** Sets els_allowed; true when updated, false when not found or not owned. */
    updateIpLicense(ip: string, type: number, elsAllowed: boolean): Promise<boolean> {
        return this.call({
            method: "GET",
            path: "/ipl/update.json",
            operation: "ipl/update",
            args: { ip, type, els_allowed: elsAllowed ? 1 : 0 },
            idempotent: true,
            schema: z.boolean(),
        });
    }

    // KernelCare server groups (/api/group)

    createServerGroup(name: string, description: string | undefined): Promise<ServerGroupWire> {
        return this.call({
            method: "POST",
            path: "/group/create.json",
            operation: "group/create",
            args: { name, description },
            idempotent: false,
            schema: serverGroupSchema,
        });
    }

    listServerGroups(): Promise<ServerGroupWire[]> {
        return this.call({
            method: "GET",
            path: "/group/list.json",
            operation: "group/list",
            idempotent: true,
            schema: z.array(serverGroupSchema),
        });
    }

    listServerGroupServers(name: string): Promise<GroupServerWire[]> {
        return this.call({
            method: "GET",
            path: "/group/servers/list.json",
            operation: "group/servers/list",
            args: { name },
            idempotent: true,
            schema: z.array(groupServerSchema),
        });
    }

    addServerGroupServers(name: string, serverIds: readonly string[]): Promise<GroupServerWire[]> {
        return this.call({
            method: "PUT",
            path: "/group/servers/put.json",
            operation: "group/servers/put",
            args: { name, server_ids: serverIds.join(",") },
            idempotent: true,
            schema: z.array(groupServerSchema),
        });
    }

    removeServerGroupServers(name: string, serverIds: readonly string[]): Promise<GroupServerWire[]> {
        return this.call({
            method: "DELETE",
            path: "/group/servers/remove.json",
            operation: "group/servers/remove",
            args: { name, server_ids: serverIds.join(",") },
            idempotent: true,
            schema: z.array(groupServerSchema),
        });
    }
}
