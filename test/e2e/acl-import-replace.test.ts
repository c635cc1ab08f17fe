/**
 * Several ACL rules of one user, imported through the native plugin, then all replaced in one `up`
 * (an imported rule's inputs carry no expiry, so declaring one replaces it). Replacement is
 * create-before-delete: identical creates for one user run at once, then the old rules are deleted.
 * Afterwards every declared rule exists exactly once in FluxArk, under the id its state holds, and
 * none of the imported rules is left. Then rules declared as `discover --format yaml` writes them
 * (with `adopt` of their own id), imported first: once, the first `up` replaced each by adopting
 * the rule itself and then deleted it, losing them all.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { fluxarkClientFor } from "../helpers/clients";
import { pulumiImport } from "../helpers/import";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { Native } from "../helpers/native";
import { steps } from "../helpers/steps";

const step = steps();

jest.setTimeout(8 * 60_000);

type AclRow = { acl_id: number; user_id: number; user_server_id: number; expire_time: string };
interface StateResource {
    type: string;
    urn: string;
    id?: string;
    outputs?: Record<string, unknown>;
}

const EXPIRY = "2099-01-02 03:04:05";
const RULES = ["r1", "r2", "r3"];

let env: TestEnv;
let stack: Stack;
let program: () => void = () => undefined;
const made = { userId: 0, userId2: 0, remoteA: 0, remoteB: 0, aclIds: [] as number[] };

beforeAll(async () => {
    env = await startTestEnv();
    const flux = fluxarkClientFor(env.emulator);
    const serverId = await flux.client.createServer({
        name: "srv",
        ip_addr: "10.9.9.9",
        active: true,
        is_jump: false,
        is_cron: false,
        is_api: false,
        port: 22,
        groups: [],
    });
    made.remoteA = await flux.client.createServerUser(serverId, {
        username: "deploy",
        auth_method: "password",
        password: "Remote-pass-1",
        port: 22,
        active: true,
        default_user: false,
    });
    made.remoteB = await flux.client.createServerUser(serverId, {
        username: "app",
        auth_method: "password",
        password: "Remote-pass-2",
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
    // Two rules with no readable difference (same remote user, no expiry) and one for another remote user.
    for (const remote of [made.remoteA, made.remoteA, made.remoteB])
        made.aclIds.push(await flux.client.addAcl(made.userId, { user_server_id: remote }));
    await flux.transport.close();
    stack = await makeStack(env, "aclreplace", async () => program(), fluxarkConfig(env));
});
afterAll(async () => env?.close());

const remoteOf = (i: number) => (i < 2 ? made.remoteA : made.remoteB);
const aclRows = () => env.admin.list<AclRow>("fluxarkAcl");
async function aclState(of: Stack = stack): Promise<StateResource[]> {
    const state = JSON.parse(await exportedState(of)) as { deployment: { resources: StateResource[] } };
    return state.deployment.resources.filter((r) => r.type === "fluxark:index:FluxarkAcl");
}

step("the rules import, each under its own id", async () => {
    const printed = await pulumiImport(
        stack,
        RULES.map((name, i) => ({ type: "fluxark:index:FluxarkAcl", name, id: `${made.userId}/${made.aclIds[i]}` })),
    );
    expect(printed).toMatch(/= 3 imported/);
    expect((await aclState()).map((r) => Number(r.id)).sort()).toEqual([...made.aclIds].sort());
});

step("declaring an expiry replaces all of them in one up; each rule then exists exactly once, under the id in state", async () => {
    program = () => {
        for (const [i, name] of RULES.entries())
            new Native("fluxark:index:FluxarkAcl", name, { userId: made.userId, userServerId: remoteOf(i), expireTime: EXPIRY });
    };
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ replace: 3 });

    const rows = await aclRows();
    const resources = await aclState();
    expect(resources).toHaveLength(3);
    const ids = resources.map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(3);
    for (const old of made.aclIds) expect(ids).not.toContain(old);
    // Exactly the rules in state exist, no more (no imported one left, none doubled) and none lost.
    expect(rows.map((a) => a.acl_id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    for (const r of resources) {
        const row = rows.find((a) => a.acl_id === Number(r.id))!;
        const i = RULES.indexOf(r.urn.split("::").pop()!);
        expect(row).toMatchObject({ user_id: made.userId, user_server_id: remoteOf(i), expire_time: EXPIRY });
        expect(r.outputs).toMatchObject({ aclId: Number(r.id), userServerId: remoteOf(i), expiresAt: EXPIRY });
    }
    // And the next preview, refreshed, is clean.
    const preview = await stack.preview({ refresh: true });
    expect(preview.changeSummary).toEqual({ same: 4 });
});

/**
 * What `discover --format yaml` declares for a rule (its remote user, its expiry as listed, and
 * `adopt` of its id), for rules imported first: the program names what the rules are, so `up`
 * changes nothing, and above all does not replace a rule by adopting it and then delete it.
 */
describe("imported rules declared as discover writes them (adopt and the listed expiry)", () => {
    const step = steps();
    let adoptStack: Stack;
    let adoptProgram: () => void = () => undefined;
    const rules = [] as { name: string; aclId: number; remote: number; expiry: string }[];

    beforeAll(async () => {
        const flux = fluxarkClientFor(env.emulator);
        const userId = await flux.client.createUser({
            username: "bob",
            email: "bob@example.com",
            password: "Bob-pass-1",
            full_name: "Bob",
            auth_type: "password",
            password_type: "password",
            active: true,
            groups: [],
        });
        made.userId2 = userId;
        const specs = [
            { remote: made.remoteA, expiry: "2098-05-06 07:08:09" },
            { remote: made.remoteA, expiry: "2098-05-06 07:08:09" },
            { remote: made.remoteB, expiry: "2097-01-01 00:00:00" },
        ];
        for (const [i, s] of specs.entries())
            rules.push({
                name: `bob-${i}`,
                aclId: await flux.client.addAcl(userId, { user_server_id: s.remote, expire_time: s.expiry }),
                ...s,
            });
        await flux.transport.close();
        adoptStack = await makeStack(env, "acladopt", async () => adoptProgram(), fluxarkConfig(env));
    });

    const bobRows = async () =>
        (await aclRows())
            .filter((a) => a.user_id === made.userId2)
            .map((a) => [a.acl_id, a.user_server_id, a.expire_time])
            .sort();
    const declared = () => rules.map((r) => [r.aclId, r.remote, r.expiry]).sort();

    step("up after the import changes nothing: the same rules, under the same ids", async () => {
        expect(
            await pulumiImport(
                adoptStack,
                rules.map((r) => ({ type: "fluxark:index:FluxarkAcl", name: r.name, id: `${made.userId2}/${r.aclId}` })),
            ),
        ).toMatch(/= 3 imported/);
        adoptProgram = () => {
            for (const r of rules)
                new Native("fluxark:index:FluxarkAcl", r.name, {
                    userId: made.userId2,
                    userServerId: r.remote,
                    expireTime: r.expiry,
                    adopt: r.aclId,
                });
        };
        const result = await adoptStack.up();
        expect(await bobRows()).toEqual(declared());
        expect(result.summary.resourceChanges).not.toHaveProperty("replace");
        const preview = await adoptStack.preview({ refresh: true });
        expect(preview.changeSummary).toEqual({ same: 4 });
    });

    step("a new expiry with adopt still naming the rule is an update, refused as the rule differs: every rule stays", async () => {
        adoptProgram = () => {
            for (const [i, r] of rules.entries())
                new Native("fluxark:index:FluxarkAcl", r.name, {
                    userId: made.userId2,
                    userServerId: r.remote,
                    expireTime: i === 0 ? "2099-12-31 00:00:00" : r.expiry,
                    adopt: r.aclId,
                });
        };
        expect((await adoptStack.preview()).changeSummary).toMatchObject({ update: 1 });
        const failed = await adoptStack.up().then(
            () => "up succeeded",
            (e: Error) => e.message,
        );
        expect(failed).toMatch(
            new RegExp(
                `adopt: rule ${rules[0]!.aclId} expires at ${rules[0]!.expiry} UTC, not at 2099-12-31 00:00:00 UTC as declared.*remove adopt to replace the rule`,
            ),
        );
        expect(await bobRows()).toEqual(declared());
        expect((await aclState(adoptStack)).map((r) => Number(r.id)).sort()).toEqual(rules.map((r) => r.aclId).sort());
    });

    step(
        "a rule whose expiry changed outside Pulumi, declared with that expiry and adopt, is updated by an up without refresh, not replaced into nothing",
        async () => {
            const moved = rules[1]!;
            moved.expiry = "2096-06-06 06:06:06";
            await env.admin.patch("fluxarkAcl", String(moved.aclId), { expire_time: moved.expiry });
            adoptProgram = () => {
                for (const r of rules)
                    new Native("fluxark:index:FluxarkAcl", r.name, {
                        userId: made.userId2,
                        userServerId: r.remote,
                        expireTime: r.expiry,
                        adopt: r.aclId,
                    });
            };
            const result = await adoptStack.up();
            expect(await bobRows()).toEqual(declared());
            expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
            expect(result.summary.resourceChanges).not.toHaveProperty("replace");
            const preview = await adoptStack.preview({ refresh: true });
            expect(preview.changeSummary).toEqual({ same: 4 });
        },
    );
});
