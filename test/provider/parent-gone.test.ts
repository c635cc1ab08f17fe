/**
 * Reads through the resource handlers (no engine) against the emulator, for the cases the engine
 * cannot line up on purpose: a parent that goes after the shared list was read (the list cache
 * still has it, its own list answers "not found"). Each read returns no id, which drops the object
 * from state, on FluxArk's HTTP 200 error answers and on 404 alike.
 */
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { fluxark, tuxcare } from "../../provider/context";
import { fluxarkAcl } from "../../provider/fluxark/acl";
import { fluxarkServerUser } from "../../provider/fluxark/server-user";
import { kcareKey } from "../../provider/tuxcare/kcare-key";
import { serverGroup } from "../../provider/tuxcare/server-group";
import { emptyListCaches, useEmulator } from "../helpers/provider-harness";

describe.each([
    ["HTTP 200 error answers (the default)", false],
    ["HTTP 404 error answers", true],
])("a read whose parent is gone drops the object, with %s", (_mode, fluxarkErrorStatus) => {
    const harness = useEmulator({ fluxarkErrorStatus });

    test("an ACL rule whose user is gone (FluxArk: Missing user)", async () => {
        const client = await fluxark.client();
        const serverId = await client.createServer({
            name: "web1",
            ip_addr: "10.0.0.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        });
        const remoteId = await client.createServerUser(serverId, { username: "deploy" });
        const userId = await client.createUser({
            username: "kim",
            email: "kim@example.com",
            password: "kim-Passw0rd",
            full_name: "Kim",
            auth_type: "password",
            password_type: "password",
        });
        const aclId = await client.addAcl(userId, { user_server_id: remoteId });
        const state = { userId, userServerId: remoteId, aclId, serverId, expiresAt: "", created: "" };
        expect(await fluxarkAcl.handlers(fluxark).read(String(aclId), state)).toMatchObject({ id: String(aclId) });
        emptyListCaches();
        harness.emulator.store.remove("fluxarkUsers", String(userId));
        expect(await fluxarkAcl.handlers(fluxark).read(String(aclId), state)).toEqual({});
    });

    test("a remote user whose server is gone", async () => {
        const client = await fluxark.client();
        const serverId = await client.createServer({
            name: "db1",
            ip_addr: "10.0.0.2",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        });
        const remoteId = await client.createServerUser(serverId, { username: "root" });
        const state = {
            serverId,
            username: "root",
            authMethod: "password",
            sshKey: "",
            port: 22,
            active: true,
            defaultUser: false,
            userServerId: remoteId,
            hasPassword: false,
        };
        expect(await fluxarkServerUser.handlers(fluxark).read(String(remoteId), state)).toMatchObject({
            id: String(remoteId),
            inputs: { username: "root" },
        });
        emptyListCaches();
        harness.emulator.store.remove("fluxarkServers", String(serverId));
        expect(await fluxarkServerUser.handlers(fluxark).read(String(remoteId), state)).toEqual({});
    });

    test("a KernelCare key still in the shared key list whose servers answer Key not found", async () => {
        const key = await (await tuxcare.client()).createKcareKey(1, "web");
        const state = { limit: 1, note: "web", cidrs: [], key, enabled: true, created: "", servers: [] };
        expect(await kcareKey.handlers(tuxcare).read("kcare-x", state)).toMatchObject({ id: "kcare-x" }); // the key list is now cached
        harness.emulator.store.remove("kcareKeys", key);
        expect(await kcareKey.handlers(tuxcare).read("kcare-x", state)).toEqual({});
    });

    test("a server group still in the shared group list whose members answer Group not found", async () => {
        await (await tuxcare.client()).createServerGroup("web", "web servers");
        const state = { name: "web", description: "web servers", serverIds: [], servers: [] };
        expect(await serverGroup.handlers(tuxcare).read("web", state)).toMatchObject({ id: "web", inputs: { description: "web servers" } }); // the group list is now cached
        harness.emulator.store.remove("serverGroups", `${DEFAULT_TUXCARE_ACCOUNT.login}/web`);
        expect(await serverGroup.handlers(tuxcare).read("web", state)).toEqual({});
        await expect(serverGroup.handlers(tuxcare).delete("web", state)).resolves.toBeUndefined(); // already gone: success
    });
});
