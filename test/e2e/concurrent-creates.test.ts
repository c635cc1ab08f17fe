/**
 * Identical KcareKey, ElsKey and FluxarkAcl resources (same attributes, so no name tells their
 * objects apart) created at once in one `pulumi up`, while the emulator resets some create
 * connections before the service acts, resets others after it acted, and holds other answers back.
 * Every resource must end with its own object: distinct ids in state, each held by the service,
 * exactly as many new objects as resources, an identical object made before the run never taken,
 * no key in plaintext in state; `destroy` then removes exactly those objects.
 */
import type { FaultRule } from "../../emulator";
import { DEFAULT_TUXCARE_ACCOUNT } from "../../emulator";
import { ElsKey, FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, KcareKey } from "../../provider";
import { fingerprintId } from "../../provider/core/ids";
import { exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";

jest.setTimeout(20 * 60_000);

const CREATES = ["kcare.key.create", "els.key.create", "fluxark.acl.add"];
type Fault = "dropBefore" | "dropAfterWrite" | "lateAnswer";
/** Faults on every create call, in the order the requests arrive: `[kind, how many]`. */
type Script = Array<[Fault, number]>;
const rulesOf = (script: Script): FaultRule[] =>
    CREATES.flatMap((match) =>
        script.map(
            ([kind, count]): FaultRule =>
                kind === "lateAnswer" ? { match, answerDelayMs: 3_000, count } : { match, [`${kind}Rate`]: 1, count },
        ),
    );

/** n identical resources of each kind; the ACL rules all give one user one remote account. */
const program = (n: number) => async () => {
    const server = new FluxarkServer("host", { name: "twin-host", ipAddr: "10.6.0.1" });
    const remote = new FluxarkServerUser("deploy", { serverId: server.serverId, username: "deploy", password: "deploy-Passw0rd" });
    const user = new FluxarkUser("pat", {
        username: "pat",
        email: "pat@example.com",
        password: "pat-Passw0rd-1",
        fullName: "Pat",
        authType: "password",
        deletionPolicy: "delete",
    });
    for (let i = 0; i < n; i++) {
        new KcareKey(`kc-${i}`, { limit: 3, note: "twin", cidrs: ["10.9.0.0/16"] });
        new ElsKey(`els-${i}`, { productCode: "ESU", limit: 2, note: "twin" });
        new FluxarkAcl(`acl-${i}`, { userId: user.userId, userServerId: remote.userServerId });
    }
};

interface Held {
    kcare: string[];
    els: string[];
    acl: string[];
}

/** The service's twin objects, as the ids the resources would have (a key's id is its fingerprint). */
async function held(env: TestEnv): Promise<Held> {
    const kcare = (await env.admin.list<{ key: string; note: string }>("kcareKeys")).filter((k) => k.note === "twin");
    const els = (await env.admin.list<{ key: string; description: string }>("elsKeys")).filter((k) => k.description === "twin");
    const acl = await env.admin.list<{ acl_id: number }>("fluxarkAcl");
    return {
        kcare: kcare.map((k) => fingerprintId("kcare", k.key)).sort(),
        els: els.map((k) => fingerprintId("els", k.key)).sort(),
        acl: acl.map((a) => String(a.acl_id)).sort(),
    };
}

/** The ids the stack's resources of each kind hold in state. */
function inState(state: string): Held {
    const resources = (JSON.parse(state) as { deployment: { resources?: Array<{ urn: string; id?: string }> } }).deployment.resources ?? [];
    const ids = (prefix: string) =>
        resources
            .filter((r) => new RegExp(`::${prefix}-\\d+$`).test(r.urn))
            .map((r) => String(r.id))
            .sort();
    return { kcare: ids("kc"), els: ids("els"), acl: ids("acl") };
}

/** Puts one identical object of each kind in the service, as if made before the run. */
async function olderTwins(env: TestEnv): Promise<Held> {
    const kcareKey = "OLDERTWIN0000001";
    const elsKey = "ESU-OLDERTWIN0000001";
    await env.admin.put("kcareKeys", kcareKey, {
        key: kcareKey,
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        enabled: true,
        created: "2026-01-01T00:00+0000",
        limit: 3,
        note: "twin",
        cidrs: [],
    });
    await env.admin.put("elsKeys", elsKey, {
        key: elsKey,
        owner: DEFAULT_TUXCARE_ACCOUNT.login,
        productCode: "ESU",
        usageLimit: 2,
        description: "twin",
    });
    return { kcare: [fingerprintId("kcare", kcareKey)], els: [fingerprintId("els", elsKey)], acl: [] };
}

async function upUnderFaults(n: number, scripts: Array<[string, Script]>): Promise<void> {
    const env = await startTestEnv();
    try {
        const stack = await makeStack(env, `twins${n}`, program(n), { ...tuxcareConfig(env), ...fluxarkConfig(env) });
        const older = await olderTwins(env);
        for (const [what, script] of scripts) {
            await env.admin.setFaults({ rules: rulesOf(script) });
            const upResult = await stack.up({ parallel: 64 }).catch((e: Error) => e);
            const { injectedByOperation } = await env.admin.faults();
            await env.admin.setFaults({ rules: [] });
            expect([what, upResult instanceof Error ? upResult.message : "up succeeded"]).toEqual([what, "up succeeded"]);
            // Every fault of the script happened on every create call.
            for (const op of CREATES) expect([what, op, injectedByOperation[op]]).toEqual([what, op, Object.fromEntries(script)]);

            const state = await exportedState(stack);
            const owned = inState(state);
            for (const kind of ["kcare", "els", "acl"] as const) {
                expect([what, kind, new Set(owned[kind]).size]).toEqual([what, kind, n]); // none shared
                // Each resource's object exists, and the service holds exactly these new ones: none doubled, the older one untaken.
                expect([what, kind, (await held(env))[kind]]).toEqual([what, kind, [...owned[kind], ...older[kind]].sort()]);
            }
            for (const k of await env.admin.list<{ key: string }>("kcareKeys")) expect(state).not.toContain(k.key);
            for (const k of await env.admin.list<{ key: string }>("elsKeys")) expect(state).not.toContain(k.key);

            await stack.destroy();
            expect([what, await held(env)]).toEqual([what, older]);
        }
    } finally {
        await env.close();
    }
}

// The first create to arrive is answered late, so the reset ones reconcile while its object exists and its answer is awaited.
test("two identical resources of each kind: one answered late and one reset before the service acts, then one answered late and one reset after it acted", async () => {
    await upUnderFaults(2, [
        [
            "late answer, reset before acting",
            [
                ["lateAnswer", 1],
                ["dropBefore", 1],
            ],
        ],
        [
            "late answer, reset after acting",
            [
                ["lateAnswer", 1],
                ["dropAfterWrite", 1],
            ],
        ],
    ]);
});

test("ten identical resources of each kind: late answers and resets before and after the service acts at once", async () => {
    await upUnderFaults(10, [
        [
            "three late, four reset before acting, three after",
            [
                ["lateAnswer", 3],
                ["dropBefore", 4],
                ["dropAfterWrite", 3],
            ],
        ],
    ]);
});
