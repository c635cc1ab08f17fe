/**
 * The native provider plugins (pulumi-resource-tuxcare, -fluxark, found on PATH) through the real
 * engine from a Node program: resources by their native tokens, no closure in state, secrets
 * marked by the plugin, drift by refresh, update in place, destroy.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { Native } from "../helpers/native";
import { steps } from "../helpers/steps";

const step = steps();

jest.setTimeout(240_000);

const out = (r: Native, name: string) => (r as unknown as Record<string, pulumi.Output<unknown>>)[name]!;

let env: TestEnv;
let stack: Stack;
let limit = 5;
let serverPort = 22;

beforeAll(async () => {
    env = await startTestEnv();
    stack = await makeStack(
        env,
        "native",
        async () => {
            const key = new Native("tuxcare:index:KcareKey", "fleet", { limit, note: "native", cidrs: ["10.0.0.0/8"], key: undefined });
            const server = new Native("fluxark:index:FluxarkServer", "web", {
                name: "web1",
                ipAddr: "10.1.1.1",
                port: serverPort,
                serverId: undefined,
            });
            new Native("fluxark:index:FluxarkServerUser", "root", {
                serverId: out(server, "serverId"),
                username: "root",
                authMethod: "password",
                password: "remote-Passw0rd!",
            });
            // Functions through the plugin's Invoke: a list holding keys comes back secret.
            const listed = pulumi.runtime.invokeOutput<{ keys: { key: string }[] }>("tuxcare:index:listKcareKeys", {});
            const availability = pulumi.runtime.invokeOutput<{ available: number[]; owned: number[] }>("tuxcare:index:getIpAvailability", {
                ip: "203.0.113.5",
            });
            return {
                key: out(key, "key"),
                keyCount: listed.apply((r) => r.keys.length),
                available: availability.apply((r) => r.available),
            };
        },
        { ...tuxcareConfig(env), ...fluxarkConfig(env) },
    );
});
afterAll(async () => env?.close());

step("up creates through the plugins, and the key is a secret output", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.key?.secret).toBe(true);
    expect(String(up.outputs.key?.value)).toMatch(/^\w{8,}$/);
    expect(await env.admin.list("kcareKeys")).toHaveLength(1);
    expect(await env.admin.list("fluxarkServerUsers")).toHaveLength(1);
});

step("state holds no closure and no plaintext secret", async () => {
    const state = await exportedState(stack);
    const [key] = await env.admin.list<{ key: string }>("kcareKeys");
    expect(state).not.toContain("__provider");
    for (const secret of [key!.key, "remote-Passw0rd!", DEFAULT_TUXCARE_ACCOUNT.secretKey, DEFAULT_FLUXARK_API_KEY.key])
        expect(state).not.toContain(secret);
    expect(state).toContain("tuxcare:index:KcareKey");
});

step("a second preview plans nothing", async () => {
    const preview = await stack.preview({ expectNoChanges: true });
    expect(preview.changeSummary).toEqual({ same: 4 });
});

step("refresh sees a change made out of band, and up puts it back", async () => {
    const [server] = await env.admin.list<{ id: number }>("fluxarkServers");
    await env.admin.patch("fluxarkServers", String(server!.id), { port: 2222 });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const up = await stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect((await env.admin.get<{ port: number }>("fluxarkServers", String(server!.id))).port).toBe(22);
});

step("a config change takes effect on `refresh --run-program`", async () => {
    await stack.setConfig("fluxark:apiKey", { value: "a-key-this-installation-refuses", secret: true });
    const message = await stack.refresh({ runProgram: true }).then(
        () => "refresh passed",
        (e: Error) => e.message,
    );
    expect(message).toMatch(/FluxArk .*(API key|rejected)/i);
    expect(message).not.toContain("a-key-this-installation-refuses");
    await stack.setConfig("fluxark:apiKey", { value: DEFAULT_FLUXARK_API_KEY.key, secret: true });
    expect((await stack.refresh({ runProgram: true })).summary.result).toBe("succeeded");
});

step("a changed input updates in place, a replace-field change replaces", async () => {
    serverPort = 2200;
    limit = 7;
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 1, replace: 1 });
    // Listed before this up replaced the key: the one key of the last up, as a secret.
    expect(up.outputs.keyCount).toEqual({ value: 1, secret: true });
    expect((up.outputs.available!.value as number[]).length).toBeGreaterThan(0);
    const keys = await env.admin.list<{ limit: number }>("kcareKeys");
    expect(keys.map((k) => k.limit)).toEqual([7]);
});

step("a function's wrong argument is refused naming it, before any API call", async () => {
    // The program catches the invoke's failure and exports its message (an uncaught one would reject inside this test process).
    const refusal = () =>
        pulumi.runtime.invoke("tuxcare:index:checkIp", { ip: "999.1.1.1" }).then(
            () => "accepted",
            (e: Error) => e.message,
        );
    const bad = await makeStack(env, "native-bad-invoke", async () => ({ refusal: await refusal() }), tuxcareConfig(env));
    await env.admin.clearRequests();
    const up = await bad.up();
    expect(up.outputs.refusal?.value).toMatch(/"999\.1\.1\.1" is not an IPv4 address \(ip\)/);
    expect(await env.admin.requests()).toEqual([]);
});

step("destroy removes everything", async () => {
    await stack.destroy();
    expect(await env.admin.list("kcareKeys")).toHaveLength(0);
    expect(await env.admin.list("fluxarkServers")).toHaveLength(0);
});
