/**
 * A refused credential, on every status an installation may send it with (the documents give none:
 * the emulator's default is HTTP 200 with the documented error body, `authErrorStatus` picks 401 or
 * 403). Whatever the status, the real clients fail with Auth (or Permission, for a FluxArk key that
 * lacks an area) naming the setting to check: never "not found" (a refresh would drop the object
 * from state), never data (an empty list), and a refused create is definite, neither sent again nor
 * reconciled by listing.
 */
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type AuthErrorStatus, type Emulator } from "../../emulator";
import type { ApiError } from "../../provider/core/errors";
import { createReconciled } from "../../provider/core/reconcile";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";

const WRONG_SECRET = "not-the-secret-key-at-all";
const WRONG_API_KEY = "not-the-fluxark-api-key";
const SERVERS_ONLY_KEY = "servers-only-api-key";
const DOCUMENTED_TUXCARE_FAILURE = { message: "Authorization failed", type: null, success: false, data: null };
const TUXCARE_SETTINGS = /check tuxcare:login \(or TUXCARE_LOGIN\) and tuxcare:secretKey \(or TUXCARE_SECRET_KEY\)/;
const FLUXARK_SETTING = "fluxark:apiKey (or FLUXARK_API_KEY)";

/** The error a call fails with (the test fails if it succeeds). */
async function failure(call: () => Promise<unknown>): Promise<ApiError> {
    const outcome = await call().then(
        (value) => ({ value }),
        (e: unknown) => ({ e }),
    );
    if (!("e" in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
    return outcome.e as ApiError;
}

/** The refused create, wrapped as the resources wrap it: the listing that reconciles a lost answer must not run. */
async function refusedCreate(
    emulator: Emulator,
    create: () => Promise<unknown>,
): Promise<{ error: ApiError; requests: number; listed: boolean }> {
    const before = emulator.requestLog.length;
    let listed = false;
    const error = await failure(() =>
        createReconciled({
            what: "object",
            create,
            findNew: () => {
                listed = true;
                return Promise.resolve([]);
            },
        }),
    );
    return { error, requests: emulator.requestLog.length - before, listed };
}

describe.each([
    ["HTTP 200 and the documented body (the default)", undefined, 200, true],
    ["HTTP 200 and the documented body, TuxCare answering bare (--bare)", undefined, 200, false],
    ["HTTP 401", 401, 401, true],
    ["HTTP 403", 403, 403, true],
] as [string, AuthErrorStatus | undefined, number, boolean][])(
    "a refused credential answered with %s",
    (_mode, authErrorStatus, status, tuxcareEnvelope) => {
        let emulator: Emulator;
        const closers: (() => Promise<void>)[] = [];

        beforeAll(async () => {
            emulator = await startEmulator({
                authErrorStatus,
                tuxcareEnvelope,
                fluxarkApiKeys: [DEFAULT_FLUXARK_API_KEY, { key: SERVERS_ONLY_KEY, permissions: ["Servers"] }],
            });
        });
        afterAll(async () => {
            for (const close of closers) await close();
            await emulator.close();
        });
        const tuxcareWith = (secretKey: string) => {
            const { client, transport } = tuxcareClientFor(emulator, secretKey);
            closers.push(() => transport.close());
            return client;
        };
        const fluxarkWith = (apiKey: string) => {
            const { client, transport } = fluxarkClientFor(emulator, apiKey);
            closers.push(() => transport.close());
            return client;
        };

        describe("TuxCare", () => {
            let key: string;
            beforeAll(async () => {
                key = await tuxcareWith(DEFAULT_TUXCARE_ACCOUNT.secretKey).createKcareKey(1, "existing");
            });

            test("the emulator answers the documented failure body, enveloped in either mode, with the status set", async () => {
                const res = await fetch(
                    `${emulator.tuxcareApiUrl}/kcare/key/list.json?token=${encodeURIComponent(`${DEFAULT_TUXCARE_ACCOUNT.login}|1|0000`)}`,
                );
                expect({ status: res.status, body: (await res.json()) as unknown }).toEqual({ status, body: DOCUMENTED_TUXCARE_FAILURE });
            });

            test("a read (a key's servers) is Auth naming the settings, not NotFound", async () => {
                const e = await failure(() => tuxcareWith(WRONG_SECRET).listKcareKeyServers(key));
                expect(e).toMatchObject({ kind: "Auth", status, outcomeUnknown: false, message: expect.stringMatching(TUXCARE_SETTINGS) });
                expect(e.message).toContain("Authorization failed");
                expect(e.message).not.toContain(WRONG_SECRET);
            });

            test("a list is Auth, not an empty list", async () => {
                await expect(tuxcareWith(WRONG_SECRET).listKcareKeys()).rejects.toMatchObject({ kind: "Auth", status });
                expect(await tuxcareWith(DEFAULT_TUXCARE_ACCOUNT.secretKey).listKcareKeys()).toHaveLength(1);
            });

            test("a create is refused once: definite, not sent again, not reconciled by listing, nothing made", async () => {
                const { error, requests, listed } = await refusedCreate(emulator, () =>
                    tuxcareWith(WRONG_SECRET).createKcareKey(1, "refused"),
                );
                expect({ kind: error.kind, outcomeUnknown: error.outcomeUnknown, requests, listed }).toEqual({
                    kind: "Auth",
                    outcomeUnknown: false,
                    requests: 1,
                    listed: false,
                });
                expect(emulator.store.list("kcareKeys")).toHaveLength(1);
            });

            test("the reseller Nagios check is Auth, not a status line", async () => {
                await expect(tuxcareWith(WRONG_SECRET).nagiosResellerStatus(DEFAULT_TUXCARE_ACCOUNT.login)).rejects.toMatchObject({
                    kind: "Auth",
                    status,
                    message: expect.stringMatching(TUXCARE_SETTINGS),
                });
                await expect(
                    tuxcareWith(DEFAULT_TUXCARE_ACCOUNT.secretKey).nagiosResellerStatus(DEFAULT_TUXCARE_ACCOUNT.login),
                ).resolves.toMatchObject({ ok: true });
            });
        });

        describe("FluxArk", () => {
            let userId: number;
            beforeAll(async () => {
                userId = await fluxarkWith(DEFAULT_FLUXARK_API_KEY.key).createUser({
                    username: "kim",
                    email: "kim@example.com",
                    password: "kim-Passw0rd",
                    full_name: "Kim",
                    auth_type: "password",
                    password_type: "password",
                });
            });

            test("the emulator answers a wrong key with the documented error body and the status set; a missing permission with the documented 403", async () => {
                const answer = async (key: string) => {
                    const res = await fetch(`${emulator.fluxarkUrl}/api/users/list`, { headers: { authorization: `Basic ${key}` } });
                    return { status: res.status, body: (await res.json()) as unknown };
                };
                expect(await answer(WRONG_API_KEY)).toEqual({
                    status,
                    body: { status: "ERROR", messages: ["Invalid API key"], time: expect.any(Number) },
                });
                expect(await answer(SERVERS_ONLY_KEY)).toEqual({
                    status: 403,
                    body: { status: "ERROR", messages: ["Missing permission: Users"], time: expect.any(Number) },
                });
            });

            test("a read (a user's ACL rules) is Auth naming the setting, not NotFound", async () => {
                const e = await failure(() => fluxarkWith(WRONG_API_KEY).listAcl(userId));
                expect(e).toMatchObject({
                    kind: "Auth",
                    status,
                    outcomeUnknown: false,
                    message: expect.stringContaining(`check ${FLUXARK_SETTING}`),
                });
                expect(e.message).not.toContain(WRONG_API_KEY);
            });

            test("a list is Auth, not an empty list", async () => {
                await expect(fluxarkWith(WRONG_API_KEY).listUsers()).rejects.toMatchObject({ kind: "Auth", status });
                expect(await fluxarkWith(DEFAULT_FLUXARK_API_KEY.key).listUsers()).toHaveLength(1);
            });

            test("a create is refused once: definite, not sent again, not reconciled by listing, nothing made", async () => {
                const record = {
                    name: "web1",
                    ip_addr: "10.0.0.1",
                    active: true,
                    is_jump: false,
                    is_cron: false,
                    is_api: false,
                    port: 22,
                    groups: [],
                };
                const { error, requests, listed } = await refusedCreate(emulator, () => fluxarkWith(WRONG_API_KEY).createServer(record));
                expect({ kind: error.kind, outcomeUnknown: error.outcomeUnknown, requests, listed }).toEqual({
                    kind: "Auth",
                    outcomeUnknown: false,
                    requests: 1,
                    listed: false,
                });
                expect(emulator.store.list("fluxarkServers")).toEqual([]);
            });

            test("a key without the area's permission: a list and a create fail as Permission naming the area and the setting", async () => {
                const limited = fluxarkWith(SERVERS_ONLY_KEY);
                await expect(limited.listUsers()).rejects.toMatchObject({
                    kind: "Permission",
                    status: 403,
                    message: expect.stringContaining(`lacks the Users permission; grant it to the key in ${FLUXARK_SETTING}`),
                });
                const { error, requests, listed } = await refusedCreate(emulator, () => limited.createUserGroup("ops"));
                expect({ kind: error.kind, outcomeUnknown: error.outcomeUnknown, requests, listed }).toEqual({
                    kind: "Permission",
                    outcomeUnknown: false,
                    requests: 1,
                    listed: false,
                });
                await expect(limited.listServers()).resolves.toEqual([]);
            });
        });
    },
);
