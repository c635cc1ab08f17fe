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

export function registerSecret(value: string | undefined | null): void {
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** For tests that need a clean registry. */
export function clearRegisteredSecrets(): void {
    secrets.clear();
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
    const all = [...secrets, ...extraSecrets.filter((s) => s && s.length >= MIN_SECRET_LENGTH)];
    // Longest first, so a secret that contains another is masked whole.
    all.sort((a, b) => b.length - a.length);
    for (const s of all) {
        if (out.includes(s)) out = out.replace(new RegExp(escapeRegExp(s), "g"), MASK);
        const encoded = encodeURIComponent(s);
        if (encoded !== s && out.includes(encoded)) out = out.split(encoded).join(MASK);
    }
    return out;
}
