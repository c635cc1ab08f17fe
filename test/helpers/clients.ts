/** Real clients pointed at a running emulator, for contract tests. */
import { HttpTransport } from "../../provider/core/http";
import { TuxcareClient } from "../../provider/tuxcare/client";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, type Emulator } from "../../emulator";
import { FluxarkClient } from "../../provider/fluxark/client";

export function tuxcareClientFor(emulator: Emulator, secretKey = DEFAULT_TUXCARE_ACCOUNT.secretKey): { client: TuxcareClient; transport: HttpTransport } {
    const transport = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });
    const client = new TuxcareClient(() => ({ login: DEFAULT_TUXCARE_ACCOUNT.login, secretKey, apiUrl: emulator.tuxcareApiUrl }), transport);
    return { client, transport };
}

export function fluxarkClientFor(emulator: Emulator, apiKey = DEFAULT_FLUXARK_API_KEY.key): { client: FluxarkClient; transport: HttpTransport } {
    const transport = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });
    return { client: new FluxarkClient(() => ({ url: emulator.fluxarkUrl, apiKey }), transport), transport };
}
