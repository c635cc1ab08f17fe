/**
 * When a step after the create call fails (setting a new key's CIDRs, reading a new license's
 * server, granting a new group its server groups), the object already exists: `up` fails, but the
 * object stays in state, and the next `up` finishes it instead of making another (or failing on a
 * duplicate name). `maxRetries: 0` makes the injected failures final at once.
 */
import { FluxarkServer, IpLicense, KcareKey, UserGroup } from "../../provider";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";
import { Native } from "../helpers/native";

jest.setTimeout(10 * 60_000);

test("objects whose later steps failed are kept in state and finished by the next up, never made twice", async () => {
    const env = await startTestEnv();
    try {
        const program = async () => {
            new KcareKey("key", { limit: 3, note: "partial", cidrs: ["10.0.0.0/8"] });
            new IpLicense("lic", { ip: "203.0.113.77", type: "kernelcare" });
            const web = new FluxarkServer("web", { name: "web1", ipAddr: "10.0.0.11", groups: ["prod"] });
            new UserGroup("ops", { name: "ops", grants: [{ serverGroup: "prod", username: "*" }] }, { dependsOn: [web] });
        };
        const stack = await makeStack(env, "partial", program, {
            ...tuxcareConfig(env),
            ...fluxarkConfig(env),
            "tuxcare:maxRetries": { value: "0" },
            "fluxark:maxRetries": { value: "0" },
        });
        const failing = ["kcare.key.set_cidr", "ipl.server", "fluxark.groups.server_groups.add"];
        await env.admin.setFaults({ rules: failing.map((match) => ({ match, serverErrorRate: 1 })) });

        // continueOnError: the engine would otherwise stop starting creates after the first failure.
        const failed = await stack.up({ continueOnError: true }).then(
            () => undefined,
            (e: Error) => String(e.message),
        );
        // The engine shows each object's reason for not being fully configured.
        for (const reason of [/kcare\/key\/set_cidr: HTTP 503/, /ipl\/server: HTTP 503/, /server_groups\/add: HTTP 503/])
            expect(failed).toMatch(reason);
        // Each object was made once, and each is in state even though its create reported a failure.
        const counts = async () => ({
            keys: (await env.admin.list("kcareKeys")).length,
            licenses: (await env.admin.list("ipLicenses")).length,
            groups: (await env.admin.list("fluxarkUserGroups")).length,
        });
        expect(await counts()).toEqual({ keys: 1, licenses: 1, groups: 1 });
        const inState = async () =>
            ((await stack.exportStack()).deployment.resources as { type: string; initErrors?: string[] }[]).filter((r) =>
                /KcareKey|IpLicense|UserGroup/.test(r.type),
            );
        const partial = await inState();
        expect(partial).toHaveLength(3);
        expect(partial.every((r) => (r.initErrors ?? []).length === 1)).toBe(true);
        // The new license key is kept as a secret there too, as after a whole create.
        const key = (await env.admin.list<{ key: string }>("kcareKeys"))[0]!.key;
        expect(await exportedState(stack)).not.toContain(key);

        await env.admin.setFaults({ rules: [] });
        await stack.up();
        expect(await counts()).toEqual({ keys: 1, licenses: 1, groups: 1 });
        expect((await env.admin.list<{ cidrs: string[] }>("kcareKeys"))[0]?.cidrs).toEqual(["10.0.0.0/8"]);
        expect(
            (await env.admin.list<{ server_groups: { name: string }[] }>("fluxarkUserGroups"))[0]?.server_groups.map((g) => g.name),
        ).toEqual(["prod"]);
        expect((await inState()).every((r) => (r.initErrors ?? []).length === 0)).toBe(true);
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
        expect(await counts()).toEqual({ keys: 0, licenses: 0, groups: 0 });
    } finally {
        await env.close();
    }
});

test("a native KcareKey whose CIDRs failed is kept in state with its key secret", async () => {
    const env = await startTestEnv();
    try {
        const program = async () => {
            new Native("tuxcare:index:KcareKey", "key", { limit: 3, note: "partial native", cidrs: ["10.0.0.0/8"] });
        };
        const stack = await makeStack(env, "partial-native", program, { ...tuxcareConfig(env), "tuxcare:maxRetries": { value: "0" } });
        await env.admin.setFaults({ rules: [{ match: "kcare.key.set_cidr", serverErrorRate: 1 }] });
        await expect(stack.up()).rejects.toThrow(/kcare\/key\/set_cidr: HTTP 503/);
        const resources = (await stack.exportStack()).deployment.resources as { type: string; initErrors?: string[] }[];
        expect(resources.filter((r) => r.type === "tuxcare:index:KcareKey" && (r.initErrors ?? []).length === 1)).toHaveLength(1);
        const key = (await env.admin.list<{ key: string }>("kcareKeys"))[0]!.key;
        expect(await exportedState(stack)).not.toContain(key);
        await env.admin.setFaults({ rules: [] });
        await stack.destroy();
    } finally {
        await env.close();
    }
});
