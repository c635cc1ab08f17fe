/**
 * What one process shares across every resource and function: the settings (credentials and
 * tuning), the HTTP transports, the API clients and the list cache. In the dynamic-provider
 * process `configure()` fills the settings from stack config; in a program (functions) they come
 * from pulumi.Config.
 */
import { Settings, type ConfigSource } from "./core/settings";
import { HttpTransport } from "./core/http";
import { ListCache } from "./core/list-cache";
import { TuxcareClient } from "./tuxcare/client";
import { FluxarkClient } from "./fluxark/client";

export const settings = new Settings();
// Long enough to serve a whole refresh from one list per kind; every write to a kind invalidates it.
// PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS=0 turns sharing off (the benchmark's naive baseline).
export const listCache = new ListCache(() => settings.number("listTtlMs") ?? 30_000);

let tuxcare: TuxcareClient | undefined;
let fluxark: FluxarkClient | undefined;

export function configure(config: ConfigSource | undefined): void {
    settings.configure(config);
}

/** One transport per service and process: its limits are shared by every resource. */
function transportFor(service: "tuxcare" | "fluxark"): HttpTransport {
    const retries = settings.number(service === "tuxcare" ? "tuxcareMaxRetries" : "fluxarkMaxRetries");
    return new HttpTransport({
        maxConcurrency: settings.number(service === "tuxcare" ? "tuxcareMaxConcurrency" : "fluxarkMaxConcurrency"),
        requestsPerSecond: settings.number(service === "tuxcare" ? "tuxcareRequestsPerSecond" : "fluxarkRequestsPerSecond"),
        retry: retries === undefined ? {} : { maxAttempts: retries + 1 },
    });
}

/** The TuxCare client, once configure() has run. */
export async function tuxcareClient(): Promise<TuxcareClient> {
    await settings.whenReady();
    tuxcare ??= new TuxcareClient(() => settings.tuxcare(), transportFor("tuxcare"));
    return tuxcare;
}

/** The FluxArk client, once configure() has run. */
export async function fluxarkClient(): Promise<FluxarkClient> {
    await settings.whenReady();
    fluxark ??= new FluxarkClient(() => settings.fluxark(), transportFor("fluxark"));
    return fluxark;
}
