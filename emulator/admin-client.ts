/** A typed client of the emulator's admin interface, for tests and scripts. */
import type { RequestLogEntry } from "./request-log";
import type { FaultSettings } from "./faults";
import type { Row, StoreSnapshot } from "./store";

export interface EmulatorAdminOptions {
    /** The emulator's admin token (`--admin-token`, EMULATOR_ADMIN_TOKEN, `startEmulator({ adminToken })`), sent as a Bearer token. */
    token?: string;
}

export class EmulatorAdmin {
    constructor(
        private readonly baseUrl: string,
        private readonly options: EmulatorAdminOptions = {},
    ) {}

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const headers: Record<string, string> = {};
        if (body !== undefined) headers["content-type"] = "application/json";
        if (this.options.token !== undefined) headers.authorization = `Bearer ${this.options.token}`;
        const res = await fetch(`${this.baseUrl}/_admin${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`emulator admin ${method} ${path}: HTTP ${res.status} ${text}`);
        return JSON.parse(text) as T;
    }

    state(): Promise<StoreSnapshot> {
        return this.call("GET", "/state");
    }
    setState(snapshot: StoreSnapshot): Promise<unknown> {
        return this.call("PUT", "/state", snapshot);
    }
    reset(): Promise<unknown> {
        return this.call("POST", "/reset");
    }
    list<T extends Row = Row>(collection: string): Promise<T[]> {
        return this.call("GET", `/collections/${collection}`);
    }
    get<T extends Row = Row>(collection: string, id: string): Promise<T> {
        return this.call("GET", `/collections/${collection}/${encodeURIComponent(id)}`);
    }
    put<T extends Row>(collection: string, id: string, row: T): Promise<T> {
        return this.call("PUT", `/collections/${collection}/${encodeURIComponent(id)}`, row);
    }
    patch<T extends Row = Row>(collection: string, id: string, patch: Row): Promise<T> {
        return this.call("PATCH", `/collections/${collection}/${encodeURIComponent(id)}`, patch);
    }
    remove(collection: string, id: string): Promise<unknown> {
        return this.call("DELETE", `/collections/${collection}/${encodeURIComponent(id)}`);
    }
    setFaults(settings: FaultSettings): Promise<unknown> {
        return this.call("PUT", "/faults", settings);
    }
    faults(): Promise<FaultSettings & { injected: Record<string, number>; injectedByOperation: Record<string, Record<string, number>> }> {
        return this.call("GET", "/faults");
    }
    requests(): Promise<RequestLogEntry[]> {
        return this.call("GET", "/requests");
    }
    clearRequests(): Promise<unknown> {
        return this.call("DELETE", "/requests");
    }
}
