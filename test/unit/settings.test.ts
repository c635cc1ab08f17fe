import { apiUrlProblem, isLoopbackHost } from "../../provider/core/api-url";
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
        expect(() => settings.number("tuxcareMaxRetries")).toThrow(
            'tuxcare:maxRetries (or TUXCARE_MAX_RETRIES) must be a whole number, 0 or more, not "three"',
        );
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
        expect(() => fromEnv({ PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS: "-5" }).number("listTtlMs")).toThrow(
            'PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS must be a whole number, 0 or more, not "-5"',
        );
    });
});

describe("plain http:// API addresses carry the credentials in clear", () => {
    const credentials = { TUXCARE_LOGIN: "me", TUXCARE_SECRET_KEY: "s3cret-key", FLUXARK_API_KEY: "fx-key" };

    test.each([
        ["https anywhere", "https://portal.tuxcare.com/api"],
        ["http to 127.0.0.1", "http://127.0.0.1:8787/tuxcare/api"],
        ["http to elsewhere in 127/8", "http://127.45.6.7/api"],
        ["http to 127.1 (the URL parser reads it as 127.0.0.1)", "http://127.1:9000/api"],
        ["http to ::1", "http://[::1]:8787/api"],
        ["http to localhost", "http://localhost:8787/api"],
        ["http to LOCALHOST.", "http://LOCALHOST.:8787/api"],
    ])("%s is accepted", (_label, url) => {
        expect(apiUrlProblem(url, RULE)).toBeUndefined();
        expect(fromEnv({ ...credentials, TUXCARE_API_URL: url, FLUXARK_URL: url }).tuxcare().apiUrl).toBe(url);
        expect(fromEnv({ ...credentials, TUXCARE_API_URL: url, FLUXARK_URL: url }).fluxark().url).toBe(url);
    });

    test.each([
        ["a public host", "http://portal.tuxcare.com/api", "portal.tuxcare.com"],
        ["a private address", "http://10.0.0.5:8080/fluxark", "10.0.0.5"],
        ["a name that only starts like loopback", "http://127.0.0.1.example.com/api", "127.0.0.1.example.com"],
        ["a name that ends in localhost", "http://evil-localhost/api", "evil-localhost"],
        ["an IPv6 address other than ::1", "http://[fe80::1]/api", "[fe80::1]"],
        ["0.0.0.0", "http://0.0.0.0:8787/api", "0.0.0.0"],
    ])("%s over http is refused, naming the setting and the one that allows it", (_label, url, host) => {
        expect(apiUrlProblem(url, RULE)).toBe(
            `tuxcare:apiUrl (or TUXCARE_API_URL) is plain http:// to ${host}, which would send the credentials in clear: use https://, or set tuxcare:allowInsecureHttp (or TUXCARE_ALLOW_INSECURE_HTTP) to true to allow it (plain HTTP is accepted without it only to a loopback address: 127.0.0.0/8, ::1, localhost)`,
        );
        expect(() => fromEnv({ ...credentials, TUXCARE_API_URL: url }).tuxcare()).toThrow(
            /tuxcare:apiUrl \(or TUXCARE_API_URL\) is plain http:\/\/ .*set tuxcare:allowInsecureHttp \(or TUXCARE_ALLOW_INSECURE_HTTP\) to true/,
        );
        expect(() => fromEnv({ ...credentials, FLUXARK_URL: url }).fluxark()).toThrow(
            /fluxark:url \(or FLUXARK_URL\) is plain http:\/\/ .*set fluxark:allowInsecureHttp \(or FLUXARK_ALLOW_INSECURE_HTTP\) to true/,
        );
    });

    test("the allow setting lets plain http through, for its own service only", () => {
        const url = "http://fluxark.internal:8080";
        const allowed = fromEnv({ ...credentials, FLUXARK_URL: url, TUXCARE_API_URL: url, FLUXARK_ALLOW_INSECURE_HTTP: "true" });
        expect(allowed.fluxark().url).toBe(url);
        expect(() => allowed.tuxcare()).toThrow(/tuxcare:allowInsecureHttp/);
        const fromConfig = fromEnv({ ...credentials, TUXCARE_API_URL: url });
        fromConfig.configure({ get: (key) => (key === "tuxcare:allowInsecureHttp" ? "True" : undefined) });
        expect(fromConfig.tuxcare().apiUrl).toBe(url);
        expect(fromEnv({ ...credentials, FLUXARK_URL: url, FLUXARK_ALLOW_INSECURE_HTTP: "false" }).flag("fluxarkAllowInsecureHttp")).toBe(
            false,
        );
    });

    test("an allow setting that is not true or false is an error naming it, not a silent no", () => {
        expect(() =>
            fromEnv({ ...credentials, FLUXARK_URL: "http://fluxark.internal", FLUXARK_ALLOW_INSECURE_HTTP: "yes" }).fluxark(),
        ).toThrow('fluxark:allowInsecureHttp (or FLUXARK_ALLOW_INSECURE_HTTP) must be true or false, not "yes"');
    });

    test.each([
        ["ftp://portal.tuxcare.com/api", "tuxcare:apiUrl (or TUXCARE_API_URL) must be an https:// address, not ftp://"],
        ["portal.tuxcare.com/api", 'tuxcare:apiUrl (or TUXCARE_API_URL) must be an https:// address, not "portal.tuxcare.com/api"'],
        [
            "https://me:pw@portal.tuxcare.com/api",
            "tuxcare:apiUrl (or TUXCARE_API_URL) must not carry a user name or password (the credentials have their own settings)",
        ],
    ])("%s is refused", (url, message) => {
        expect(apiUrlProblem(url, RULE)).toBe(message);
        expect(() => fromEnv({ ...credentials, TUXCARE_API_URL: url }).tuxcare()).toThrow(message);
    });

    test("loopback is 127.0.0.0/8, ::1 and localhost, nothing else", () => {
        for (const host of ["127.0.0.1", "127.255.255.254", "[::1]", "::1", "localhost", "Localhost"])
            expect(isLoopbackHost(host)).toBe(true);
        for (const host of ["128.0.0.1", "0.0.0.0", "[::]", "::ffff:10.0.0.1", "localhost.example.com", "mylocalhost", "10.127.0.1"])
            expect(isLoopbackHost(host)).toBe(false);
    });
});

const RULE = {
    setting: "tuxcare:apiUrl (or TUXCARE_API_URL)",
    allowSetting: "tuxcare:allowInsecureHttp (or TUXCARE_ALLOW_INSECURE_HTTP)",
    allowInsecureHttp: false,
};
