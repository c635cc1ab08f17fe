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
 * The policy is one function, `retryDecision`: from what is known of a failed attempt (its status,
 * a network failure, what was wrong with the answer) and whether the request is idempotent, it
 * decides whether to send it again and whether it may have been carried out ("outcome unknown",
 * which the caller reconciles by listing). DESIGN.md rule 6; each branch says why.
 */
import { Agent, request, type Dispatcher } from "undici";
import { ApiError, isApiError, type AnswerFault } from "./errors";
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

/** How a request failed to get an answer: never sent (connection refused, name not resolved), or lost after sending (timeout, reset). */
export type NetworkFailure = "notSent" | "lostAfterSending";

/**
 * What an answer that came said, when it was not taken: the service said no (`serviceError`: a 4xx,
 * a business error, a refused credential, on any status), the service failed (`serverError`), or the
 * answer was not the documented one (an AnswerFault: not JSON, another shape, too large).
 */
export type AnswerShape = "serviceError" | "serverError" | AnswerFault;

/** What is known of a failed attempt. */
export interface AttemptFailure {
    /** The HTTP status; absent when no answer came. */
    status?: number;
    /** Whether the answer carried Retry-After. */
    retryAfter?: boolean;
    network?: NetworkFailure;
    /** Absent when no answer was read. */
    answer?: AnswerShape;
    /** Safe to send again when an answer was lost: reads, and writes whose repetition changes nothing. */
    idempotent: boolean;
}

export interface RetryDecision {
    /** Send the request again (within the policy's attempts and budget). */
    retry: boolean;
    /** The request may have been carried out: the caller reconciles by listing, never repeats it blindly. */
    outcomeUnknown: boolean;
}

/** The one place that decides what a failed attempt means (DESIGN.md rule 6). */
export function retryDecision(f: AttemptFailure): RetryDecision {
    // Never left this machine: nothing was done, so anything may go again, a create included.
    if (f.network === "notSent") return { retry: true, outcomeUnknown: false };
    // Sent, and the answer lost: perhaps carried out, so only a request whose repetition changes nothing goes again.
    if (f.network === "lostAfterSending") return { retry: f.idempotent, outcomeUnknown: true };
    // An answer over the size cap: the work may be done, and the next answer would be as large.
    if (f.answer === "tooLarge") return { retry: false, outcomeUnknown: true };
    // No answer and no network failure: the request could not be built (a missing credential); it would fail the same way again.
    if (f.status === undefined) return { retry: false, outcomeUnknown: false };
    // Rate limiting, or down for a stated while: the service turns a request away before any work.
    if (f.status === 429 || (f.status === 503 && f.retryAfter)) return { retry: true, outcomeUnknown: false };
    if (f.status >= 500 || f.answer === "serverError") {
        // Any other 5xx (502 and 504 among them, which a gateway sends after the backend did the work) may
        // have been carried out. A failure is worth another try for a request that may be repeated; an
        // answer that names its reason (a duplicate, a missing object) or has another shape says the same next time.
        return { retry: f.idempotent && (f.answer === "serverError" || f.answer === "notJson"), outcomeUnknown: true };
    }
    // A 2xx that is not the documented answer: sent, and what happened is not said. A proxy's page is
    // usually gone on the next try; JSON of another shape would come back the same.
    if (f.answer === "notJson") return { retry: f.idempotent, outcomeUnknown: true };
    if (f.answer === "wrongShape") return { retry: false, outcomeUnknown: true };
    // The service said no (a 4xx, a business error, a refused credential even on a 200): definite, and the same next time.
    return { retry: false, outcomeUnknown: false };
}

/** What an error and the answer it came from (if any) tell of a failed attempt. */
function attemptFailure(error: ApiError, response: HttpResponse | undefined, idempotent: boolean): AttemptFailure {
    // A network error records whether the request was sent as its outcomeUnknown (see `noAnswer`).
    const network: NetworkFailure | undefined =
        error.kind === "Network" ? (error.outcomeUnknown ? "lostAfterSending" : "notSent") : undefined;
    const answer: AnswerShape | undefined =
        error.answerFault === "tooLarge"
            ? "tooLarge"
            : !response
              ? undefined
              : (error.answerFault ?? (error.kind === "Server" ? "serverError" : "serviceError"));
    return { status: response?.status, retryAfter: response?.headers["retry-after"] !== undefined, network, answer, idempotent };
}

function asApiError(e: unknown, req: HttpRequest): ApiError {
    return isApiError(e)
        ? e
        : new ApiError({ kind: "InvalidResponse", service: req.service, operation: req.operation, message: String(e), cause: e });
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
            answerFault: "tooLarge",
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
            let error: ApiError;
            let response: HttpResponse | undefined;
            try {
                response = await this.attempt(req);
                return handle(response);
            } catch (e) {
                error = asApiError(e, req);
            }
            const decision = retryDecision(attemptFailure(error, response, req.idempotent));
            mayHaveHappened ||= decision.outcomeUnknown;
            const delay = backoffDelay(retry, attempt, error.retryAfterMs ?? parseRetryAfter(response?.headers["retry-after"]));
            const withinBudget = Date.now() - started + delay <= retry.budgetMs;
            if (attempt >= retry.maxAttempts || !withinBudget || !decision.retry)
                throw mayHaveHappened ? error.withOutcomeUnknown() : error;
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
