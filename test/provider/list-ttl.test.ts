/**
 * The list-sharing setting (PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS) read through the settings path: by
 * default reads share one list per kind, 0 turns sharing off (the benchmark's baseline), and a value
 * that is not a whole number fails the first read naming the setting instead of quietly disabling the cache.
 */
import { emptyListCaches, handlersOf, up, useEmulator } from "../helpers/provider-harness";

const VARIABLE = "PULUMI_TUXCARE_FLUXARK_LIST_TTL_MS";
const server = handlersOf("fluxark:FluxarkServer");

/** Sets the variable, or removes it for undefined (as it was when the process started without it). */
function setVariable(value: string | undefined): void {
    if (value === undefined) delete process.env[VARIABLE];
    else process.env[VARIABLE] = value;
}

describe.each([
    ["unset", undefined, 1],
    ["0", "0", 3],
])("with %s, three reads of one kind make the expected list calls", (_label, value, listCalls) => {
    const previous = process.env[VARIABLE];
    beforeAll(() => setVariable(value));
    afterAll(() => setVariable(previous));
    const harness = useEmulator();

    test(`${listCalls} server list call(s)`, async () => {
        const made = await Promise.all(["a", "b", "c"].map((n) => up(server, { name: `ttl-${n}`, ipAddr: "10.4.0.1" })));
        emptyListCaches(); // a new refresh
        harness.emulator.requestLog.length = 0;
        for (const { id, outs } of made) expect(await server.read(id, outs)).toMatchObject({ id });
        expect(harness.emulator.requestLog.filter((r) => r.operation === "fluxark.servers.list")).toHaveLength(listCalls);
    });
});

describe("a malformed value", () => {
    const previous = process.env[VARIABLE];
    beforeAll(() => setVariable("30s"));
    afterAll(() => setVariable(previous));
    useEmulator();

    test("fails the first read naming the setting and the rule", async () => {
        await expect(server.read("1", { name: "x", ipAddr: "10.4.0.2" })).rejects.toThrow(
            `${VARIABLE} must be a whole number, 0 or more, not "30s"`,
        );
    });
});
