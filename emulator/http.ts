/**
 * The emulator's HTTP plumbing: the request and response shapes every API area works with, a
 * small router that matches `/path/:param` patterns, and reading a body within a size limit.
 * API areas plug in as lists of routes.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** What is known of a request before its body is read: enough to check credentials. */
export interface RequestHead {
    method: string;
    path: string;
    /** The query string alone. */
    query: Record<string, string>;
    params: Record<string, string>;
    headers: IncomingHttpHeaders;
    /** The caller's address (Nagios keys are registered for it). */
    remoteAddress: string;
}

export interface EmuRequest extends RequestHead {
    /** Query string and urlencoded form body merged (TuxCare documents both). */
    args: Record<string, string>;
    rawBody: string;
    /** The body parsed as JSON, when it is JSON. */
    json: unknown;
}

export interface EmuResponse {
    status: number;
    /** A string is sent as text/plain; anything else as JSON. */
    body: unknown;
    headers?: Record<string, string>;
}

export type Handler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export interface Route {
    methods: readonly string[];
    /** `/api/kcare/key/list.json`, `/api/servers/:serverId/users` */
    pattern: string;
    /** A stable name for the request log and fault injection: `kcare.key.list`. */
    operation: string;
    /**
     * The credential check, from the request line and headers alone: it runs before the body is
     * read, so an unauthenticated caller cannot make the emulator read (or buffer) anything.
     * An answer refuses the request; undefined lets it through.
     */
    authorize?: (head: RequestHead) => EmuResponse | undefined;
    /** The largest body this route reads, in bytes (the server's default when unset). */
    maxBodyBytes?: number;
    handler: Handler;
}

export const json = (body: unknown, status = 200): EmuResponse => ({ status, body });
export const text = (body: string, status = 200): EmuResponse => ({ status, body });

/** The default body limit of every route: the documented calls send a few hundred bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

interface CompiledRoute extends Route {
    regex: RegExp;
    names: string[];
}

function decodeSegment(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined; // a malformed %-escape: no route matches it
    }
}

export class Router {
    private readonly routes: CompiledRoute[] = [];

    add(prefix: string, routes: readonly Route[]): void {
        for (const r of routes) {
            const names: string[] = [];
            const source = (prefix + r.pattern)
                .split("/")
                .map((seg) => {
                    if (!seg.startsWith(":")) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
                    names.push(seg.slice(1));
                    return "([^/]+)";
                })
                .join("/");
            this.routes.push({ ...r, regex: new RegExp(`^${source}/?$`), names });
        }
    }

    /** The route for a path, or the methods it allows when only the method is wrong. */
    match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | undefined {
        const allowed: string[] = [];
        for (const route of this.routes) {
            const m = route.regex.exec(path);
            if (!m) continue;
            if (!route.methods.includes(method)) {
                allowed.push(...route.methods);
                continue;
            }
            const values = route.names.map((_, i) => decodeSegment(m[i + 1] ?? ""));
            if (values.some((v) => v === undefined)) continue;
            return { route, params: Object.fromEntries(route.names.map((n, i) => [n, values[i]!])) };
        }
        return allowed.length > 0 ? { allowed } : undefined;
    }
}

export function requestHead(req: IncomingMessage): RequestHead {
    const url = new URL(req.url ?? "/", "http://emulator");
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const remoteAddress = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    return { method: req.method ?? "GET", path: url.pathname, query, params: {}, headers: req.headers, remoteAddress };
}

/**
 * The body, read up to `limit` bytes, or undefined when it is larger. A declared Content-Length
 * over the limit is refused before a byte is read; a longer stream stops being read at the limit
 * (the caller answers 413 and the connection is closed, so the rest is never buffered). A client
 * waiting on `Expect: 100-continue` is told to go on only here, after its credentials passed.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<string | undefined> {
    if (Number(req.headers["content-length"] ?? 0) > limit) return Promise.resolve(undefined);
    if (/100-continue/i.test(String(req.headers.expect ?? ""))) res.writeContinue();
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const stop = (result: string | undefined) => {
            req.off("data", onData).off("end", onEnd).off("error", reject);
            resolve(result);
        };
        const onData = (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) {
                req.pause();
                stop(undefined);
            } else chunks.push(chunk);
        };
        const onEnd = () => stop(Buffer.concat(chunks).toString("utf8"));
        req.on("data", onData).on("end", onEnd).on("error", reject);
    });
}

/** The request with its body: form fields join the query arguments, JSON is parsed. */
export function withBody(head: RequestHead, rawBody: string): EmuRequest {
    const args = { ...head.query };
    let parsed: unknown;
    const type = head.headers["content-type"] ?? "";
    if (rawBody && type.includes("application/x-www-form-urlencoded")) {
        for (const [k, v] of new URLSearchParams(rawBody)) args[k] ??= v;
    } else if (rawBody) {
        try {
            parsed = JSON.parse(rawBody);
        } catch {
            parsed = undefined;
        }
    }
    return { ...head, args, rawBody, json: parsed };
}

/** Sends an answer; `close` ends the connection after it (a body left unread is never read). */
export function send(res: ServerResponse, r: EmuResponse, close = false): void {
    const isText = typeof r.body === "string";
    const payload = isText ? (r.body as string) : JSON.stringify(r.body);
    res.writeHead(r.status, {
        "content-type": isText ? "text/plain; charset=utf-8" : "application/json",
        ...(close ? { connection: "close" } : {}),
        ...r.headers,
    });
    res.end(payload);
}

/** What `echoRequestsInErrors` repeats of a request: as careless servers do, secrets and all. */
interface RequestEcho {
    method: string;
    /** The URL path and query as they arrived (percent- and `+`-encoded). */
    rawUrl: string;
    /** The query and form arguments, decoded. */
    args: Record<string, string>;
    authorization?: string;
    rawBody: string;
}

/** Whether an answer is an error in either API's shape: an HTTP error, TuxCare's success:false, FluxArk's status ERROR. */
function isError(r: EmuResponse): boolean {
    if (r.status >= 400) return true;
    const b = r.body as { success?: unknown; status?: unknown } | null;
    return typeof b === "object" && b !== null && (b.success === false || b.status === "ERROR");
}

/**
 * An error answer with the request appended to its message (TuxCare `message`, FluxArk
 * `messages`, or a plain-text body), for tests that prove the client never lets such an echo
 * reach a log. Other answers are returned as they are.
 */
export function withRequestEcho(r: EmuResponse, req: RequestEcho): EmuResponse {
    if (!isError(r)) return r;
    const echo = `[request: ${req.method} ${req.rawUrl} args ${JSON.stringify(req.args)}${req.authorization ? ` authorization: ${req.authorization}` : ""}${req.rawBody ? ` body ${req.rawBody}` : ""}]`;
    if (typeof r.body === "string") return { ...r, body: `${r.body} ${echo}` };
    const body = { ...(r.body as Record<string, unknown>) };
    if (Array.isArray(body.messages)) body.messages = [...(body.messages as unknown[]), echo];
    else body.message = `${typeof body.message === "string" ? body.message : ""} ${echo}`.trim();
    return { ...r, body };
}
