/**
 * What the dynamic-provider process loads by package name (`pulumi-tuxcare-fluxark/runtime`):
 * the trampoline of every resource calls `configure` once and `dispatch` for each operation.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "./core/settings";
import { redact } from "./core/redact";
import { withoutUndefined, type HandlerMethod, type ResourceHandlers } from "./core/resource";
import { registerSecretFields } from "./core/secrets";
import * as contexts from "./context";
import { keepWebAssemblyOnBaselineTier } from "./core/wasm-tiering";
import { CATALOG, type CatalogEntry } from "./catalog";

const entries: Record<string, CatalogEntry> = Object.fromEntries(CATALOG.map((e) => [e.type, e]));
/** Each resource type's handlers over the process's context of its API, made on first use. */
const handlers = new Map<string, ResourceHandlers>();

function handlersOf(entry: CatalogEntry): ResourceHandlers {
    let made = handlers.get(entry.type);
    if (!made) handlers.set(entry.type, (made = entry.handlersIn(contexts)));
    return made;
}


let configured = false;

export async function configure(config: ConfigSource): Promise<void> {
    // Each resource type has its own provider object, and the host configures each; the stack config is the same.
    if (configured) return;
    configured = true;
    keepWebAssemblyOnBaselineTier();
    contexts.configure(config);
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
    const entry = entries[kind];
    if (!entry) throw new Error(`pulumi-tuxcare-fluxark: unknown resource type ${kind}; is the installed package older than the program?`);
    // Every call carries inputs or state (check and diff too): their secrets are masked from here on.
    registerSecretFields(entry.fields, ...args);
    if (method !== "check") await contexts[entry.api].settings.whenReady();
    try {
        const result = withoutUndefined(await (handlersOf(entry)[method] as (...a: unknown[]) => Promise<unknown>)(...args));
        // A read can bring a secret the program never gave (a private key changed outside Pulumi).
        const r = (result ?? {}) as { outs?: unknown; props?: unknown; inputs?: unknown };
        registerSecretFields(entry.fields, r.outs, r.props, r.inputs);
        return method === "check" ? withRedactedFailures(result as pulumi.dynamic.CheckResult) : result;
    } catch (e) {
        // Errors go to the engine and its logs: make sure no credential rides along.
        if (e instanceof Error) {
            e.message = redact(e.message);
            if (e.stack) e.stack = redact(e.stack);
        }
        throw e;
    }
}

/** A check failure may quote the value it refuses: never a secret one. */
function withRedactedFailures(result: pulumi.dynamic.CheckResult): pulumi.dynamic.CheckResult {
    if (!result.failures?.length) return result;
    return { ...result, failures: result.failures.map((f) => ({ ...f, reason: redact(f.reason) })) };
}
