/**
 * Fault injection, settable per run (`startEmulator({ faults })` or `PUT /_admin/faults`) and per
 * route (a rule applies to the operations whose name starts with its `match`, `*` for all):
 * added latency, a share of 5xx answers, 429 with Retry-After, connections dropped before the
 * request is handled, and "dropped after the write": the request is handled (the object is
 * created) but the answer is lost. Draws come from a seeded generator, so a run can be repeated.
 */
export interface FaultRule {
    /** Operation name prefix (`kcare.key.create`, `fluxark.users`), or `*`. */
    match: string;
    latencyMs?: number;
    /** Share of requests answered 503 before being handled (0..1). */
    serverErrorRate?: number;
    /** Share answered 429 with Retry-After (0..1). */
    rateLimitRate?: number;
    retryAfterSeconds?: number;
    /** Share whose connection is dropped before the request is handled (0..1). */
    dropBeforeRate?: number;
    /** Share of writes handled, then their connection dropped so the answer is lost (0..1). */
    dropAfterWriteRate?: number;
}

export interface FaultSettings {
    rules: FaultRule[];
    seed?: number;
}

export type FaultDecision = { kind: "none" | "serverError" | "rateLimit" | "dropBefore" | "dropAfterWrite"; latencyMs: number; retryAfterSeconds: number };

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

export class Faults {
    private settings: FaultSettings = { rules: [] };
    private random: () => number = Math.random;
    /** What was injected, per kind, for tests and benchmarks. */
    readonly injected: Record<string, number> = {};

    set(settings: FaultSettings | undefined): void {
        this.settings = settings ?? { rules: [] };
        this.random = settings?.seed !== undefined ? seeded(settings.seed) : Math.random;
        for (const k of Object.keys(this.injected)) delete this.injected[k];
    }

    get(): FaultSettings {
        return this.settings;
    }

    decide(operation: string): FaultDecision {
        const rule = this.settings.rules.find((r) => r.match === "*" || operation.startsWith(r.match));
        const none: FaultDecision = { kind: "none", latencyMs: rule?.latencyMs ?? 0, retryAfterSeconds: rule?.retryAfterSeconds ?? 1 };
        if (!rule) return none;
        const draw = this.random();
        let edge = 0;
        const pick = (rate: number | undefined, kind: FaultDecision["kind"]) => {
            edge += rate ?? 0;
            return draw < edge ? kind : undefined;
        };
        const kind =
            pick(rule.serverErrorRate, "serverError") ??
            pick(rule.rateLimitRate, "rateLimit") ??
            pick(rule.dropBeforeRate, "dropBefore") ??
            (WRITE.test(operation) ? pick(rule.dropAfterWriteRate, "dropAfterWrite") : undefined) ??
            "none";
        if (kind !== "none") this.injected[kind] = (this.injected[kind] ?? 0) + 1;
        return { ...none, kind };
    }
}
