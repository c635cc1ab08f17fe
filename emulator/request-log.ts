/** The emulator's request log (`GET /_admin/requests`), with every secret masked before it is kept. */

export interface RequestLogEntry {
    seq: number;
    time: string;
    api: "tuxcare" | "fluxark" | "admin" | "unknown";
    operation: string;
    method: string;
    path: string;
    /** Query and form arguments, with the token's signature masked. */
    args: Record<string, string>;
    /** The JSON body, with passwords and SSH keys masked. */
    body?: unknown;
    status: number;
}

export function maskArgs(args: Record<string, string>): Record<string, string> {
    const out = { ...args };
    if (out.token) out.token = out.token.replace(/\|[^|]*$/, "|[signature]");
    return out;
}

/** The reseller Nagios URL carries the token in its path: mask its signature the same way. */
export function maskPath(path: string): string {
    let decoded = path;
    try {
        decoded = decodeURIComponent(path);
    } catch {
        // a malformed %-escape: log the path as sent
    }
    return decoded.replace(/(\/nagios-res\/[^/]+\/[^/|]*\|\d+)\|[^/]*$/, "$1|[signature]");
}

export function maskBody(body: unknown): unknown {
    if (Array.isArray(body)) return body.map(maskBody);
    if (body && typeof body === "object") {
        return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, /password|ssh_key/i.test(k) ? "[masked]" : maskBody(v)]));
    }
    return body;
}
