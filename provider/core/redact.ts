/**
 * Redaction of credentials from any text that may reach a log, an error message or state.
 *
 * Hidden by their shape: the TuxCare token (`login|unix_seconds|sha1hex`) wherever it appears, in
 * a `token=` parameter, in the Nagios reseller path, or echoed bare by a server, and any lone
 * SHA-1 signature; the value of an `Authorization` header; the user and password of a URL.
 * Hidden by value: every secret registered with `registerSecret` (the secret key, the API key,
 * passwords, SSH keys, license keys), in each form a server may echo it: as sent, URL-encoded
 * (`%40`, `%20`), form-encoded (`+` for a space), and JSON-escaped (quotes, backslashes, the
 * newlines of an SSH key), once or twice; and each long line of a multi-line secret on its own,
 * so an echo cut short or re-wrapped still hides the key. Registration is process-wide because
 * one dynamic-provider process serves every resource of a stack.
 */

const MASK = "[REDACTED]";
const MIN_SECRET_LENGTH = 4; // shorter values would mask ordinary words and numbers
/** A line of a multi-line secret (an SSH key) is masked on its own from this length. */
const MIN_LINE_LENGTH = 12;

const secrets = new Set<string>();
/** Every form of every registered secret, longest first; rebuilt after a registration, not per call. */
let ordered: string[] | undefined;

export function registerSecret(value: string | undefined | null): void {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
    secrets.add(value);
    ordered = undefined;
}

/** For tests that need a clean registry. */
export function clearRegisteredSecrets(): void {
    secrets.clear();
    ordered = undefined;
}

const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
const formEncoded = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);

/** The ways a value can come back inside an answer, a URL or a JSON log record. */
function encodings(value: string): string[] {
    const once = jsonEscaped(value);
    return [value, encodeURIComponent(value), formEncoded(value), once, jsonEscaped(once)];
}

/** The long lines of a multi-line secret, without PEM armour (`-----BEGIN ... KEY-----` is in every key). */
function secretLines(value: string): string[] {
    if (!/[\r\n]/.test(value)) return [];
    return value
        .split(/\r?\n|\r/)
        .map((l) => l.trim())
        .filter((l) => l.length >= MIN_LINE_LENGTH && !/^-----[A-Z0-9 ]+-----$/.test(l));
}

function forms(values: Iterable<string>): string[] {
    const all = new Set<string>();
    for (const v of values) for (const part of [v, ...secretLines(v)]) for (const f of encodings(part)) all.add(f);
    // Longest first, so a secret that contains another (or a form that contains a line) is masked whole.
    return [...all].sort((a, b) => b.length - a.length);
}

const TOKEN_PARAM = /([?&;]token=)[^&\s"'#]*/gi;
const TOKEN_PATH = /(\/nagios-res\/[^/\s"']+\/)[^/?\s"']+/gi;
/** A signed TuxCare token anywhere, its separators raw or URL-encoded: `demo|1692699188|35b8…` (40 hex). */
const SIGNED_TOKEN = /[\w.@%+-]*(?:\||%7C)\d{1,12}(?:\||%7C)[0-9a-f]{40}(?![0-9a-f])/gi;
/** A lone SHA-1 signature: the provider shows no other 40-hex-digit values. */
const SIGNATURE = /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/gi;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)?\s*[^\s"',}]+/gi;
/** `scheme://user:password@host`, also with JSON-escaped slashes (`https:\/\/`). */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:(?:\\?\/){2})[^\s/\\?#@"'<>]+@/gi;

export function redact(text: string, extraSecrets: readonly string[] = []): string {
    // Registered values first: a shape masked first could cut a secret that contains it in two.
    ordered ??= forms(secrets);
    const extra = extraSecrets.filter((s) => s && s.length >= MIN_SECRET_LENGTH);
    const all = extra.length ? forms([...secrets, ...extra]) : ordered;
    let out = text;
    for (const form of all) if (out.includes(form)) out = out.split(form).join(MASK);
    return out
        .replace(TOKEN_PARAM, `$1${MASK}`)
        .replace(TOKEN_PATH, `$1${MASK}`)
        .replace(SIGNED_TOKEN, MASK)
        .replace(SIGNATURE, MASK)
        .replace(AUTH_HEADER, (_m, prefix: string, scheme: string | undefined) => `${prefix}${scheme ? `${scheme} ` : ""}${MASK}`)
        .replace(URL_USERINFO, `$1${MASK}@`);
}
