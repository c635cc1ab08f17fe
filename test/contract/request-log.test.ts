/**
 * The emulator's request log, as a test or a user reads it over the admin API: after a realistic
 * run of the real clients it holds no license key, password, SSH key or token signature in
 * plaintext, and still names each license key by the fingerprint `requestLogKey` computes.
 */
import { DEFAULT_FLUXARK_API_KEY, EmulatorAdmin, requestLogKey, startEmulator, type Emulator, type RequestLogEntry } from "../../emulator";
import type { FluxarkClient } from "../../provider/fluxark/client";
import type { TuxcareClient } from "../../provider/tuxcare/client";
import type { HttpTransport } from "../../provider/core/http";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";

const NAGIOS_KEY = "MonitorKeyForLog12345";
const USER_PASSWORD = "log-user-pass-1";
const REMOTE_PASSPHRASE = "log-key-passphrase-2";
const REMOTE_SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAALogTestKey\n-----END OPENSSH PRIVATE KEY-----\n";

let emulator: Emulator;
let tuxcare: { client: TuxcareClient; transport: HttpTransport };
let fluxark: { client: FluxarkClient; transport: HttpTransport };
beforeAll(async () => {
    emulator = await startEmulator();
    tuxcare = tuxcareClientFor(emulator);
    fluxark = fluxarkClientFor(emulator);
});
afterAll(async () => {
    await tuxcare.transport.close();
    await fluxark.transport.close();
    await emulator.close();
});

/** The forms a key could take in the log's JSON text: as is, URL-encoded, JSON-escaped. */
const plainForms = (secret: string) => [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];

test("after a realistic run, the request log holds license keys only as fingerprints, and no other secret", async () => {
    const tc = tuxcare.client;
    const kcareKey = await tc.createKcareKey(2, "log audit");
    await tc.setKcareKeyCidrs(kcareKey, ["10.0.0.0/8"]);
    await tc.listKcareKeyServers(kcareKey);
    expect(await tc.nagiosKeyStatus(kcareKey)).toMatchObject({ text: expect.stringContaining("KernelCare") });
    expect(await tc.deleteKcareKey(kcareKey)).toBe(true);
    const els = await tc.createElsKey("ESU", 1, "log audit");
    await tc.updateElsKey(els.key, 3, "log audit 2");
    await tc.removeElsKey(els.key);
    emulator.store.put("ipLicenses", "127.0.0.1:16", {
        ip: "127.0.0.1",
        type: 16,
        owner: "demo",
        registered: true,
        created: "",
        elsAllowed: false,
        serverInfo: "",
        lastCheckin: null,
    });
    expect(await tc.registerNagiosKey(NAGIOS_KEY)).toBe(0);
    expect(await tc.nagiosKeyStatus(NAGIOS_KEY)).toMatchObject({ text: expect.stringContaining("KernelCare") });
    await tc.nagiosResellerStatus("demo");

    const fx = fluxark.client;
    const serverId = await fx.createServer({
        name: "log1",
        ip_addr: "10.6.0.1",
        active: true,
        is_jump: false,
        is_cron: false,
        is_api: false,
        port: 22,
        groups: [],
    });
    await fx.createServerUser(serverId, {
        username: "deploy",
        auth_method: "key-pass",
        ssh_key: REMOTE_SSH_KEY,
        password: REMOTE_PASSPHRASE,
    });
    await fx.createUser({
        username: "logger",
        email: "logger@example.com",
        password: USER_PASSWORD,
        full_name: "Logger",
        auth_type: "password",
        password_type: "password",
    });

    const log = await new EmulatorAdmin(emulator.url).requests();
    const text = JSON.stringify(log);
    const licenseKeys = [kcareKey, els.key, NAGIOS_KEY];
    const secrets = [...licenseKeys, USER_PASSWORD, REMOTE_PASSPHRASE, REMOTE_SSH_KEY, "b3BlbnNzaC1rZXktdjEAAAAALogTestKey"];
    expect(secrets.flatMap(plainForms).filter((form) => text.includes(form))).toEqual([]);
    expect(text).not.toMatch(/[0-9a-f]{40}/); // no token signature

    // Each key is still recognisable, at the call that carried it.
    const at = (operation: string): RequestLogEntry[] => log.filter((r) => r.operation === operation);
    const kc = requestLogKey(kcareKey);
    for (const op of ["kcare.key.set_cidr", "kcare.key.servers", "kcare.key.delete"]) expect(at(op).map((r) => r.args.key)).toEqual([kc]);
    for (const op of ["els.key.update", "els.key.remove"]) expect(at(op).map((r) => r.args.key)).toEqual([requestLogKey(els.key)]);
    expect(at("kcare.nagios.register_key").map((r) => r.args)).toEqual([{ key: requestLogKey(NAGIOS_KEY) }]);
    expect(at("kcare.nagios.key").map((r) => r.path)).toEqual([
        `/tuxcare/api/kcare/nagios/${kc}`,
        `/tuxcare/api/kcare/nagios/${requestLogKey(NAGIOS_KEY)}`,
    ]);
    expect(at("kcare.nagios.reseller").map((r) => r.path)).toEqual([
        expect.stringMatching(/^\/tuxcare\/api\/kcare\/nagios-res\/demo\/demo\|\d+\|\[signature\]$/),
    ]);
    // Secret body fields are masked; the fields naming a kind of secret are not.
    expect(at("fluxark.servers.users.create")[0]!.body).toMatchObject({
        username: "deploy",
        auth_method: "key-pass",
        ssh_key: "[masked]",
        password: "[masked]",
    });
    expect(at("fluxark.users.create")[0]!.body).toMatchObject({ username: "logger", password: "[masked]", password_type: "password" });
});

test("requestLogKey is a stable fingerprint: the same for the same key, different for another, never the key", () => {
    expect(requestLogKey("WsTs821nSAtiastD")).toBe(requestLogKey("WsTs821nSAtiastD"));
    expect(requestLogKey("WsTs821nSAtiastD")).toMatch(/^\[key sha256:[0-9a-f]{12}\]$/);
    expect(requestLogKey("WsTs821nSAtiastD")).not.toBe(requestLogKey("WsTs821nSAtiastE"));
    expect(requestLogKey("WsTs821nSAtiastD")).not.toContain("WsTs821nSAtiastD");
});

test("under kcare/nagios/, a longer path still hides the key, and register_key.plain stays as it is", async () => {
    await fetch(`${emulator.tuxcareApiUrl}/kcare/nagios/${NAGIOS_KEY}/extra`);
    await fetch(`${emulator.tuxcareApiUrl}/kcare/nagios/register_key.plain`);
    const paths = emulator.requestLog.slice(-2).map((r) => r.path);
    expect(paths).toEqual([`/tuxcare/api/kcare/nagios/${requestLogKey(NAGIOS_KEY)}/extra`, "/tuxcare/api/kcare/nagios/register_key.plain"]);
});

test("FluxArk body fields that hold an API key, a token or a secret are masked too", async () => {
    await fetch(`${emulator.fluxarkUrl}/api/users/create`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Basic ${DEFAULT_FLUXARK_API_KEY.key}` },
        body: JSON.stringify({
            username: "x",
            api_key: "body-api-key-1",
            token: "body-token-2",
            new_password: "body-pass-3",
            has_password: true,
        }),
    });
    const last = emulator.requestLog[emulator.requestLog.length - 1]!;
    expect(last.body).toEqual({ username: "x", api_key: "[masked]", token: "[masked]", new_password: "[masked]", has_password: true });
});
