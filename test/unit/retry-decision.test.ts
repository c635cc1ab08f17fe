/**
 * The one retry decision (`retryDecision`, DESIGN.md rule 6), table-driven over status x network
 * failure x answer shape x idempotency: reads and idempotent writes retry; a non-idempotent write is
 * sent again only when it certainly never reached the server (not sent, 429, 503 with Retry-After);
 * anything else after sending is "outcome unknown"; a refusal the service states (a 4xx, a business
 * error, "Authorization failed" even on a 200) is definite and never retried. The transport's use of
 * it against a real server is in http-retry.test.ts.
 */
import { retryDecision, type AnswerShape, type AttemptFailure, type NetworkFailure } from "../../provider/core/http";

/** [retry, outcomeUnknown] for an idempotent request, then for a non-idempotent one. */
type Expected = { idempotent: [boolean, boolean]; nonIdempotent: [boolean, boolean] };

const NOT_CARRIED_OUT: Expected = { idempotent: [true, false], nonIdempotent: [true, false] };
const DEFINITE: Expected = { idempotent: [false, false], nonIdempotent: [false, false] };
const UNKNOWN_RETRY_READS: Expected = { idempotent: [true, true], nonIdempotent: [false, true] };
const UNKNOWN_NO_RETRY: Expected = { idempotent: [false, true], nonIdempotent: [false, true] };

type Row = [label: string, failure: Omit<AttemptFailure, "idempotent">, expected: Expected];

const TABLE: Row[] = [
    // No answer came.
    ["connection refused (never sent)", { network: "notSent" }, NOT_CARRIED_OUT],
    ["timeout or reset after sending", { network: "lostAfterSending" }, UNKNOWN_RETRY_READS],
    ["not built (a missing credential)", {}, DEFINITE],
    ["an answer over the size cap", { status: 200, answer: "tooLarge" }, UNKNOWN_NO_RETRY],
    ["an answer over the size cap on a 500", { status: 500, answer: "tooLarge" }, UNKNOWN_NO_RETRY],
    // Turned away before any work.
    ["429", { status: 429, answer: "serviceError" }, NOT_CARRIED_OUT],
    ["429 with Retry-After", { status: 429, retryAfter: true, answer: "serviceError" }, NOT_CARRIED_OUT],
    ["503 with Retry-After", { status: 503, retryAfter: true, answer: "serverError" }, NOT_CARRIED_OUT],
    // Server failures after sending.
    ["500", { status: 500, answer: "serverError" }, UNKNOWN_RETRY_READS],
    ["502 (a gateway, after the backend may have worked)", { status: 502, answer: "serverError" }, UNKNOWN_RETRY_READS],
    ["503 without Retry-After", { status: 503, answer: "serverError" }, UNKNOWN_RETRY_READS],
    ["504", { status: 504, answer: "serverError" }, UNKNOWN_RETRY_READS],
    ["500 with a page where JSON was promised", { status: 500, answer: "notJson" }, UNKNOWN_RETRY_READS],
    ["500 naming its reason (FluxArk 'duplicate ...')", { status: 500, answer: "serviceError" }, UNKNOWN_NO_RETRY],
    ["500 with JSON of another shape", { status: 500, answer: "wrongShape" }, UNKNOWN_NO_RETRY],
    ["a server error in the body of a 200 (envelope)", { status: 200, answer: "serverError" }, UNKNOWN_RETRY_READS],
    // A 2xx that is not the documented answer.
    ["200 with a proxy's page", { status: 200, answer: "notJson" }, UNKNOWN_RETRY_READS],
    ["200 with JSON of another shape (a create without its id)", { status: 200, answer: "wrongShape" }, UNKNOWN_NO_RETRY],
    ["201 with JSON of another shape", { status: 201, answer: "wrongShape" }, UNKNOWN_NO_RETRY],
    // The service said no.
    ["200 'Authorization failed' (TuxCare)", { status: 200, answer: "serviceError" }, DEFINITE],
    ["200 business error (TuxCare envelope, FluxArk messages)", { status: 200, answer: "serviceError" }, DEFINITE],
    ["400", { status: 400, answer: "serviceError" }, DEFINITE],
    ["401", { status: 401, answer: "serviceError" }, DEFINITE],
    ["403 (a FluxArk key without the permission)", { status: 403, answer: "serviceError" }, DEFINITE],
    ["404", { status: 404, answer: "serviceError" }, DEFINITE],
    ["409", { status: 409, answer: "serviceError" }, DEFINITE],
    ["422", { status: 422, answer: "serviceError" }, DEFINITE],
    ["400 with Retry-After", { status: 400, retryAfter: true, answer: "serviceError" }, DEFINITE],
];

describe.each(TABLE)("%s", (_label, failure, expected) => {
    test.each([
        ["idempotent", true, expected.idempotent],
        ["non-idempotent", false, expected.nonIdempotent],
    ] as const)("%s", (_which, idempotent, [retry, outcomeUnknown]) => {
        expect(retryDecision({ ...failure, idempotent })).toEqual({ retry, outcomeUnknown });
    });
});

/** Every combination, so the rules below hold for cases the table does not list. */
const STATUSES = [undefined, 200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];
const NETWORK: (NetworkFailure | undefined)[] = [undefined, "notSent", "lostAfterSending"];
const ANSWERS: (AnswerShape | undefined)[] = [undefined, "serviceError", "serverError", "notJson", "wrongShape", "tooLarge"];
const ALL: AttemptFailure[] = STATUSES.flatMap((status) =>
    NETWORK.flatMap((network) =>
        ANSWERS.flatMap((answer) =>
            [false, true].flatMap((retryAfter) => [false, true].map((idempotent) => ({ status, network, answer, retryAfter, idempotent }))),
        ),
    ),
);

describe("over every combination", () => {
    test("a request that may have been carried out is sent again only when it is idempotent", () => {
        const violations = ALL.filter((f) => {
            const d = retryDecision(f);
            return d.outcomeUnknown && d.retry && !f.idempotent;
        });
        expect(violations).toEqual([]);
    });

    test("a non-idempotent request goes again only when it certainly never reached the server", () => {
        const certainlyNotDone = (f: AttemptFailure) =>
            f.network === "notSent" ||
            (f.network === undefined && f.answer !== "tooLarge" && (f.status === 429 || (f.status === 503 && f.retryAfter)));
        const resent = ALL.filter((f) => !f.idempotent && retryDecision(f).retry);
        expect(resent.length).toBeGreaterThan(0);
        expect(resent.filter((f) => !certainlyNotDone(f))).toEqual([]);
    });

    test("a refusal the service states below 500 (429 aside) is definite, never retried, whatever the idempotency", () => {
        const stated = ALL.filter(
            (f) => f.network === undefined && f.answer === "serviceError" && f.status !== undefined && f.status < 500 && f.status !== 429,
        );
        expect(stated.length).toBeGreaterThan(0);
        for (const f of stated) expect(retryDecision(f)).toEqual({ retry: false, outcomeUnknown: false });
    });

    test("a failure after sending that is neither turned away nor a stated refusal is outcome unknown", () => {
        const turnedAway = (f: AttemptFailure) => f.status === 429 || (f.status === 503 && f.retryAfter);
        const afterSending = ALL.filter(
            (f) =>
                f.network === "lostAfterSending" ||
                (f.network === undefined &&
                    (f.answer === "tooLarge" ||
                        (f.status !== undefined &&
                            !turnedAway(f) &&
                            (f.answer === "notJson" || f.answer === "wrongShape" || f.status >= 500)))),
        );
        expect(afterSending.length).toBeGreaterThan(0);
        expect(afterSending.filter((f) => !retryDecision(f).outcomeUnknown)).toEqual([]);
    });

    test("a network failure decides, whatever else is said", () => {
        for (const f of ALL.filter((x) => x.network !== undefined)) {
            expect(retryDecision(f)).toEqual(
                f.network === "notSent" ? { retry: true, outcomeUnknown: false } : { retry: f.idempotent, outcomeUnknown: true },
            );
        }
    });
});
