/**
 * A resource renamed (no alias) while it adopts its object: the engine creates the new resource,
 * which takes the object over, then deletes the old one, whose id is the same object. That delete
 * must leave the object to its new owner: before, it deleted the key, the license, the rule and the
 * group the new resource had just adopted, and emptied the server group.
 */
import type * as pulumi from "@pulumi/pulumi";
import { FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, IpLicense, KcareKey, ServerGroup, UserGroup } from "../../provider";
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { tuxcareClientFor } from "../helpers/clients";
import { collectOutput, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";
import { Native } from "../helpers/native";

jest.setTimeout(10 * 60_000);

test("renaming resources that adopt their objects keeps every object; the old names' deletes leave them to the new", async () => {
    const env = await startTestEnv();
    try {
        await env.admin.put("kcareServers", "kc-1", {
            id: "kc-1",
            key: "K",
            ip: "192.0.2.1",
            hostname: "kc1",
            created: "2026-01-01T00:00+0000",
        });
        const tux = tuxcareClientFor(env.emulator);
        const kcare = await tux.client.createKcareKey(4, "by hand");
        const nativeKcare = await tux.client.createKcareKey(2, "native by hand");
        await tux.client.registerIpLicense("192.0.2.60", 1, false);
        await tux.transport.close();

        let suffix = "old";
        let adoptRule: pulumi.Input<number> | undefined;
        let adoptGroup: pulumi.Input<number> | undefined;
        const program = async () => {
            new KcareKey(`kc-${suffix}`, { limit: 4, note: "by hand", adopt: kcare });
            new Native("tuxcare:index:KcareKey", `kc-native-${suffix}`, { limit: 2, note: "native by hand", adopt: nativeKcare });
            new IpLicense(`ipl-${suffix}`, { ip: "192.0.2.60", type: 1, adopt: true });
            new ServerGroup(`fleet-${suffix}`, { name: "fleet", serverIds: ["kc-1"] });
            const host = new FluxarkServer("host", { name: "host1", ipAddr: "10.0.0.11", groups: ["prod"] });
            const deploy = new FluxarkServerUser("deploy", {
                serverId: host.serverId,
                username: "deploy",
                authMethod: "password",
                password: "Deploy-Passw0rd",
            });
            const eve = new FluxarkUser("eve", {
                username: "eve",
                email: "eve@example.com",
                password: "Eve-Passw0rd-1",
                fullName: "Eve",
                authType: "password",
            });
            const rule = new FluxarkAcl(`rule-${suffix}`, {
                userId: eve.userId,
                userServerId: deploy.userServerId,
                ...(adoptRule === undefined ? {} : { adopt: adoptRule }),
            });
            const team = new UserGroup(
                `team-${suffix}`,
                {
                    name: "team",
                    grants: [{ serverGroup: "prod", username: "*", expireTime: "never" }],
                    ...(adoptGroup === undefined ? {} : { adopt: adoptGroup }),
                },
                { dependsOn: [host] },
            );
            return { ruleId: rule.aclId, groupId: team.groupId };
        };
        const stack = await makeStack(env, "adopt-rename", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        const first = await stack.up();
        const ruleId = first.outputs.ruleId!.value as number;
        const groupId = first.outputs.groupId!.value as number;

        const held = async () => ({
            // Named, not shown: a failing diff must not print a license key.
            kcare: (await env.admin.list<{ key: string }>("kcareKeys"))
                .map((k) => (k.key === kcare ? "dynamic's" : k.key === nativeKcare ? "native's" : "another"))
                .sort(),
            licenses: (await env.admin.list("ipLicenses")).length,
            fleet: (await env.admin.get<{ serverIds: string[] }>("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/fleet`)).serverIds,
            rules: (await env.admin.list<{ acl_id: number }>("fluxarkAcl")).map((r) => r.acl_id),
            groups: (await env.admin.list<{ id: number; server_groups: { name: string }[] }>("fluxarkUserGroups")).map((g) => [
                g.id,
                g.server_groups.map((s) => s.name),
            ]),
        });
        const before = await held();
        expect(before).toEqual({
            kcare: ["dynamic's", "native's"],
            licenses: 1,
            fleet: ["kc-1"],
            rules: [ruleId],
            groups: [[groupId, ["prod"]]],
        });

        suffix = "new";
        adoptRule = ruleId;
        adoptGroup = groupId;
        const output = collectOutput();
        const renamed = await stack.up({ onOutput: output.onOutput });
        expect(renamed.summary.resourceChanges).toMatchObject({ create: 6, delete: 6 });
        // Every object is still there, held by the new names.
        expect(await held()).toEqual(before);
        expect(output.text()).toMatch(/was not deleted: another resource of this stack took it over/);
        const names = ((await stack.exportStack()).deployment.resources as { urn: string }[]).map((r) => r.urn.split("::").pop());
        for (const old of ["kc-old", "kc-native-old", "ipl-old", "fleet-old", "rule-old", "team-old"]) expect(names).not.toContain(old);
        await stack.preview({ expectNoChanges: true });

        // A later operation deletes them as any owned object.
        await stack.destroy();
        expect(await held()).toEqual({ kcare: [], licenses: 0, fleet: [], rules: [], groups: [] });
    } finally {
        await env.close();
    }
});
