/** Real clients pointed at a running emulator, for contract tests. */
import { HttpTransport } from "../../provider/core/http";
import { TuxcareClient } from "../../provider/tuxcare/client";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { FluxarkClient } from "../../provider/fluxark/client";

/** The last request the emulator received was this TuxCare call, signed with a token of the demo login, and it succeeded. */
export function expectLastTuxcareRequest(emulator: Emulator, method: string, path: string, args: Record<string, string>): void {
    const r = emulator.requestLog[emulator.requestLog.length - 1]!;
    expect({ method: r.method, path: r.path }).toEqual({ method, path: `/tuxcare/api${path}` });
    expect(r.args).toMatchObject(args);
    expect(r.args.token).toMatch(/^demo\|\d+\|\[signature\]$/);
    expect(r.status).toBe(200);
}

/** Quick retries, so a contract test of an error does not wait out the production backoff. */
const testTransport = () => new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });

export function tuxcareClientFor(
    emulator: Emulator,
    secretKey = DEFAULT_TUXCARE_ACCOUNT.secretKey,
): { client: TuxcareClient; transport: HttpTransport } {
    const transport = testTransport();
    const client = new TuxcareClient(
        () => ({ login: DEFAULT_TUXCARE_ACCOUNT.login, secretKey, apiUrl: emulator.tuxcareApiUrl }),
        transport,
    );
    return { client, transport };
}

export function fluxarkClientFor(
    emulator: Emulator,
    apiKey = DEFAULT_FLUXARK_API_KEY.key,
): { client: FluxarkClient; transport: HttpTransport } {
    const transport = testTransport();
    return { client: new FluxarkClient(() => ({ url: emulator.fluxarkUrl, apiKey }), transport), transport };
}

/**
 * For one describe block: an emulator answering TuxCare calls with or without the envelope, and a
 * client pointed at it, both closed after the block. Read the fields inside tests (set in beforeAll).
 */
export function withTuxcareEmulator(envelope: boolean): { readonly emulator: Emulator; readonly client: TuxcareClient } {
    const ctx = {} as { emulator: Emulator; client: TuxcareClient; transport: HttpTransport };
    beforeAll(async () => {
        ctx.emulator = await startEmulator({ tuxcareEnvelope: envelope });
        Object.assign(ctx, tuxcareClientFor(ctx.emulator));
    });
    afterAll(async () => {
        await ctx.transport.close();
        await ctx.emulator.close();
    });
    return ctx;
}
