/**
 * The one HTTP mechanism of the provider: an undici Agent (one connection pool per origin, its
 * `connections` cap as the concurrency limit), connect and request timeouts, a cap on the size of
 * an answer, the retry policy, and redaction of everything it logs or throws.
 *
 * Why our own retry loop rather than undici's RetryAgent: whether a call may be sent again depends
 * on the call, not its method (TuxCare creates keys with GET), a request whose answer was lost
 * after sending must surface as "outcome unknown" so the caller can reconcile by listing, and the
 * TuxCare token must be signed again for every attempt. Those three do not fit a per-agent policy.
 *
 * The policy, by what a failed attempt says about the request (`attemptOutcome`):
 * - not carried out (never sent: connection refused, name not resolved; or turned away: 429, 503
 *   with Retry-After): every request may be sent again, a create included;
 * - definite (4xx, a business error in the answer, or a request that could not be built): never repeated;
 * - unknown (any other 5xx, among them 502 and 504, which a gateway sends after the backend did the
 *   work; a timeout or reset after sending; a 2xx that is not the documented answer; an answer
 *   over the size cap): a read or idempotent write tries again, a non-idempotent write never does
 *   and fails as "outcome unknown" for the caller to reconcile by listing.
 */
import { Agent, request, type Dispatcher } from "undici";
import { ApiError, isApiError, type ApiErrorKind } from "./errors";
import { logDebug } from "./log";

export interface RetryPolicy {
    /** Attempts in all, the first included. */
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
    /** No retry starts once this much time has passed since the first attempt. */
    budgetMs: number;
}

export interface HttpSettings {
    connectTimeoutMs: number;
    /** Time for one attempt, from sending to the last byte of the answer. */
    requestTimeoutMs: number;
    /** Requests in flight at once, per origin. */
    maxConcurrency: number;
    /** Requests started per second (0: no limit). 429 answers are honoured either way. */
    requestsPerSecond: number;
    /** The largest answer read, in bytes; a larger one is refused while it streams in. */
    maxResponseBytes: number;
    retry: RetryPolicy;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    maxConcurrency: 8,
    requestsPerSecond: 0,
    // The largest documented answers are account-wide lists: tens of thousands of small objects.
    maxResponseBytes: 32 * 1024 * 1024,
    retry: { maxAttempts: 10, baseDelayMs: 250, maxDelayMs: 8_000, budgetMs: 120_000 },
};

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HttpRequest {
    service: string;
    operation: string;
    method: HttpMethod;
    /** Called for every attempt, so a signed URL is signed afresh. */
    url: () => URL;
    headers?: Record<string, string>;
    body?: string;
    /** Safe to send again when an answer was lost: reads, and writes whose repetition changes nothing. */
    idempotent: boolean;
}

export interface HttpResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
}

/** Turns a response into a result, or throws an ApiError (the transport decides whether to retry). */
export type ResponseHandler<T> = (response: HttpResponse) => T;

// Codes meaning the request never left this machine, so even a create may be sent again.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/** The error codes along an error's cause chain, outermost first. */
function errorCodes(e: unknown): string[] {
    const codes: string[] = [];
    for (let cur = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
        const code = (cur as { code?: unknown }).code;
        if (typeof code === "string") codes.push(code);
        cur = (cur as { cause?: unknown }).cause;
    }
    return codes;
}

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
    const v = Array.isArray(value) ? value[0] : value;
    if (!v) return undefined;
    const seconds = Number(v);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(v);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter: a random delay up to the exponential cap, but never less than Retry-After asks. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random = Math.random): number {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.round(random() * cap);
    return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

/**
 * What a failed attempt says about the request: certainly not carried out (worth sending again,
 * whatever it is), certainly failed for a reason that another try would not change (the service
 * refused it, or it could not even be built), or unknown.
 */
export type AttemptOutcome = "notCarriedOut" | "definite" | "unknown";

/** A failure seen on an attempt: the error, and the answer when one came. */
interface Failure {
    error: ApiError;
    response?: HttpResponse;
}

// Kinds meaning "sent, and the answer does not say what happened", whatever the status.
const AFTER_SENDING_UNKNOWN: ReadonlySet<ApiErrorKind> = new Set(["Server", "Network", "InvalidResponse"]);

export function attemptOutcome({ error, response }: Failure): AttemptOutcome {
    if (!response) {
        if (error.outcomeUnknown) return "unknown"; // sent, then the answer was lost or refused
        // Not sent: a connection that could not be made is worth another try; a missing credential is not.
        return error.kind === "Network" ? "notCarriedOut" : "definite";
    }
    // A service that is rate limiting, or down for a stated while, turns requests away before any work.
    if (response.status === 429 || (response.status === 503 && response.headers["retry-after"] !== undefined)) return "notCarriedOut";
    if (response.status >= 500 || AFTER_SENDING_UNKNOWN.has(error.kind)) return "unknown";
    return "definite";
}

/** Whether a request may be sent again after an attempt ended this way. */
export function shouldRetry(outcome: AttemptOutcome, error: ApiError, idempotent: boolean): boolean {
    if (outcome === "notCarriedOut") return true;
    if (outcome === "definite") return false;
    // Sent, and perhaps carried out: only a request whose repetition changes nothing goes again.
    return idempotent && error.isRetryable;
}

function asApiError(e: unknown, req: HttpRequest): ApiError {
    return isApiError(e) ? e : new ApiError({ kind: "InvalidResponse", service: req.service, operation: req.operation, message: String(e), cause: e });
}

/**
 * The body as text, refused once it passes `limit` bytes: checked against Content-Length first, then
 * counted while it streams, so an oversized answer never sits in memory whole. Counted here rather
 * than with undici's `maxResponseSize` so that the error names the operation and, like any answer
 * not taken, leaves a create's outcome unknown.
 */
async function readCapped(res: Dispatcher.ResponseData, limit: number, req: HttpRequest): Promise<string> {
    const tooLarge = () => {
        res.body.destroy();
        return new ApiError({
            kind: "InvalidResponse",
            service: req.service,
            operation: req.operation,
            status: res.statusCode,
            message: `the answer is larger than ${limit} bytes (the provider's limit for one answer); refused`,
            outcomeUnknown: true,
        });
    };
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > limit) throw tooLarge();
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, size).toString("utf8");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export class HttpTransport {
    private readonly agent: Agent;
    private readonly settings: HttpSettings;
    /** When the next request may start, for the requests-per-second limit. */
    private nextStart = 0;

    constructor(settings: { [K in keyof HttpSettings]?: K extends "retry" ? Partial<RetryPolicy> : HttpSettings[K] | undefined } = {}) {
        const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Partial<HttpSettings>;
        this.settings = { ...DEFAULT_HTTP_SETTINGS, ...given, retry: { ...DEFAULT_HTTP_SETTINGS.retry, ...settings.retry } };
        this.agent = new Agent({
            connections: this.settings.maxConcurrency,
            connect: { timeout: this.settings.connectTimeoutMs },
            headersTimeout: this.settings.requestTimeoutMs,
            bodyTimeout: this.settings.requestTimeoutMs,
        });
    }

    async send<T>(req: HttpRequest, handle: ResponseHandler<T>): Promise<T> {
        const { retry } = this.settings;
        const started = Date.now();
        // Once an attempt may have been carried out, so may the request, whatever later attempts say.
        let mayHaveHappened = false;
        for (let attempt = 1; ; attempt++) {
            let failure: Failure;
            let response: HttpResponse | undefined;
            try {
                response = await this.attempt(req);
                return handle(response);
            } catch (e) {
                failure = { error: asApiError(e, req), response };
            }
            const { error } = failure;
            const outcome = attemptOutcome(failure);
            mayHaveHappened ||= outcome === "unknown";
            const delay = backoffDelay(retry, attempt, error.retryAfterMs ?? parseRetryAfter(response?.headers["retry-after"]));
            const withinBudget = Date.now() - started + delay <= retry.budgetMs;
            if (attempt >= retry.maxAttempts || !withinBudget || !shouldRetry(outcome, error, req.idempotent)) throw mayHaveHappened ? error.withOutcomeUnknown() : error;
            logDebug(`${req.service} ${req.operation}: attempt ${attempt} failed (${error.message}); retrying in ${delay} ms`);
            await sleep(delay);
        }
    }

    /** Spaces request starts evenly when a requests-per-second limit is set. */
    private async pace(): Promise<void> {
        const rps = this.settings.requestsPerSecond;
        if (!rps || rps <= 0) return;
        const now = Date.now();
        const start = Math.max(now, this.nextStart);
        this.nextStart = start + 1000 / rps;
        if (start > now) await sleep(start - now);
    }

    private async attempt(req: HttpRequest): Promise<HttpResponse> {
        await this.pace();
        const url = req.url();
        const t0 = Date.now();
        let res: Dispatcher.ResponseData;
        try {
            res = await request(url, {
                method: req.method,
                headers: req.headers,
                body: req.body,
                dispatcher: this.agent,
                signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
            });
        } catch (e) {
            throw this.noAnswer(req, url, t0, e);
        }
        let body: string;
        try {
            body = await readCapped(res, this.settings.maxResponseBytes, req);
        } catch (e) {
            throw isApiError(e) ? e : this.noAnswer(req, url, t0, e);
        }
        logDebug(`${req.method} ${url.toString()} -> ${res.statusCode} (${Date.now() - t0} ms)`);
        return { status: res.statusCode, headers: res.headers, body };
    }

    /** The error for an attempt that got no (complete) answer; whether it was sent decides what it means. */
    private noAnswer(req: HttpRequest, url: URL, t0: number, e: unknown): ApiError {
        const codes = errorCodes(e);
        const notSent = codes.some((c) => NOT_SENT_CODES.has(c));
        const code = codes.find((c) => NOT_SENT_CODES.has(c)) ?? codes[0];
        logDebug(`${req.method} ${url.toString()} -> ${code ?? "error"} (${Date.now() - t0} ms)`);
        return new ApiError({
            kind: "Network",
            service: req.service,
            operation: req.operation,
            message: `no answer from ${url.origin} (${code ?? (e instanceof Error ? e.name : "error")})`,
            outcomeUnknown: !notSent,
            cause: e,
        });
    }

    async close(): Promise<void> {
        await this.agent.close();
    }
}
