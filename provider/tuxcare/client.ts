/**
 * The TuxCare portal API client: one method per documented endpoint, over the one HTTP
 * transport. Every call signs a fresh token (`login|unix_seconds|sha1(secret_key + seconds)`,
 * valid 30 minutes), unwraps the `{message, type, success, data}` envelope when the answer comes
 * in one (NOTES.md), and checks the answer against a minimal zod schema.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { TuxcareCredentials } from "../core/credentials";
import { ApiError, kindFromStatus, type ApiErrorKind } from "../core/errors";
import type { HttpMethod, HttpResponse, HttpTransport } from "../core/http";
import {
    envelopeSchema,
    kcareKeySchema,
    kcareServerRemovedSchema,
    kcareServerSchema,
    setCidrResultSchema,
    type KcareKeyWire,
    type KcareServerWire,
} from "./schemas";

const SERVICE = "TuxCare";

export function sha1Hex(s: string): string {
    return createHash("sha1").update(s).digest("hex");
}

/** The portal's authentication token for a moment in time. */
export function signToken(login: string, secretKey: string, unixSeconds: number): string {
    return `${login}|${unixSeconds}|${sha1Hex(secretKey + String(unixSeconds))}`;
}

type Args = Record<string, string | number | boolean | undefined>;

interface Call<S extends z.ZodType> {
    method: HttpMethod;
    /** Path under the API root, e.g. `/kcare/key/list.json`. */
    path: string;
    operation: string;
    args?: Args;
    idempotent: boolean;
    schema: S;
}

function businessErrorKind(message: string): ApiErrorKind {
    if (/authori[sz]ation failed/i.test(message)) return "Auth";
    if (/not found|does not exist|no such/i.test(message)) return "NotFound";
    if (/already|exists|duplicate/i.test(message)) return "Conflict";
    return "Validation";
}

/** A TuxCare answer (an HTTP response) to data, or an ApiError. Exported for unit tests. */
export function unwrapTuxcare(response: HttpResponse, operation: string): unknown {
    let body: unknown = response.body;
    try {
        body = JSON.parse(response.body);
    } catch {
        // Plain text (Nagios) or an HTML error page: handled below by status and schema.
    }
    const envelope = envelopeSchema.safeParse(body);
    if (envelope.success) {
        if (!envelope.data.success) {
            const message = envelope.data.message || `request failed (HTTP ${response.status})`;
            throw new ApiError({ kind: response.status >= 500 ? "Server" : businessErrorKind(message), service: SERVICE, operation, status: response.status, message });
        }
        if (response.status < 400) return envelope.data.data;
    }
    if (response.status >= 400) {
        const kind = response.status === 403 ? "Auth" : kindFromStatus(response.status);
        throw new ApiError({ kind, service: SERVICE, operation, status: response.status, message: `HTTP ${response.status}` });
    }
    return body;
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
        if (signed) url.searchParams.set("token", signToken(creds.login, creds.secretKey, Math.floor(this.clock() / 1000)));
        return url;
    }

    private async call<S extends z.ZodType>(c: Call<S>): Promise<z.output<S>> {
        return this.http.send(
            { service: SERVICE, operation: c.operation, method: c.method, idempotent: c.idempotent, url: () => this.url(c.path, c.args ?? {}, true) },
            (response) => {
                const data = unwrapTuxcare(response, c.operation);
                const parsed = c.schema.safeParse(data);
                if (!parsed.success) {
                    const issue = parsed.error.issues[0];
                    throw new ApiError({ kind: "InvalidResponse", service: SERVICE, operation: c.operation, status: response.status, message: `unexpected answer: ${issue ? `${issue.path.join(".") || "(body)"}: ${issue.message}` : "shape"}` });
                }
                return parsed.data;
            },
        );
    }

    // KernelCare keys and servers (/api/kcare)

    createKcareKey(limit: number, note: string | undefined): Promise<string> {
        return this.call({ method: "GET", path: "/kcare/key/create.json", operation: "kcare/key/create", args: { limit, note }, idempotent: false, schema: z.string().min(1) });
    }

    /** True when the key was deleted, false when it was not found. */
    deleteKcareKey(key: string): Promise<boolean> {
        return this.call({ method: "GET", path: "/kcare/key/delete.json", operation: "kcare/key/delete", args: { key }, idempotent: true, schema: z.boolean() });
    }

    listKcareKeys(): Promise<KcareKeyWire[]> {
        return this.call({ method: "GET", path: "/kcare/key/list.json", operation: "kcare/key/list", idempotent: true, schema: z.array(kcareKeySchema) });
    }

    listKcareKeyServers(key: string): Promise<KcareServerWire[]> {
        return this.call({ method: "GET", path: "/kcare/key/servers.json", operation: "kcare/key/servers", args: { key }, idempotent: true, schema: z.array(kcareServerSchema) });
    }

    /** Replaces the key's CIDR list (an empty list clears it). */
    async setKcareKeyCidrs(key: string, cidrs: readonly string[]): Promise<void> {
        const { code } = await this.call({ method: "GET", path: "/kcare/key/set_cidr.json", operation: "kcare/key/set_cidr", args: { key, cidr: cidrs.join(",") }, idempotent: true, schema: setCidrResultSchema });
        const reasons: Record<number, string> = { 1: "irregular IP address in one of the CIDRs", 2: "irregular prefix in one of the CIDRs", 3: "internal error" };
        if (code !== 0) throw new ApiError({ kind: code === 3 ? "Server" : "Validation", service: SERVICE, operation: "kcare/key/set_cidr", message: `code ${code}: ${reasons[code] ?? "unknown code"}` });
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
}
