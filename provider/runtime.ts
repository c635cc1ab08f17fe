/**
 * What the dynamic-provider process loads by package name (`pulumi-tuxcare-fluxark/runtime`):
 * the trampoline of every resource calls `configure` once and `dispatch` for each operation.
 */
import type { ConfigSource } from "./core/credentials";
import { redact } from "./core/redact";
import type { HandlerMethod, ResourceHandlers } from "./core/resource";
import { configure as configureContext, credentials } from "./context";
import { keepWebAssemblyOnBaselineTier } from "./core/wasm-tiering";
import { CATALOG } from "./catalog";

const handlers: Record<string, ResourceHandlers> = Object.fromEntries(CATALOG.map((e) => [e.type, e.handlers]));

/** Drops undefined values: the host's protobuf Struct conversion rejects them. */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) return value.map(withoutUndefined) as T;
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)])) as T;
    }
    return value;
}

let configured = false;

export async function configure(config: ConfigSource): Promise<void> {
    // Each resource type has its own provider object, and the host configures each; the stack config is the same.
    if (configured) return;
    configured = true;
    keepWebAssemblyOnBaselineTier();
    configureContext(config);
}

/** What the trampoline's `configure` calls: puts the real methods on the provider object, then configures. */
export function install(provider: object, kind: string, req: { config: ConfigSource }): Promise<void> {
    Object.assign(provider, methods(kind));
    return configure(req.config);
}

/**
 * The methods the trampoline installs on a resource type's provider object. Kept exported with
 * `configure`: state written before `install` existed holds a `__provider` that calls these two.
 */
export function methods(kind: string): Record<HandlerMethod, (...args: unknown[]) => Promise<unknown>> {
    const names: HandlerMethod[] = ["check", "diff", "create", "read", "update", "delete"];
    return Object.fromEntries(names.map((m) => [m, (...args: unknown[]) => dispatch(kind, m, args)])) as Record<HandlerMethod, (...args: unknown[]) => Promise<unknown>>;
}

export async function dispatch(kind: string, method: HandlerMethod, args: unknown[]): Promise<unknown> {
    const h = handlers[kind];
    if (!h) throw new Error(`pulumi-tuxcare-fluxark: unknown resource type ${kind}; is the installed package older than the program?`);
    if (method !== "check") await credentials.whenReady();
    try {
        return withoutUndefined(await (h[method] as (...a: unknown[]) => Promise<unknown>)(...args));
    } catch (e) {
        // Errors go to the engine and its logs: make sure no credential rides along.
        if (e instanceof Error) {
            e.message = redact(e.message);
            if (e.stack) e.stack = redact(e.stack);
        }
        throw e;
    }
}
