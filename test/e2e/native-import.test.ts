/**
 * `pulumi import` through the native plugins, for every resource: objects made out of band with
 * the APIs (as a person in the portals would), imported by their documented import ids, then a
 * program declaring them previews clean. No license key is an import id or appears in state.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { fingerprintId } from "../../provider/core/ids";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";
import { pulumiImport } from "../helpers/import";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { Native } from "../helpers/native";
import { steps } from "../helpers/steps";

const step = steps();

jest.setTimeout(240_000);

let env: TestEnv;
let stack: Stack;
let program: () => void = () => undefined;
const made = {} as {
    esuKey: string;
    kcareKey: string;
    serverId: number;
    remoteUserId: number;
    userId: number;
    aclId: number;
    groupId: number;
};

beforeAll(async () => {
    // An installation whose user list carries ssh_key and comment: with the document's minimal list
    // those cannot be read, so an imported user shows them as changes until the first up sets them.
    env = await startTestEnv({ extraFields: true });
    const tux = tuxcareClientFor(env.emulator);
    const flux = fluxarkClientFor(env.emulator);
    made.esuKey = (await tux.client.createElsKey("ESU", 3, "imported esu")).key;
    made.kcareKey = await tux.client.createKcareKey(4, "imported kc");
    await tux.client.registerIpLicense("203.0.113.10", 16, false);
    await tux.client.createServerGroup("imported-group", "from the portal");
    made.serverId = await flux.client.createServer({
        name: "imported-srv",
        ip_addr: "10.9.9.9",
        active: true,
        is_jump: false,
        is_cron: false,
        is_api: false,
        port: 22,
        groups: ["ops"],
    });
    made.remoteUserId = await flux.client.createServerUser(made.serverId, {
        username: "deploy",
        auth_method: "password",
        password: "Remote-pass-1",
        port: 22,
        active: true,
        default_user: false,
    });
    made.userId = await flux.client.createUser({
        username: "alice",
        email: "alice@example.com",
        password: "Alice-pass-1",
        full_name: "Alice",
        auth_type: "password",
        password_type: "password",
        active: true,
        groups: [],
    });
    made.aclId = await flux.client.addAcl(made.userId, { user_server_id: made.remoteUserId });
    made.groupId = await flux.client.createUserGroup("imported-team");
    await Promise.all([tux.transport.close(), flux.transport.close()]);
    stack = await makeStack(env, "import", async () => program(), { ...tuxcareConfig(env), ...fluxarkConfig(env) });
});
afterAll(async () => env?.close());

const imports = () => [
    { type: "tuxcare:index:ElsKey", name: "esu", id: fingerprintId("els", made.esuKey) },
    { type: "tuxcare:index:KcareKey", name: "kc", id: fingerprintId("kcare", made.kcareKey) },
    { type: "tuxcare:index:IpLicense", name: "lic", id: "203.0.113.10:16" },
    { type: "tuxcare:index:ServerGroup", name: "group", id: "imported-group" },
    { type: "fluxark:index:FluxarkServer", name: "srv", id: String(made.serverId) },
    { type: "fluxark:index:FluxarkServerUser", name: "deploy", id: String(made.remoteUserId) },
    { type: "fluxark:index:FluxarkUser", name: "alice", id: String(made.userId) },
    { type: "fluxark:index:FluxarkAcl", name: "rule", id: `${made.userId}/${made.aclId}` },
    { type: "fluxark:index:UserGroup", name: "team", id: String(made.groupId) },
];

step("every kind imports by its documented id, with no key in state", async () => {
    const printed = await pulumiImport(stack, imports());
    expect(printed).toMatch(/= 9 imported/);
    // Every imported object passes the provider's own check: a user or remote user needs no password it cannot read.
    expect(printed).not.toMatch(/failed to validate|almost certainly a bug/);
    const state = JSON.parse(await exportedState(stack)) as {
        deployment: { resources: { type: string; id?: string; outputs?: Record<string, unknown> }[] };
    };
    const byType = new Map(state.deployment.resources.map((r) => [r.type, r]));
    for (const i of imports()) expect(byType.get(i.type)?.id).toBe(i.type === "fluxark:index:FluxarkAcl" ? String(made.aclId) : i.id);
    expect(byType.get("fluxark:index:FluxarkAcl")?.outputs?.userId).toBe(made.userId);
    const text = JSON.stringify(state);
    for (const secret of [made.esuKey, made.kcareKey, "Remote-pass-1", "Alice-pass-1"]) expect(text).not.toContain(secret);
});

test("an id that names nothing fails, saying it does not exist", async () => {
    const message = await pulumiImport(stack, [{ type: "tuxcare:index:KcareKey", name: "ghost", id: "kcare-0000000000000000" }]).then(
        () => "imported",
        (e: Error) => e.message,
    );
    expect(message).toMatch(/resource 'kcare-0000000000000000' does not exist/);
});

step("a program declaring the imported objects previews clean", async () => {
    program = () => {
        new Native("tuxcare:index:ElsKey", "esu", { productCode: "ESU", limit: 3, note: "imported esu" });
        new Native("tuxcare:index:KcareKey", "kc", { limit: 4, note: "imported kc" });
        new Native("tuxcare:index:IpLicense", "lic", { ip: "203.0.113.10", type: 16 });
        new Native("tuxcare:index:ServerGroup", "group", { name: "imported-group", description: "from the portal" });
        new Native("fluxark:index:FluxarkServer", "srv", { name: "imported-srv", ipAddr: "10.9.9.9", groups: ["ops"] });
        // Declared as imported: no adopt, no password (write-only, and FluxArk has it).
        new Native("fluxark:index:FluxarkServerUser", "deploy", { serverId: made.serverId, username: "deploy" });
        new Native("fluxark:index:FluxarkUser", "alice", {
            username: "alice",
            email: "alice@example.com",
            fullName: "Alice",
            authType: "password",
        });
        new Native("fluxark:index:FluxarkAcl", "rule", { userId: made.userId, userServerId: made.remoteUserId });
        new Native("fluxark:index:UserGroup", "team", { name: "imported-team" });
    };
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ same: 10 });
});

test("native adoption: a key-auth user keeps its key and comment, a grant FluxArk cannot read is re-created as declared", async () => {
    const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINativeAdoptKey kim@laptop";
    const flux = fluxarkClientFor(env.emulator);
    const kimId = await flux.client.createUser({
        username: "kim",
        email: "kim@example.com",
        password: "Kim-pass-1",
        full_name: "Kim",
        auth_type: "key",
        password_type: "password",
        ssh_key: KEY,
        comment: "keeps the pager",
        active: true,
        groups: [],
    });
    const groupId = await flux.client.createUserGroup("native-team");
    await flux.client.addServerGroupRule(groupId, { group_name: "ops", username: "*" });
    await flux.transport.close();
    const adoptProgram = () => {
        new Native("fluxark:index:FluxarkUser", "kim", {
            username: "kim",
            email: "kim@example.com",
            fullName: "Kim Adopted",
            authType: "key",
            adopt: kimId,
        });
        new Native("fluxark:index:UserGroup", "native-team", {
            name: "native-team",
            grants: [{ serverGroup: "ops", username: "deploy", expireTime: "2031-03-01 00:00:00" }],
            adopt: groupId,
        });
    };
    const adopting = await makeStack(env, "native-adopt", async () => adoptProgram(), fluxarkConfig(env));
    await env.admin.clearRequests();
    await adopting.up();
    expect(await env.admin.get("fluxarkUsers", String(kimId))).toMatchObject({
        full_name: "Kim Adopted",
        ssh_key: KEY,
        comment: "keeps the pager",
        password: "Kim-pass-1",
    });
    const sent = (await env.admin.requests()).filter(
        (r) => r.method === "POST" && new RegExp(`/users/${kimId}$`).test(r.path) && !r.path.includes("/servers/"),
    );
    expect(sent).toHaveLength(1);
    for (const field of ["ssh_key", "comment", "password"]) expect(sent[0]!.body).not.toHaveProperty(field);
    const group = await env.admin.get<{ server_groups: { name: string; username: string; expire_time: string }[] }>(
        "fluxarkUserGroups",
        String(groupId),
    );
    expect(group.server_groups.map(({ name, username, expire_time }) => ({ name, username, expire_time }))).toEqual([
        { name: "ops", username: "deploy", expire_time: "2031-03-01 00:00:00" },
    ]);
    await adopting.preview({ expectNoChanges: true });
    // A change made outside Pulumi shows at the next refresh.
    await env.admin.patch("fluxarkUsers", String(kimId), { full_name: "Kim by hand" });
    expect((await adopting.preview({ refresh: true })).changeSummary).toMatchObject({ update: 1 });
});
