/**
 * What defineResource derives from a declaration: check from the schema (plus the resource's own
 * rule), diff from the field table (immutable changes fail at preview unless the object is
 * replaced), the read copy of what cannot be read, create-only inputs kept by an update, and the
 * declared facts the catalog and schema read. The lifecycle here records its calls: no API.
 */
import { z } from "zod";
import type { FieldTable } from "../../provider/core/diff";
import { defineResource, readInputs, type Lifecycle } from "../../provider/core/define";
import { UNKNOWN } from "../../provider/core/check";

const inputs = z.object({
    name: z.string().min(1, "must not be empty"),
    size: z.number().default(1),
    note: z.string().default(""),
    secretWord: z.string().optional(),
    adopt: z.string().optional(),
});
type Inputs = z.output<typeof inputs>;

const fields: FieldTable<Inputs> = {
    name: { behaviour: "replace", readBack: "yes", doc: "Name." },
    size: { behaviour: "update", readBack: "yes", doc: "Size." },
    note: { behaviour: "immutable", readBack: "yes", doc: "Note.", reason: "notes are carved in stone; rename the thing to change it" },
    secretWord: { behaviour: "update", secret: true, writeOnly: true, readBack: "no", doc: "Secret." },
    adopt: { behaviour: "createOnly", readBack: "no", doc: "Adopt." },
};

const lifecycle = (): Lifecycle => ({
    async create(props) {
        return { id: "1", outs: { ...props, made: "yes" } };
    },
    async read(id, props) {
        // The answer carries a new size and a secretWord it should not be trusted for; no note.
        const inputs = readInputs(
            fields,
            { name: "thing", size: 7, secretWord: "from-the-api", adopt: "from-the-api" } as Partial<Inputs>,
            props as Inputs,
        );
        return { id, props: { ...inputs, made: "yes" }, inputs };
    },
    async update(_id, _olds, news) {
        return { outs: { ...news, made: "again" } };
    },
    async delete() {},
});

const thing = defineResource({
    type: "test:Thing",
    description: "A thing.",
    api: "test",
    inputs,
    fields,
    outputs: {
        made: { type: z.string(), doc: "Made." },
        token: { type: z.string(), secret: true, stable: true, doc: "Token." },
        thingId: { type: z.number(), stable: "id", doc: "Id." },
    },
    importId: { format: "the id", resolve: async (_ctx, id) => ({ id, state: {} }) },
    lifecycle,
    check: (result, olds) =>
        result.inputs?.size === 13 && olds.size !== 13
            ? { inputs: result.inputs, failures: [{ property: "size", reason: "13 is unlucky" }] }
            : result,
});
const handlers = thing.handlers(undefined);
const state = { name: "thing", size: 1, note: "first", secretWord: "s3cret-word", adopt: "old", made: "yes" };

describe("defineResource", () => {
    test("check: the schema's failures name the property; defaults applied; the resource's own rule runs after", async () => {
        expect(await handlers.check({}, { name: "" })).toMatchObject({ failures: [{ property: "name", reason: "must not be empty" }] });
        expect(await handlers.check({}, { name: "a" })).toEqual({ inputs: { name: "a", size: 1, note: "" } });
        expect(await handlers.check({}, { name: "a", size: 13 })).toMatchObject({
            failures: [{ property: "size", reason: "13 is unlucky" }],
        });
        expect((await handlers.check({ size: 13 }, { name: "a", size: 13 })).failures).toBeUndefined();
    });

    test("diff: update in place, replace, create-only ignored", async () => {
        expect(await handlers.diff("1", state, { ...state, size: 2 })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(await handlers.diff("1", state, { ...state, name: "other" })).toMatchObject({ changes: true, replaces: ["name"] });
        expect(await handlers.diff("1", state, { ...state, adopt: "new" })).toMatchObject({ changes: false });
    });

    test("diff: an immutable field's change fails with its reason, unless the object is replaced; unset is its default", async () => {
        await expect(handlers.diff("1", state, { ...state, note: "second" })).rejects.toThrow(
            'note of test:Thing "1" cannot change from "first" to "second": notes are carved in stone; rename the thing to change it',
        );
        expect(await handlers.diff("1", state, { ...state, name: "other", note: "second" })).toMatchObject({
            changes: true,
            replaces: ["name"],
        });
        await expect(handlers.diff("1", { ...state, note: undefined }, { ...state, note: "" })).resolves.toMatchObject({ replaces: [] });
        await expect(handlers.diff("1", { ...state, note: undefined }, { ...state, note: "x" })).rejects.toThrow(
            'cannot change from "" to "x"',
        );
        // Not known at preview: planned as a change, checked when the value is known.
        expect(await handlers.diff("1", state, { ...state, note: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
    });

    test("read: write-only, unreadable and create-only fields keep their last applied value; absent ones too", async () => {
        const result = await handlers.read("1", state);
        expect(result.inputs).toEqual({ name: "thing", size: 7, note: "first", secretWord: "s3cret-word", adopt: "old" });
    });

    test("update: a create-only input keeps the value it was created with", async () => {
        const { outs } = await handlers.update("1", state, { ...state, size: 3, adopt: "new" });
        expect(outs).toMatchObject({ size: 3, adopt: "old", made: "again" });
    });

    test("the declared facts: secret outputs, the import id, handlers per API context", async () => {
        expect(thing.secretOutputs).toEqual(["token"]);
        expect(await thing.resolveImport({ test: undefined }, "9")).toEqual({ id: "9", state: {} });
        const seen: string[] = [];
        const inContext = defineResource({
            ...thingSpec(),
            lifecycle: (ctx: string) => {
                seen.push(ctx);
                return lifecycle();
            },
        });
        inContext.handlersIn({ test: "the test API's context" });
        expect(seen).toEqual(["the test API's context"]);
    });

    test("a preview's outputs: the new inputs; on an update the create-only inputs and stable outputs as they were, the rest unknown", () => {
        const olds = { ...state, token: "tok-1", thingId: 1 };
        const news = { name: "thing", size: UNKNOWN, note: "first", adopt: "new" };
        expect(thing.stableOutputs).toEqual(["token", "thingId"]);
        expect(thing.previewOutputs(news, olds)).toEqual({
            name: "thing",
            size: UNKNOWN,
            note: "first",
            adopt: "old",
            made: UNKNOWN,
            token: "tok-1",
            thingId: 1,
        });
        // A create has nothing to keep: every output is unknown.
        expect(thing.previewOutputs(news)).toEqual({ ...news, made: UNKNOWN, token: UNKNOWN, thingId: UNKNOWN });
    });

    test("an immutable field without a reason is refused when the resource is defined", () => {
        expect(() =>
            defineResource({ ...thingSpec(), fields: { ...fields, note: { behaviour: "immutable", readBack: "yes", doc: "Note." } } }),
        ).toThrow("test:Thing: immutable field note needs a reason");
    });
});

function thingSpec() {
    return {
        type: "test:Thing" as const,
        description: "A thing.",
        api: "test" as const,
        inputs,
        fields,
        outputs: {},
        importId: { format: "the id", resolve: async () => undefined },
        lifecycle,
    };
}
