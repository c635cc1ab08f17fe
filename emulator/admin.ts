/**
 * The admin interface under `/_admin`, for tests and demos: read, replace or reset the whole
 * state, read or change any stored object out of band, and read or clear the request log.
 */
import { json, type Route } from "./http";
import type { Row, Store, StoreSnapshot } from "./store";
import type { RequestLogEntry } from "./server";
import type { Faults, FaultSettings } from "./faults";

export interface AdminContext {
    store: Store;
    requestLog: RequestLogEntry[];
    faults: Faults;
    save: () => void;
}

const asRow = (body: unknown): Row | undefined => (body && typeof body === "object" && !Array.isArray(body) ? (body as Row) : undefined);

export function adminRoutes({ store, requestLog, faults, save }: AdminContext): Route[] {
    const notFound = () => json({ message: "Not found" }, 404);
    return [
        { methods: ["GET"], pattern: "/health", operation: "admin.health", handler: () => json({ ok: true }) },
        { methods: ["GET"], pattern: "/state", operation: "admin.state.get", handler: () => json(store.snapshot()) },
        {
            methods: ["PUT"],
            pattern: "/state",
            operation: "admin.state.put",
            handler: (req) => {
                store.restore(req.json as StoreSnapshot);
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
        { methods: ["GET"], pattern: "/faults", operation: "admin.faults.get", handler: () => json({ ...faults.get(), injected: faults.injected }) },
        {
            methods: ["PUT"],
            pattern: "/faults",
            operation: "admin.faults.put",
            handler: (req) => {
                faults.set(req.json as FaultSettings);
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
        { methods: ["GET"], pattern: "/collections/:name", operation: "admin.list", handler: (req) => json(store.list(req.params.name ?? "")) },
        {
            methods: ["GET"],
            pattern: "/collections/:name/:id",
            operation: "admin.get",
            handler: (req) => {
                const row = store.get(req.params.name ?? "", req.params.id ?? "");
                return row ? json(row) : notFound();
            },
        },
        {
            methods: ["PUT"],
            pattern: "/collections/:name/:id",
            operation: "admin.put",
            handler: (req) => {
                const row = asRow(req.json);
                return row ? json(store.put(req.params.name ?? "", req.params.id ?? "", row)) : json({ message: "Body must be a JSON object" }, 400);
            },
        },
        {
            methods: ["PATCH"],
            pattern: "/collections/:name/:id",
            operation: "admin.patch",
            handler: (req) => {
                const name = req.params.name ?? "";
                const id = req.params.id ?? "";
                const row = store.get(name, id);
                const patch = asRow(req.json);
                if (!row) return notFound();
                if (!patch) return json({ message: "Body must be a JSON object" }, 400);
                return json(store.put(name, id, { ...row, ...patch }));
            },
        },
        {
            methods: ["DELETE"],
            pattern: "/collections/:name/:id",
            operation: "admin.delete",
            handler: (req) => (store.remove(req.params.name ?? "", req.params.id ?? "") ? json({ ok: true }) : notFound()),
        },
    ];
}
