/** Real clients pointed at a running emulator, for contract tests. */
import { HttpTransport } from "../../provider/core/http";
import { TuxcareClient } from "../../provider/tuxcare/client";
import { DEFAULT_TUXCARE_ACCOUNT, type Emulator } from "../../emulator";

export function tuxcareClientFor(emulator: Emulator, secretKey = DEFAULT_TUXCARE_ACCOUNT.secretKey): { client: TuxcareClient; transport: HttpTransport } {
    const transport = new HttpTransport({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 2_000 } });
    const client = new TuxcareClient(() => ({ login: DEFAULT_TUXCARE_ACCOUNT.login, secretKey, apiUrl: emulator.tuxcareApiUrl }), transport);
    return { client, transport };
}
