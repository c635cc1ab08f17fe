import { checkInputs, UNKNOWN } from "../../provider/core/check";
import { checkCidr, emailProblem, hostNameProblem } from "../../provider/core/validators";
import { checkExpireTime, fluxarkTime, parseExpireTime } from "../../provider/fluxark/common";
import { kcareKeyInputSchema } from "../../provider/tuxcare/kcare-key";

describe("CIDR validation", () => {
    test.each([
        ["10.0.0.0/8", "10.0.0.0/8"],
        [" 192.168.1.0/24 ", "192.168.1.0/24"],
        ["203.0.113.7", "203.0.113.7/32"],
        ["2001:DB8::/32", "2001:db8::/32"],
        ["2001:0db8:0000::/48", "2001:db8::/48"],
        ["::ffff:10.0.0.0/120", "::ffff:a00:0/120"],
    ])("%s is canonically %s", (input, canonical) => {
        expect(checkCidr(input)).toEqual({ ok: true, canonical });
    });

    test.each([
        ["10.0.0/8", /not an IPv4 or IPv6 CIDR/],
        ["10.0.0.0/33", /prefix longer than 32/],
        ["10.0.0.0/x", /invalid prefix/],
        ["10.1.0.0/8", /did you mean 10.0.0.0\/8/],
        ["2001:db8::1/32", /host bits/],
        ["a/b/c", /not an IPv4 or IPv6 CIDR/],
    ])("%s is rejected", (input, reason) => {
        const r = checkCidr(input);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(reason);
    });
});

describe("checkInputs with the KcareKey schema", () => {
    test("normalises: defaults, sorted de-duplicated canonical CIDRs", () => {
        const r = checkInputs(kcareKeyInputSchema, { limit: 0, cidrs: ["10.0.0.0/8", "2001:DB8::/32", "10.0.0.0/8"], __provider: "x" });
        expect(r.failures).toBeUndefined();
        expect(r.inputs).toEqual({ limit: 0, note: "", cidrs: ["10.0.0.0/8", "2001:db8::/32"] });
    });

    test("names each bad property with its rule", () => {
        const r = checkInputs(kcareKeyInputSchema, { limit: -2, note: "n".repeat(101), cidrs: ["ok", "10.0.0.0/8"] });
        expect(r.failures).toEqual([
            { property: "limit", reason: "must be 0 (unlimited) or more" },
            { property: "note", reason: "must be at most 100 characters" },
            { property: "cidrs[0]", reason: expect.stringMatching(/"ok" is not an IPv4 or IPv6 CIDR/) },
        ]);
    });

    test("a missing required property says so", () => {
        expect(checkInputs(kcareKeyInputSchema, {}).failures).toEqual([{ property: "limit", reason: "is required" }]);
    });

    test("values unknown during preview are passed through, not failed", () => {
        const r = checkInputs(kcareKeyInputSchema, { limit: UNKNOWN, note: "fine" });
        expect(r.failures).toBeUndefined();
        expect(r.inputs).toMatchObject({ limit: UNKNOWN, note: "fine" });
    });

    test("known values beside unknown ones are still checked", () => {
        const r = checkInputs(kcareKeyInputSchema, { limit: UNKNOWN, note: "n".repeat(101) });
        expect(r.failures).toEqual([{ property: "note", reason: "must be at most 100 characters" }]);
    });
});

describe("expiry times are read against the calendar, never rolled over", () => {
    test.each([
        ["2000-02-29 00:00:00", "2000-02-29 00:00:00"], // divisible by 400: a leap year
        ["2400-02-29 12:00:00", "2400-02-29 12:00:00"],
        ["2031-06-01T00:00:00-0130", "2031-06-01 01:30:00"],
        ["2031-12-31T23:30:00-01:00", "2032-01-01 00:30:00"],
        ["1000-01-01 00:00:00", "1000-01-01 00:00:00"],
        [" 2031-01-01 10:00 ", "2031-01-01 10:00:00"],
    ])("%s is %s UTC", (input, utc) => {
        const r = checkExpireTime(input);
        expect(r.ok && fluxarkTime(r.date)).toBe(utc);
    });

    test.each([
        ["2100-02-29 00:00:00", /February 2100 has 28 days/], // divisible by 100, not by 400
        ["1900-02-29 00:00:00", /February 1900 has 28 days/],
        ["0999-12-31 23:59:59", /from the year 1000 to 9999/],
        ["1000-01-01T00:30:00+01:00", /from the year 1000 to 9999/], // 999-12-31 in UTC
        ["2031-01-01T00:00:00+01:60", /impossible zone offset/],
        ["2031-1-1 00:00:00", /is not a time/],
    ])("%s is refused", (input, reason) => {
        const r = checkExpireTime(input);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(reason);
        expect(parseExpireTime(input)).toBeUndefined();
    });
});

describe("host names and e-mail addresses", () => {
    test.each(["example.com", "example.com.", "a-b.c-d.example", "localhost", `${"x".repeat(63)}.example`])("%s is a host name", (name) => {
        expect(hostNameProblem(name)).toBeUndefined();
    });
    test.each([
        ["1.2.3", /numeric label/],
        ["host.0x1f", /numeric label/],
        ["a..b", /empty label/],
        ["a..", /empty label/],
        ["bücher.example", /xn--bcher-kva\.example/],
    ])("%s is not", (name, reason) => {
        expect(hostNameProblem(name)).toMatch(reason);
    });
    test.each(["josé@example.com", "用户@例子.广告", "x@bücher.example", "a.b-c+d@sub.example.org"])(
        "%s is an e-mail address",
        (address) => {
            expect(emailProblem(address)).toBeUndefined();
        },
    );
    test.each(["a@b", "a b@example.com", "a@example.com.", "a@1.2.3.4"])("%s is not an e-mail address", (address) => {
        expect(emailProblem(address)).toMatch(/is not an e-mail address/);
    });
});
