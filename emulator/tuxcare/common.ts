/**
 * What every TuxCare portal area shares: the token check, the answer envelope, the portal's time
 * format, and the per-account ownership of objects.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { json, type EmuRequest, type EmuResponse, type Route } from "../http";
import type { Store } from "../store";

export interface TuxcareAccount {
    login: string;
    secretKey: string;
}

export interface TuxcareOptions {
    accounts: TuxcareAccount[];
    /** Wrap every JSON answer in {message,type,success,data} (the live service's habit); false answers bare where the document shows bare. */
    envelope: boolean;
    tokenWindowSeconds: number;
    /** Answers carry fields no example shows but the portal may add (a key's servers' `hostname`). */
    extraFields: boolean;
    /** The HTTP status of the documented "Authorization failed" body (the document gives none). */
    authErrorStatus: number;
}

/** The emulated portal that every TuxCare route works on: the store, the options, the clock. */
export interface EmulatedTuxcare {
    store: Store;
    options: TuxcareOptions;
    now: () => Date;
}

export type TuxcareHandler = (req: EmuRequest, login: string) => EmuResponse | Promise<EmuResponse>;

export const AUTH_FAILED = { message: "Authorization failed", type: null, success: false, data: null };

/** The documented failure body, enveloped in every mode (the document shows it so), with the status the emulator is set to. */
export const authFailed = (api: EmulatedTuxcare): EmuResponse => json(AUTH_FAILED, api.options.authErrorStatus);

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** The login a token proves, or undefined: `login|unix_seconds|sha1(secret_key + unix_seconds)`, valid for the window. */
export function verifyToken(api: EmulatedTuxcare, token: string | undefined): string | undefined {
    if (!token) return undefined;
    const [login, ts, hash] = token.split("|");
    if (!login || !ts || !hash || !/^\d+$/.test(ts)) return undefined;
    const account = api.options.accounts.find((a) => a.login === login);
    if (!account) return undefined;
    const age = Math.abs(api.now().getTime() / 1000 - Number(ts));
    if (age > api.options.tokenWindowSeconds) return undefined;
    const expected = Buffer.from(sha1(account.secretKey + ts));
    const given = Buffer.from(hash.toLowerCase());
    return expected.length === given.length && timingSafeEqual(expected, given) ? login : undefined;
}

/** A success answer: enveloped when the document shows an envelope or the emulator is set to envelope everything. */
export function ok(api: EmulatedTuxcare, data: unknown, documentedEnvelope = false): EmuResponse {
    return json(api.options.envelope || documentedEnvelope ? { message: null, type: null, success: true, data } : data);
}

/** A business error: HTTP 200 with success:false, as the service answers. */
export function fail(message: string): EmuResponse {
    return json({ message, type: null, success: false, data: null });
}

/** Route of a token-protected call; the handler receives the caller's login. */
export function tokenRoute(
    api: EmulatedTuxcare,
    methods: readonly string[],
    pattern: string,
    operation: string,
    handler: TuxcareHandler,
): Route {
    return {
        methods,
        pattern,
        operation,
        // The token travels in the query string (as documented), so it is checked before the body is read.
        authorize: (head) => (verifyToken(api, head.query.token) ? undefined : authFailed(api)),
        handler: (req) => {
            const login = verifyToken(api, req.args.token);
            return login ? handler(req, login) : authFailed(api);
        },
    };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The portal's time format: `2014-04-30T11:26+0000` (minutes, offset without colon). */
export function portalTime(d: Date): string {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}+0000`;
}

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomKey(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += ALPHANUM[Math.floor(Math.random() * ALPHANUM.length)];
    return out;
}

/** A whole number from a query argument, or undefined when it is missing or not one. */
export function intArg(value: string | undefined): number | undefined {
    if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
    return Number(value.trim());
}

/** `a,b;c d` → ["a","b","c","d"]: the separators the portal accepts for lists. */
export function splitList(value: string | undefined): string[] {
    return (value ?? "").split(/[\s,;]+/).filter(Boolean);
}
