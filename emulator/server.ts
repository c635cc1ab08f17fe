/**
 * The emulator: one HTTP server on 127.0.0.1 that serves the TuxCare portal API under
 * `/tuxcare/api` and a FluxArk installation under `/fluxark`, written from the vendor documents
 * alone (it imports nothing from provider/). Tests, the demo and users' CI run against it.
 *
 * Besides the two APIs it has an admin interface under `/_admin` to read and change state out
 * of band and to read the request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { adminRoutes } from "./admin";
import { Faults, type FaultSettings } from "./faults";
import { json, Router, type EmuRequest, type EmuResponse } from "./http";
import { Store } from "./store";
import { tuxcareRoutes } from "./tuxcare";
import type { TuxcareAccount } from "./tuxcare/common";
import { fluxarkRoutes } from "./fluxark";
import type { FluxarkApiKey } from "./fluxark/common";

export const TUXCARE_PREFIX = "/tuxcare/api";
export const FLUXARK_PREFIX = "/fluxark";

export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    /** JSON file to load at start (when it exists) and to save to on close and on `POST /_admin/save`. */
    stateFile?: string;
    tuxcareAccounts?: TuxcareAccount[];
    /** Answer TuxCare JSON in the {message,type,success,data} envelope (default) or bare, as the document shows. */
    tuxcareEnvelope?: boolean;
    /** FluxArk Management API keys and the areas each may use. */
    fluxarkApiKeys?: FluxarkApiKey[];
    /**
     * FluxArk business errors (a missing or duplicate object, a bad field) come with HTTP 200 and the
     * documented error body by default, since the document gives them no status; true answers them with
     * 400/404 instead. 401 and 403 are sent either way.
     */
    fluxarkErrorStatus?: boolean;
    /**
     * Lists answer with only the fields the documents' examples show (the default), or, when true, also
     * with those an installation may add: FluxArk users' `ssh_key` and `comment`, remote users' `server_id`
     * and `updated`, KernelCare key servers' `hostname`.
     */
    extraFields?: boolean;
    /** Stop by itself after this long without a request (for servers started by scripts). */
    idleTimeoutMs?: number;
    /** Faults to inject from the start (see faults.ts); `PUT /_admin/faults` changes them. */
    faults?: FaultSettings;
    /** A fixed clock, for tests of token expiry. */
    now?: () => Date;
}

export interface RequestLogEntry {
    seq: number;
    time: string;
    api: "tuxcare" | "fluxark" | "admin" | "unknown";
    operation: string;
    method: string;
    path: string;
    /** Query and form arguments, with the token's signature masked. */
    args: Record<string, string>;
    /** The JSON body, with passwords masked. */
    body?: unknown;
    status: number;
}

export const DEFAULT_TUXCARE_ACCOUNT: TuxcareAccount = { login: "demo", secretKey: "emulator-secret-key" };
export const DEFAULT_FLUXARK_API_KEY: FluxarkApiKey = { key: "emulator-fluxark-api-key", permissions: ["Servers", "Users"] };

export interface Emulator {
    url: string;
    tuxcareApiUrl: string;
    fluxarkUrl: string;
    store: Store;
    requestLog: RequestLogEntry[];
    faults: Faults;
    close(): Promise<void>;
}

function maskArgs(args: Record<string, string>): Record<string, string> {
    const out = { ...args };
    if (out.token) out.token = out.token.replace(/\|[^|]*$/, "|[signature]");
    return out;
}

/** The reseller Nagios URL carries the token in its path: mask its signature the same way. */
function maskPath(path: string): string {
    return decodeURIComponent(path).replace(/(\/nagios-res\/[^/]+\/[^/|]*\|\d+)\|[^/]*$/, "$1|[signature]");
}

function maskBody(body: unknown): unknown {
    if (Array.isArray(body)) return body.map(maskBody);
    if (body && typeof body === "object") {
        return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, /password/i.test(k) ? "[masked]" : maskBody(v)]));
    }
    return body;
}

async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
}

function parseRequest(req: IncomingMessage, rawBody: string): EmuRequest {
    const url = new URL(req.url ?? "/", "http://emulator");
    const args: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (args[k] = v));
    let parsed: unknown;
    const type = req.headers["content-type"] ?? "";
    if (rawBody && type.includes("application/x-www-form-urlencoded")) {
        new URLSearchParams(rawBody).forEach((v, k) => (args[k] ??= v));
    } else if (rawBody) {
        try {
            parsed = JSON.parse(rawBody);
        } catch {
            parsed = undefined;
        }
    }
    const remoteAddress = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    return { method: req.method ?? "GET", path: url.pathname, args, params: {}, headers: req.headers, rawBody, json: parsed, remoteAddress };
}

function send(res: ServerResponse, r: EmuResponse): void {
    const isText = typeof r.body === "string";
    const payload = isText ? (r.body as string) : JSON.stringify(r.body);
    res.writeHead(r.status, { "content-type": isText ? "text/plain; charset=utf-8" : "application/json", ...r.headers });
    res.end(payload);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const store = new Store();
    if (options.stateFile && existsSync(options.stateFile)) store.load(options.stateFile);
    const now = options.now ?? (() => new Date());
    const requestLog: RequestLogEntry[] = [];
    let seq = 0;

    const faults = new Faults();
    faults.set(options.faults);
    const router = new Router();
    const tuxcare = {
        store,
        now,
        options: {
            accounts: options.tuxcareAccounts ?? [DEFAULT_TUXCARE_ACCOUNT],
            envelope: options.tuxcareEnvelope ?? true,
            tokenWindowSeconds: 30 * 60,
            extraFields: options.extraFields ?? false,
        },
    };
    router.add(TUXCARE_PREFIX, tuxcareRoutes(tuxcare));
    const fluxark = { store, now, apiKeys: options.fluxarkApiKeys ?? [DEFAULT_FLUXARK_API_KEY], errorStatus: options.fluxarkErrorStatus ?? false, extraFields: options.extraFields ?? false };
    router.add(FLUXARK_PREFIX, fluxarkRoutes(fluxark));
    router.add("/_admin", adminRoutes({ store, requestLog, faults, save: () => options.stateFile && store.save(options.stateFile) }));

    let idleTimer: NodeJS.Timeout | undefined;
    let server: Server;
    const close = () =>
        new Promise<void>((resolve) => {
            if (idleTimer) clearTimeout(idleTimer);
            if (options.stateFile) store.save(options.stateFile);
            server.close(() => resolve());
            server.closeAllConnections();
        });
    const touch = () => {
        if (!options.idleTimeoutMs) return;
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = setTimeout(() => void close(), options.idleTimeoutMs);
    };

    server = createServer(async (req, res) => {
        touch();
        try {
            const request = parseRequest(req, await readBody(req));
            const api = request.path.startsWith(TUXCARE_PREFIX) ? "tuxcare" : request.path.startsWith(FLUXARK_PREFIX) ? "fluxark" : request.path.startsWith("/_admin") ? "admin" : "unknown";
            const found = router.match(request.method, request.path);
            let response: EmuResponse;
            let operation = "unknown";
            const logRequest = (status: number) => {
                if (api === "admin") return;
                requestLog.push({ seq: ++seq, time: now().toISOString(), api, operation, method: request.method, path: maskPath(request.path), args: maskArgs(request.args), body: maskBody(request.json), status });
            };
            if (!found) response = json({ message: `No route for ${request.path}`, success: false }, 404);
            else if ("allowed" in found) response = json({ message: `Method ${request.method} not allowed`, success: false }, 405);
            else {
                operation = found.route.operation;
                const fault = api === "admin" ? undefined : faults.decide(operation);
                if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
                if (fault?.kind === "dropBefore") return void req.socket.destroy();
                if (fault?.kind === "serverError") response = json({ message: "Service unavailable (injected)", success: false }, 503);
                else if (fault?.kind === "rateLimit") response = { status: 429, body: { message: "Too many requests (injected)", success: false }, headers: { "retry-after": String(fault.retryAfterSeconds) } };
                else response = await found.route.handler({ ...request, params: found.params });
                if (fault?.kind === "dropAfterWrite") {
                    logRequest(-1); // handled, but the answer is lost
                    return void req.socket.destroy();
                }
            }
            logRequest(response.status);
            send(res, response);
        } catch (e) {
            send(res, json({ message: `Emulator error: ${e instanceof Error ? e.message : String(e)}`, success: false }, 500));
        }
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    touch();
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    return { url, tuxcareApiUrl: url + TUXCARE_PREFIX, fluxarkUrl: url + FLUXARK_PREFIX, store, requestLog, faults, close };
}
