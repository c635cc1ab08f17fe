/**
 * The resources' public types (provider/<api>/resources.generated.ts) are generated from their
 * declarations: the checked-in files must match what the code renders, and a hand edit that
 * disagrees with a declaration must fail to compile, naming the property. The compile checks run
 * the TypeScript compiler on edited copies of a generated file (fixtures in a temp folder).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { PACKAGES, type PackageName } from "../../provider/tokens";
import { renderTypes, typesDrift } from "../../scripts/public-types";

const ROOT = path.resolve(__dirname, "../..");
const generated = (api: PackageName) => path.join(ROOT, "provider", api, "resources.generated.ts");
const checkedIn = (api: PackageName) => readFileSync(generated(api), "utf8");

/** Replaces `from` by `to` once, failing when `from` is not there (the fixture would prove nothing). */
function edit(text: string, from: string, to: string): string {
    expect(text).toContain(from);
    return text.replace(from, to);
}

/**
 * The errors the compiler reports in each fixture: a copy of a generated file of `api`, edited, in
 * a temp folder, its imports pointed back at the repository.
 */
function compileErrors(api: PackageName, fixtures: Record<string, string>): Record<string, string[]> {
    const dir = mkdtempSync(path.join(tmpdir(), "public-types-"));
    try {
        const files = Object.entries(fixtures).map(([name, text]) => {
            const file = path.join(dir, `${name}.ts`);
            const absolute = text
                .replace(/from "\.\.\/core\//g, `from "${path.join(ROOT, "provider", "core")}/`)
                .replace(/from "\.\//g, `from "${path.join(ROOT, "provider", api)}/`)
                .replace(/from "@pulumi\/pulumi"/g, `from "${path.join(ROOT, "node_modules", "@pulumi", "pulumi")}"`);
            writeFileSync(file, absolute);
            return [name, file] as const;
        });
        const config = ts.parseJsonConfigFileContent(
            ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config,
            ts.sys,
            ROOT,
        );
        const options = {
            ...config.options,
            noEmit: true,
            rootDir: undefined,
            types: ["node"],
            typeRoots: [path.join(ROOT, "node_modules", "@types")],
        };
        const program = ts.createProgram(
            files.map(([, f]) => f),
            options,
        );
        return Object.fromEntries(
            files.map(([name, file]) => [
                name,
                ts
                    .getPreEmitDiagnostics(program, program.getSourceFile(file))
                    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
            ]),
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe("the generated public types", () => {
    test.each(PACKAGES)("provider/%s/resources.generated.ts matches the declarations (regenerate with `npm run generate`)", (api) => {
        expect(typesDrift(api, checkedIn(api))).toBeUndefined();
        expect(checkedIn(api)).toBe(renderTypes(api));
    });

    test("a class missing an output its declaration has is out of date, and the drift names the output and the fix", () => {
        const stale = edit(
            checkedIn("fluxark"),
            "    declare readonly created: pulumi.Output<string>;\n}\n\n// Compile-time checks: the Args and the class agree with the declaration.\ntype _FluxarkAclAgrees",
            "}\n\n// Compile-time checks: the Args and the class agree with the declaration.\ntype _FluxarkAclAgrees",
        );
        const drift = typesDrift("fluxark", stale);
        expect(drift).toContain("provider/fluxark/resources.generated.ts is out of date");
        expect(drift).toContain("declare readonly created: pulumi.Output<string>;");
        expect(drift).toContain("npm run generate");
    });

    test("every resource's Args, class and checks are there, with the FluxarkAcl output its SDKs have (created)", () => {
        const fluxark = checkedIn("fluxark");
        for (const name of ["FluxarkServer", "FluxarkServerUser", "FluxarkUser", "FluxarkAcl", "UserGroup"]) {
            expect(fluxark).toContain(`export interface ${name}Args {`);
            expect(fluxark).toContain(`export class ${name} extends `);
            expect(fluxark).toContain(`Agreed<ArgsAgree<${name}Args, `);
            expect(fluxark).toContain(`Agreed<ClassAgrees<${name}, `);
        }
        const acl = fluxark.slice(fluxark.indexOf("export class FluxarkAcl "));
        expect(acl.slice(0, acl.indexOf("\n}\n"))).toContain("declare readonly created: pulumi.Output<string>;");
        expect(checkedIn("tuxcare")).toContain("export interface KcareServer {");
    });

    test("a hand edit that disagrees with the declaration fails to compile, naming the property", () => {
        const tuxcare = checkedIn("tuxcare");
        const kcareArgs = "export interface KcareKeyArgs {\n";
        const errors = compileErrors("tuxcare", {
            asGenerated: tuxcare,
            extraArg: edit(tuxcare, kcareArgs, `${kcareArgs}    expireDays?: pulumi.Input<number>;\n`),
            argRetyped: edit(
                tuxcare,
                "    limit: pulumi.Input<number>;\n    /** Description, at most 100",
                "    limit: pulumi.Input<string>;\n    /** Description, at most 100",
            ),
            argMadeOptional: edit(
                tuxcare,
                "    limit: pulumi.Input<number>;\n    /** Description, at most 100",
                "    limit?: pulumi.Input<number>;\n    /** Description, at most 100",
            ),
            outputDropped: edit(tuxcare, "    declare readonly enabled: pulumi.Output<boolean>;\n", ""),
            outputRetyped: edit(
                tuxcare,
                "    declare readonly usageLimit: pulumi.Output<number>;\n",
                "    declare readonly usageLimit: pulumi.Output<string>;\n",
            ),
        });
        // The unedited copy compiles: the errors below come from the edits alone.
        expect(errors.asGenerated).toEqual([]);
        expect(errors.extraArg!.join("\n")).toContain("expireDays: in the Args, but not in the declaration");
        expect(errors.argRetyped!.join("\n")).toContain("limit: its type in the Args differs from the declaration");
        expect(errors.argMadeOptional!.join("\n")).toContain(
            "limit: optional in one of the Args and the declaration, required in the other",
        );
        expect(errors.outputDropped!.join("\n")).toContain("enabled: in the declaration, missing from the class");
        expect(errors.outputRetyped!.join("\n")).toContain("usageLimit: its Output in the class differs from the declaration");
    }, 120_000);
});
