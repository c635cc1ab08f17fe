/**
 * What the dynamic-provider process loads by package name (`pulumi-tuxcare-fluxark/runtime`):
 * the trampoline of every resource calls `install` once, which configures the process and puts the
 * resource's handlers on its provider object; each operation then goes through `callHandler`.
 * The native host calls `configure` and `callHandler` directly.
 *
 * Names: a declaration writes a `lifecycle` (core/define.ts: create, read, update, delete); the
 * runtime calls the six `handlers` derived from it (core/resource.ts: check and diff too).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "./core/settings";
import { redact } from "./core/redact";
import { withoutUndefined, type HandlerName, type ResourceHandlers } from "./core/resource";
import { registerSecretFields } from "./core/secrets";
import { configure as configureContexts, fluxark, tuxcare } from "./context";
import { keepWebAssemblyOnBaselineTier } from "./core/wasm-tiering";
import { CATALOG, type CatalogEntry } from "./catalog";

const entries: Record<string, CatalogEntry> = Object.fromEntries(CATALOG.map((e) => [e.type, e]));
const contexts = { tuxcare, fluxark };
/** Each resource type's handlers over the process's context of its API, made on first use. */
const handlersByType = new Map<string, ResourceHandlers>();

function handlersOf(entry: CatalogEntry): ResourceHandlers {
    let made = handlersByType.get(entry.type);
    if (!made) {
        made = entry.handlersIn(contexts);
        handlersByType.set(entry.type, made);
    }
    return made;
}

let configured = false;

export async function configure(config: ConfigSource): Promise<void> {
    // Each resource type has its own provider object, and the host configures each; the stack config is the same.
    if (configured) return;
    configured = true;
    keepWebAssemblyOnBaselineTier();
    configureContexts(config);
}

/**
 * What the trampoline's `configure` calls: puts the handlers on the provider object as its methods,
 * then configures. The name is written into every resource's state (the trampoline's text): it stays.
 */
export function install(provider: object, kind: string, req: { config: ConfigSource }): Promise<void> {
    Object.assign(provider, methods(kind));
    return configure(req.config);
}

/**
 * A resource type's handlers as the methods of its provider object. Kept exported under this name
 * with `configure`: state written before `install` existed holds a `__provider` that calls these two.
 */
export function methods(kind: string): Record<HandlerName, (...args: unknown[]) => Promise<unknown>> {
    const names: HandlerName[] = ["check", "diff", "create", "read", "update", "delete"];
    return Object.fromEntries(names.map((m) => [m, (...args: unknown[]) => callHandler(kind, m, args)])) as Record<
        HandlerName,
        (...args: unknown[]) => Promise<unknown>
    >;
}

/** Calls one handler of a resource type as the engine's call arrives: secrets registered, errors redacted, undefined dropped. */
export async function callHandler(kind: string, method: HandlerName, args: unknown[]): Promise<unknown> {
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
