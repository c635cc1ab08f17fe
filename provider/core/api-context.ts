/**
 * What one API's handlers work with in a process: its settings, one HTTP transport (so the
 * service's limits are shared by every resource of it) and the client over it, and one list
 * cache, which the client's writes keep current by their declared effects. Each API (tuxcare/, fluxark/) makes its own from this; the two never share one.
 */
import { HttpTransport } from "./http";
import { ListCache, withListEffects, type ListEffects } from "./list-cache";
import { Settings, type ConfigSource, type NumericSettingName } from "./settings";

/** How long reads share one list of a kind when PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS is unset: long enough to serve a whole refresh. */
export const DEFAULT_LIST_TTL_MS = 30_000;

/** The settings that tune a service's transport. */
export interface TransportSettingNames {
    maxConcurrency: NumericSettingName;
    requestsPerSecond: NumericSettingName;
    maxRetries: NumericSettingName;
}

export class ApiContext<Client extends object> {
    /** Every write to a kind invalidates its lists; PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS=0 turns sharing off (the benchmark's naive baseline). */
    readonly listCache = new ListCache(() => this.settings.number("listTtlMs") ?? DEFAULT_LIST_TTL_MS);
    private made: Client | undefined;
    private madeTransport: HttpTransport | undefined;

    constructor(
        private readonly transportSettings: TransportSettingNames,
        private readonly makeClient: (settings: Settings, transport: HttpTransport) => Client,
        private readonly listEffects: ListEffects<Client>,
        public settings: Settings = new Settings(),
    ) {}

    /**
     * Starts over as a new process would, configured from `env` alone: no client, transport, cached
     * list or setting is kept from before. The command line does this at every run, so that running
     * it in-process more than once (its tests do) behaves as running the executable each time.
     */
    restart(env: NodeJS.ProcessEnv): void {
        void this.madeTransport?.close().catch(() => undefined);
        this.made = this.madeTransport = undefined;
        this.listCache.invalidate("");
        this.settings = new Settings(env);
        this.settings.configure(undefined);
    }

    /** Stack config (or a program's pulumi.Config); the environment fills what it leaves out. */
    configure(config: ConfigSource | undefined): void {
        this.settings.configure(config);
    }

    /** The client, once configure() has run; each of its writes drops the cached lists it changes. */
    async client(): Promise<Client> {
        await this.settings.whenReady();
        this.made ??= withListEffects(this.makeClient(this.settings, this.transport()), this.listCache, this.listEffects);
        return this.made;
    }

    private transport(): HttpTransport {
        const retries = this.settings.number(this.transportSettings.maxRetries);
        this.madeTransport = new HttpTransport({
            maxConcurrency: this.settings.number(this.transportSettings.maxConcurrency),
            requestsPerSecond: this.settings.number(this.transportSettings.requestsPerSecond),
            retry: retries === undefined ? {} : { maxAttempts: retries + 1 },
        });
        return this.madeTransport;
    }
}
