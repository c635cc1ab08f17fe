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

    test("each input row says its type and its value when unset, from the schema", () => {
        const reference = renderReference();
        const row = (type: string, input: string) => {
            const section = reference.slice(reference.indexOf(`## ${type}\n`));
            return section
                .split("\n")
                .find((l) => l.startsWith(`| \`${input}\` |`))
                ?.split(" | ");
        };
        expect(row("tuxcare:KcareKey", "limit")?.slice(1, 4)).toEqual(["whole number", "required", "replaces"]);
        expect(row("tuxcare:KcareKey", "cidrs")?.slice(1, 3)).toEqual(["list of string", "unset: never sent"]);
        expect(row("tuxcare:KcareKey", "adopt")?.[1]).toBe("string (secret)");
        expect(row("tuxcare:ElsKey", "productCode")?.[1]).toBe(
            "one of `CELS`, `OELS`, `UELS16`, `CELS_8`, `UELS18`, `PHP_ELS`, `PYTHON_ELS`, `ESU`",
        );
        expect(row("fluxark:FluxarkServer", "port")?.slice(1, 3)).toEqual(["whole number", "`22`"]);
        expect(row("fluxark:FluxarkUser", "ipAllowList")?.[2]).toBe("`[]`");
        expect(row("fluxark:FluxarkAcl", "userId")?.[1]).toBe("id (a number, or its digits as a string)");
        expect(row("fluxark:UserGroup", "grants")?.slice(1, 3)).toEqual([
            "list of {serverGroup, username?, expireTime?, reason?, requestedBy?, approvedBy?, breakGlass?}",
            "`[]`",
        ]);
        for (const e of CATALOG) for (const key of schemaKeys(e.schema)) expect(row(e.type, key)?.slice(1, 3)).not.toContain("?");
    });
});
