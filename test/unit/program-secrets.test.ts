/**
 * The native host's rule for values the program marked secret: whatever came in secret goes out
 * secret, per value, wherever the handler moved it; normalised beyond recognition, the whole
 * property goes out secret. Pure logic over the engine's wire form (no engine here: the e2e
 * program-secrets test drives the real one).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN } from "../../provider/core/check";
import { allProgramSecrets, keepProgramSecrets, programSecrets } from "../../provider/host/program-secrets";

const s = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const wire = (props: Record<string, unknown>) => Struct.fromJavaScript(props as never);

test("a whole input, one list element and a nested field come out marked, even moved by sorting", () => {
    const marks = programSecrets(
        wire({
            note: s("quiet note"),
            port: s(40022),
            active: s(true),
            groups: ["web", s("hidden"), "alpha"],
            grants: [{ serverGroup: "web", username: s("deploy") }, { serverGroup: "alpha" }],
            name: "plain",
        }),
    );
    const out = keepProgramSecrets(
        {
            note: "quiet note",
            port: 40022,
            active: true,
            groups: ["alpha", "hidden", "web"],
            grants: [{ serverGroup: "alpha" }, { serverGroup: "web", username: "deploy" }],
            name: "plain",
            id: 7,
        },
        marks,
    );
    expect(out).toEqual({
        note: s("quiet note"),
        port: s(40022),
        active: s(true),
        groups: ["alpha", s("hidden"), "web"],
        grants: [{ serverGroup: "alpha" }, { serverGroup: "web", username: s("deploy") }],
        name: "plain",
        id: 7,
    });
    expect([...marks.redactable].sort()).toEqual(["40022", "deploy", "hidden", "quiet note"]);
});

test("a marked element the answer no longer holds as it came marks the whole property; a marked string shows marked under any name", () => {
    const marks = programSecrets(wire({ ipAllowList: ["10.0.0.5", s("192.0.2.77/32")], email: s("x@y.example") }));
    const out = keepProgramSecrets(
        { ipAllowList: ["10.0.0.5", "192.0.2.77"], email: "x@y.example", login: "x@y.example", note: ["x@y.example"] },
        marks,
    );
    expect(out).toEqual({
        ipAllowList: s(["10.0.0.5", "192.0.2.77"]),
        email: s("x@y.example"),
        login: s("x@y.example"),
        note: [s("x@y.example")],
    });
});

test("unknowns and absent values stay as they are, and an unknown is never taken for a secret to mask", () => {
    const marks = programSecrets(wire({ note: s(UNKNOWN), cidrs: [s(UNKNOWN)] }));
    expect(keepProgramSecrets({ note: UNKNOWN, cidrs: [UNKNOWN], gone: undefined }, marks)).toEqual({
        note: UNKNOWN,
        cidrs: [UNKNOWN],
        gone: undefined,
    });
    expect(marks.redactable.size).toBe(0);
});

test("an update's values kept from the state keep its marks; a name in the new inputs takes the new marks", () => {
    const marks = programSecrets(wire({ note: "now public" }), wire({ note: s("was secret"), adopt: s(1234) }));
    expect(keepProgramSecrets({ note: "now public", adopt: 1234 }, marks)).toEqual({ note: "now public", adopt: s(1234) });
});

test("a read's inputs and state together", () => {
    const marks = allProgramSecrets(wire({ comment: s("from inputs") }), wire({ fullName: s("from state") }), undefined);
    expect(keepProgramSecrets({ comment: "from inputs", fullName: "from state" }, marks)).toEqual({
        comment: s("from inputs"),
        fullName: s("from state"),
    });
});
