/**
 * What a user sees when something is wrong: bad inputs stop at preview with the property's
 * name and no API call; a wrong secret key fails with an authentication error that shows
 * neither the key nor the token.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { KcareKey } from "../../provider";
import { makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";

jest.setTimeout(10 * 60_000);

describe("KcareKey errors through the Pulumi CLI", () => {
    let env: TestEnv;
    let stack: Stack;
    let args: ConstructorParameters<typeof KcareKey>[1] = { limit: 1 };

    beforeAll(async () => {
        env = await startTestEnv();
        stack = await makeStack(env, "errors", async () => void new KcareKey("k", args), tuxcareConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    const badInputs: [string, string, ConstructorParameters<typeof KcareKey>[1], RegExp][] = [
        ["negative limit", "limit", { limit: -1 }, /0 \(unlimited\) or more/],
        ["fractional limit", "limit", { limit: 1.5 }, /whole number/],
        ["note over 100 characters", "note", { limit: 1, note: "x".repeat(101) }, /at most 100 characters/],
        ["malformed CIDR", "cidrs[1]", { limit: 1, cidrs: ["10.0.0.0/8", "10.0.0/33"] }, /not an IPv4 or IPv6 CIDR/],
        ["CIDR prefix too long", "cidrs[0]", { limit: 1, cidrs: ["10.0.0.0/40"] }, /prefix longer than 32 bits/],
        ["CIDR with host bits", "cidrs[0]", { limit: 1, cidrs: ["10.1.2.3/8"] }, /did you mean 10.0.0.0\/8/],
    ];

    test.each(badInputs)("%s fails at preview naming %s, with no API call", async (_name, property, bad, rule) => {
        args = bad;
        await env.admin.clearRequests();
        const error = await stack.preview().then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error).toBeDefined();
        const message = String(error?.message);
        // The engine prints: resource 'k': property limit value {-1} has a problem: <rule>
        expect(message).toContain(`property ${property} value`);
        expect(message).toMatch(rule);
        expect(await env.admin.requests()).toEqual([]);
    });

    test("a wrong secret key fails with an authentication error that shows neither the key nor the token", async () => {
        args = { limit: 1 };
        const wrongKey = "definitely-the-wrong-key";
        await stack.setConfig("tuxcare:secretKey", { value: wrongKey, secret: true });
        const error = await stack.up().then(
            () => undefined,
            (e: Error) => e,
        );
        await stack.setAllConfig(tuxcareConfig(env));
        const message = String(error?.message);
        expect(message).toMatch(
            /Authorization failed: the portal refused the credentials; check tuxcare:login \(or TUXCARE_LOGIN\) and tuxcare:secretKey \(or TUXCARE_SECRET_KEY\)/,
        );
        expect(message).not.toContain(wrongKey);
        expect(message).not.toContain(DEFAULT_TUXCARE_ACCOUNT.secretKey);
        expect(message).not.toMatch(/demo\|\d{9,}\|[0-9a-f]{40}/); // no token, signed or URL-encoded
        expect(message).not.toMatch(/demo%7C\d{9,}/i);
        // The portal was asked and refused: nothing was created.
        expect(await env.admin.list("kcareKeys")).toEqual([]);
        const log = await env.admin.requests();
        expect(log.length).toBeGreaterThan(0);
        // Refused with the emulator's default for an undocumented status (HTTP 200 and the documented failure body), once: never sent again.
        expect(log.map((r) => r.status)).toEqual([200]);
    });
});
