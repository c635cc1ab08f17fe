/** The FluxArk API's context: its settings, transport, client and list cache (see core/api-context). */
import { ApiContext } from "../core/api-context";
import { Reconciler } from "../core/kind-reconciler";
import { FluxarkClient } from "./client";
import { FLUXARK_LIST_EFFECTS } from "./lists";
import type { AclWire } from "./schemas";

export class FluxarkContext extends ApiContext<FluxarkClient> {
    /** Access rules have no name: a lost create is reconciled against the rules this process has not claimed. */
    readonly aclRules = new Reconciler<AclWire, number>(this.listCache, (a) => a.acl_id, "FluxArk");

    constructor() {
        super(
            { maxConcurrency: "fluxarkMaxConcurrency", requestsPerSecond: "fluxarkRequestsPerSecond", maxRetries: "fluxarkMaxRetries" },
            (settings, transport) => new FluxarkClient(() => settings.fluxark(), transport),
            FLUXARK_LIST_EFFECTS,
        );
    }
}

/** The process's one Fluxark context: provider/context.ts configures it in a provider process. */
export const fluxark = new FluxarkContext();
