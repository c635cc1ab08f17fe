import { diffFields, sameValue, type FieldTable } from "../../provider/core/diff";
import { UNKNOWN } from "../../provider/core/check";

interface Inputs {
    limit: number;
    note: string;
    cidrs: string[];
    adopt?: string;
}

const table: FieldTable<Inputs> = {
    limit: { behaviour: "replace", readBack: "yes", doc: "" },
    note: { behaviour: "update", readBack: "yes", doc: "" },
    cidrs: { behaviour: "update", readBack: "no", doc: "" },
    adopt: { behaviour: "createOnly", readBack: "no", doc: "" },
};
const olds = { limit: 2, note: "a", cidrs: ["10.0.0.0/8"], key: "secret-output" };

describe("the diff table", () => {
    test("no change when every input is the same (outputs in olds are ignored)", () => {
        expect(diffFields(table, olds, { limit: 2, note: "a", cidrs: ["10.0.0.0/8"] })).toEqual({
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    test("an update field changes in place", () => {
        expect(diffFields(table, olds, { limit: 2, note: "b", cidrs: ["10.0.0.0/8"] })).toEqual({
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    test("a replace field is listed in replaces", () => {
        expect(diffFields(table, olds, { limit: 3, note: "b", cidrs: [] })).toEqual({
            changes: true,
            replaces: ["limit"],
            deleteBeforeReplace: false,
        });
    });

    test("deleteBeforeReplace only when something is replaced and it is asked for", () => {
        expect(
            diffFields(table, olds, { limit: 3, note: "a", cidrs: ["10.0.0.0/8"] }, { deleteBeforeReplace: true }).deleteBeforeReplace,
        ).toBe(true);
        expect(
            diffFields(table, olds, { limit: 2, note: "b", cidrs: ["10.0.0.0/8"] }, { deleteBeforeReplace: true }).deleteBeforeReplace,
        ).toBe(false);
    });

    test("createOnly fields never cause a diff", () => {
        expect(diffFields(table, olds, { limit: 2, note: "a", cidrs: ["10.0.0.0/8"], adopt: "other" }).changes).toBe(false);
    });

    test("an unknown value during preview counts as a change", () => {
        expect(diffFields(table, olds, { limit: UNKNOWN, note: "a", cidrs: ["10.0.0.0/8"] })).toMatchObject({
            changes: true,
            replaces: ["limit"],
        });
    });

    test("missing, undefined and null are the same 'not set'", () => {
        expect(sameValue(undefined, null)).toBe(true);
        expect(sameValue(null, undefined)).toBe(true);
        expect(sameValue([], undefined)).toBe(false);
        expect(sameValue({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    });
});
