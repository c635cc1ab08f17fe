/**
 * An update made of several writes (a user group's grants, a server group's members) that fails part
 * way: the writes made before the failure are recorded in state, so the next `up` makes only the
 * rest instead of repeating one already made (deleting a grant twice fails with 404 and stuck the
 * stack until a refresh) or keeping a grant in state that FluxArk no longer holds.
 * `maxRetries: 0` makes the injected failures final at once.
 */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { FluxarkServer, ServerGroup, UserGroup } from "../../provider";
import { fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";
import { Native } from "../helpers/native";

jest.setTimeout(10 * 60_000);

interface StateResource {
    type: string;
    outputs?: { grants?: { serverGroup: string }[]; serverIds?: string[] };
}

test("a partly applied update records the writes made, and the next up makes only the rest", async () => {
    const env = await startTestEnv();
    try {
        for (const n of [1, 2, 3])
            await env.admin.put("kcareServers", `kc-${n}`, {
                id: `kc-${n}`,
                key: "K",
                ip: `192.0.2.${n}`,
                hostname: `kc${n}`,
                created: "2026-01-01T00:00+0000",
            });
        let grants = [
            { serverGroup: "web", username: "*" },
            { serverGroup: "db", username: "*" },
        ];
        let members = ["kc-1", "kc-2"];
        const program = async () => {
            const host = new FluxarkServer("host", { name: "host1", ipAddr: "10.0.0.11", groups: ["web", "db", "cache"] });
            new UserGroup("ops", { name: "ops", grants }, { dependsOn: [host] });
            new Native("fluxark:index:UserGroup", "ops-native", { name: "ops-native", grants }, { dependsOn: [host] });
            new ServerGroup("fleet", { name: "fleet", serverIds: members });
        };
        const stack = await makeStack(env, "partial-update", program, {
            ...tuxcareConfig(env),
            ...fluxarkConfig(env),
            "tuxcare:maxRetries": { value: "0" },
            "fluxark:maxRetries": { value: "0" },
        });
        await stack.up();

        // web is removed, then adding cache fails; kc-3 is added, then removing kc-1 fails.
        grants = [
            { serverGroup: "db", username: "*" },
            { serverGroup: "cache", username: "*" },
        ];
        members = ["kc-2", "kc-3"];
        await env.admin.setFaults({
            rules: ["fluxark.groups.server_groups.add", "group.servers.remove"].map((match) => ({ match, serverErrorRate: 1 })),
        });
        const failed = await stack.up({ continueOnError: true }).then(
            () => "",
            (e: Error) => String(e.message),
        );
        expect(failed).toMatch(/server_groups\/add: HTTP 503/);
        expect(failed).toMatch(/group\/servers\/remove: HTTP 503/);

        const live = async () => ({
            groups: Object.fromEntries(
                (await env.admin.list<{ name: string; server_groups: { name: string }[] }>("fluxarkUserGroups")).map((g) => [
                    g.name,
                    g.server_groups.map((s) => s.name).sort(),
                ]),
            ),
            fleet: (
                (await env.admin.get<{ serverIds: string[] }>("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/fleet`)).serverIds ?? []
            )
                .slice()
                .sort(),
        });
        expect(await live()).toEqual({ groups: { ops: ["db"], "ops-native": ["db"] }, fleet: ["kc-1", "kc-2", "kc-3"] });
        // State says what FluxArk and the portal hold now: neither wider (web) nor narrower (kc-3).
        const resources = (await stack.exportStack()).deployment.resources as StateResource[];
        const grantsInState = resources
            .filter((r) => /UserGroup$/.test(r.type))
            .map((r) => (r.outputs?.grants ?? []).map((g) => g.serverGroup).sort());
        expect(grantsInState).toEqual([["db"], ["db"]]);
        expect(
            resources
                .find((r) => /:ServerGroup$/.test(r.type))
                ?.outputs?.serverIds?.slice()
                .sort(),
        ).toEqual(["kc-1", "kc-2", "kc-3"]);

        await env.admin.setFaults({ rules: [] });
        await stack.up();
        expect(await live()).toEqual({ groups: { ops: ["cache", "db"], "ops-native": ["cache", "db"] }, fleet: ["kc-2", "kc-3"] });
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
    } finally {
        await env.close();
    }
});
