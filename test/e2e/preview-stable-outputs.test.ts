/**
 * A preview must plan what `up` does. A FluxArk server updated in place keeps its id, so the remote
 * user whose serverId comes from it is unchanged: the preview shows the server `update` and the user
 * `same`, not a replacement of `root` on that server. Through both hosts: the dynamic provider (the
 * program's classes) and the native plugin (resources by their native tokens).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { FluxarkServer, FluxarkServerUser } from "../../provider";
import { fluxarkConfig, makeStack, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { Native } from "../helpers/native";

jest.setTimeout(10 * 60_000);

const spec = { port: 22, groups: ["web"] };

/** Each host's program: a server and its remote user, the user's serverId taken from the server's output. */
const programs: Record<string, () => Promise<void>> = {
    dynamic: async () => {
        const server = new FluxarkServer("web", { name: "dyn-web", ipAddr: "10.7.0.1", port: spec.port, groups: spec.groups });
        new FluxarkServerUser("root", { serverId: server.serverId, username: "root", password: "dyn-Root-pass-1" });
    },
    native: async () => {
        const server = new Native("fluxark:index:FluxarkServer", "web", {
            name: "native-web",
            ipAddr: "10.7.0.2",
            port: spec.port,
            groups: spec.groups,
            serverId: undefined,
            created: undefined,
        });
        const serverId = (server as unknown as { serverId: pulumi.Output<number> }).serverId;
        new Native("fluxark:index:FluxarkServerUser", "root", { serverId, username: "root", password: "native-Root-pass-1" });
    },
};

let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv();
});
afterAll(async () => env?.close());

describe.each(Object.keys(programs))("%s provider", (host) => {
    let stack: Stack;
    beforeAll(async () => {
        spec.port = 22;
        spec.groups = ["web"];
        stack = await makeStack(env, host, programs[host]!, fluxarkConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy();
    });

    test("a preview of the first up plans both creates and writes nothing", async () => {
        await env.admin.clearRequests();
        expect((await stack.preview()).changeSummary).toEqual({ create: 3 });
        expect((await env.admin.requests()).filter((r) => r.method !== "GET")).toEqual([]);
        expect((await stack.up()).summary.result).toBe("succeeded");
    });

    test.each([
        ["the port", () => (spec.port = 2222)],
        ["a group", () => (spec.groups = ["web", "prod"])],
    ])("a change of %s previews the server's update and the remote user unchanged; up does just that", async (_what, change) => {
        change();
        const preview = await stack.preview({ diff: true });
        // One update (the server); the stack and the remote user stay the same: nothing replaced.
        expect(preview.changeSummary).toEqual({ update: 1, same: 2 });
        expect(preview.stdout).not.toMatch(/replace/i);

        const usersBefore = await env.admin.list<{ id: number }>("fluxarkServerUsers");
        const up = await stack.up();
        expect(up.summary.resourceChanges).toEqual({ update: 1, same: 2 });
        // The remote user is the same object: not deleted and made again.
        expect((await env.admin.list<{ id: number }>("fluxarkServerUsers")).map((u) => u.id)).toEqual(usersBefore.map((u) => u.id));
        expect((await stack.preview({ expectNoChanges: true })).changeSummary).toEqual({ same: 3 });
    });
});
