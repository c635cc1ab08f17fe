/**
 * The admin interface under `/_admin`, for tests and demos: read, replace or reset the whole
 * state, read or change any stored object out of band, and read or clear the request log.
 * Every route needs the admin token when one is set (see access.ts for who may call at all).
 */
import { adminTokenCheck } from "./access";
import { json, type EmuRequest, type EmuResponse, type Route } from "./http";
import { isReservedName, RESERVED_NAMES, type Row, type Store } from "./store";
import type { RequestLogEntry } from "./request-log";
import { parseFaultSettings, type Faults } from "./faults";

export interface EmulatedAdmin {
    store: Store;
    requestLog: RequestLogEntry[];
    faults: Faults;
    save: () => void;
    /** When set, every admin request needs `Authorization: Bearer <adminToken>`. */
    adminToken?: string;
}

/** `PUT /_admin/state` carries a whole state: larger than an API call's body, still bounded. */
const STATE_MAX_BODY_BYTES = 64 * 1024 * 1024;

const badRequest = (message: string) => json({ message, success: false }, 400);
const notFound = () => json({ message: "Not found", success: false }, 404);
const asRow = (body: unknown): Row | undefined => (body && typeof body === "object" && !Array.isArray(body) ? (body as Row) : undefined);

/** A `/collections/:name[/:id]` route: the collection name is checked before the handler runs. */
function collectionRoute(
    method: string,
    pattern: string,
    operation: string,
    handler: (req: EmuRequest, name: string, id: string) => EmuResponse,
): Route {
    return {
        methods: [method],
        pattern,
        operation,
        handler: (req) => {
            const name = req.params.name ?? "";
            if (isReservedName(name))
                return badRequest(`Collection name ${name} is refused: ${RESERVED_NAMES.join(", ")} are not collection names`);
            return handler(req, name, req.params.id ?? "");
        },
    };
}

export function adminRoutes({ store, requestLog, faults, save, adminToken }: EmulatedAdmin): Route[] {
    const routes: Route[] = [
        { methods: ["GET"], pattern: "/health", operation: "admin.health", handler: () => json({ ok: true }) },
        { methods: ["GET"], pattern: "/state", operation: "admin.state.get", handler: () => json(store.snapshot()) },
        {
            methods: ["PUT"],
            pattern: "/state",
            operation: "admin.state.put",
            maxBodyBytes: STATE_MAX_BODY_BYTES,
            handler: (req) => {
                if (req.json === undefined) return badRequest("Body must be a JSON state {collections, counters}");
                try {
                    store.restore(req.json);
                } catch (e) {
                    return badRequest(`Bad state: ${(e as Error).message}`);
                }
                return json({ ok: true });
            },
        },
        {
            methods: ["POST"],
            pattern: "/reset",
            operation: "admin.reset",
            handler: () => {
                store.clear();
                requestLog.length = 0;
                return json({ ok: true });
            },
        },
        {
            methods: ["POST"],
            pattern: "/save",
            operation: "admin.save",
            handler: () => {
                save();
                return json({ ok: true });
            },
        },
        {
            methods: ["GET"],
            pattern: "/faults",
            operation: "admin.faults.get",
            handler: () => json({ ...faults.get(), injected: faults.injected, injectedByOperation: faults.injectedByOperation }),
        },
        {
            methods: ["PUT"],
            pattern: "/faults",
            operation: "admin.faults.put",
            handler: (req) => {
                const parsed = parseFaultSettings(req.json);
                if (!parsed.ok) return json({ message: parsed.error }, 400);
                faults.set(parsed.settings);
                return json({ ok: true });
            },
        },
        { methods: ["GET"], pattern: "/requests", operation: "admin.requests.get", handler: () => json(requestLog) },
        {
            methods: ["DELETE"],
            pattern: "/requests",
            operation: "admin.requests.clear",
            handler: () => {
                requestLog.length = 0;
                return json({ ok: true });
            },
        },
        collectionRoute("GET", "/collections/:name", "admin.list", (_req, name) => json(store.list(name))),
        collectionRoute("GET", "/collections/:name/:id", "admin.get", (_req, name, id) => {
            const row = store.get(name, id);
            return row ? json(row) : notFound();
        }),
        collectionRoute("PUT", "/collections/:name/:id", "admin.put", (req, name, id) => {
            const row = asRow(req.json);
            return row ? json(store.put(name, id, row)) : badRequest("Body must be a JSON object");
        }),
        collectionRoute("PATCH", "/collections/:name/:id", "admin.patch", (req, name, id) => {
            const row = store.get(name, id);
            const patch = asRow(req.json);
            if (!row) return notFound();
            if (!patch) return badRequest("Body must be a JSON object");
            return json(store.put(name, id, { ...row, ...patch }));
        }),
        collectionRoute("DELETE", "/collections/:name/:id", "admin.delete", (_req, name, id) =>
            store.remove(name, id) ? json({ ok: true }) : notFound(),
        ),
    ];
    const authorize = adminTokenCheck(adminToken);
    return routes.map((r) => ({ ...r, authorize }));
}
