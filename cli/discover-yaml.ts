/**
 * `discover --format yaml`: the discovered accounts as a Pulumi YAML program of the native
 * resources (`tuxcare:index:*`, `fluxark:index:*`), with an import file beside it. The operator
 * runs `pulumi import --file import.json`, which takes the license keys into the stack by their
 * fingerprint ids (adopting a key needs the key itself, which is never written), then `pulumi up`,
 * which adopts every other object by its `adopt` input, as the TypeScript program does, and
 * creates nothing; the next preview is clean.
 *
 * Why not import everything: an imported object's inputs are what its read can tell, so a field
 * no answer carries (a grant's usernames) differs from the program at the first `up`, and a field
 * that replaces would replace the object. Adoption applies the program's values to the object in place.
 *
 * The same care as the TypeScript program: no secret written (license keys are imported by
 * their fingerprint id, passwords left out, private keys read from secret config), resource names
 * unique, fields that cannot be read said in comments.
 */
import type { AccountRead, DiscoverOptions, Prop } from "./discover";
import { configCommands, KeyLookup, List, Literal, readmeClosing, Ref, SecretConfig, summary } from "./discover";

/** A literal string as Pulumi YAML reads it: `${` would start an interpolation, `$${` is a literal one. */
const escapeInterpolation = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(/\$\{/g, () => "$${"); // a function: in a replacement string "$$" is one "$"
    if (Array.isArray(value)) return value.map(escapeInterpolation);
    if (value !== null && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeInterpolation(v)]));
    return value;
};

/** The value as plain data, references as Pulumi YAML interpolations of the target's name. */
function yamlData(v: Exclude<Prop, undefined>): unknown {
    if (v instanceof Literal) return escapeInterpolation(v.value);
    if (v instanceof Ref) return `\${${v.target.name}.${v.output}}`;
    if (v instanceof SecretConfig) return `\${${v.key}}`;
    if (v instanceof List) return v.items.map(yamlData);
    if (v instanceof KeyLookup) throw new Error("a license key lookup has no Pulumi YAML form: the import file adopts the key");
    throw new Error("unknown value");
}

/** JSON is YAML: each value is written as one JSON flow value, so no quoting rule of YAML can bite. */
const flow = (v: unknown) => JSON.stringify(v);

/** A comment of any length, one `#` line per line of text, at the given indent. */
const comment = (text: string, indent: string) => text.split("\n").map((l) => `${indent}# ${l}`);

export function yamlProgram(read: AccountRead, opts: DiscoverOptions): Record<string, string> {
    const { declarations, counts, secretConfig } = read;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const resources = declarations.flatMap((d) => {
        // A license key's adopt (a lookup by fingerprint) is the import file's job.
        const props = Object.entries(d.props).flatMap(([k, v]) =>
            v === undefined || v instanceof KeyLookup ? [] : [`      ${k}: ${flow(yamlData(v))}`],
        );
        return [
            ...(d.comment ? comment(d.comment, "  ") : []),
            `  ${d.name}:`,
            `    type: ${d.type}`,
            ...(props.length ? ["    properties:", ...props] : []),
            ...(d.dependsOn.length ? ["    options:", "      dependsOn:", ...d.dependsOn.map((x) => `        - \${${x.name}}`)] : []),
            "",
        ];
    });
    const config = secretConfig.flatMap((c) => [
        `  # ${c.what}: pulumi config set --secret ${c.key} < key-file`,
        `  ${c.key}:`,
        "    type: string",
        "    secret: true",
    ]);
    const imported = declarations.filter((d) => d.props.adopt instanceof KeyLookup);
    const importFile = { resources: imported.map((d) => ({ type: d.type, name: d.name, id: d.importId })) };
    return {
        "Pulumi.yaml": [
            `name: ${flow(opts.projectName)}`,
            `description: ${flow(`Discovered by pulumi-tuxcare-fluxark discover: ${total} objects, taken over by pulumi import --file import.json, then pulumi up.`)}`,
            "runtime: yaml",
            "",
            "# No secret is in this file: license keys are imported by their fingerprint id (import.json),",
            "# passwords are write-only and left out, remote users' private keys come from secret config.",
            "# Every other object is adopted (taken over, not created) by `pulumi up` through its adopt input.",
            ...(config.length ? ["config:", ...config, ""] : []),
            "resources:",
            ...(resources.length ? resources : ["  {}"]),
        ].join("\n"),
        "import.json": `${JSON.stringify(importFile, null, 2)}\n`,
        "README.md": [
            `# ${opts.projectName}`,
            "",
            `Generated by \`pulumi-tuxcare-fluxark discover --format yaml\`: ${summary(counts)},`,
            "declared in `Pulumi.yaml` with the native provider plugins (`pulumi-resource-tuxcare`, `pulumi-resource-fluxark`).",
            "",
            "```sh",
            "pulumi stack init",
            ...configCommands(secretConfig, opts),
            `pulumi import --file import.json --generate-code=false --protect=false --yes   # the ${imported.length} license keys`,
            "pulumi up       # adopts every other object: nothing is created",
            "pulumi preview  # then shows no changes",
            "```",
            "",
            "`import.json` names each license key by its fingerprint id, never by the key (adopting a key through",
            "its `adopt` input would need the key itself in the program). Every other object carries its `adopt`",
            "input. Passwords are write-only in FluxArk and adoption does not need them: add",
            "`password: ${someSecretConfig}` to a user to manage its password from here on.",
            ...readmeClosing(read, "Pulumi.yaml"),
        ].join("\n"),
    };
}
