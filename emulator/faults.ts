/**
 * Fault injection, settable per run (`startEmulator({ faults })` or `PUT /_admin/faults`) and per
 * route (a rule applies to the operations whose name starts with its `match`, `*` for all).
 *
 * Before the request is handled (nothing is changed): added latency, 503 answers, 429 with
 * Retry-After, connections dropped.
 * After it is handled (a write is carried out): the answer held back (a late answer: the write is
 * done, the client does not know yet), the connection dropped so the answer is lost, a
 * gateway's 502 or 504 page in place of the answer, or an HTML page with status 200 in place of
 * the answer. The last two are what a proxy in front of a service does on a bad day, and the
 * nasty case for a client: the work was done, but the answer says nothing or lies.
 *
 * Draws come from a seeded generator, so a run can be repeated. A rule with a `count` applies to
 * that many requests only, then gives way to the next rule that matches: with rates of 1, a
 * script ("the first create is reset, the next one answered late") whatever the draws.
 */
import { z } from "zod";
import type { EmuResponse } from "./http";

const rate = z.number().min(0).max(1);

const faultRuleSchema = z.strictObject({
    /** Operation name prefix (`kcare.key.create`, `fluxark.users`), or `*`. */
    match: z.string().min(1),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** How long the answer is held back once the request was handled (a late answer). */
    answerDelayMs: z.number().int().min(0).max(120_000).optional(),
    /** The rule applies to this many requests it matches, then the next matching rule does. */
    count: z.number().int().min(1).optional(),
    /** Share of requests answered 503 before being handled. */
    serverErrorRate: rate.optional(),
    /** Share answered 429 with Retry-After. */
    rateLimitRate: rate.optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** Share whose connection is dropped before the request is handled. */
    dropBeforeRate: rate.optional(),
    /** Share of writes handled, then their connection dropped so the answer is lost. */
    dropAfterWriteRate: rate.optional(),
    /** Share of writes handled, then answered by a gateway's 502 or 504 page. */
    gatewayAfterWriteRate: rate.optional(),
    /** Share of requests handled (a write is carried out), then answered by an HTML page with status 200. */
    htmlRate: rate.optional(),
});

const RATES = ["serverErrorRate", "rateLimitRate", "dropBeforeRate", "dropAfterWriteRate", "gatewayAfterWriteRate", "htmlRate"] as const;

const faultSettingsSchema = z.strictObject({
    /** `[]` for no faults. */
    rules: z.array(
        faultRuleSchema.refine((r) => RATES.reduce((sum, k) => sum + (r[k] ?? 0), 0) <= 1, {
            message: "the rates of a rule add up to more than 1",
        }),
    ),
    seed: z.number().int().optional(),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** Fault settings from an untrusted body, or the first problem, naming the field: `rules.0.htmlRate: ...`. */
export function parseFaultSettings(body: unknown): { ok: true; settings: FaultSettings } | { ok: false; error: string } {
    const parsed = faultSettingsSchema.safeParse(body);
    if (parsed.success) return { ok: true, settings: parsed.data };
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(body)";
    return { ok: false, error: `fault settings: ${field}: ${issue?.message ?? "invalid"}` };
}

export type FaultKind = "none" | "serverError" | "rateLimit" | "dropBefore" | "dropAfterWrite" | "gatewayAfterWrite" | "html";
export type FaultDecision = {
    kind: FaultKind;
    latencyMs: number;
    answerDelayMs: number;
    retryAfterSeconds: number;
    gatewayStatus: 502 | 504;
};

/** mulberry32: small, fast, good enough to spread faults evenly and repeat a run. */
function seeded(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const WRITE = /\.(create|update|delete|remove|register|put|set_cidr|add)$/;

const page = (title: string) =>
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><p>proxy</p></body></html>\n`;
const html = (status: number, title: string): EmuResponse => ({
    status,
    body: page(title),
    headers: { "content-type": "text/html; charset=utf-8" },
});

/**
 * The answer a fault puts in place of the handler's, once the request was handled; `undefined`
 * keeps the handler's answer (dropAfterWrite is the server's job: it has the socket).
 */
export function answerAfterHandling(decision: FaultDecision): EmuResponse | undefined {
    if (decision.kind === "gatewayAfterWrite")
        return html(decision.gatewayStatus, decision.gatewayStatus === 502 ? "502 Bad Gateway" : "504 Gateway Time-out");
    if (decision.kind === "html") return html(200, "Welcome");
    return undefined;
}

export class Faults {
    private settings: FaultSettings = { rules: [] };
    private random: () => number = Math.random;
    /** How many requests each rule (by index) has applied to, for rules with a `count`. */
    private used: number[] = [];
    /** What was injected, per kind, for tests and benchmarks. */
    readonly injected: Record<string, number> = {};
    /** The same, per operation: `{"kcare.key.create": {"html": 2}}`. */
    readonly injectedByOperation: Record<string, Record<string, number>> = {};

    /** Throws, naming the field, when the settings are malformed (they may come from a script). */
    set(settings: FaultSettings | undefined): void {
        const parsed = parseFaultSettings(settings ?? { rules: [] });
        if (!parsed.ok) throw new Error(parsed.error);
        this.settings = parsed.settings;
        this.random = parsed.settings.seed !== undefined ? seeded(parsed.settings.seed) : Math.random;
        this.used = [];
        for (const k of Object.keys(this.injected)) delete this.injected[k];
        for (const k of Object.keys(this.injectedByOperation)) delete this.injectedByOperation[k];
    }

    get(): FaultSettings {
        return this.settings;
    }

    decide(operation: string): FaultDecision {
        const index = this.settings.rules.findIndex(
            (r, i) => (r.match === "*" || operation.startsWith(r.match)) && (r.count === undefined || (this.used[i] ?? 0) < r.count),
        );
        const rule = this.settings.rules[index];
        const none: FaultDecision = {
            kind: "none",
            latencyMs: rule?.latencyMs ?? 0,
            answerDelayMs: rule?.answerDelayMs ?? 0,
            retryAfterSeconds: rule?.retryAfterSeconds ?? 1,
            gatewayStatus: 502,
        };
        if (!rule) return none;
        this.used[index] = (this.used[index] ?? 0) + 1;
        if (none.answerDelayMs > 0) this.count(operation, "lateAnswer");
        const draw = this.random();
        const write = WRITE.test(operation);
        let edge = 0;
        const pick = (rate: number | undefined, kind: FaultKind, applies = true) => {
            if (!applies) return undefined;
            edge += rate ?? 0;
            return draw < edge ? kind : undefined;
        };
        const kind =
            pick(rule.serverErrorRate, "serverError") ??
            pick(rule.rateLimitRate, "rateLimit") ??
            pick(rule.dropBeforeRate, "dropBefore") ??
            pick(rule.dropAfterWriteRate, "dropAfterWrite", write) ??
            pick(rule.gatewayAfterWriteRate, "gatewayAfterWrite", write) ??
            pick(rule.htmlRate, "html") ??
            "none";
        if (kind !== "none") this.count(operation, kind);
        // Which gateway status: the draw's position within its band, so a seeded run repeats it.
        return { ...none, kind, gatewayStatus: Math.floor(draw * 1e6) % 2 === 0 ? 502 : 504 };
    }

    private count(operation: string, kind: string): void {
        this.injected[kind] = (this.injected[kind] ?? 0) + 1;
        const at = this.injectedByOperation[operation] ?? {};
        this.injectedByOperation[operation] = at;
        at[kind] = (at[kind] ?? 0) + 1;
    }
}
