/**
 * What the published package is called and where it is fetched from: derived from package.json,
 * the plugin archives' names, and the package a self-contained plugin serves.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { publication } from "../../provider/host/publication";
import { packageToServe } from "../../provider/host/served-package";
import { archiveName, pulumiPlatform } from "../../scripts/package-plugins";
import { REPO_ROOT } from "../helpers/pulumi";

test("everything published is derived from package.json's repository and version, and the schemas carry it", () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const p = publication();
    expect(manifest.repository.url).toContain(p.repository.replace("https://", ""));
    expect(p.version).toBe(manifest.version);
    for (const pkg of ["tuxcare", "fluxark"]) {
        const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "schema", `${pkg}.json`), "utf8"));
        expect(schema).toMatchObject({
            version: manifest.version,
            pluginDownloadURL: p.pluginDownloadURL,
            repository: p.repository,
            homepage: p.repository,
            publisher: p.owner,
            logoUrl: p.logoUrl,
        });
        expect(schema.keywords).toEqual(expect.arrayContaining(["kind/native", expect.stringMatching(/^category\//)]));
        expect(schema.language.go.importBasePath).toBe(`${p.goModule}/${pkg}`);
    }
    expect(readFileSync(path.join(REPO_ROOT, "sdk", "go", "go.mod"), "utf8")).toMatch(new RegExp(`^module ${p.goModule}$`, "m"));
});

test("a repository URL in any of npm's spellings gives the same publication; from v2 the Go module path carries the major", () => {
    for (const url of [
        "git+https://github.com/acme/pulumi-x.git",
        "https://github.com/acme/pulumi-x",
        "git@github.com:acme/pulumi-x.git",
    ]) {
        expect(publication(url, "0.3.0")).toMatchObject({
            owner: "acme",
            repo: "pulumi-x",
            pluginDownloadURL: "github://api.github.com/acme/pulumi-x",
            goModule: "github.com/acme/pulumi-x/sdk/go",
        });
    }
    expect(publication("https://github.com/acme/pulumi-x", "2.1.0").goModule).toBe("github.com/acme/pulumi-x/sdk/go/v2");
    expect(() => publication("https://gitlab.com/acme/x", "1.0.0")).toThrow(/not a GitHub repository/);
});

test("archives are named as the engine asks for them, per platform", () => {
    expect(pulumiPlatform("linux", "x64")).toEqual({ os: "linux", arch: "amd64" });
    expect(pulumiPlatform("darwin", "arm64")).toEqual({ os: "darwin", arch: "arm64" });
    expect(pulumiPlatform("win32", "x64")).toEqual({ os: "windows", arch: "amd64" });
    expect(() => pulumiPlatform("aix", "ppc64")).toThrow(/no Pulumi plugin platform/);
    expect(archiveName("tuxcare", "0.1.0", { os: "windows", arch: "arm64" })).toBe("pulumi-resource-tuxcare-v0.1.0-windows-arm64.tar.gz");
});

test("a plugin serves the package named by its argument, else by its executable's name", () => {
    expect(packageToServe(["fluxark", "127.0.0.1:1"], "/usr/bin/node")).toBe("fluxark");
    expect(packageToServe(["127.0.0.1:1"], "/home/u/.pulumi/plugins/resource-tuxcare-v0.1.0/pulumi-resource-tuxcare")).toBe("tuxcare");
    expect(packageToServe(["127.0.0.1:1"], "C:\\plugins\\pulumi-resource-fluxark.exe")).toBe("fluxark");
    expect(packageToServe(["127.0.0.1:1"], "/usr/bin/node")).toBeUndefined();
    expect(packageToServe([], "/x/pulumi-resource-other")).toBeUndefined();
});

test("the registry pages: every setting of both schemas with its environment variable, and an example in each language", () => {
    const install = readFileSync(path.join(REPO_ROOT, "docs", "installation-configuration.md"), "utf8");
    const index = readFileSync(path.join(REPO_ROOT, "docs", "_index.md"), "utf8");
    for (const page of [install, index]) expect(page).toMatch(/^---\ntitle: .+\nmeta_desc: .+\nlayout: package\n---\n/);
    for (const pkg of ["tuxcare", "fluxark"]) {
        const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "schema", `${pkg}.json`), "utf8"));
        for (const [key, spec] of Object.entries<{ description: string }>(schema.config.variables)) {
            const envVar = /Environment: (\w+)\./.exec(spec.description)![1]!;
            expect(install).toMatch(new RegExp(`\\| \`${pkg}:${key}\`( \\(secret\\))? \\| \`${envVar}\` \\|`));
        }
    }
    for (const lang of ["typescript", "python", "go", "yaml"]) expect(index).toContain(`{{% choosable language ${lang} %}}`);
    expect(install).toContain(publication().pluginDownloadURL);
    expect(install).toContain(`go get ${publication().goModule}`);
    // The overview's guide links leave the registry for the repository: the one package.json names, and pages it has.
    const guides = [...index.matchAll(/\]\((https:\/\/github\.com\/[^)\s]+)\)/g)].map((m) => m[1]!);
    expect(guides.length).toBeGreaterThan(0);
    for (const url of guides) {
        expect(url.startsWith(`${publication().repository}/blob/main/docs/`)).toBe(true);
        expect(existsSync(path.join(REPO_ROOT, "docs", url.slice(`${publication().repository}/blob/main/docs/`.length)))).toBe(true);
    }
});
