/**
 * Identical creates of the kinds without a unique name (KcareKey, ElsKey, FluxarkAcl) running at
 * once through the handlers, against the emulator with scripted faults on their create call:
 * connections reset before the service acts, reset after it acted, and answers held back. Every
 * resource must end with its own object: distinct ids, each held by the service, exactly as many
 * new objects as resources, an older identical object never taken; deleting them removes exactly
 * those.
 */
import { DEFAULT_TUXCARE_ACCOUNT, type FaultRule } from "../../emulator";
import type { Props } from "../../provider/core/resource";
import { handlersOf, up, useEmulator, type Handlers } from "../helpers/provider-harness";

jest.setTimeout(120_000);

const harness = useEmulator();

interface Kind {
    name: string;
    handlers: Handlers;
    /** The create call's operation, as faults match it. */
    operation: string;
    /** The inputs of one of the identical resources; `tag` keeps each test's objects apart. */
    args: (tag: string) => Promise<Props>;
    /** Puts an object with the same attributes in the service, as if made before this run; answers its id. */
    older: (args: Props) => Promise<string>;
    /** The ids of the service's objects with these attributes. */
    held: (args: Props) => Promise<string[]>;
    /** The object a resource's outputs name. */
    own: (outs: Props) => string;
}

let olderSeq = 0;
const kinds: Kind[] = [
    {
        name: "KcareKey",
        handlers: handlersOf("tuxcare:KcareKey"),
        operation: "kcare.key.create",
        args: async (tag) => ({ limit: 3, note: tag, cidrs: ["10.9.0.0/16"] }),
        older: async (args) => {
            const key = `OLDERKEY${String(++olderSeq).padStart(8, "0")}`;
            await harness.admin.put("kcareKeys", key, {
                key,
                owner: DEFAULT_TUXCARE_ACCOUNT.login,
                enabled: true,
                created: "2026-01-01T00:00+0000",
                limit: args.limit,
                note: args.note,
                cidrs: [],
            });
            return key;
        },
        held: async (args) => (await harness.admin.list("kcareKeys")).filter((k) => k.note === args.note).map((k) => String(k.key)),
        own: (outs) => String(outs.key),
    },
    {
        name: "ElsKey",
        handlers: handlersOf("tuxcare:ElsKey"),
        operation: "els.key.create",
        args: async (tag) => ({ productCode: "ESU", limit: 2, note: tag }),
        older: async (args) => {
            const key = `ESU-OLDERKEY${String(++olderSeq).padStart(8, "0")}`;
            await harness.admin.put("elsKeys", key, {
                key,
                owner: DEFAULT_TUXCARE_ACCOUNT.login,
                productCode: "ESU",
                usageLimit: args.limit,
                description: args.note,
            });
            return key;
        },
        held: async (args) => (await harness.admin.list("elsKeys")).filter((k) => k.description === args.note).map((k) => String(k.key)),
        own: (outs) => String(outs.key),
    },
    {
        name: "FluxarkAcl",
        handlers: handlersOf("fluxark:FluxarkAcl"),
        operation: "fluxark.acl.add",
        args: async (tag) => {
            const server = await up(handlersOf("fluxark:FluxarkServer"), { name: `host-${tag}`, ipAddr: `10.7.0.${++olderSeq}` });
            const remote = await up(handlersOf("fluxark:FluxarkServerUser"), {
                serverId: Number(server.id),
                username: "deploy",
                password: "deploy-Passw0rd",
            });
            const user = await up(handlersOf("fluxark:FluxarkUser"), {
                username: tag,
                email: `${tag}@example.com`,
                password: `${tag}-Passw0rd`,
                fullName: tag,
                authType: "password",
                deletionPolicy: "delete",
            });
            return { userId: Number(user.id), userServerId: Number(remote.id) };
        },
        older: async (args) => {
            const id = 90_000 + ++olderSeq;
            await harness.admin.put("fluxarkAcl", String(id), {
                acl_id: id,
                user_id: args.userId,
                user_server_id: args.userServerId,
                server_id: 0,
                expire_time: "",
                created: "2026-01-01 00:00:00",
            });
            return String(id);
        },
        held: async (args) =>
            (await harness.admin.list("fluxarkAcl")).filter((a) => a.user_id === args.userId).map((a) => String(a.acl_id)),
        own: (outs) => String(outs.aclId),
    },
];

/** A script of faults on the create call: `[kind, how many]`, in the order the requests arrive. */
type Script = Array<["dropBefore" | "dropAfterWrite" | "lateAnswer", number]>;
const rule = (operation: string, [kind, count]: Script[number]): FaultRule =>
    kind === "lateAnswer" ? { match: operation, answerDelayMs: 1_500, count } : { match: operation, [`${kind}Rate`]: 1, count };

// The first creates to arrive are answered late, so the reset ones reconcile while those objects exist and their answers are awaited.
const scripts: Array<[string, (n: number) => Script]> = [
    [
        "half answered late, half reset before the service acts",
        (n) => [
            ["lateAnswer", n / 2],
            ["dropBefore", n / 2],
        ],
    ],
    [
        "half answered late, half reset after the service acted",
        (n) => [
            ["lateAnswer", n / 2],
            ["dropAfterWrite", n / 2],
        ],
    ],
    // Two: both answers lost, one after acting and one before. Ten: two late, four and four reset.
    [
        "late answers and resets before and after acting together",
        (n) => [
            ["lateAnswer", n - 2 * Math.ceil(n / 3)],
            ["dropBefore", Math.ceil(n / 3)],
            ["dropAfterWrite", Math.ceil(n / 3)],
        ],
    ],
];

let tagSeq = 0;
describe.each(kinds.map((k) => [k.name, k] as const))("%s", (_name, kind) => {
    describe.each([2, 10])("%i identical creates at once", (n) => {
        test.each(scripts)(
            "%s: each ends with its own object, none doubled, none shared; delete removes exactly them",
            async (_what, script) => {
                const args = await kind.args(`twin${++tagSeq}`);
                const older = await kind.older(args);
                const faults = script(n).filter(([, count]) => count > 0);
                await harness.admin.setFaults({ rules: faults.map((f) => rule(kind.operation, f)) });
                let created: Array<{ id: string; outs: Props }>;
                try {
                    created = await Promise.all(Array.from({ length: n }, () => up(kind.handlers, args)));
                } finally {
                    const { injectedByOperation } = await harness.admin.faults();
                    await harness.admin.setFaults({ rules: [] });
                    expect(injectedByOperation[kind.operation]).toEqual(Object.fromEntries(faults));
                }

                const owned = created.map(({ outs }) => kind.own(outs));
                expect(new Set(owned).size).toBe(n);
                expect(owned).not.toContain(older);
                expect((await kind.held(args)).sort()).toEqual([...owned, older].sort());

                await Promise.all(created.map(({ id, outs }) => kind.handlers.delete(id, outs)));
                expect(await kind.held(args)).toEqual([older]);
            },
        );
    });
});
