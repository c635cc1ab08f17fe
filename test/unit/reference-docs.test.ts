import { readFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../../provider/catalog";
import { renderReference, schemaKeys } from "../../scripts/reference-docs";

describe("the reference docs", () => {
    test.each(CATALOG.map((e) => [e.type, e] as const))("%s: every schema input has a field-table entry with documentation", (_type, e) => {
        const keys = schemaKeys(e.schema);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
            expect(e.fields[key]?.doc ?? "").not.toBe("");
        }
        expect(Object.keys(e.fields).sort()).toEqual([...keys].sort());
    });

    test("docs/reference.md matches the code (regenerate with `npm run docs`)", () => {
        const file = readFileSync(path.resolve(__dirname, "../../docs/reference.md"), "utf8");
        expect(file).toBe(renderReference());
    });
});
