/**
 * Values the program marks secret itself (`pulumi.secret`) on inputs the catalog does not call
 * secret: a string, a number, a bool, one element of a list, a field nested in a list of objects
 * (moved by the provider's sorting). Through the real engine, with both hosts (the native plugins
 * by their tokens, and the dynamic provider's classes): the exported state holds none of them in
 * plaintext, and each carries the secret signature in inputs and outputs, after create, refresh and
 * an update. With the native plugins, an API error that echoes one does not show it either.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { FluxarkServer, FluxarkUser, KcareKey, UserGroup } from "../../provider";
import { collectOutput, exportedState, fluxarkConfig, makeStack, startTestEnv, tuxcareConfig, type TestEnv } from "../helpers/pulumi";
import { Native } from "../helpers/native";
import { steps } from "../helpers/steps";

jest.setTimeout(10 * 60_000);

const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

const HIDDEN = {
    email: "hidden.person@secret-mail.example",
    fullName: "Hidden Fullname Zed",
    comment: "hidden comment qx7",
    allowedIp: "192.0.2.77",
    ipAddr: "198.51.100.213",
    group: "hiddengroupq",
    grantUser: "hiddenuserx",
    note: "hidden-note-q1",
    cidr: "198.18.7.0/24",
    port: 40022,
};
/** The second full name, set by the update. */
const UPDATED_NAME = "Hidden Fullname Yves";

/** Where each marked value sits in a resource's inputs and outputs (by type), as a path. */
const MARKED: [type: string, path: (string | number)[]][] = [
    ["FluxarkServer", ["ipAddr"]],
    ["FluxarkServer", ["port"]],
    ["FluxarkServer", ["isJump"]],
    ["FluxarkServer", ["groups", 1]],
    ["FluxarkUser", ["email"]],
    ["FluxarkUser", ["fullName"]],
    ["FluxarkUser", ["comment"]],
    ["FluxarkUser", ["active"]],
    ["FluxarkUser", ["ipAllowList", 1]],
    ["UserGroup", ["grants", 1, "username"]],
    ["KcareKey", ["note"]],
    ["KcareKey", ["cidrs", 1]],
];

let fullName = HIDDEN.fullName;

/** The same resources, through a host's way of declaring them. */
function declare(
    make: (kind: string, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => pulumi.Resource,
): void {
    const server = make("FluxarkServer", "web", {
        name: "secret-web",
        ipAddr: pulumi.secret(HIDDEN.ipAddr),
        port: pulumi.secret(HIDDEN.port),
        isJump: pulumi.secret(true),
        // Sorted by the provider: the marked element moves to index 1 ("alpha" < "hidden..." < "web").
        groups: ["web", pulumi.secret(HIDDEN.group), "alpha"],
    });
    make("FluxarkUser", "person", {
        username: "hidden",
        email: pulumi.secret(HIDDEN.email),
        password: "Person-pass-123",
        fullName: pulumi.secret(fullName),
        authType: "password",
        comment: pulumi.secret(HIDDEN.comment),
        active: pulumi.secret(true),
        ipAllowList: ["10.0.0.5", pulumi.secret(HIDDEN.allowedIp)],
        // Gone at destroy, name and e-mail free for the other host's stack.
        deletionPolicy: "delete",
    });
    // Sorted by server group: the grant with the marked username moves to index 1. The groups are the server's.
    make(
        "UserGroup",
        "ops",
        {
            name: "secret-ops",
            grants: [
                { serverGroup: "web", username: pulumi.secret(HIDDEN.grantUser) },
                { serverGroup: "alpha", username: "*" },
            ],
        },
        { dependsOn: [server] },
    );
    make("KcareKey", "fleet", { limit: 3, note: pulumi.secret(HIDDEN.note), cidrs: ["10.0.0.0/8", pulumi.secret(HIDDEN.cidr)] });
}

const nativeToken = (kind: string) => `${kind === "KcareKey" ? "tuxcare" : "fluxark"}:index:${kind}`;
const CLASSES: Record<string, new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.Resource> = {
    FluxarkServer,
    FluxarkUser,
    UserGroup,
    KcareKey,
} as never;

const programs: Record<string, () => Promise<void>> = {
    native: async () => declare((kind, name, props, opts) => new Native(nativeToken(kind), name, props, opts)),
    dynamic: async () => declare((kind, name, props, opts) => new CLASSES[kind]!(name, props as never, opts)),
};

interface StateResource {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

const isSecretValue = (v: unknown) => !!v && typeof v === "object" && (v as Record<string, unknown>)[SECRET_SIG.key] === SECRET_SIG.value;

/** Whether the value at `path` is secret itself or lies inside a secret (a whole list marked counts). */
function secretAt(bag: unknown, path: readonly (string | number)[]): boolean {
    let node = bag;
    for (const step of path) {
        if (isSecretValue(node)) return true;
        if (node === null || typeof node !== "object") return false;
        node = (node as Record<string | number, unknown>)[step];
    }
    return isSecretValue(node);
}

/** Every marked value is absent from the state in plaintext and carries the secret signature where it sits. */
async function expectAllSecret(stack: Stack, plaintexts: string[]): Promise<void> {
    const text = await exportedState(stack);
    for (const p of plaintexts) expect(text).not.toContain(p);
    const resources = (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources;
    const unmarked: string[] = [];
    for (const [kind, path] of MARKED) {
        const r = resources.find((x) => x.type.endsWith(`:${kind}`));
        if (!r) throw new Error(`no ${kind} in the state`);
        for (const bag of ["inputs", "outputs"] as const) if (!secretAt(r[bag], path)) unmarked.push(`${kind}.${bag}.${path.join(".")}`);
    }
    expect(unmarked).toEqual([]);
}

const plaintexts = () => [
    HIDDEN.email,
    fullName,
    HIDDEN.comment,
    HIDDEN.allowedIp,
    HIDDEN.ipAddr,
    HIDDEN.group,
    HIDDEN.grantUser,
    HIDDEN.note,
    HIDDEN.cidr,
    String(HIDDEN.port),
];

let env: TestEnv;
beforeAll(async () => {
    // Every error answer repeats the request, secrets and all, as careless servers do.
    env = await startTestEnv({ echoRequestsInErrors: true });
});
afterAll(async () => env?.close());

describe.each(Object.keys(programs))("%s provider", (host) => {
    const step = steps();
    let stack: Stack;
    beforeAll(async () => {
        fullName = HIDDEN.fullName;
        stack = await makeStack(env, `secrets-${host}`, programs[host]!, { ...tuxcareConfig(env), ...fluxarkConfig(env) });
    });
    afterAll(async () => {
        await stack?.destroy();
    });

    step("up: none of the marked values is in the state in plaintext, each is a secret in inputs and outputs", async () => {
        const out = collectOutput();
        expect((await stack.up({ onOutput: out.onOutput, diff: true })).summary.result).toBe("succeeded");
        await expectAllSecret(stack, plaintexts());
        for (const p of plaintexts()) expect(out.text()).not.toContain(p);
        // The values reached the API as given.
        expect((await env.admin.list<{ email: string }>("fluxarkUsers")).map((u) => u.email)).toContain(HIDDEN.email);
    });

    step("refresh and an update keep them secret", async () => {
        expect((await stack.refresh()).summary.result).toBe("succeeded");
        await expectAllSecret(stack, plaintexts());
        fullName = UPDATED_NAME;
        const out = collectOutput();
        const up = await stack.up({ onOutput: out.onOutput, diff: true });
        expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
        await expectAllSecret(stack, [...plaintexts(), HIDDEN.fullName]);
        for (const p of [HIDDEN.fullName, UPDATED_NAME]) expect(out.text()).not.toContain(p);
        expect((await stack.preview({ expectNoChanges: true })).changeSummary).toMatchObject({ same: 5 });
    });
});

test("native: an API error that echoes a marked value does not show it", async () => {
    const email = "twice.hidden@secret-mail.example";
    const stack = await makeStack(
        env,
        "secrets-echo",
        async () => {
            const first = new Native(nativeToken("FluxarkUser"), "first", {
                username: "firstx",
                email: pulumi.secret(email),
                password: "First-pass-123",
                fullName: "First",
                authType: "password",
            });
            new Native(
                nativeToken("FluxarkUser"),
                "second",
                { username: "secondx", email: pulumi.secret(email), password: "Second-pass-123", fullName: "Second", authType: "password" },
                { dependsOn: [first] },
            );
        },
        fluxarkConfig(env),
    );
    const out = collectOutput();
    const message = await stack.up({ onOutput: out.onOutput }).then(
        () => "up passed",
        (e: Error) => e.message,
    );
    // FluxArk refused the second user, and its answer repeated the request, e-mail and all.
    expect(message).toMatch(/Duplicate email/);
    const sent = (await env.admin.requests()).filter((r) => r.method === "POST" && JSON.stringify(r.body ?? "").includes(email));
    expect(sent).toHaveLength(2);
    expect(message).not.toContain(email);
    expect(out.text()).not.toContain(email);
    expect(await exportedState(stack)).not.toContain(email);
    await stack.destroy();
});

test("native: a preview error that quotes marked values (an immutable field's change) shows neither", async () => {
    const before = "hidden description one";
    const after = "hidden description two";
    let description = before;
    const stack = await makeStack(
        env,
        "secrets-diff",
        async () =>
            void new Native("tuxcare:index:ServerGroup", "group", { name: "secret-diff-group", description: pulumi.secret(description) }),
        tuxcareConfig(env),
    );
    expect((await stack.up()).summary.result).toBe("succeeded");
    description = after;
    const out = collectOutput();
    const message = await stack.preview({ onOutput: out.onOutput }).then(
        () => "preview passed",
        (e: Error) => e.message,
    );
    expect(message).toMatch(/description of tuxcare:ServerGroup .* cannot change from "\[REDACTED\]" to "\[REDACTED\]"/);
    for (const text of [message, out.text(), await exportedState(stack)])
        for (const value of [before, after]) expect(text).not.toContain(value);
    // Server groups cannot be deleted; the stack only forgets it.
    await stack.destroy();
});
