/** The FluxArk API's context: its settings, transport, client and list cache (see core/api-context). */
import { ApiContext } from "../core/api-context";
import { FluxarkClient } from "./client";

export class FluxarkContext extends ApiContext<FluxarkClient> {
    constructor() {
        super({ maxConcurrency: "fluxarkMaxConcurrency", requestsPerSecond: "fluxarkRequestsPerSecond", maxRetries: "fluxarkMaxRetries" }, (settings, transport) => new FluxarkClient(() => settings.fluxark(), transport));
    }
}

/** The process's one Fluxark context: provider/context.ts configures it in a provider process. */
export const fluxark = new FluxarkContext();
