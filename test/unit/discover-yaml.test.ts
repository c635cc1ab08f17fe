/** The Pulumi YAML writer of `discover`: values as Pulumi YAML reads them, no secret, an import file of the keys. */
import { KeyLookup, List, Literal, Ref, SecretConfig, type AccountRead } from "../../cli/discover";
import { yamlProgram } from "../../cli/discover-yaml";

const server = { name: "server-web-01", ident: "serverWeb01" };
const read: AccountRead = {
    declarations: [
        {
            ...server,
            cls: "FluxarkServer",
            type: "fluxark:index:FluxarkServer",
            props: { name: new Literal("web-01"), groups: new Literal(["${not-a-ref}"]), adopt: new Literal(7) },
            dependsOn: [],
            importId: "7",
        },
        {
            name: "remote-web-01-deploy",
            ident: "remoteWeb01Deploy",
            cls: "FluxarkServerUser",
            type: "fluxark:index:FluxarkServerUser",
            props: {
                serverId: new Ref(server, "serverId"),
                username: new Literal("deploy"),
                sshKey: new SecretConfig("remoteWeb01DeploySshKey"),
                note: undefined,
                adopt: new Literal(9),
            },
            comment: "sshKey is a private key:\nset it with pulumi config set --secret",
            dependsOn: [server],
            importId: "9",
        },
        {
            name: "kcare-web",
            ident: "kcareWeb",
            cls: "KcareKey",
            type: "tuxcare:index:KcareKey",
            props: { limit: new Literal(5), adopt: new KeyLookup("kcare-0123456789abcdef") },
            dependsOn: [],
            importId: "kcare-0123456789abcdef",
        },
        {
            name: "user-a",
            ident: "userA",
            cls: "FluxarkUser",
            type: "fluxark:index:FluxarkUser",
            props: { groups: new List([new Ref({ name: "team-ops", ident: "teamOps" }, "name"), new Literal("legacy")]) },
            dependsOn: [],
            importId: "3",
        },
    ],
    counts: { FluxarkServer: 1, FluxarkServerUser: 1, KcareKey: 1, FluxarkUser: 1 },
    adjusted: [],
    skipped: ["ACL rule 4 of yara: expired"],
    secretConfig: [{ key: "remoteWeb01DeploySshKey", what: "the private SSH key of deploy on web-01" }],
};
// js-yaml comes with @pulumi/pulumi (a dependency of it, which reads Pulumi.yaml files with it); it ships no types.
const { load } = require("js-yaml") as { load(text: string): unknown };

const files = yamlProgram(read, {
    tuxcare: true,
    fluxark: true,
    out: "unused",
    projectName: "fleet",
    progress: () => undefined,
    format: "yaml",
});
const program = load(files["Pulumi.yaml"]!) as {
    name: string;
    runtime: string;
    config: Record<string, unknown>;
    resources: Record<string, { type: string; properties?: Record<string, unknown>; options?: { dependsOn: string[] } }>;
};

test("a literal ${ is escaped, references and secret config are interpolations", () => {
    expect(program.name).toBe("fleet");
    expect(program.runtime).toBe("yaml");
    expect(program.resources["server-web-01"]!.properties!.groups).toEqual(["$${not-a-ref}"]);
    expect(program.resources["remote-web-01-deploy"]!.properties).toEqual({
        serverId: "${server-web-01.serverId}",
        username: "deploy",
        sshKey: "${remoteWeb01DeploySshKey}",
        adopt: 9,
    });
    expect(program.resources["remote-web-01-deploy"]!.options!.dependsOn).toEqual(["${server-web-01}"]);
    expect(program.resources["user-a"]!.properties!.groups).toEqual(["${team-ops.name}", "legacy"]);
    expect(program.config).toEqual({ remoteWeb01DeploySshKey: { type: "string", secret: true } });
});

test("a license key is left to the import file, by its fingerprint id; comments keep every line", () => {
    expect(program.resources["kcare-web"]).toEqual({ type: "tuxcare:index:KcareKey", properties: { limit: 5 } });
    expect(JSON.parse(files["import.json"]!)).toEqual({
        resources: [{ type: "tuxcare:index:KcareKey", name: "kcare-web", id: "kcare-0123456789abcdef" }],
    });
    expect(files["Pulumi.yaml"]).toContain(
        "  # sshKey is a private key:\n  # set it with pulumi config set --secret\n  remote-web-01-deploy:",
    );
    expect(files["README.md"]).toContain("pulumi config set --secret remoteWeb01DeploySshKey < key-file");
    expect(files["README.md"]).toContain("- ACL rule 4 of yara: expired");
});
