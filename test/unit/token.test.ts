import { sha1Hex, signToken } from "../../provider/tuxcare/client";

describe("TuxCare token signing", () => {
    test("matches the document's vector", () => {
        expect(sha1Hex("testkey1692699188")).toBe("35b8466e0235170a6354bb71c11cc35b4dca5e2b");
    });

    test("is login|seconds|sha1(secret + seconds)", () => {
        expect(signToken("customer_login", "testkey", 1692699188)).toBe(
            "customer_login|1692699188|35b8466e0235170a6354bb71c11cc35b4dca5e2b",
        );
    });

    test("changes with the time, so it is signed per request", () => {
        expect(signToken("a", "k", 1)).not.toBe(signToken("a", "k", 2));
    });
});
