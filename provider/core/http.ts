/**
 * The one HTTP mechanism of the provider: an undici Agent (one connection pool per origin, its
 * `connections` cap as the concurrency limit), connect and request timeouts, the retry policy,
 * and redaction of everything it logs or throws.
 *
 * Why our own retry loop rather than undici's RetryAgent: whether a call may be sent again depends
 * on the call, not its method (TuxCare creates keys with GET), a request whose answer was lost
 * after sending must surface as "outcome unknown" so the caller can reconcile by listing, and the
 * TuxCare token must be signed again for every attempt. Those three do not fit a per-agent policy.
 */
import { Agent, request } from "undici";
import { ApiError, isApiError } from "./errors";
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
    retry: RetryPolicy;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    maxConcurrency: 8,
    requestsPerSecond: 0,
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

/** Whether an error may be retried for this request. */
export function shouldRetry(error: ApiError, idempotent: boolean): boolean {
    if (!error.isRetryable) return false;
    // 502, 503, 504 and 429 come before the work is done; a 500 may come after it.
    if (!idempotent && error.kind === "Server" && (error.status === undefined || error.status === 500)) return false;
    // A request that may have been carried out is only repeated when repeating it is harmless.
    return idempotent || !error.outcomeUnknown;
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
            let error: ApiError;
            let retryAfterMs: number | undefined;
            try {
                const response = await this.attempt(req);
                retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
                return handle(response);
            } catch (e) {
                error = isApiError(e) ? e : new ApiError({ kind: "InvalidResponse", service: req.service, operation: req.operation, message: String(e), cause: e });
            }
            mayHaveHappened ||= error.outcomeUnknown;
            const delay = backoffDelay(retry, attempt, error.retryAfterMs ?? retryAfterMs);
            const withinBudget = Date.now() - started + delay <= retry.budgetMs;
            if (attempt >= retry.maxAttempts || !withinBudget || !shouldRetry(error, req.idempotent)) throw mayHaveHappened ? error.withOutcomeUnknown() : error;
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
        try {
            const res = await request(url, {
                method: req.method,
                headers: req.headers,
                body: req.body,
                dispatcher: this.agent,
                signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
            });
            const body = await res.body.text();
            logDebug(`${req.method} ${url.toString()} -> ${res.statusCode} (${Date.now() - t0} ms)`);
            return { status: res.statusCode, headers: res.headers, body };
        } catch (e) {
            const codes = errorCodes(e);
            const notSent = codes.some((c) => NOT_SENT_CODES.has(c));
            const code = codes.find((c) => NOT_SENT_CODES.has(c)) ?? codes[0];
            logDebug(`${req.method} ${url.toString()} -> ${code ?? "error"} (${Date.now() - t0} ms)`);
            throw new ApiError({
                kind: "Network",
                service: req.service,
                operation: req.operation,
                message: `no answer from ${url.origin} (${code ?? (e instanceof Error ? e.name : "error")})`,
                outcomeUnknown: !notSent,
                cause: e,
            });
        }
    }

    async close(): Promise<void> {
        await this.agent.close();
    }
}
