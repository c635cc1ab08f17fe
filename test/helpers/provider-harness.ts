/**
 * The provider layer's test harness: one real emulator per test file, the provider's contexts (one
 * per API) configured for it, and each resource's handlers called through the runtime's `callHandler` (as the
 * engine's calls arrive), without the engine. The handlers keep process-wide state (each API's list cache):
 * every test starts with an empty cache, and `refresh` empties it as a new `pulumi refresh` process would.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    DEFAULT_FLUXARK_API_KEY,
    DEFAULT_TUXCARE_ACCOUNT,
    EmulatorAdmin,
    startEmulator,
    type Emulator,
    type EmulatorOptions,
} from "../../emulator";
import { configure, fluxark, tuxcare } from "../../provider/context";
import type { HandlerName, Props } from "../../provider/core/resource";
import { callHandler } from "../../provider/runtime";
import { forgetTakenOver } from "../../provider/core/taken-over";

export interface Harness {
    emulator: Emulator;
    /** The emulator's admin interface: what the API holds, and changes made out of band. */
    admin: EmulatorAdmin;
}

/** Starts an emulator for the enclosing describe block (or file) and points the provider's contexts at it. */
export function useEmulator(options: EmulatorOptions = {}): Harness {
    const harness = {} as Harness;
    beforeAll(async () => {
        harness.emulator = await startEmulator(options);
        harness.admin = new EmulatorAdmin(harness.emulator.url);
        const config: Record<string, string> = {
            "tuxcare:apiUrl": harness.emulator.tuxcareApiUrl,
            "tuxcare:login": DEFAULT_TUXCARE_ACCOUNT.login,
            "tuxcare:secretKey": DEFAULT_TUXCARE_ACCOUNT.secretKey,
            "fluxark:url": harness.emulator.fluxarkUrl,
            "fluxark:apiKey": DEFAULT_FLUXARK_API_KEY.key,
        };
        configure({ get: (key) => config[key] });
        // A new emulator hands out ids afresh: what this process claimed of the last one says nothing here.
        for (const reconciler of [tuxcare.kcareKeys, tuxcare.elsKeys, fluxark.aclRules]) reconciler.forgetClaims();
    });
    beforeEach(emptyListCaches);
    afterAll(async () => harness.emulator?.close());
    return harness;
}

/** A resource type's handlers, called the way the runtime calls them (secrets registered, errors redacted, undefined dropped). */
export function handlersOf(type: string) {
    const call = <T>(method: HandlerName, ...args: unknown[]) => callHandler(type, method, args) as Promise<T>;
    return {
        check: (olds: Props, news: Props) => call<pulumi.dynamic.CheckResult>("check", olds, news),
        diff: (id: string, olds: Props, news: Props) => call<pulumi.dynamic.DiffResult>("diff", id, olds, news),
        create: (inputs: Props) => call<pulumi.dynamic.CreateResult>("create", inputs),
        read: (id: string, props: Props) => call<pulumi.dynamic.ReadResult>("read", id, props),
        update: (id: string, olds: Props, news: Props) => call<pulumi.dynamic.UpdateResult>("update", id, olds, news),
        delete: (id: string, props: Props) => call<void>("delete", id, props),
    };
}

export type Handlers = ReturnType<typeof handlersOf>;

/** The inputs `check` makes of a program's arguments; fails the test on any failure. */
export async function checked(handlers: Handlers, args: Props, olds: Props = {}): Promise<Props> {
    const result = await handlers.check(olds, args);
    expect(result.failures ?? []).toEqual([]);
    return result.inputs as Props;
}

/** What `pulumi up` does for a new resource: check, then create with the checked inputs. */
export async function up(handlers: Handlers, args: Props): Promise<{ id: string; outs: Props; inputs: Props }> {
    const inputs = await checked(handlers, args);
    const { id, outs } = await handlers.create(inputs);
    return { id, outs: outs as Props, inputs };
}

/** What `pulumi up` does for a changed resource: check, diff, and update when the diff says in place. */
export async function change(
    handlers: Handlers,
    id: string,
    state: Props,
    args: Props,
): Promise<{ diff: pulumi.dynamic.DiffResult; outs: Props }> {
    const news = await checked(handlers, args, state);
    const diff = await handlers.diff(id, state, news);
    expect(diff.replaces ?? []).toEqual([]);
    const { outs } = await handlers.update(id, state, news);
    return { diff, outs: outs as Props };
}

/** A read as a new `pulumi refresh` process makes it: nothing cached from earlier calls. */
export function refresh(handlers: Handlers, id: string, state: Props): Promise<pulumi.dynamic.ReadResult> {
    emptyListCaches();
    return handlers.read(id, state);
}

/** Forgets what a provider process holds (every list of both APIs' contexts, the objects taken over), as a new process starts with none. */
export function emptyListCaches(): void {
    forgetTakenOver();
    tuxcare.listCache.invalidate("");
    fluxark.listCache.invalidate("");
}

/** What the resource handlers wrote as warnings (they go to stderr, which the engine shows). */
export async function warningsOf(action: () => Promise<unknown>): Promise<string> {
    const spy = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
        await action();
        return spy.mock.calls.map((c) => String(c[0])).join("");
    } finally {
        spy.mockRestore();
    }
}
