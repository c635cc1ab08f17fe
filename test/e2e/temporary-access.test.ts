/**
 * Temporary access through the access file, end to end: `access request` (the built CLI) ->
 * `pulumi up` (the real engine) -> the rule live in the emulator with its expiry -> a renewal that
 * is created before the old rule is deleted (the emulator's request log says in which order) ->
 * the expiry passes -> `access sweep --write` removes the entry -> `up` removes the rule -> a
 * clean preview.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { accessRules, FluxarkServer, FluxarkServerUser, FluxarkUser, groupGrants, UserGroup } from "../../provider";
import { emptyAccessFile, parseAccessFile } from "../../provider/access/file";
import { escapeMarkdown } from "../../report/escape";
import { DEFAULT_FLUXARK_API_KEY } from "../../emulator";
import { exportedState, fluxarkConfig, makeStack, programFromFile, REPO_ROOT, startTestEnv, type TestEnv } from "../helpers/pulumi";
import { runCli } from "../helpers/cli";
import { steps } from "../helpers/steps";

jest.setTimeout(12 * 60_000);

const PASSWORD = "kim-Example-Passw0rd";

describe("temporary access through the access file", () => {
    const step = steps();
    let env: TestEnv;
    let stack: Stack;
    let accessFile: string;

    const program = async () => {
        const web = new FluxarkServer("web-1", { name: "web-1", ipAddr: "10.0.0.11", groups: ["web"] });
        const deploy = new FluxarkServerUser("web-1-deploy", {
            serverId: web.serverId,
            username: "deploy",
            authMethod: "key",
            sshKey: "ssh-ed25519 AAAAExampleOnly",
        });
        // The file is read afresh at every run, as a program run by `pulumi up` reads it.
        const oncall = new UserGroup("oncall", { name: "oncall", grants: groupGrants(accessFile, "oncall") }, { dependsOn: [web] });
        const kim = new FluxarkUser("kim", {
            username: "kim",
            email: "kim@example.com",
            password: PASSWORD,
            fullName: "Kim",
            authType: "password",
            passwordType: "password-token",
            groups: [oncall.name],
        });
        const acls = accessRules(accessFile, { users: { kim: kim.userId }, remoteUsers: { "web-1": { deploy: deploy.userServerId } } });
        return { rules: Object.keys(acls) };
    };

    const request = (...args: string[]) =>
        runCli(env.emulator, [
            "access",
            "request",
            "--file",
            accessFile,
            "--user",
            "kim",
            "--server",
            "web-1",
            "--as",
            "deploy",
            "--requested-by",
            "lee",
            ...args,
        ]);
    const entries = () => parseAccessFile(readFileSync(accessFile, "utf8")).grants;
    const kimRules = async () =>
        (await env.admin.list<{ user_id: number; acl_id: number; expire_time: string }>("fluxarkAcl")).filter((a) => a.user_id === kimId);
    let kimId = 0;

    beforeAll(async () => {
        env = await startTestEnv();
        accessFile = path.join(env.dir, "access.yaml");
        writeFileSync(accessFile, emptyAccessFile());
        stack = await makeStack(env, "access", program, fluxarkConfig(env));
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    step("the program with an empty access file declares no rule", async () => {
        const up = await stack.up();
        expect(up.outputs.rules?.value).toEqual([]);
        kimId = (await env.admin.list<{ id: number; username: string }>("fluxarkUsers")).find((u) => u.username === "kim")!.id;
        expect(await kimRules()).toEqual([]);
    });

    step("request -> up: the rule is live with the requested expiry, its reason in state, and a preview is clean", async () => {
        const r = await request("--for", "4h", "--reason", "hotfix 1.2.3 on web-1");
        expect(r.stderr).toContain("Added user kim on web-1 as deploy");
        expect(r.code).toBe(0);
        const [entry] = entries();
        await stack.up();
        const rules = await kimRules();
        expect(rules.map((a) => a.expire_time)).toEqual([entry!.until]);
        const state = await exportedState(stack);
        expect(state).toContain("hotfix 1.2.3 on web-1");
        expect(state).toContain('"requestedBy": "lee"');
        for (const secret of [PASSWORD, DEFAULT_FLUXARK_API_KEY.key]) expect(state).not.toContain(secret);
        await stack.preview({ expectNoChanges: true });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("a renewal: the body shows the extension; up creates the new rule before deleting the old one", async () => {
        const [old] = entries();
        const [oldRule] = await kimRules();
        const r = await request("--for", "6h", "--reason", "the hotfix needs a second night");
        expect(r.code).toBe(0);
        const [renewed] = entries();
        expect(renewed!.until > old!.until).toBe(true);
        // Exactly one row: kim's access to web-1 as deploy, from the old expiry to the new one.
        const rows = r.stdout.split("\n").filter((l) => /^\| (added|removed|extended|shortened) \|/.test(l));
        expect(rows).toEqual([
            `| extended | kim | web-1 | deploy | ${escapeMarkdown(old!.until.slice(0, 16))} UTC | ${escapeMarkdown(renewed!.until.slice(0, 16))} UTC | replace ${escapeMarkdown("access:kim@web-1:deploy")} |`,
        ]);

        env.emulator.requestLog.length = 0;
        const up = await stack.up();
        expect(up.summary.resourceChanges?.replace).toBe(1);
        const writes = env.emulator.requestLog
            .filter((q) => q.operation === "fluxark.acl.add" || q.operation === "fluxark.acl.delete")
            .map((q) => `${q.operation} ${q.path}`);
        expect(writes).toEqual([
            `fluxark.acl.add /fluxark/api/users/${kimId}/acl`,
            `fluxark.acl.delete /fluxark/api/users/${kimId}/acl/${oldRule!.acl_id}`,
        ]);
        // The emulator held both rules between the two calls; now only the new one.
        expect((await kimRules()).map((a) => a.expire_time)).toEqual([renewed!.until]);
        await stack.preview({ expectNoChanges: true });
    });

    step("the expiry passes: sweep removes the entry, up removes the rule, and the next preview is clean", async () => {
        const [entry] = entries();
        const after = new Date(Date.parse(`${entry!.until.replace(" ", "T")}Z`) + 1000).toISOString();
        const dry = await runCli(env.emulator, ["access", "sweep", "--file", accessFile, "--at", after]);
        expect(dry.code).toBe(3);
        expect(entries()).toHaveLength(1);
        const sweep = await runCli(env.emulator, ["access", "sweep", "--file", accessFile, "--at", after, "--write"]);
        expect(sweep.code).toBe(0);
        expect(sweep.stdout).toContain(
            `- user kim on web-1 as deploy, ended ${entry!.until} UTC (the hotfix needs a second night; requested by lee)`,
        );
        expect(entries()).toEqual([]);
        const up = await stack.up();
        expect(up.summary.resourceChanges?.delete).toBe(1);
        expect(await kimRules()).toEqual([]);
        await stack.preview({ expectNoChanges: true });
        await stack.preview({ refresh: true, expectNoChanges: true });
    });

    step("a group entry becomes a grant of the group's UserGroup, its metadata program-side only", async () => {
        const r = await runCli(env.emulator, [
            "access",
            "request",
            "--file",
            accessFile,
            "--group",
            "oncall",
            "--server-group",
            "web",
            "--as",
            "deploy",
            "--for",
            "1d",
            "--reason",
            "on-call week",
            "--requested-by",
            "lee",
        ]);
        expect(r.stderr).toContain("Added group oncall on server group web until");
        expect(r.code).toBe(0);
        const [entry] = entries();
        await stack.up();
        const group = (await env.admin.list<{ name: string; server_groups: Record<string, unknown>[] }>("fluxarkUserGroups")).find(
            (g) => g.name === "oncall",
        )!;
        expect(group.server_groups).toEqual([expect.objectContaining({ name: "web", username: "deploy", expire_time: entry!.until })]);
        // FluxArk got the grant's fields and nothing of its metadata.
        expect(JSON.stringify(group)).not.toContain("on-call week");
        expect(await exportedState(stack)).toContain("on-call week");
        await stack.preview({ refresh: true, expectNoChanges: true });
    });
});

describe("the fluxark-access example reads its temporary grants from the access file", () => {
    let env: TestEnv;
    let stack: Stack;
    beforeAll(async () => {
        env = await startTestEnv();
    });
    afterAll(async () => {
        await stack?.destroy().catch(() => undefined);
        await env?.close();
    });

    test("its own access.yaml (no entries), then a file with a request: up makes the contractor's rule", async () => {
        const file = path.join(env.dir, "access.yaml");
        writeFileSync(file, readFileSync(path.join(REPO_ROOT, "examples/fluxark-access/access.yaml"), "utf8"));
        const deployKey =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAExampleOnlyAccessKey\n-----END OPENSSH PRIVATE KEY-----";
        stack = await makeStack(env, "example", programFromFile(path.join(REPO_ROOT, "examples/fluxark-access/index.ts")), {
            ...fluxarkConfig(env),
            "e2e:deployKey": { value: deployKey, secret: true },
            "e2e:accessFile": { value: file },
        });
        const first = await stack.up();
        expect(first.outputs.temporaryAccess?.value).toEqual({});

        const r = await runCli(env.emulator, [
            "access",
            "request",
            "--file",
            file,
            "--user",
            "contractor",
            "--server",
            "db1",
            "--as",
            "deploy",
            "--for",
            "3d",
            "--reason",
            "migrate the reporting database",
            "--requested-by",
            "alice",
        ]);
        expect(r.code).toBe(0);
        const [entry] = parseAccessFile(readFileSync(file, "utf8")).grants;
        const up = await stack.up();
        expect(up.outputs.temporaryAccess?.value).toEqual({ "access:contractor@db1:deploy": entry!.until });
        const contractorId = (await env.admin.list<{ id: number; username: string }>("fluxarkUsers")).find(
            (u) => u.username === "contractor",
        )!.id;
        expect(
            (await env.admin.list<{ user_id: number; expire_time: string }>("fluxarkAcl"))
                .filter((a) => a.user_id === contractorId)
                .map((a) => a.expire_time),
        ).toEqual([entry!.until]);
        await stack.preview({ expectNoChanges: true });
    });
});
