/**
 * What every FluxArk area shares: `Authorization: Basic <API key>` (the raw key), per-area
 * permissions (403 without, as documented; a missing or unknown key gets the status set by
 * `authErrorStatus`), the `{"messages", "status", "time"}` error body, JSON objects required on
 * POST, MySQL-style times, and 1|0 flags that accept booleans on write.
 */
import { json, type EmuRequest, type EmuResponse, type RequestHead, type Route } from "../http";
import type { Store } from "../store";

export type FluxarkArea = "Servers" | "Users";

export interface FluxarkApiKey {
    key: string;
    permissions: FluxarkArea[];
}

/** The emulated FluxArk that every route works on: the store, the API keys, the clock and the answer options. */
export interface EmulatedFluxark {
    store: Store;
    apiKeys: FluxarkApiKey[];
    now: () => Date;
    /** Answer business errors with their 400/404 status instead of HTTP 200 (see `withDocumentedStatus` in index.ts). */
    errorStatus: boolean;
    /** The HTTP status of a missing or unknown API key (the document gives none). */
    authErrorStatus: number;
    /** List answers carry fields the document's examples do not show (see the views in servers.ts and users.ts). */
    extraFields: boolean;
}

export type Body = Record<string, unknown>;

export function error(status: number, ...messages: string[]): EmuResponse {
    return json({ messages, status: "ERROR", time: Math.floor(Date.now() / 1000) }, status);
}

export const okId = (id: number | string): EmuResponse => json({ id: Number(id), status: "OK" });

/** The API key check and the area's permission, from the headers alone: it runs before the body is read. */
function refuseApiKey(api: EmulatedFluxark, area: FluxarkArea, head: RequestHead): EmuResponse | undefined {
    const header = String(head.headers.authorization ?? "");
    const key = /^Basic\s+(.+)$/i.exec(header)?.[1]?.trim();
    const apiKey = api.apiKeys.find((k) => k.key === key);
    if (!apiKey) return error(api.authErrorStatus, key ? "Invalid API key" : "Missing API key");
    if (!apiKey.permissions.includes(area)) return error(403, `Missing permission: ${area}`);
    return undefined;
}

/** A route that checks the API key, the area's permission, and (on POST) that the body is a JSON object. */
export function fluxRoute(
    api: EmulatedFluxark,
    area: FluxarkArea,
    method: string,
    pattern: string,
    operation: string,
    handler: (req: EmuRequest, body: Body) => EmuResponse,
): Route {
    return {
        methods: [method],
        pattern,
        operation,
        authorize: (head) => refuseApiKey(api, area, head),
        handler: (req) => {
            let body: Body = {};
            if (method === "POST") {
                if (!req.json || typeof req.json !== "object" || Array.isArray(req.json)) return error(400, "A JSON object is required");
                body = req.json as Body;
            }
            return handler(req, body);
        },
    };
}

/**
 * An object as a list answers it: only the fields the document's example of that list shows, plus
 * `extra` (fields a real installation may add) when the emulator is set to send them. A client
 * that needs more than the documented fields finds out here, not in production.
 */
export function listView(
    api: EmulatedFluxark,
    row: Record<string, unknown>,
    documented: readonly string[],
    extra: readonly string[] = [],
): Record<string, unknown> {
    const fields = api.extraFields ? [...documented, ...extra] : documented;
    return Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** MySQL datetime, UTC: `YYYY-MM-DD HH:MI:SS`. */
export function mysqlTime(d: Date): string {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function parseMysqlTime(s: string): Date | undefined {
    const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(s);
    return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** A 1|0 flag from a boolean or number on write; undefined when absent; null when invalid. */
export function flag(v: unknown): 0 | 1 | undefined | null {
    if (v === undefined) return undefined;
    if (v === true || v === 1 || v === "1") return 1;
    if (v === false || v === 0 || v === "0") return 0;
    return null;
}

export function stringList(v: unknown): string[] | null {
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;
}
