/** The TuxCare API's context: its settings, transport, client and list cache (see core/api-context). */
import { ApiContext } from "../core/api-context";
import { Reconciler } from "../core/kind-reconciler";
import { TuxcareClient } from "./client";
import { TUXCARE_LIST_EFFECTS } from "./lists";
import type { ElsKeyWire, KcareKeyWire } from "./schemas";

export class TuxcareContext extends ApiContext<TuxcareClient> {
    /** License keys have no name: a lost create is reconciled against the keys this process has not claimed. */
    readonly kcareKeys = new Reconciler<KcareKeyWire, string>(this.listCache, (k) => k.key, "TuxCare");
    readonly elsKeys = new Reconciler<ElsKeyWire, string>(this.listCache, (k) => k.key, "TuxCare");

    constructor() {
        super(
            { maxConcurrency: "tuxcareMaxConcurrency", requestsPerSecond: "tuxcareRequestsPerSecond", maxRetries: "tuxcareMaxRetries" },
            (settings, transport) => new TuxcareClient(() => settings.tuxcare(), transport),
            TUXCARE_LIST_EFFECTS,
        );
    }
}

/** The process's one Tuxcare context: provider/context.ts configures it in a provider process, functions.ts from stack config in a program. */
export const tuxcare = new TuxcareContext();
