/**
 * A refresh under a wrong credential must fail, not report the objects gone: a read that took the
 * refusal for "not found" would answer `{}` and the engine would drop every object from state. Each
 * read here goes through the handlers (no engine), on the emulator's default (HTTP 200 with the
 * documented error body) and on 401.
 */
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { configure } from "../../provider/context";
import { handlersOf, refresh, up, useEmulator } from "../helpers/provider-harness";

const kcare = handlersOf("tuxcare:KcareKey");
const server = handlersOf("fluxark:FluxarkServer");
const remote = handlersOf("fluxark:FluxarkServerUser");
const user = handlersOf("fluxark:FluxarkUser");
const acl = handlersOf("fluxark:FluxarkAcl");

const WRONG = "wrong-credential-for-this-test";

/** Runs `action` with one setting replaced, as a stack whose config holds a wrong value. */
async function withSetting<T>(key: string, value: string, right: string, action: () => Promise<T>): Promise<T> {
    configure({ get: (k) => (k === key ? value : undefined) });
    try {
        return await action();
    } finally {
        configure({ get: (k) => (k === key ? right : undefined) });
    }
}

describe.each([
    ["HTTP 200 and the documented error body (the emulator's default)", undefined],
    ["HTTP 401", 401 as const],
])("a read under a wrong credential answered with %s fails, and does not say gone", (_mode, authErrorStatus) => {
    const harness = useEmulator({ authErrorStatus });

    test("a KernelCare key under a wrong tuxcare:secretKey", async () => {
        const { id, outs } = await up(kcare, { limit: 1, note: "kept" });
        const read = withSetting("tuxcare:secretKey", WRONG, DEFAULT_TUXCARE_ACCOUNT.secretKey, () => refresh(kcare, id, outs));
        await expect(read).rejects.toThrow(/Authorization failed.*check tuxcare:login \(or TUXCARE_LOGIN\) and tuxcare:secretKey/);
        await expect(read).rejects.not.toThrow(WRONG);
        expect(await refresh(kcare, id, outs)).toMatchObject({ id }); // the right key reads it again: it was never gone
        expect(await harness.admin.list("kcareKeys")).toHaveLength(1);
    });

    test("a FluxArk server, and an ACL rule (read through its user, which answers 'Missing user' when gone), under a wrong fluxark:apiKey", async () => {
        const tag = authErrorStatus ?? 200;
        const host = await up(server, { name: `auth-host-${tag}`, ipAddr: "10.9.0.1" });
        const serverId = Number(host.id);
        const userServerId = Number((await up(remote, { serverId, username: "deploy", password: "deploy-Passw0rd" })).id);
        const userId = Number(
            (
                await up(user, {
                    username: `auth${tag}`,
                    email: `auth${tag}@example.com`,
                    password: "auth-Passw0rd",
                    fullName: "Auth",
                    authType: "password",
                    deletionPolicy: "delete",
                })
            ).id,
        );
        const rule = await up(acl, { userId, userServerId });
        const outcomes = await withSetting("fluxark:apiKey", WRONG, DEFAULT_FLUXARK_API_KEY.key, () =>
            Promise.all(
                [refresh(server, host.id, host.outs), refresh(acl, rule.id, rule.outs)].map((read) =>
                    read.then(
                        (r) => ({ read: r }),
                        (e: Error) => ({ error: e.message }),
                    ),
                ),
            ),
        );
        const refused = {
            error: expect.stringMatching(/the installation refused the API key; check fluxark:apiKey \(or FLUXARK_API_KEY\)/),
        };
        expect(outcomes).toEqual([refused, refused]);
        expect(JSON.stringify(outcomes)).not.toContain(WRONG);
        expect(await refresh(acl, rule.id, rule.outs)).toMatchObject({ id: rule.id }); // the right key reads it again: it was never gone
    });
});
