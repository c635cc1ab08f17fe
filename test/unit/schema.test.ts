import { readFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../../provider/catalog";
import { secretOutputNames } from "../../provider/core/secrets";
import { PACKAGES } from "../../provider/tokens";
import { renderSchema } from "../../scripts/schema";

const checkedIn = (pkg: string) => readFileSync(path.resolve(__dirname, "../../schema", `${pkg}.json`), "utf8");

describe("the native packages' schemas", () => {
    test.each(PACKAGES)("schema/%s.json matches the code (regenerate with `npm run schema`)", (pkg) => {
        expect(checkedIn(pkg)).toBe(renderSchema(pkg));
    });

    test.each(CATALOG.map((e) => [e.type, e] as const))("%s: every input documented, secrets marked, an import id", (type, entry) => {
        const [pkg, name] = type.split(":");
        const schema = JSON.parse(checkedIn(pkg!)) as {
            resources: Record<
                string,
                {
                    inputProperties: Record<string, { description?: string; secret?: boolean }>;
                    properties: Record<string, { secret?: boolean }>;
                    description: string;
                }
            >;
        };
        const resource = schema.resources[`${pkg}:index:${name}`]!;
        for (const [prop, spec] of Object.entries(resource.inputProperties)) expect([prop, spec.description ?? ""]).not.toEqual([prop, ""]);
        for (const secret of secretOutputNames(entry.fields, entry.secretOutputs)) expect(resource.properties[secret]?.secret).toBe(true);
        expect(entry.importId.format).toBeTruthy();
        expect(resource.description).toContain(`pulumi import ${pkg}:index:${name}`);
    });

    test("a license key is never readable in a schema default or example", () => {
        for (const pkg of PACKAGES) expect(checkedIn(pkg)).not.toMatch(/"default": "[A-Za-z0-9]{16,}"/);
    });
});
