/**
 * Who may talk to the emulator. It listens on 127.0.0.1 only, but a web page the developer has
 * open can still reach it: by a cross-origin request (a form POST needs no CORS permission) or
 * by DNS rebinding (a name of the attacker's that resolves to 127.0.0.1, which makes the page
 * same-origin with the emulator and lets it read the answers). So, for every route:
 *  - the Host header must be a loopback name (127.0.0.1, localhost, [::1]): a rebinding page
 *    sends its own name. Any port is accepted, so a tunnel or port-forward to another local port
 *    keeps working; the name is what a rebinding page cannot fake.
 *  - an Origin header, when present, must be the origin the request was addressed to. Browsers
 *    send it on cross-origin requests; Node clients, curl and the provider send none.
 *  - a Sec-Fetch-Site header, when present, must be `same-origin` or `none` (typed by the user):
 *    browsers send it on every request, also where they send no Origin (an `<img>` GET, which
 *    TuxCare's create calls accept).
 * This covers the emulated APIs too: their demo credentials are public, so a page could create
 * objects (TuxCare takes its token in the query string, a "simple" request) or read them.
 * The admin interface can additionally require a token (`adminToken`).
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { json, type EmuResponse, type RequestHead } from "./http";

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The name part of a `host[:port]` authority, lower-case; IPv6 keeps its brackets. */
function hostName(authority: string): string {
    const m = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(authority.trim().toLowerCase());
    return m?.[1] ?? "";
}

const forbidden = (message: string): EmuResponse => json({ message, success: false }, 403);

/** A 403 for a request a web page could have sent (foreign Host or Origin); undefined when it may go on. */
export function refuseForeignCaller(headers: IncomingHttpHeaders): EmuResponse | undefined {
    const host = headers.host ?? "";
    if (!LOOPBACK_NAMES.has(hostName(host)))
        return forbidden("The emulator answers only requests addressed to 127.0.0.1, localhost or [::1] (Host header)");
    const origin = headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`)
        return forbidden("The emulator refuses requests from web pages of another origin (Origin header)");
    const site = headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none")
        return forbidden("The emulator refuses requests from web pages of another origin (Sec-Fetch-Site header)");
    return undefined;
}

function sameSecret(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

/** The admin token check (`Authorization: Bearer <token>`), for a route's `authorize`; no token set lets every request through. */
export function adminTokenCheck(token: string | undefined): (head: RequestHead) => EmuResponse | undefined {
    if (token === undefined) return () => undefined;
    return (head) => {
        const given = /^Bearer\s+(.+)$/i.exec(String(head.headers.authorization ?? ""))?.[1]?.trim();
        if (given !== undefined && sameSecret(given, token)) return undefined;
        return {
            status: 401,
            body: { message: "The admin interface needs its token: Authorization: Bearer <admin token>", success: false },
            headers: { "www-authenticate": 'Bearer realm="emulator admin"' },
        };
    };
}
