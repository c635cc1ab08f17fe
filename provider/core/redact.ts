/**
 * Redaction of credentials from any text that may reach a log, an error message or state.
 *
 * Three things are hidden: the value of a `token=` query parameter (the TuxCare token grants the
 * whole account), the value of an `Authorization` header, and every secret value registered with
 * `registerSecret` (the secret key, the API key, passwords, license keys). Registration is
 * process-wide because one dynamic-provider process serves every resource of a stack.
 */

const MASK = "[REDACTED]";
const MIN_SECRET_LENGTH = 4; // shorter values would mask ordinary words and numbers

const secrets = new Set<string>();
/** The registered secrets, longest first, with their URL-encoded forms; rebuilt after a registration, not per call. */
let ordered: { plain: string; encoded: string }[] | undefined;

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

function withEncoded(values: Iterable<string>): { plain: string; encoded: string }[] {
    // Longest first, so a secret that contains another is masked whole.
    return [...values].sort((a, b) => b.length - a.length).map((plain) => ({ plain, encoded: encodeURIComponent(plain) }));
}

const TOKEN_PARAM = /([?&;]token=)[^&\s"'#]*/gi;
const TOKEN_PATH = /(\/nagios-res\/[^/\s"']+\/)[^/?\s"']+/gi;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)?\s*[^\s"',}]+/gi;

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function redact(text: string, extraSecrets: readonly string[] = []): string {
    let out = text
        .replace(TOKEN_PARAM, `$1${MASK}`)
        .replace(TOKEN_PATH, `$1${MASK}`)
        .replace(AUTH_HEADER, (_m, prefix: string, scheme: string | undefined) => `${prefix}${scheme ? `${scheme} ` : ""}${MASK}`);
    ordered ??= withEncoded(secrets);
    const extra = extraSecrets.filter((s) => s && s.length >= MIN_SECRET_LENGTH);
    const all = extra.length ? withEncoded([...secrets, ...extra]) : ordered;
    for (const { plain, encoded } of all) {
        if (out.includes(plain)) out = out.replace(new RegExp(escapeRegExp(plain), "g"), MASK);
        if (encoded !== plain && out.includes(encoded)) out = out.split(encoded).join(MASK);
    }
    return out;
}
