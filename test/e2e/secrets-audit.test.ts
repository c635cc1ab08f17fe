/**
 * The secrets audit: every resource and function, with every kind of secret set (TuxCare secret
 * key, FluxArk API key, user and remote-user passwords, license keys). None may appear in plain
 * text in `pulumi stack export`, in the engine's and provider's logs at `-v=9 --logflow` (with
 * the provider's request log switched on), in the errors of failed operations, or in the
 * emulator's request log (the TuxCare token's signature included).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    ElsKey,
    FluxarkAcl,
    FluxarkServer,
    FluxarkServerUser,
    FluxarkUser,
    getIpAvailabilityOutput,
    getKcareKeyServersOutput,
    getResellerNagiosStatusOutput,
    IpLicense,
    KcareKey,
    listElsKeysOutput,
    listKcareKeysOutput,
    ServerGroup,
    UserGroup,
} from "../../provider";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

/** Where each secret was found: the log message (or line start) around it, for a readable failure. */
function leaks(records: string[], secrets: string[]): string[] {
    const found = new Set<string>();
    for (const record of records) {
        for (const secret of secrets) {
            if (!record.includes(secret)) continue;
            const msg = /"msg":"([^"]{0,60})/.exec(record)?.[1] ?? record.slice(0, 80);
            found.add(`${secret.slice(0, 6)}… in: ${msg}`);
        }
    }
    return [...found];
}

/**
 * At -v=9 the Pulumi engine traces the property values it marshals to and from every provider,
 * decrypted secrets included; that is the engine's own output, whatever the provider. These are
 * its messages. Every other record of the verbose log, the provider's own lines among them, must
 * hold no secret.
 */
const ENGINE_RPC_TRACING = /^(Marshaling property for RPC|Unmarshaling property for RPC|Planner decided|RegisterResource RPC finished|eventSink::Debug\(<\{%reset%\}>RegisterResource RPC finished)/;

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

const USER_PASSWORD = "Audit-User-Passw0rd";
const REMOTE_PASSWORD = "Audit-Remote-Passw0rd";

test("no secret in plaintext in state, verbose logs, errors or the request log", async () => {
    const env = await startTestEnv();
    env.envVars.PULUMI_TUXCARE_FLUXARK_DEBUG = "1";
    try {
        let breakIt = false;
        const program = async () => {
            const kc = new KcareKey("kc", { limit: 2, note: "audit", cidrs: ["10.0.0.0/8"] });
            new ElsKey("els", { productCode: "ESU", limit: 1, note: "audit" });
            new IpLicense("ipl", { ip: "192.0.2.77", type: "kernelcare" });
            new ServerGroup("sg", { name: "audit-group" });
            const server = new FluxarkServer("srv", { name: "audit1", ipAddr: "10.7.0.1", groups: ["audit"] });
            const remote = new FluxarkServerUser("remote", { serverId: server.serverId, username: "root", password: REMOTE_PASSWORD });
            const group = new UserGroup("team", { name: "auditors", grants: [{ serverGroup: "audit", username: "*" }] }, { dependsOn: [server] });
            const user = new FluxarkUser("user", { username: "auditor", email: "auditor@example.com", password: USER_PASSWORD, fullName: "Auditor", authType: "password", groups: [group.name] });
            new FluxarkAcl("acl", { userId: user.userId, userServerId: remote.userServerId, expireDays: 2 });
            if (breakIt) new FluxarkUser("dup", { username: "auditor2", email: "auditor@example.com", password: USER_PASSWORD, fullName: "Dup", authType: "password" });
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
        const verbose = { logVerbosity: 9, logFlow: true, logToStdErr: true } as const;
        const seen: string[] = [];
        const up = await stack.up({ ...verbose, onOutput: (s) => seen.push(s) });
        seen.push(up.stdout);
        const log = logRecords(up.stderr);
        expect(log.engineTracing.length).toBeGreaterThan(100); // the verbose engine log really is there
        // The provider's request log is there, in the engine's log and in what the user sees.
        expect(log.other.some((r) => r.includes("[tuxcare-fluxark] GET"))).toBe(true);
        expect(up.stdout).toContain("[tuxcare-fluxark] POST");
        const verboseRecords = log.other;

        breakIt = true;
        // Failed operations are checked as the user sees them (their error text, without the verbose log).
        const failed = await stack.up().then(
            () => "no error",
            (e: Error) => e.message,
        );
        expect(failed).toMatch(/Duplicate email/);
        seen.push(failed);
        breakIt = false;

        const wrong = await makeStack(env, "audit-wrong", program, { ...tuxcareConfig(env, "wrong-secret-for-audit"), ...fluxarkConfig(env, "wrong-api-key-for-audit") });
        seen.push(await wrong.preview().then((r) => r.stdout, (e: Error) => e.message));

        seen.push(await exportedState(stack));
        const requestLog = JSON.stringify(await env.admin.requests());
        const licenseKeys = [...(await env.admin.list<{ key: string }>("kcareKeys")), ...(await env.admin.list<{ key: string }>("elsKeys"))].map((k) => k.key);
        expect(licenseKeys.length).toBeGreaterThanOrEqual(2);

        const everything = seen.join("\n");
        const records = [...seen.flatMap((chunk) => chunk.split("\n")), ...verboseRecords];
        const secrets = [DEFAULT_TUXCARE_ACCOUNT.secretKey, DEFAULT_FLUXARK_API_KEY.key, USER_PASSWORD, REMOTE_PASSWORD, "wrong-secret-for-audit", "wrong-api-key-for-audit", ...licenseKeys];
        expect(leaks(records, secrets)).toEqual([]);
        expect(everything).not.toMatch(/demo(\||%7C)\d{9,}(\||%7C)[0-9a-f]{40}/i); // a signed token
        // The emulator records what arrived: passwords and token signatures are masked there; license
        // keys are how the portal's URLs name keys, so they are the one thing it records as sent.
        for (const secret of [DEFAULT_TUXCARE_ACCOUNT.secretKey, DEFAULT_FLUXARK_API_KEY.key, USER_PASSWORD, REMOTE_PASSWORD]) expect(requestLog).not.toContain(secret);
        expect(requestLog).not.toMatch(/[0-9a-f]{40}/);
        await stack.destroy();
    } finally {
        await env.close();
    }
});
