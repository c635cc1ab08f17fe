/**
 * Each resource's JSON description (schema/resources/<Name>.json) is derived from its definition,
 * checked in, and the native schemas are built from it: it must match the code and say, for every
 * input and output, its type, whether it is required and secret, and what a change does.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../../provider/catalog";
import type { ResourceDescription } from "../../provider/core/describe";
import { renderDescription } from "../../scripts/schema";

const DESCRIPTION_DIR = path.resolve(__dirname, "../../schema/resources");
const descriptionFile = (type: string) => path.join(DESCRIPTION_DIR, `${type.split(":")[1]}.json`);
const checkedIn = (type: string) => readFileSync(descriptionFile(type), "utf8");

describe("the resources' JSON descriptions", () => {
    test.each(CATALOG.map((e) => [e.type] as const))(
        "%s: the checked-in file matches the code (regenerate with `npm run schema`)",
        (type) => {
            expect(existsSync(descriptionFile(type))).toBe(true);
            expect(checkedIn(type)).toBe(renderDescription(type));
        },
    );

    test("there is one file per resource, and no other", () => {
        expect(readdirSync(DESCRIPTION_DIR).sort()).toEqual(CATALOG.map((e) => path.basename(descriptionFile(e.type))).sort());
    });

    test.each(CATALOG.map((e) => [e.type, e] as const))(
        "%s: every input and output has a type, required, secret and a description; inputs say what a change does",
        (type, entry) => {
            const d = JSON.parse(checkedIn(type)) as ResourceDescription;
            expect(d.type).toBe(type);
            expect(Object.keys(d.inputs).sort()).toEqual(Object.keys(entry.fields).sort());
            expect(Object.keys(d.outputs).sort()).toEqual(Object.keys(entry.outputs).sort());
            for (const p of [...Object.values(d.inputs), ...Object.values(d.outputs)]) {
                expect(Object.keys(p.schema).length).toBeGreaterThan(0);
                expect(typeof p.required).toBe("boolean");
                expect(typeof p.secret).toBe("boolean");
                expect(p.description).not.toBe("");
            }
            for (const [name, input] of Object.entries(d.inputs)) {
                expect(input.onChange).toBe(entry.fields[name]!.behaviour);
                expect(input.replaceOnChange).toBe(input.onChange === "replace");
            }
        },
    );

    test("the facts land where they are declared: a secret input, a secret output, a required input, an immutable input", () => {
        const kcare = JSON.parse(checkedIn("tuxcare:KcareKey")) as ResourceDescription;
        expect(kcare.inputs.adopt).toMatchObject({ secret: true, required: false, onChange: "createOnly" });
        expect(kcare.inputs.limit).toMatchObject({ required: true, replaceOnChange: true });
        expect(kcare.inputs.cidrs).toMatchObject({ readBack: "no", onChange: "update" });
        expect(kcare.outputs.key).toMatchObject({ secret: true, required: true, schema: { type: "string" } });
        const group = JSON.parse(checkedIn("tuxcare:ServerGroup")) as ResourceDescription;
        expect(group.inputs.description).toMatchObject({
            onChange: "immutable",
            replaceOnChange: false,
            immutableReason: expect.stringContaining("no call to update a group's description"),
        });
        const user = JSON.parse(checkedIn("fluxark:FluxarkUser")) as ResourceDescription;
        expect(user.inputs.password).toMatchObject({ secret: true, writeOnly: true, readBack: "no" });
    });
});
