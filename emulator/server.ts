/**
 * The emulator: one HTTP server on 127.0.0.1 that serves the TuxCare portal API under
 * `/tuxcare/api` and a FluxArk installation under `/fluxark`, written from the vendor documents
 * alone (it imports nothing from provider/). Tests, the demo and users' CI run against it.
 *
 * Besides the two APIs it has an admin interface under `/_admin` to read and change state out
 * of band and to read the request log.
 *
 * Each request goes through: who may call (Host and Origin, access.ts), the route, the route's
 * credential check, and only then the body, read within the route's limit (413 beyond it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { refuseForeignCaller } from "./access";
import { adminRoutes } from "./admin";
import { answerAfterHandling, Faults, type FaultSettings } from "./faults";
import {
    DEFAULT_MAX_BODY_BYTES,
    json,
    readBody,
    requestHead,
    Router,
    send,
    withRequestEcho,
    withBody,
    type EmuRequest,
    type EmuResponse,
    type RequestHead,
    type Route,
} from "./http";
import { maskArgs, maskBody, maskPath, type RequestLogEntry } from "./request-log";
import { stateFileProblem, Store } from "./store";
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
     * 400/404 instead. A refused credential goes by `authErrorStatus`; a missing permission is 403 either way.
     */
    fluxarkErrorStatus?: boolean;
    /**
     * The HTTP status of a refused credential: a TuxCare token that does not verify, a FluxArk API
     * key that is missing or unknown. Neither document gives one (TuxCare documents only the body
     * `{"message": "Authorization failed", "type": null, "success": false, "data": null}`, FluxArk
     * nothing), so the default is 200 with the documented body (TuxCare's, enveloped even when
     * `tuxcareEnvelope` is false; FluxArk's `{"messages", "status": "ERROR", "time"}`); 401 or 403
     * are what many servers send instead. A FluxArk key lacking an area's permission gets 403
     * whatever this says: the document names that status.
     */
    authErrorStatus?: AuthErrorStatus;
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
    /** Repeat each request (URL, arguments, Authorization, body) in its error answers, as careless servers do (secrets audit). */
    echoRequestsInErrors?: boolean;
    /** A fixed clock, for tests of token expiry. */
    now?: () => Date;
    /** When set, every `/_admin` request needs `Authorization: Bearer <adminToken>`. */
    adminToken?: string;
}

export const AUTH_ERROR_STATUSES = [200, 401, 403] as const;
export type AuthErrorStatus = (typeof AUTH_ERROR_STATUSES)[number];

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

const apiOf = (path: string): RequestLogEntry["api"] =>
    path.startsWith(TUXCARE_PREFIX)
        ? "tuxcare"
        : path.startsWith(FLUXARK_PREFIX)
          ? "fluxark"
          : path.startsWith("/_admin")
            ? "admin"
            : "unknown";

/** The route's credential check, then its body within the route's limit: the request to handle, or the answer refusing it. */
async function admit(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    head: RequestHead,
): Promise<{ request: EmuRequest } | { refused: EmuResponse }> {
    const refused = route.authorize?.(head);
    if (refused) return { refused };
    const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const rawBody = await readBody(req, res, limit);
    if (rawBody === undefined) return { refused: json({ message: `Request body over the limit of ${limit} bytes`, success: false }, 413) };
    return { request: withBody(head, rawBody) };
}

/** Checks the options a caller could get wrong before anything starts; throws naming the option. */
function checkOptions(options: EmulatorOptions): void {
    if (options.authErrorStatus !== undefined && !AUTH_ERROR_STATUSES.includes(options.authErrorStatus))
        throw new Error(`authErrorStatus: must be one of ${AUTH_ERROR_STATUSES.join(", ")}, not ${String(options.authErrorStatus)}`);
    if (options.adminToken === "") throw new Error("adminToken: must not be empty (leave it unset for no token)");
    const problem = options.stateFile === undefined ? undefined : stateFileProblem(options.stateFile);
    if (problem) throw new Error(`stateFile ${options.stateFile}: ${problem}`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    checkOptions(options);
    const store = new Store();
    if (options.stateFile && existsSync(options.stateFile)) store.load(options.stateFile);
    const now = options.now ?? (() => new Date());
    const requestLog: RequestLogEntry[] = [];
    let seq = 0;
    const authErrorStatus = options.authErrorStatus ?? 200;

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
            authErrorStatus,
        },
    };
    const save = () => {
        if (!options.stateFile) return;
        try {
            store.save(options.stateFile);
        } catch (e) {
            throw new Error(`state file ${options.stateFile}: could not save: ${e instanceof Error ? e.message : String(e)}`);
        }
    };
    router.add(TUXCARE_PREFIX, tuxcareRoutes(tuxcare));
    const fluxark = {
        store,
        now,
        apiKeys: options.fluxarkApiKeys ?? [DEFAULT_FLUXARK_API_KEY],
        errorStatus: options.fluxarkErrorStatus ?? false,
        authErrorStatus,
        extraFields: options.extraFields ?? false,
    };
    router.add(FLUXARK_PREFIX, fluxarkRoutes(fluxark));
    router.add("/_admin", adminRoutes({ store, requestLog, faults, save, adminToken: options.adminToken }));

    let idleTimer: NodeJS.Timeout | undefined;
    let server: Server;
    /** Stops taking requests, then saves: the saved state is the final one. */
    const close = async () => {
        if (idleTimer) clearTimeout(idleTimer);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        save();
    };
    const touch = () => {
        if (!options.idleTimeoutMs) return;
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = setTimeout(() => void close().catch((e: Error) => console.error(`emulator: ${e.message}`)), options.idleTimeoutMs);
    };

    const handle = async (req: IncomingMessage, res: ServerResponse) => {
        touch();
        try {
            const head = requestHead(req);
            const api = apiOf(head.path);
            let operation = "unknown";
            let request: EmuRequest | undefined;
            const logRequest = (status: number) => {
                if (api === "admin") return;
                requestLog.push({
                    seq: ++seq,
                    time: now().toISOString(),
                    api,
                    operation,
                    method: head.method,
                    path: maskPath(head.path),
                    args: maskArgs(request?.args ?? head.query),
                    body: maskBody(request?.json),
                    status,
                });
            };
            const found = router.match(head.method, head.path);
            let response: EmuResponse;
            const foreign = refuseForeignCaller(head.headers);
            if (foreign) response = foreign;
            else if (!found) response = json({ message: `No route for ${head.path}`, success: false }, 404);
            else if ("allowed" in found) response = json({ message: `Method ${head.method} not allowed`, success: false }, 405);
            else {
                operation = found.route.operation;
                const admitted = await admit(req, res, found.route, { ...head, params: found.params });
                if ("refused" in admitted) response = admitted.refused;
                else {
                    request = admitted.request;
                    const fault = api === "admin" ? undefined : faults.decide(operation);
                    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
                    if (fault?.kind === "dropBefore") return void req.socket.destroy();
                    if (fault?.kind === "serverError") response = json({ message: "Service unavailable (injected)", success: false }, 503);
                    else if (fault?.kind === "rateLimit")
                        response = {
                            status: 429,
                            body: { message: "Too many requests (injected)", success: false },
                            headers: { "retry-after": String(fault.retryAfterSeconds) },
                        };
                    else response = await found.route.handler(request);
                    if (fault?.answerDelayMs) await new Promise((r) => setTimeout(r, fault.answerDelayMs));
                    if (fault) response = answerAfterHandling(fault) ?? response;
                    if (fault?.kind === "dropAfterWrite") {
                        logRequest(-1); // handled, but the answer is lost
                        return void req.socket.destroy();
                    }
                }
            }
            if (options.echoRequestsInErrors && api !== "admin") {
                response = withRequestEcho(response, {
                    method: head.method,
                    rawUrl: req.url ?? "",
                    args: request?.args ?? head.query,
                    authorization: head.headers.authorization,
                    rawBody: request?.rawBody ?? "",
                });
            }
            logRequest(response.status);
            // A body left unread (refused before it, or over the limit) is never read: the connection ends with the answer.
            send(res, response, !req.complete);
        } catch (e) {
            send(
                res,
                json({ message: `Emulator error: ${e instanceof Error ? e.message : String(e)}`, success: false }, 500),
                !req.complete,
            );
        }
    };
    server = createServer((req, res) => void handle(req, res));
    // Answered by handle() too, which sends "100 Continue" only once the credentials passed (http.readBody).
    server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => void handle(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    touch();
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    return { url, tuxcareApiUrl: url + TUXCARE_PREFIX, fluxarkUrl: url + FLUXARK_PREFIX, store, requestLog, faults, close };
}
