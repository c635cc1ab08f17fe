/**
 * What one process shares across every resource and function: credentials, the HTTP transports,
 * the API clients and the list cache. In the dynamic-provider process `configure()` fills the
 * credentials from stack config; in a program (functions) they come from pulumi.Config.
 */
import { Credentials, type ConfigSource } from "./core/credentials";
import { HttpTransport } from "./core/http";
import { ListCache } from "./core/list-cache";
import { TuxcareClient } from "./tuxcare/client";
import { FluxarkClient } from "./fluxark/client";

export const credentials = new Credentials();
// Long enough to serve a whole refresh from one list per kind; every write to a kind invalidates it.
// PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS=0 turns sharing off (the benchmark's naive baseline).
export const listCache = new ListCache(() => credentials.number("listTtlMs") ?? 30_000);

let tuxcare: TuxcareClient | undefined;
let fluxark: FluxarkClient | undefined;

export function configure(config: ConfigSource | undefined): void {
    credentials.configure(config);
}

/** One transport per service and process: its limits are shared by every resource. */
function transportFor(service: "tuxcare" | "fluxark"): HttpTransport {
    const retries = credentials.number(service === "tuxcare" ? "tuxcareMaxRetries" : "fluxarkMaxRetries");
    return new HttpTransport({
        maxConcurrency: credentials.number(service === "tuxcare" ? "tuxcareMaxConcurrency" : "fluxarkMaxConcurrency"),
        requestsPerSecond: credentials.number(service === "tuxcare" ? "tuxcareRequestsPerSecond" : "fluxarkRequestsPerSecond"),
        retry: retries === undefined ? {} : { maxAttempts: retries + 1 },
    });
}

/** The TuxCare client, once configure() has run. */
export async function tuxcareClient(): Promise<TuxcareClient> {
    await credentials.whenReady();
    tuxcare ??= new TuxcareClient(() => credentials.tuxcare(), transportFor("tuxcare"));
    return tuxcare;
}

/** The FluxArk client, once configure() has run. */
export async function fluxarkClient(): Promise<FluxarkClient> {
    await credentials.whenReady();
    fluxark ??= new FluxarkClient(() => credentials.fluxark(), transportFor("fluxark"));
    return fluxark;
}
