/** The TuxCare API's context: its settings, transport, client and list cache (see core/api-context). */
import { ApiContext } from "../core/api-context";
import { TuxcareClient } from "./client";

export class TuxcareContext extends ApiContext<TuxcareClient> {
    constructor() {
        super({ maxConcurrency: "tuxcareMaxConcurrency", requestsPerSecond: "tuxcareRequestsPerSecond", maxRetries: "tuxcareMaxRetries" }, (settings, transport) => new TuxcareClient(() => settings.tuxcare(), transport));
    }
}

/** The process's one Tuxcare context: provider/context.ts configures it in a provider process, functions.ts from stack config in a program. */
export const tuxcare = new TuxcareContext();
