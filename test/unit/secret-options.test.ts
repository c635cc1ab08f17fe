/**
 * The resource classes mark their secret inputs and outputs in `additionalSecretOutputs` without
 * dropping what the program listed there itself. Read from the registration the SDK sends (its mock
 * monitor), so the classes' real constructors are what is tested.
 */
import * as pulumi from "@pulumi/pulumi";
import { ElsKey, FluxarkServerUser, FluxarkUser, KcareKey } from "../../provider";
import { withSecretOutputs } from "../../provider/core/secrets";
import { elsKeyFields } from "../../provider/tuxcare/els-key";

/** Resource name -> the additionalSecretOutputs its registration carried. */
const registered = new Map<string, string[]>();

beforeAll(async () => {
    await pulumi.runtime.setMocks(
        { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
        "secret-options",
        "test",
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource: (req: { getName(): string; getAdditionalsecretoutputsList(): string[] }, cb: unknown) => Promise<void>;
    };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        registered.set(req.getName(), req.getAdditionalsecretoutputsList());
        return original(req, cb);
    };
});

/** Waits for a resource's registration to reach the monitor. */
const registration = (resource: pulumi.CustomResource, name: string) =>
    new Promise<string[]>((resolve) => resource.urn.apply(() => resolve(registered.get(name) ?? [])));

test.each([
    [
        "FluxarkUser",
        () =>
            new FluxarkUser(
                "u",
                { username: "u", email: "u@example.com", password: "Passw0rd-long", fullName: "U", authType: "password" },
                { additionalSecretOutputs: ["email"] },
            ),
        "u",
        ["email", "password"],
    ],
    [
        "FluxarkServerUser",
        () =>
            new FluxarkServerUser(
                "su",
                { serverId: 1, username: "root", password: "Remote-Passw0rd" },
                { additionalSecretOutputs: ["username"] },
            ),
        "su",
        ["username", "password", "sshKey"],
    ],
    [
        "ElsKey",
        () => new ElsKey("els", { productCode: "CELS", limit: 1 }, { additionalSecretOutputs: ["note"] }),
        "els",
        ["note", "adopt", "key"],
    ],
    ["KcareKey", () => new KcareKey("kc", { limit: 1 }, { additionalSecretOutputs: ["note", "key"] }), "kc", ["note", "key", "adopt"]],
] as const)("%s keeps the program's own additionalSecretOutputs and adds its secrets", async (_type, make, name, expected) => {
    expect(await registration(make(), name)).toEqual(expected);
});

test("withSecretOutputs: nothing given, the table's secrets and the API's; given, merged without repeats", () => {
    expect(withSecretOutputs(elsKeyFields, undefined, ["key"])).toEqual({ additionalSecretOutputs: ["adopt", "key"] });
    expect(withSecretOutputs(elsKeyFields, { protect: true, additionalSecretOutputs: ["key", "note"] }, ["key"])).toEqual({
        protect: true,
        additionalSecretOutputs: ["key", "note", "adopt"],
    });
});
