/**
 * The hostile-input table through every resource's real `check` handler: each wrong input is
 * rejected (none accepted, none throwing) with a failure naming its property and rule; each value
 * the documents allow is accepted. The read-only functions refuse wrong arguments before any API
 * call (the emulator's request log stays empty).
 */
import { CATALOG } from "../../provider/catalog";
import * as contexts from "../../provider/context";
import * as functions from "../../provider/tuxcare/functions";
import { InvalidArgumentError } from "../../provider/core/errors";
import { DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { ACCEPTED, HOSTILE, RESOURCE_TYPES, VALID, type Props, type ResourceName } from "../helpers/hostile-inputs";

function handlersOf(resource: ResourceName) {
    const entry = CATALOG.find((e) => e.type === RESOURCE_TYPES[resource]);
    if (!entry) throw new Error(`no catalog entry for ${resource}`);
    return entry.handlersIn(contexts);
}

/** The check's answer, or what it threw (a check must never throw). */
async function check(resource: ResourceName, news: Props, olds: Props = {}) {
    try {
        return { result: await handlersOf(resource).check(olds, news) };
    } catch (thrown) {
        return { thrown };
    }
}

describe("the hostile-input table", () => {
    test("has at least 120 rows covering all nine resources", () => {
        expect(HOSTILE.length).toBeGreaterThanOrEqual(120);
        expect(new Set(HOSTILE.map((r) => r.resource))).toEqual(new Set(Object.keys(RESOURCE_TYPES)));
        expect(new Set(HOSTILE.map((r) => `${r.resource}: ${r.why}`)).size).toBe(HOSTILE.length);
    });

    test("marks one row per resource to run through the engine (test/e2e/*bad-inputs.test.ts)", () => {
        expect(
            HOSTILE.filter((r) => r.cli)
                .map((r) => r.resource)
                .sort(),
        ).toEqual(Object.keys(RESOURCE_TYPES).sort());
    });

    test.each(HOSTILE.map((r) => [`${r.resource}: ${r.why}`, r] as const))("%s is rejected naming its property", async (_name, r) => {
        const { result, thrown } = await check(r.resource, r.props);
        expect(thrown).toBeUndefined();
        const failures = result?.failures ?? [];
        expect(failures.length).toBeGreaterThan(0);
        // Every failure names a property, and one names this row's property with its rule.
        for (const f of failures) expect(f.property).not.toMatch(/^$|^\(inputs\)$/);
        expect(failures).toContainEqual({ property: r.property, reason: expect.stringMatching(r.rule) });
    });

    test("all rows together: 0 accepted, 0 throws, every rejection names the expected property", async () => {
        const outcome = { accepted: [] as string[], threw: [] as string[], wrongProperty: [] as string[] };
        for (const r of HOSTILE) {
            const { result, thrown } = await check(r.resource, r.props);
            const name = `${r.resource}: ${r.why}`;
            if (thrown) outcome.threw.push(name);
            else if (!result?.failures?.length) outcome.accepted.push(name);
            else if (!result.failures.some((f) => f.property === r.property)) outcome.wrongProperty.push(name);
        }
        expect(outcome).toEqual({ accepted: [], threw: [], wrongProperty: [] });
    });
});

describe("values the documents allow are accepted", () => {
    test.each(ACCEPTED.map((r) => [`${r.resource}: ${r.why}`, r] as const))("%s", async (_name, r) => {
        const { result, thrown } = await check(r.resource, r.props, r.olds);
        expect(thrown).toBeUndefined();
        expect(result?.failures).toBeUndefined();
        if (r.gives) expect(result?.inputs).toMatchObject(r.gives);
    });
});

describe("messages about secrets never quote them", () => {
    test.each([
        ["FluxarkUser", { password: "   " }],
        ["FluxarkUser", { password: "hunter2\u0000secret" }],
        [
            "FluxarkUser",
            { authType: "key", sshKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nhunter2secret\n-----END OPENSSH PRIVATE KEY-----" },
        ],
        ["FluxarkUser", { sshKey: "hunter2secret" }],
        ["FluxarkServerUser", { password: "hunter2secret\n" }],
        ["FluxarkServerUser", { authMethod: "key", sshKey: "hunter2secret\u0007" }],
        ["ElsKey", { adopt: "hunter2 secret" }],
        ["KcareKey", { adopt: "hunter2\tsecret" }],
        ["KcareKey", { adopt: "hunter2-secret" }],
        ["ElsKey", { adopt: "CELS-hunter2secret!" }],
    ] as const)("%s %j", async (resource, change) => {
        const { result } = await check(resource, { ...VALID[resource], ...change });
        expect(result?.failures?.length).toBeGreaterThan(0);
        expect(JSON.stringify(result?.failures)).not.toMatch(/hunter2/);
    });
});

describe("the read-only functions refuse wrong arguments before any API call", () => {
    let emulator: Emulator;
    const saved = { ...process.env };
    beforeAll(async () => {
        emulator = await startEmulator();
        Object.assign(process.env, {
            TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
            TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
            TUXCARE_API_URL: emulator.tuxcareApiUrl,
        });
    });
    afterAll(async () => {
        process.env = saved;
        await emulator?.close();
    });

    const cases: [call: string, run: () => Promise<unknown>, argument: string, rule: RegExp][] = [
        ["getIpAvailability loopback", () => functions.getIpAvailability("127.0.0.1"), "ip", /loopback/],
        ["getIpAvailability not an address", () => functions.getIpAvailability("not-an-ip"), "ip", /not an IPv4 address/],
        ["checkIp 0.0.0.0", () => functions.checkIp("0.0.0.0"), "ip", /this network/],
        ["checkIp zone id", () => functions.checkIp("fe80::1%eth0"), "ip", /zone id/],
        ["checkIp broadcast", () => functions.checkIp("255.255.255.255"), "ip", /broadcast/],
        ["getIpServer octet over 255", () => functions.getIpServer("300.1.1.1"), "ip", /not an IPv4 address/],
        ["getIpServer no argument", () => functions.getIpServer(undefined as never), "ip", /must be a string/],
        ["listElsKeys unknown product", () => functions.listElsKeys("RHEL" as never), "productCode", /not a product code/],
        ["listElsServers empty product", () => functions.listElsServers("" as never), "productCode", /not a product code/],
        ["getKcareKeyServers empty key", () => functions.getKcareKeyServers(""), "key", /must not be empty/],
        ["getKcareKeyServers key with a space", () => functions.getKcareKeyServers("abc def"), "key", /one word/],
        [
            "getKcareKeyServers key too short",
            () => functions.getKcareKeyServers("abc"),
            "key",
            /must be a KernelCare key: 12 to 64 letters and digits/,
        ],
        ["getServerGroupServers blank name", () => functions.getServerGroupServers("  "), "name", /must not be empty/],
        ["getServerGroupServers comma", () => functions.getServerGroupServers("a,b"), "name", /commas or semicolons/],
        ["getKcareNagiosStatus ..", () => functions.getKcareNagiosStatus(".."), "keyId", /without "\/"/],
        ["getKcareNagiosStatus path", () => functions.getKcareNagiosStatus("key/../../group/list.json"), "keyId", /without "\/"/],
        ["getKcareNagiosStatus empty", () => functions.getKcareNagiosStatus(""), "keyId", /one word/],
        ["getResellerNagiosStatus slash", () => functions.getResellerNagiosStatus("demo/.."), "login", /without "\/"/],
        ["getResellerNagiosStatus .", () => functions.getResellerNagiosStatus("."), "login", /without "\/"/],
        [
            "licenseKeyByFingerprint not a fingerprint",
            async () => functions.licenseKeyByFingerprint("CELS-abc123"),
            "fingerprint",
            /els- or kcare-/,
        ],
        [
            "licenseKeyByFingerprint unknown product",
            async () => functions.licenseKeyByFingerprint("els-0123456789abcdef", "RHEL" as never),
            "productCode",
            /not a product code/,
        ],
    ];

    test.each(cases)("%s names %s", async (_name, run, argument, rule) => {
        emulator.requestLog.length = 0;
        const error = await run().then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).toMatchObject({ argument, reason: expect.stringMatching(rule) });
        expect((error as Error).message).toContain(`argument ${argument} `);
        expect(emulator.requestLog).toEqual([]);
    });

    test("a valid argument reaches the API (the same path the refused ones would take)", async () => {
        emulator.requestLog.length = 0;
        await expect(functions.checkIp("192.0.2.1")).resolves.toEqual([]);
        await expect(functions.getServerGroupServers("missing-group")).rejects.not.toBeInstanceOf(InvalidArgumentError);
        expect(emulator.requestLog.length).toBeGreaterThanOrEqual(2);
    });
});
