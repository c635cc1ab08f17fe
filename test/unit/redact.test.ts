import { clearRegisteredSecrets, redact, registerSecret } from "../../provider/core/redact";
import { ApiError } from "../../provider/core/errors";

describe("redaction", () => {
    afterEach(() => clearRegisteredSecrets());

    test("masks the token query parameter, plain and URL-encoded", () => {
        const url = "https://portal.tuxcare.com/api/kcare/key/list.json?token=demo%7C1692699188%7C35b8466e&limit=2";
        expect(redact(url)).toBe("https://portal.tuxcare.com/api/kcare/key/list.json?token=[REDACTED]&limit=2");
        expect(redact("GET /x?a=1&token=demo|1|abc")).toBe("GET /x?a=1&token=[REDACTED]");
    });

    test("masks Authorization header values", () => {
        expect(redact('{"Authorization": "Basic 1vwAFfL3T42bhLJA52rqZ"}')).toBe('{"Authorization": "Basic [REDACTED]"}');
        expect(redact("authorization: Bearer abc.def")).toBe("authorization: Bearer [REDACTED]");
    });

    test("masks the reseller token in the nagios-res path", () => {
        expect(redact("https://p/api/kcare/nagios-res/reseller/demo|1|abc")).toBe("https://p/api/kcare/nagios-res/reseller/[REDACTED]");
    });

    test("masks registered secret values wherever they appear, also URL-encoded", () => {
        registerSecret("s3cr3t key+/=");
        expect(redact("key is s3cr3t key+/= here")).toBe("key is [REDACTED] here");
        expect(redact(`q=${encodeURIComponent("s3cr3t key+/=")}`)).toBe("q=[REDACTED]");
    });

    test("a secret registered after earlier redactions is masked too, and the longer of two overlapping secrets whole", () => {
        registerSecret("first-secret");
        expect(redact("first-secret")).toBe("[REDACTED]");
        registerSecret("KEY-1234");
        registerSecret("KEY-1234-EXTRA");
        expect(redact("a KEY-1234 b KEY-1234-EXTRA c first-secret")).toBe("a [REDACTED] b [REDACTED] c [REDACTED]");
        expect(redact("x KEY-1234-EXTRA", ["other-secret"])).toBe("x [REDACTED]");
        expect(redact("x other-secret")).toBe("x other-secret");
        expect(redact("x other-secret", ["other-secret"])).toBe("x [REDACTED]");
    });

    test("leaves short values alone, so ordinary words are not masked", () => {
        registerSecret("ab");
        expect(redact("abc")).toBe("abc");
    });

    test("ApiError messages and stacks are redacted at construction", () => {
        registerSecret("super-secret-value");
        const e = new ApiError({ kind: "Auth", message: "failed for super-secret-value at ?token=abc" });
        expect(e.message).not.toContain("super-secret-value");
        expect(e.message).not.toContain("token=abc");
        expect(e.stack).not.toContain("super-secret-value");
    });
});
