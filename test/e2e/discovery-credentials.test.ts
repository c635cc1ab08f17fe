/**
 * Discovery of a FluxArk account whose user list is the document's (no ssh_key, no comment), with
 * key-auth users, comments, a remote user FluxArk logs in to with a private key, and a grant to every
 * remote user: `up` of the generated program changes no credential and no grant, sends none of what it
 * could not read, and the preview after it is clean. The program says which fields were not read.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_FLUXARK_API_KEY } from "../../emulator";
import { fluxarkClientFor } from "../helpers/clients";
import { fluxarkConfig, makeStack, programFromFile, REPO_ROOT, startTestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);
const exec = promisify(execFile);

const USER_KEYS = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIUserKeyOne una@laptop", "ssh-rsa AAAAB3NzaC1yc2EAAAADUserKeyTwo vic@desk"];
const REMOTE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAdiscoveredRemoteKey\n-----END OPENSSH PRIVATE KEY-----";

test("up of a discovered program keeps every key, comment and grant it could not read; the preview after is clean", async () => {
    const env = await startTestEnv();
    try {
        const fx = fluxarkClientFor(env.emulator);
        const serverId = await fx.client.createServer({
            name: "app1",
            ip_addr: "10.6.0.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: ["prod"],
        });
        const remoteId = await fx.client.createServerUser(serverId, {
            username: "deploy",
            auth_method: "key",
            ssh_key: REMOTE_KEY,
            port: 22,
            active: true,
            default_user: false,
        });
        const una = await fx.client.createUser({
            username: "una",
            email: "una@example.com",
            password: "Una-Passw0rd-1",
            full_name: "Una",
            auth_type: "key",
            password_type: "password",
            ssh_key: USER_KEYS[0],
            comment: "primary on call",
            groups: [],
        });
        const vic = await fx.client.createUser({
            username: "vic",
            email: "vic@example.com",
            password: "Vic-Passw0rd-2",
            full_name: "Vic",
            auth_type: "password-key",
            password_type: "password",
            ssh_key: USER_KEYS[1],
            comment: "contractor until March",
            groups: [],
        });
        const team = await fx.client.createUserGroup("ops");
        await fx.client.addServerGroupRule(team, { group_name: "prod", username: "*", expire_time: "2031-04-01 00:00:00" });
        await fx.transport.close();

        const out = path.join(env.dir, "discovered");
        await exec(process.execPath, [path.join(REPO_ROOT, "dist/cli/main.js"), "discover", "--fluxark", "--out", out], {
            env: { ...process.env, FLUXARK_URL: env.emulator.fluxarkUrl, FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key },
        });
        const program = readFileSync(path.join(out, "index.ts"), "utf8");
        // The user list carries neither key nor comment: the program says so next to each user, and sets neither.
        expect(
            program.match(/Not read from FluxArk, so left as they are until set here: password \(write-only\), sshKey, comment\./g),
        ).toHaveLength(2);
        expect(program).not.toMatch(/sshKey: ""|comment: ""/);
        expect(program).toMatch(/Grant usernames and expiry cannot be read: each grant is left as FluxArk holds it/);
        const keyConfig = /config\.requireSecret\("(\w+)"\)/.exec(program)![1]!;

        const stack = await makeStack(env, "discovered-credentials", programFromFile(path.join(out, "index.ts")), {
            ...fluxarkConfig(env),
            [`e2e:${keyConfig}`]: { value: REMOTE_KEY, secret: true },
        });
        await env.admin.clearRequests();
        await stack.up();
        expect(await env.admin.get("fluxarkUsers", String(una))).toMatchObject({
            ssh_key: USER_KEYS[0],
            comment: "primary on call",
            password: "Una-Passw0rd-1",
        });
        expect(await env.admin.get("fluxarkUsers", String(vic))).toMatchObject({
            ssh_key: USER_KEYS[1],
            comment: "contractor until March",
            password: "Vic-Passw0rd-2",
        });
        expect(await env.admin.get("fluxarkServerUsers", String(remoteId))).toMatchObject({ ssh_key: REMOTE_KEY });
        const group = await env.admin.get<{ server_groups: { name: string; username: string; expire_time: string }[] }>(
            "fluxarkUserGroups",
            String(team),
        );
        expect(group.server_groups.map(({ name, username, expire_time }) => ({ name, username, expire_time }))).toEqual([
            { name: "prod", username: "*", expire_time: "2031-04-01 00:00:00" },
        ]);
        const log = await env.admin.requests();
        for (const r of log.filter((r) => r.method === "POST" && /\/users\/\d+$/.test(r.path) && !r.path.includes("/servers/"))) {
            for (const field of ["ssh_key", "comment", "password"]) expect(r.body).not.toHaveProperty(field);
        }
        expect(log.filter((r) => r.path.includes("/server_group"))).toEqual([]);

        await stack.preview({ expectNoChanges: true });
        await stack.preview({ refresh: true, expectNoChanges: true });
    } finally {
        await env.close();
    }
});
