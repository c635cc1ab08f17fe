/**
 * Turning a successful HTTP answer into data, the same way for both services: a body that is not
 * JSON where the document promises JSON (a proxy's error or login page on a 200) and a JSON body
 * of the wrong shape are never taken as data; both fail as InvalidResponse, which the transport's
 * `retryDecision` treats as "outcome unknown".
 */
import type { z } from "zod";
import { ApiError } from "./errors";
import type { HttpResponse } from "./http";

/** The body parsed as JSON, or `undefined` when it is not JSON. */
export function parseJsonBody(body: string): unknown {
    try {
        return JSON.parse(body);
    } catch {
        return undefined;
    }
}

function contentType(response: HttpResponse): string | undefined {
    const value = response.headers["content-type"];
    return (Array.isArray(value) ? value[0] : value)?.split(";")[0]?.trim() || undefined;
}

/**
 * Whether an answer may carry a bare string where the document promises one (only "(string)", the
 * KernelCare key create), raw, JSON-quoted or enveloped: sent as `application/json` like the
 * service's other answers, as `text/plain`, or with no type; and not markup. An HTML page
 * (`text/html`, any other type, or a body that opens with `<`) is never a value, even when its text
 * is one word such as `Unauthorized`.
 */
export function mayBeBareString(response: HttpResponse): boolean {
    const type = contentType(response)?.toLowerCase();
    return (type === undefined || RAW_TEXT_TYPES.has(type)) && !/^\s*</.test(response.body);
}
const RAW_TEXT_TYPES = new Set(["text/plain", "application/json"]);

/** The error for a 2xx answer that is not JSON (a proxy's page, usually gone on the next try). */
export function notJsonError(service: string, operation: string, response: HttpResponse): ApiError {
    const type = contentType(response);
    return new ApiError({
        kind: "InvalidResponse",
        service,
        operation,
        status: response.status,
        message: `the answer is not JSON (HTTP ${response.status}${type ? `, ${type}` : ""}); it is not taken as data`,
        answerFault: "notJson",
    });
}

/** The error for an answer that is not what the document promises; `where` says what differs, when known. */
export function unexpectedAnswer(service: string, operation: string, status?: number, where?: string): ApiError {
    return new ApiError({
        kind: "InvalidResponse",
        service,
        operation,
        status,
        message: where ? `unexpected answer: ${where}` : "unexpected answer",
    });
}

/** `data` checked against the documented shape, or an InvalidResponse naming the first field that differs. */
export function checkAnswer<S extends z.ZodType>(
    schema: S,
    data: unknown,
    service: string,
    operation: string,
    status: number,
): z.output<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw unexpectedAnswer(service, operation, status, issue ? `${issue.path.join(".") || "(body)"}: ${issue.message}` : "shape");
}
