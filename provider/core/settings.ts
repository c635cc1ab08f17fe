/**
 * The provider's settings: the credentials of both services and the tuning knobs (limits,
 * retries, list sharing). They come from stack config first (handed to the dynamic provider's
 * `configure()`, or read with pulumi.Config in a program), the environment second; a numeric one
 * that breaks its rule is an error naming it. Credentials are never captured in a serialized
 * provider and never returned as outputs.
 *
 * The dynamic-provider host caches a provider before its `configure()` has finished and runs
 * calls concurrently, so `configure()` resolves a ready-promise that every method awaits.
 */
import { apiUrlProblem } from "./api-url";
import { ApiError } from "./errors";
import { registerSecret } from "./redact";

export interface ConfigSource {
    get(key: string): string | undefined;
}

export interface TuxcareCredentials {
    login: string;
    secretKey: string;
    apiUrl: string;
}

export interface FluxarkCredentials {
    url: string;
    apiKey: string;
}

export const TUXCARE_DEFAULT_API_URL = "https://portal.tuxcare.com/api";

/** A setting: its stack config key (none for a tuning knob read from the environment alone), its environment variable, whether it is a secret, the rule of a numeric or true/false one. */
export interface SettingSpec {
    config?: string;
    env: string;
    secret: boolean;
    rule?: keyof typeof SETTING_RULES;
    doc: string;
}

/** The rules of the settings that are not free text, with the schema type each declares. */
export const SETTING_RULES = {
    positive: { text: "a number above 0", type: "number", holds: (v: string) => Number.isFinite(Number(v)) && Number(v) > 0 },
    count: { text: "a whole number above 0", type: "integer", holds: (v: string) => Number.isInteger(Number(v)) && Number(v) > 0 },
    whole: { text: "a whole number, 0 or more", type: "integer", holds: (v: string) => Number.isInteger(Number(v)) && Number(v) >= 0 },
    flag: { text: "true or false", type: "boolean", holds: (v: string) => /^(true|false)$/i.test(v) },
} as const;

export const SETTINGS = {
    tuxcareLogin: { config: "tuxcare:login", env: "TUXCARE_LOGIN", secret: false, doc: "Portal login." },
    tuxcareSecretKey: { config: "tuxcare:secretKey", env: "TUXCARE_SECRET_KEY", secret: true, doc: "Portal API secret key." },
    tuxcareApiUrl: {
        config: "tuxcare:apiUrl",
        env: "TUXCARE_API_URL",
        secret: false,
        doc: "API root, default https://portal.tuxcare.com/api.",
    },
    tuxcareMaxConcurrency: {
        config: "tuxcare:maxConcurrency",
        env: "TUXCARE_MAX_CONCURRENCY",
        secret: false,
        rule: "count",
        doc: "Requests in flight at once (default 8).",
    },
    tuxcareRequestsPerSecond: {
        config: "tuxcare:requestsPerSecond",
        env: "TUXCARE_REQUESTS_PER_SECOND",
        secret: false,
        rule: "positive",
        doc: "Request starts per second (default: no limit; 429s are honoured anyway).",
    },
    tuxcareMaxRetries: {
        config: "tuxcare:maxRetries",
        env: "TUXCARE_MAX_RETRIES",
        secret: false,
        rule: "whole",
        doc: "Retries of a failed read or idempotent write (default 9, within 2 minutes; 0: none).",
    },
    tuxcareAllowInsecureHttp: {
        config: "tuxcare:allowInsecureHttp",
        env: "TUXCARE_ALLOW_INSECURE_HTTP",
        secret: false,
        rule: "flag",
        doc: "Allow an http:// apiUrl to a host other than this machine, which sends the account token in clear (default false).",
    },
    fluxarkUrl: { config: "fluxark:url", env: "FLUXARK_URL", secret: false, doc: "The FluxArk installation's base URL." },
    fluxarkApiKey: { config: "fluxark:apiKey", env: "FLUXARK_API_KEY", secret: true, doc: "A Management API key." },
    fluxarkMaxConcurrency: {
        config: "fluxark:maxConcurrency",
        env: "FLUXARK_MAX_CONCURRENCY",
        secret: false,
        rule: "count",
        doc: "Requests in flight at once (default 8).",
    },
    fluxarkRequestsPerSecond: {
        config: "fluxark:requestsPerSecond",
        env: "FLUXARK_REQUESTS_PER_SECOND",
        secret: false,
        rule: "positive",
        doc: "Request starts per second (default: no limit; 429s are honoured anyway).",
    },
    fluxarkMaxRetries: {
        config: "fluxark:maxRetries",
        env: "FLUXARK_MAX_RETRIES",
        secret: false,
        rule: "whole",
        doc: "Retries of a failed read or idempotent write (default 9, within 2 minutes; 0: none).",
    },
    fluxarkAllowInsecureHttp: {
        config: "fluxark:allowInsecureHttp",
        env: "FLUXARK_ALLOW_INSECURE_HTTP",
        secret: false,
        rule: "flag",
        doc: "Allow an http:// url to a host other than this machine, which sends the API key in clear (default false).",
    },
    listTtlMs: {
        env: "PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS",
        secret: false,
        rule: "whole",
        doc: "How long reads share one list of a kind, in milliseconds (default 30000; 0: no sharing, one list call per read).",
    },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;
export type NumericSettingName = {
    [K in SettingName]: (typeof SETTINGS)[K] extends { rule: "positive" | "count" | "whole" } ? K : never;
}[SettingName];
type FlagSettingName = { [K in SettingName]: (typeof SETTINGS)[K] extends { rule: "flag" } ? K : never }[SettingName];
type ConfigSettingName = { [K in SettingName]: (typeof SETTINGS)[K] extends { config: string } ? K : never }[SettingName];

/** How a message names a setting: `tuxcare:secretKey (or TUXCARE_SECRET_KEY)`, or the variable alone for an environment-only one. */
export function settingLabel(name: SettingName): string {
    const s: SettingSpec = SETTINGS[name];
    return s.config ? `${s.config} (or ${s.env})` : s.env;
}

/** What is wrong with a value of a numeric or true/false setting, naming the setting; undefined when it holds. */
export function settingProblem(name: SettingName, value: string): string | undefined {
    const s: SettingSpec = SETTINGS[name];
    if (!s.rule || SETTING_RULES[s.rule].holds(value)) return undefined;
    return `${settingLabel(name)} must be ${SETTING_RULES[s.rule].text}, not "${value}"`;
}

/** The API address settings, each with the setting that allows it plain http:// to another machine. */
export const API_URL_SETTINGS = [
    { url: "tuxcareApiUrl", allow: "tuxcareAllowInsecureHttp" },
    { url: "fluxarkUrl", allow: "fluxarkAllowInsecureHttp" },
] as const satisfies readonly { url: SettingName; allow: FlagSettingName }[];

/** What is wrong with an API address setting's value (see api-url.ts), naming it and the setting that allows plain HTTP. */
export function apiUrlSettingProblem(
    url: (typeof API_URL_SETTINGS)[number]["url"],
    value: string,
    allowInsecureHttp: boolean,
): string | undefined {
    const allow = API_URL_SETTINGS.find((s) => s.url === url)!.allow;
    return apiUrlProblem(value, { setting: settingLabel(url), allowSetting: settingLabel(allow), allowInsecureHttp });
}

/** How long a method waits for configure() before using the environment alone. */
const CONFIGURE_WAIT_MS = 30_000;

export class Settings {
    private values: Partial<Record<SettingName, string>> = {};
    private resolveReady!: () => void;
    private readonly ready: Promise<void>;
    private configured = false;

    constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
        this.ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
    }

    /** Stack config, from the dynamic provider's configure() or a program's pulumi.Config. */
    configure(config: ConfigSource | undefined): void {
        for (const name of Object.keys(SETTINGS) as SettingName[]) {
            const s: SettingSpec = SETTINGS[name];
            const value = (s.config === undefined ? undefined : config?.get(s.config)) ?? this.env[s.env];
            if (value !== undefined && value !== "") {
                this.values[name] = value;
                if (s.secret) registerSecret(value);
            }
        }
        this.configured = true;
        this.resolveReady();
    }

    /** Resolves once configure() has run (or, failing that, after a grace period, from the environment). */
    async whenReady(): Promise<void> {
        if (this.configured) return;
        let timer: NodeJS.Timeout | undefined;
        const fallback = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
                if (!this.configured) this.configure(undefined);
                resolve();
            }, CONFIGURE_WAIT_MS);
            timer.unref?.();
        });
        await Promise.race([this.ready, fallback]);
        if (timer) clearTimeout(timer);
    }

    get(name: SettingName): string | undefined {
        return this.values[name];
    }

    /**
     * A numeric setting, or undefined when it is unset. A value that breaks its rule is an error
     * naming the setting, rather than being quietly replaced by the default.
     */
    number(name: NumericSettingName): number | undefined {
        const value = this.values[name];
        if (value === undefined) return undefined;
        const problem = settingProblem(name, value);
        if (problem) throw new ApiError({ kind: "Config", message: problem });
        return Number(value);
    }

    /** A true/false setting; unset is false. A value that is neither is an error naming the setting. */
    flag(name: FlagSettingName): boolean {
        const value = this.values[name];
        if (value === undefined) return false;
        const problem = settingProblem(name, value);
        if (problem) throw new ApiError({ kind: "Config", message: problem });
        return value.toLowerCase() === "true";
    }

    /** An API address the credentials may travel to (see api-url.ts); otherwise an error naming its setting and the one that allows plain HTTP. */
    private apiUrl(value: string, name: (typeof API_URL_SETTINGS)[number]["url"], service: string): string {
        const allow = API_URL_SETTINGS.find((s) => s.url === name)!.allow;
        const problem = apiUrlSettingProblem(name, value, this.flag(allow));
        if (problem) throw new ApiError({ kind: "Config", service, message: problem });
        return value;
    }

    private require(name: ConfigSettingName, service: string): string {
        const value = this.values[name];
        if (value === undefined) {
            const s = SETTINGS[name];
            const how = s.secret ? `pulumi config set --secret ${s.config} ...` : `pulumi config set ${s.config} ...`;
            throw new ApiError({
                kind: "Config",
                service,
                message: `missing ${s.config}: set it with \`${how}\` or the ${s.env} environment variable`,
            });
        }
        return value;
    }

    tuxcare(): TuxcareCredentials {
        return {
            login: this.require("tuxcareLogin", "TuxCare"),
            secretKey: this.require("tuxcareSecretKey", "TuxCare"),
            apiUrl: this.apiUrl(this.values.tuxcareApiUrl ?? TUXCARE_DEFAULT_API_URL, "tuxcareApiUrl", "TuxCare"),
        };
    }

    fluxark(): FluxarkCredentials {
        return {
            url: this.apiUrl(this.require("fluxarkUrl", "FluxArk"), "fluxarkUrl", "FluxArk"),
            apiKey: this.require("fluxarkApiKey", "FluxArk"),
        };
    }
}
