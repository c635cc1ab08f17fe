import { checkInputs, UNKNOWN } from "../../provider/core/check";
import { checkCidr } from "../../provider/core/validators";
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
