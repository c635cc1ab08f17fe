/**
 * One error class for every failed API call. An ApiError records facts (the kind of failure, the
 * status, what was wrong with an answer, whether the request may have been carried out); it is
 * built where the failure is seen (the transport for a lost answer, the clients for what an answer
 * says, core/answer.ts for an answer of the wrong shape), and whether the call is sent again is
 * decided in one place, `retryDecision` in http.ts. Messages are redacted before they are stored,
 * so an ApiError can be logged, thrown to the engine or shown in a test without leaking a token or key.
 */
import { redact } from "./redact";

export type ApiErrorKind =
    | "Auth" // credentials rejected
    | "Permission" // credentials valid, but not allowed in this area (FluxArk 403)
    | "NotFound"
    | "Conflict" // duplicate name, e-mail, already registered elsewhere
    | "RateLimit" // 429
    | "Validation" // the service rejected the arguments (HTTP 400/422, or a business error)
    | "Server" // 5xx
    | "Network" // no answer: refused, reset, timed out
    | "InvalidResponse" // an answer whose shape we do not understand
    | "Config"; // the provider is missing a credential or URL

export interface ApiErrorInit {
    kind: ApiErrorKind;
    message: string;
    service?: string;
    operation?: string;
    status?: number;
    /** True when the request may or may not have been carried out (answer lost after sending). */
    outcomeUnknown?: boolean;
    retryAfterMs?: number;
    /** For an InvalidResponse: what was wrong with the answer (wrongShape unless said). */
    answerFault?: AnswerFault;
    cause?: unknown;
}

/**
 * Why an answer was not taken as data: not JSON where JSON was promised (a proxy's page), JSON of
 * another shape than the documented one, or larger than the provider reads.
 */
export type AnswerFault = "notJson" | "wrongShape" | "tooLarge";

export class ApiError extends Error {
    readonly kind: ApiErrorKind;
    readonly service?: string;
    readonly operation?: string;
    readonly status?: number;
    readonly outcomeUnknown: boolean;
    readonly retryAfterMs?: number;
    readonly answerFault?: AnswerFault;

    constructor(init: ApiErrorInit) {
        const where = [init.service, init.operation].filter(Boolean).join(" ");
        super(redact(where ? `${where}: ${init.message}` : init.message));
        this.name = `ApiError(${init.kind})`;
        this.kind = init.kind;
        this.service = init.service;
        this.operation = init.operation;
        this.status = init.status;
        this.outcomeUnknown = init.outcomeUnknown ?? false;
        this.retryAfterMs = init.retryAfterMs;
        if (init.kind === "InvalidResponse") this.answerFault = init.answerFault ?? "wrongShape";
        if (init.cause !== undefined) {
            // Keep the cause for debugging, but only as redacted text: undici errors can carry the URL.
            const causeText = init.cause instanceof Error ? `${init.cause.name}: ${init.cause.message}` : String(init.cause);
            Object.defineProperty(this, "cause", { value: redact(causeText), enumerable: false });
        }
        if (this.stack) this.stack = redact(this.stack);
    }

    /** This error, marked as one after which the request may or may not have been carried out. */
    withOutcomeUnknown(): ApiError {
        if (this.outcomeUnknown) return this;
        const copy = Object.create(ApiError.prototype) as ApiError;
        Object.defineProperties(copy, Object.getOwnPropertyDescriptors(this));
        Object.defineProperty(copy, "outcomeUnknown", { value: true, enumerable: true });
        return copy;
    }
}

export function isApiError(e: unknown, kind?: ApiErrorKind): e is ApiError {
    return e instanceof ApiError && (kind === undefined || e.kind === kind);
}

/**
 * Runs a read; "not found" gives undefined. For a read that names a parent (the rules of a user, the
 * servers of a key, the members of a group), that is the answer "the parent is gone", so the object
 * hanging on it is gone too: the caller drops it from state instead of failing every refresh.
 */
export async function undefinedIfNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
        return await read();
    } catch (e) {
        if (isApiError(e, "NotFound")) return undefined;
        throw e;
    }
}

/** Runs a delete; "not found" means already gone, which is what a delete wants. */
export async function deleteIgnoringNotFound(remove: () => Promise<unknown>): Promise<void> {
    await undefinedIfNotFound(remove);
}

/** The kind an HTTP status maps to, when the body says nothing more specific. */
export function kindFromStatus(status: number): ApiErrorKind {
    if (status === 401) return "Auth";
    if (status === 403) return "Permission";
    if (status === 404) return "NotFound";
    if (status === 409) return "Conflict";
    if (status === 429) return "RateLimit";
    if (status >= 500) return "Server";
    return "Validation";
}

/** A function's argument that breaks its rule, named as the resources' checks name a property; raised before any API call. */
export class InvalidArgumentError extends Error {
    constructor(
        readonly fn: string,
        readonly argument: string,
        readonly reason: string,
    ) {
        super(`${fn}: argument ${argument} ${reason}`);
        this.name = "InvalidArgumentError";
    }
}

/**
 * Thrown by `create` when the object was made but a later step failed (say, setting its CIDRs), and
 * by `update` when some of its writes were made before one failed (a group's grants, one by one).
 * The hosts report it to the engine as a partial failure with the state to record, so the engine
 * keeps the object as it now is: a created one stays in state, and the next `pulumi up` finishes
 * the job instead of making another or repeating a write already made (which could fail, or double it).
 */
export class PartialWriteError extends Error {
    readonly id: string;
    /** The state to record; a host may mark its secrets before it goes (see host/service.ts create and update). */
    properties: Record<string, unknown>;
    readonly reasons: string[];

    constructor(step: "create" | "update", id: string, properties: Record<string, unknown>, cause: unknown) {
        const reason = redact(cause instanceof Error ? cause.message : String(cause));
        super(`${step === "create" ? "created, but not fully configured" : "updated in part"}: ${reason}`);
        this.name = "PartialWriteError";
        this.id = id;
        this.properties = properties;
        this.reasons = [reason];
    }
}
