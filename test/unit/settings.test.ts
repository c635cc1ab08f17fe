import { Settings } from "../../provider/core/settings";

function fromEnv(env: NodeJS.ProcessEnv): Settings {
    const settings = new Settings(env);
    settings.configure(undefined);
    return settings;
}

describe("numeric settings", () => {
    test("are read from config or the environment, and unset ones stay unset", () => {
        const settings = fromEnv({ TUXCARE_MAX_RETRIES: "0", FLUXARK_REQUESTS_PER_SECOND: "2.5" });
        settings.configure({ get: (key) => (key === "fluxark:maxConcurrency" ? "4" : undefined) });
        expect(settings.number("tuxcareMaxRetries")).toBe(0);
        expect(settings.number("fluxarkRequestsPerSecond")).toBe(2.5);
        expect(settings.number("fluxarkMaxConcurrency")).toBe(4);
        expect(settings.number("tuxcareMaxConcurrency")).toBeUndefined();
    });

    test("a value that breaks its rule is an error naming the setting, not a silent default", () => {
        const settings = fromEnv({ TUXCARE_MAX_RETRIES: "three", FLUXARK_MAX_CONCURRENCY: "1.5", TUXCARE_REQUESTS_PER_SECOND: "-1" });
        expect(() => settings.number("tuxcareMaxRetries")).toThrow('tuxcare:maxRetries (or TUXCARE_MAX_RETRIES) must be a whole number, 0 or more, not "three"');
        expect(() => settings.number("fluxarkMaxConcurrency")).toThrow(/fluxark:maxConcurrency .* must be a whole number above 0/);
        expect(() => settings.number("tuxcareRequestsPerSecond")).toThrow(/tuxcare:requestsPerSecond .* must be a number above 0/);
    });
});

describe("the list-sharing setting, read from the environment alone", () => {
    test("a whole number of milliseconds, 0 included (sharing off)", () => {
        expect(fromEnv({ PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS: "0" }).number("listTtlMs")).toBe(0);
        expect(fromEnv({}).number("listTtlMs")).toBeUndefined();
        const configured = fromEnv({});
        configured.configure({ get: () => "5" }); // no stack config key reaches it
        expect(configured.number("listTtlMs")).toBeUndefined();
    });

    test("anything else is an error naming the variable", () => {
        expect(() => fromEnv({ PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS: "-5" }).number("listTtlMs")).toThrow('PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS must be a whole number, 0 or more, not "-5"');
    });
});
