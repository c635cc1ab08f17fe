/**
 * The emulator's HTTP plumbing: the request and response shapes every API area works with, and
 * a small router that matches `/path/:param` patterns. API areas plug in as lists of routes.
 */
import type { IncomingHttpHeaders } from "node:http";

export interface EmuRequest {
    method: string;
    path: string;
    /** Query string and urlencoded form body merged (TuxCare documents both). */
    args: Record<string, string>;
    params: Record<string, string>;
    headers: IncomingHttpHeaders;
    rawBody: string;
    /** The body parsed as JSON, when it is JSON. */
    json: unknown;
    /** The caller's address (Nagios keys are registered for it). */
    remoteAddress: string;
}

export interface EmuResponse {
    status: number;
    /** A string is sent as text/plain; anything else as JSON. */
    body: unknown;
    headers?: Record<string, string>;
}

export type Handler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export interface Route {
    methods: readonly string[];
    /** `/api/kcare/key/list.json`, `/api/servers/:serverId/users` */
    pattern: string;
    /** A stable name for the request log and fault injection: `kcare.key.list`. */
    operation: string;
    handler: Handler;
}

export const json = (body: unknown, status = 200): EmuResponse => ({ status, body });
export const text = (body: string, status = 200): EmuResponse => ({ status, body });

interface CompiledRoute extends Route {
    regex: RegExp;
    names: string[];
}

export class Router {
    private readonly routes: CompiledRoute[] = [];

    add(prefix: string, routes: readonly Route[]): void {
        for (const r of routes) {
            const names: string[] = [];
            const source = (prefix + r.pattern)
                .split("/")
                .map((seg) => {
                    if (!seg.startsWith(":")) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
                    names.push(seg.slice(1));
                    return "([^/]+)";
                })
                .join("/");
            this.routes.push({ ...r, regex: new RegExp(`^${source}/?$`), names });
        }
    }

    /** The route for a path, or the methods it allows when only the method is wrong. */
    match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | undefined {
        const allowed: string[] = [];
        for (const route of this.routes) {
            const m = route.regex.exec(path);
            if (!m) continue;
            if (!route.methods.includes(method)) {
                allowed.push(...route.methods);
                continue;
            }
            const params: Record<string, string> = {};
            route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? "")));
            return { route, params };
        }
        return allowed.length > 0 ? { allowed } : undefined;
    }
}
