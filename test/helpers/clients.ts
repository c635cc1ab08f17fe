/** Real clients pointed at a running emulator, for contract tests. */
import { HttpTransport } from "../../provider/core/http";
import { TuxcareClient } from "../../provider/tuxcare/client";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, type Emulator } from "../../emulator";
import { FluxarkClient } from "../../provider/fluxark/client";

/** The last request the emulator received was this TuxCare call, signed with a token of the demo login, and it succeeded. */
export function expectLastTuxcareRequest(emulator: Emulator, method: string, path: string, args: Record<string, string>): void {
    const r = emulator.requestLog[emulator.requestLog.length - 1]!;
    expect({ method: r.method, path: r.path }).toEqual({ method, path: `/tuxcare/api${path}` });
    expect(r.args).toMatchObject(args);
    expect(r.args.token).toMatch(/^demo\|\d+\|\[signature\]$/);
    expect(r.status).toBe(200);
}

export function tuxcareClientFor(emulator: Emulator, secretKey = DEFAULT_TUXCARE_ACCOUNT.secretKey): { client: TuxcareClient; transport: HttpTransport } {
    const transport = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });
    const client = new TuxcareClient(() => ({ login: DEFAULT_TUXCARE_ACCOUNT.login, secretKey, apiUrl: emulator.tuxcareApiUrl }), transport);
    return { client, transport };
}

export function fluxarkClientFor(emulator: Emulator, apiKey = DEFAULT_FLUXARK_API_KEY.key): { client: FluxarkClient; transport: HttpTransport } {
    const transport = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });
    return { client: new FluxarkClient(() => ({ url: emulator.fluxarkUrl, apiKey }), transport), transport };
}
