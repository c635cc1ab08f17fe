/** The emulator's request log (`GET /_admin/requests`), with every secret masked before it is kept. */
import { createHash } from "node:crypto";

export interface RequestLogEntry {
    seq: number;
    time: string;
    api: "tuxcare" | "fluxark" | "admin" | "unknown";
    operation: string;
    method: string;
    /** The URL path, with the Nagios key and the reseller token's signature masked. */
    path: string;
    /** Query and form arguments, with the token's signature masked and a license key kept only as its fingerprint. */
    args: Record<string, string>;
    /** The JSON body, with passwords, SSH keys, API keys and tokens masked and a license key kept only as its fingerprint. */
    body?: unknown;
    status: number;
}

/**
 * What the request log keeps of a license key: a stable fingerprint, so a test can still check
 * which key a call carried (compare with `requestLogKey(sentKey)`) without the log holding the key.
 */
export function requestLogKey(key: string): string {
    return `[key sha256:${createHash("sha256").update(key).digest("hex").slice(0, 12)}]`;
}

export function maskArgs(args: Record<string, string>): Record<string, string> {
    const out = { ...args };
    if (out.token) out.token = out.token.replace(/\|[^|]*$/, "|[signature]");
    if (out.key !== undefined) out.key = requestLogKey(out.key);
    return out;
}

/**
 * Two TuxCare URLs carry a secret in their path: the Nagios status of a key (`/kcare/nagios/<key>`)
 * and the reseller Nagios status (`/nagios-res/<login>/<token>`). The key becomes its fingerprint;
 * the token keeps its login and time, its signature is masked.
 */
export function maskPath(path: string): string {
    let decoded = path;
    try {
        decoded = decodeURIComponent(path);
    } catch {
        // a malformed %-escape: log the path as sent
    }
    return decoded
        .replace(/(\/kcare\/nagios\/)(?!register_key\.plain(?:\/|$))([^/]+)/, (_m, head: string, key: string) => head + requestLogKey(key))
        .replace(/(\/nagios-res\/[^/]+\/[^/|]*\|\d+)\|[^/]*$/, "$1|[signature]");
}

/** Body fields that hold a secret: passwords, SSH keys, API keys, tokens (not `password_type`; a boolean such as `has_password` is no secret). */
const SECRET_FIELD = /^(?:[a-z]+_)*(?:password|passwd|passphrase|ssh_key|ssh_keys|private_key|api_?key|token|secret)$/i;

export function maskBody(body: unknown): unknown {
    if (Array.isArray(body)) return body.map(maskBody);
    if (body && typeof body === "object") {
        return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, maskField(k, v)]));
    }
    return body;
}

function maskField(name: string, value: unknown): unknown {
    if (SECRET_FIELD.test(name) && typeof value !== "boolean") return "[masked]";
    if (name === "key" && typeof value === "string") return requestLogKey(value);
    return maskBody(value);
}
