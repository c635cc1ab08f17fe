/**
 * The secrets audit: every resource and function, with every kind of secret set (TuxCare secret
 * key and signed token, FluxArk API key, user and remote-user passwords, a remote user's private
 * SSH key, license keys, a Nagios key). None may appear in plain text, nor URL-, form- or
 * JSON-encoded, nor one line of a key alone, in `pulumi stack export`, in what the CLIs print,
 * in the engine's and provider's logs at `-v=9 --logflow` (with the provider's request log
 * switched on), in the errors of failed operations, or in the emulator's request log (the TuxCare
 * token's signature included). The emulator runs in its `echoRequestsInErrors` mode: every error
 * answer repeats the request (URL, arguments, Authorization, body), as careless servers do, so
 * every failure below carries its secrets back to the provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import {
    ElsKey,
    FluxarkAcl,
    FluxarkServer,
    FluxarkServerUser,
    FluxarkUser,
    getIpAvailabilityOutput,
    getKcareKeyServers,
    getKcareKeyServersOutput,
    getKcareNagiosStatus,
    getResellerNagiosStatusOutput,
    IpLicense,
    KcareKey,
    listElsKeysOutput,
    listKcareKeysOutput,
    ServerGroup,
    UserGroup,
} from "../../provider";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, requestLogKey } from "../../emulator";
import { exportedState, fluxarkConfig, makeStack, REPO_ROOT, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);
const exec = promisify(execFile);

/** A private key as FluxArk's document shows one (used with a passphrase), with quotes and a backslash JSON must escape. */
function privateKey(tag: string): string {
    return [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        `b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABB${tag}`,
        `QbYRm0AJk8/+rzAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIHk+${tag}==`,
        `comment "${tag}\\deploy" 'quoted'`,
        "-----END OPENSSH PRIVATE KEY-----",
        "",
    ].join("\n");
}

// Spaces, quotes, a backslash, @ and +: their query-string and JSON forms differ from the plain text.
const USER_PASSWORD = 'Audit "User" Pass+word@1\\x';
const REMOTE_PASSWORD = "Audit Remote Pass+w0rd@2";
const KEY_PASSPHRASE = "Audit key 'passphrase' @3";
const DEPLOY_KEY = privateKey("DeployKeyOne");

/** Every form in which a secret could show: as is, URL-encoded, form-encoded (+), JSON-escaped, and each long line of a key. */
function forms(secret: string): string[] {
    const lines = secret.split("\n").filter((l) => l.length >= 12 && !l.startsWith("-----"));
    const encodings = (s: string) => [
        s,
        encodeURIComponent(s),
        new URLSearchParams({ v: s }).toString().slice(2),
        JSON.stringify(s).slice(1, -1),
    ];
    return [...new Set([secret, ...lines].flatMap(encodings))];
}

/** Where each secret was found: the log message (or line start) around it, for a readable failure. */
function leaks(records: string[], secrets: string[]): string[] {
    const found = new Set<string>();
    for (const record of records) {
        for (const secret of secrets) {
            const form = forms(secret).find((f) => record.includes(f));
            if (form === undefined) continue;
            const msg =
                /"msg":"([^"]{0,60})/.exec(record)?.[1] ?? record.slice(Math.max(0, record.indexOf(form) - 60), record.indexOf(form));
            found.add(`${secret.slice(0, 6)}… as ${JSON.stringify(form.slice(0, 10))}… in: ${msg}`);
        }
    }
    return [...found];
}

const SIGNED_TOKEN = /(\||%7C)\d{9,}(\||%7C)[0-9a-f]{40}/i;

/**
 * At -v=9 the Pulumi engine traces the property values it marshals to and from every provider,
 * decrypted secrets included; that is the engine's own output, whatever the provider. These are
 * its messages. Every other record of the verbose log, the provider's own lines among them, must
 * hold no secret.
 */
const ENGINE_RPC_TRACING =
    /^(Marshaling property for RPC|Unmarshaling property for RPC|Planner decided|RegisterResource RPC finished|eventSink::Debug\(<\{%reset%\}>RegisterResource RPC finished)/;

/** The verbose log as records (one JSON object per record; struct dumps continue over several lines). */
function logRecords(log: string): { engineTracing: string[]; other: string[] } {
    const records: string[] = [];
    for (const line of log.split("\n")) {
        if (line.startsWith("{") || records.length === 0) records.push(line);
        else records[records.length - 1] += `\n${line}`;
    }
    const engineTracing: string[] = [];
    const other: string[] = [];
    for (const r of records) (ENGINE_RPC_TRACING.test(/"msg":"([^"]*)/.exec(r)?.[1] ?? "") ? engineTracing : other).push(r);
    return { engineTracing, other };
}

const VERBOSE = { logVerbosity: 9, logFlow: true, logToStdErr: true } as const;

/** The properties of one resource of the exported state, by its name. */
function stateOf(exported: string, name: string): { inputs: Record<string, unknown>; outputs: Record<string, unknown> } {
    const resources = (
        JSON.parse(exported) as {
            deployment: { resources: { urn: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] };
        }
    ).deployment.resources;
    const found = resources.find((r) => r.urn.endsWith(`::${name}`));
    if (!found) throw new Error(`no resource ${name} in the state`);
    return found;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const isSecret = (v: unknown) =>
    typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270";

async function licenseKeys(env: TestEnv): Promise<string[]> {
    return [...(await env.admin.list<{ key: string }>("kcareKeys")), ...(await env.admin.list<{ key: string }>("elsKeys"))].map(
        (k) => k.key,
    );
}

// One emulator for both tests: the program's functions keep the first credentials they are configured with.
let env: TestEnv;
beforeAll(async () => {
    env = await startTestEnv({ echoRequestsInErrors: true });
    env.envVars.PULUMI_TUXCARE_FLUXARK_DEBUG = "1";
});
afterAll(async () => env?.close());

test("no secret in plaintext in state, verbose logs, errors or the request log", async () => {
    let breakIt = false;
    const program = async () => {
        const kc = new KcareKey("kc", { limit: 2, note: "audit", cidrs: ["10.0.0.0/8"] });
        new ElsKey("els", { productCode: "ESU", limit: 1, note: "audit" });
        new IpLicense("ipl", { ip: "192.0.2.77", type: "kernelcare" });
        new ServerGroup("sg", { name: "audit-group" });
        const server = new FluxarkServer("srv", { name: "audit1", ipAddr: "10.7.0.1", groups: ["audit"] });
        const remote = new FluxarkServerUser("remote", { serverId: server.serverId, username: "root", password: REMOTE_PASSWORD });
        new FluxarkServerUser("deploy", {
            serverId: server.serverId,
            username: "deploy",
            authMethod: "key-pass",
            sshKey: DEPLOY_KEY,
            password: KEY_PASSPHRASE,
        });
        const group = new UserGroup(
            "team",
            { name: "auditors", grants: [{ serverGroup: "audit", username: "*" }] },
            { dependsOn: [server] },
        );
        const user = new FluxarkUser("user", {
            username: "auditor",
            email: "auditor@example.com",
            password: USER_PASSWORD,
            fullName: "Auditor",
            authType: "password",
            groups: [group.name],
        });
        new FluxarkAcl("acl", { userId: user.userId, userServerId: remote.userServerId, expireDays: 2 });
        if (breakIt)
            new FluxarkUser("dup", {
                username: "auditor2",
                email: "auditor@example.com",
                password: USER_PASSWORD,
                fullName: "Dup",
                authType: "password",
            });
        return {
            availability: getIpAvailabilityOutput("192.0.2.77"),
            kcareKeys: listKcareKeysOutput(),
            esuKeys: listElsKeysOutput("ESU"),
            servers: getKcareKeyServersOutput(kc.key),
            reseller: getResellerNagiosStatusOutput(DEFAULT_TUXCARE_ACCOUNT.login),
            keyCount: pulumi.output(listKcareKeysOutput()).apply((k) => k.length),
        };
    };
    const stack = await makeStack(env, "audit", program, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
    const seen: string[] = [];
    const up = await stack.up({ ...VERBOSE, onOutput: (s) => seen.push(s) });
    seen.push(up.stdout);
    const log = logRecords(up.stderr);
    expect(log.engineTracing.length).toBeGreaterThan(100); // the verbose engine log really is there
    // The provider's request log is there, in the engine's log and in what the user sees.
    expect(log.other.some((r) => r.includes("[tuxcare-fluxark] GET"))).toBe(true);
    expect(up.stdout).toContain("[tuxcare-fluxark] POST");
    const verboseRecords = [...log.other];
    // A refresh reads the private key back from FluxArk: it stays a secret in state.
    const refresh = await stack.refresh({ ...VERBOSE, onOutput: (s) => seen.push(s) });
    verboseRecords.push(...logRecords(refresh.stderr).other);

    breakIt = true;
    // Failed operations are checked as the user sees them (their error text, without the verbose log).
    // continueOnError: the engine waits for the program to finish instead of dropping it mid-way.
    const failed = await stack.up({ continueOnError: true }).then(
        () => "no error",
        (e: Error) => e.message,
    );
    expect(failed).toMatch(/Duplicate email/);
    // The emulator echoed the request body, password and all; it reached the user masked.
    expect(failed).toMatch(/\\?"password\\?":\\?"\[REDACTED\]/);
    seen.push(failed);
    breakIt = false;

    const wrong = await makeStack(env, "audit-wrong", program, {
        ...tuxcareConfig(env, "wrong-secret-for-audit"),
        ...fluxarkConfig(env, "wrong-api-key-for-audit"),
    });
    seen.push(
        await wrong.preview().then(
            (r) => r.stdout,
            (e: Error) => e.message,
        ),
    );

    const state = await exportedState(stack);
    seen.push(state);
    // The remote user's private key (and its passphrase) are secrets in state, as inputs and outputs, after the refresh too.
    const deploy = stateOf(state, "deploy");
    for (const field of ["sshKey", "password"]) {
        expect(isSecret(deploy.inputs[field])).toBe(true);
        expect(isSecret(deploy.outputs[field])).toBe(true);
    }
    const requestLog = JSON.stringify(await env.admin.requests());
    const keys = await licenseKeys(env);
    expect(keys.length).toBeGreaterThanOrEqual(2);

    const everything = seen.join("\n");
    const records = [...seen.flatMap((chunk) => chunk.split("\n")), ...verboseRecords];
    const secrets = [
        DEFAULT_TUXCARE_ACCOUNT.secretKey,
        DEFAULT_FLUXARK_API_KEY.key,
        USER_PASSWORD,
        REMOTE_PASSWORD,
        KEY_PASSPHRASE,
        DEPLOY_KEY,
        "wrong-secret-for-audit",
        "wrong-api-key-for-audit",
        ...keys,
    ];
    expect(leaks(records, secrets)).toEqual([]);
    expect(everything).not.toMatch(SIGNED_TOKEN);
    // The emulator records what arrived with every secret masked: passwords, SSH keys, token signatures,
    // and license keys, which it keeps only as their fingerprint.
    expect(leaks([requestLog], secrets)).toEqual([]);
    expect(requestLog).not.toMatch(/[0-9a-f]{40}/);
    // ... and still names the KernelCare key its CIDR call carried.
    const kcareKeys = (await env.admin.list<{ key: string; note: string }>("kcareKeys")).filter((k) => k.note === "audit");
    expect(kcareKeys).toHaveLength(1);
    expect(requestLog).toContain(`"key":"${requestLogKey(kcareKeys[0]!.key)}"`);
    await stack.destroy();
});

test("API errors that echo the request carry no secret into outputs, logs, errors or state", async () => {
    const ROTATED_KEY = privateKey("RotatedKeyTwo");
    const ORPHAN_KEY = privateKey("OrphanKeyThree");
    const DUP_PASSWORD = 'Dup "quoted" pass\\word+4';
    const MISSING_ELS_KEY = "ESU-MissingAdoptKey5";
    const MISSING_KCARE_KEY = "MissingKcareKey0006";
    const NAGIOS_KEY = "NagiosAuditKey0000007";
    const WRONG_SECRET_KEY = "Wrong-Secret-Key-8";
    let phase = 1;
    const program = async () => {
        const server = new FluxarkServer("srv", { name: "echo1", ipAddr: "10.8.0.1" });
        new FluxarkServerUser("deploy", {
            serverId: server.serverId,
            username: "deploy",
            authMethod: "key-pass",
            sshKey: phase === 1 ? DEPLOY_KEY : ROTATED_KEY,
            password: KEY_PASSPHRASE,
        });
        new FluxarkUser("user", {
            username: "echoer",
            email: "echo@example.com",
            password: USER_PASSWORD,
            fullName: "Echo",
            authType: "password",
        });
        // Its CIDRs change while the key is deleted out of band: the portal answers "Key not found".
        new KcareKey("kc", { limit: 1, note: "echo", cidrs: [phase === 1 ? "10.0.0.0/8" : "10.1.0.0/16"] });
        if (phase === 2) {
            // Each of these fails at the API, whose error answer repeats the request with its secrets:
            new FluxarkUser("dup", {
                username: "echoer2",
                email: "echo@example.com",
                password: DUP_PASSWORD,
                fullName: "Dup",
                authType: "password",
            }); // duplicate e-mail
            new FluxarkServerUser("orphan", { serverId: 999_999, username: "ghost", authMethod: "key", sshKey: ORPHAN_KEY }); // missing server
            new ElsKey("adopted", { productCode: "ESU", limit: 1, adopt: MISSING_ELS_KEY }); // no such key
            // ... and the deploy user's new key goes to a server deleted out of band (missing server).
        }
        return {};
    };
    const config = {
        ...tuxcareConfig(env),
        ...fluxarkConfig(env),
        "tuxcare:maxRetries": { value: "0" },
        "fluxark:maxRetries": { value: "0" },
    };
    const stack = await makeStack(env, "echo", program, config);
    await stack.up();

    phase = 2;
    const server = (await env.admin.list<{ id: number; name: string }>("fluxarkServers")).find((s) => s.name === "echo1");
    await env.admin.remove("fluxarkServers", String(server!.id));
    const removedKeys = (await env.admin.list<{ key: string; note: string }>("kcareKeys"))
        .filter((k) => k.note === "echo")
        .map((k) => k.key);
    expect(removedKeys).toHaveLength(1);
    await env.admin.remove("kcareKeys", removedKeys[0]!);

    const seen: string[] = [];
    const stderr: string[] = [];
    const verbose = await stack
        .up({ ...VERBOSE, continueOnError: true, onOutput: (s) => seen.push(s), onError: (s) => stderr.push(s) })
        .then(
            () => "no error",
            () => "failed",
        );
    expect(verbose).toBe("failed");
    const log = logRecords(stderr.join(""));
    expect(log.engineTracing.length).toBeGreaterThan(100);
    // The same failures as the user sees them, without the verbose log.
    const failed = await stack.up({ continueOnError: true }).then(
        () => "no error",
        (e: Error) => e.message,
    );
    seen.push(failed);
    // (The engine shows an error's quotes escaped: \".)
    expect(failed).toMatch(/Duplicate email; \[request: POST \/fluxark\/api\/users\/create[^\n]*?\\?"password\\?":\\?"\[REDACTED\]/);
    // The orphan's create and the deploy user's update both had their private key echoed back.
    for (const call of ["create", "update"])
        expect(failed).toMatch(
            new RegExp(`servers/users/${call}: Missing server; \\[request: POST [^\\n]*?\\\\?"ssh_key\\\\?":\\\\?"\\[REDACTED\\]`),
        );
    // The KernelCare key and the token, in the raw URL and in the decoded arguments.
    expect(failed).toMatch(
        /Key not found \[request: GET [^\n]*?set_cidr\.json\?key=\[REDACTED\]&cidr=10\.1\.0\.0%2F16&token=\[REDACTED\][^\n]*?\\?"key\\?":\\?"\[REDACTED\]\\?"[^\n]*?\\?"token\\?":\\?"\[REDACTED\]/,
    );
    expect(failed).toMatch(/adopt: the ESU key given is not in this account/);
    // The authorization header the FluxArk echo repeats.
    expect(failed).toContain("authorization: Basic [REDACTED]");

    // Lookups in the program's own process: a Nagios status whose text echoes the key, and the error of a failed lookup, shown as outputs.
    const lookups = await makeStack(
        env,
        "echo-lookups",
        async () => ({
            nagios: await getKcareNagiosStatus(NAGIOS_KEY),
            lookupError: await getKcareKeyServers(MISSING_KCARE_KEY).then(
                () => "no error",
                (e: Error) => e.message,
            ),
        }),
        config,
    );
    const shown = (await lookups.preview({ onOutput: (s) => seen.push(s) })).stdout;
    expect(shown).toMatch(/KernelCare UNKNOWN - key not found \[request: GET \/tuxcare\/api\/kcare\/nagios\/\[REDACTED\]/);
    expect(shown).toMatch(/Key not found \[request: GET [^\n]*?key=\[REDACTED\]/);

    // The operational commands, with their request log on: a removal refused for a wrong secret key, whose token the portal echoes.
    const cli = async (secretKey: string, ...args: string[]) => {
        const run = await exec(process.execPath, [path.join(REPO_ROOT, "dist/cli/main.js"), ...args], {
            env: {
                ...process.env,
                TUXCARE_LOGIN: DEFAULT_TUXCARE_ACCOUNT.login,
                TUXCARE_SECRET_KEY: secretKey,
                TUXCARE_API_URL: env.emulator.tuxcareApiUrl,
                TUXCARE_MAX_RETRIES: "0",
                PULUMI_TUXCARE_FLUXARK_DEBUG: "1",
            },
        }).then(
            (r) => ({ code: 0, out: r.stdout + r.stderr }),
            (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
        seen.push(run.out);
        return run;
    };
    const refused = await cli(WRONG_SECRET_KEY, "els-server-remove", "--id", "424242", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Authorization failed \[request: DELETE [^\n]*?token=\[REDACTED\][^\n]*?"token":"\[REDACTED\]"/);
    const nagios = await cli(DEFAULT_TUXCARE_ACCOUNT.secretKey, "nagios-register-key", "--key", NAGIOS_KEY);
    expect(nagios.code).toBe(1); // no KernelCare IP license for this machine
    expect(nagios.out).toMatch(/register_key\.plain\?key=\[REDACTED\]/);

    const state = await exportedState(stack);
    seen.push(state);
    const deploy = stateOf(state, "deploy");
    expect(isSecret(deploy.inputs.sshKey)).toBe(true);
    expect(isSecret(deploy.outputs.sshKey)).toBe(true);

    const records = [...seen.flatMap((chunk) => chunk.split("\n")), ...log.other];
    const secrets = [
        DEFAULT_TUXCARE_ACCOUNT.secretKey,
        DEFAULT_FLUXARK_API_KEY.key,
        USER_PASSWORD,
        DUP_PASSWORD,
        KEY_PASSPHRASE,
        DEPLOY_KEY,
        ROTATED_KEY,
        ORPHAN_KEY,
        MISSING_ELS_KEY,
        MISSING_KCARE_KEY,
        NAGIOS_KEY,
        WRONG_SECRET_KEY,
        ...removedKeys,
        ...(await licenseKeys(env)),
    ];
    expect(leaks(records, secrets)).toEqual([]);
    expect(records.join("\n")).not.toMatch(SIGNED_TOKEN);
    // The emulator's request log holds none of them either: the missing and removed keys, the Nagios key in its path and arguments.
    const requestLog = JSON.stringify(await env.admin.requests());
    expect(leaks([requestLog], secrets)).toEqual([]);
    for (const key of [MISSING_KCARE_KEY, NAGIOS_KEY, ...removedKeys]) expect(requestLog).toContain(requestLogKey(key));
});
