/**
 * The release workflow cannot run here, so: actionlint (fetched through the Go module proxy at a
 * pinned version) finds nothing in it; it builds the plugins for every platform on a runner of that
 * platform with the script `npm run package` runs (test/e2e/published-install.test.ts runs that
 * script here and installs what it makes); and CHANGELOG.md has the section its notes come from.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/pulumi";

const exec = promisify(execFile);
jest.setTimeout(10 * 60_000);
const ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12";
const WORKFLOW = path.join(REPO_ROOT, ".github", "workflows", "release.yml");
const workflow = readFileSync(WORKFLOW, "utf8");

test("actionlint finds no problem in the release workflow", async () => {
    // Outside any module, so `go run pkg@version` resolves the tool by itself.
    const run = exec("go", ["run", ACTIONLINT, "-no-color", WORKFLOW], {
        cwd: tmpdir(),
        env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" },
    });
    await expect(run.then((r) => r.stdout)).resolves.toBe("");
});

test("the workflow builds every platform's plugins with the package script, after the tests, on a version tag", () => {
    const platforms = [...workflow.matchAll(/- \{ os: (\w+), arch: (\w+), runner: ([\w.-]+) \}/g)].map((m) => `${m[1]}-${m[2]}`);
    expect(platforms.sort()).toEqual(["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64", "windows-arm64"]);
    const pkgScript = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
        .scripts.package!;
    const build = /node dist\/scripts\/package-plugins\.js/;
    expect(pkgScript).toMatch(build);
    expect(workflow).toMatch(build);
    expect(workflow).toMatch(/bash \.ci\/run/);
    expect(workflow.match(/needs: test/g)).toHaveLength(2);
    expect(workflow).toMatch(/needs: \[plugins, sdks\]/);
    expect(workflow).toMatch(/tags: \["v\[0-9\]\+\.\[0-9\]\+\.\[0-9\]\+"\]/);
    expect(workflow).toMatch(/git tag "sdk\/go\/\$GITHUB_REF_NAME"/);
});

test("CHANGELOG.md has a section for the release notes, and the released version's", () => {
    const changelog = readFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), "utf8");
    const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const sections = [...changelog.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toContain(version);
    expect(sections[0]).toMatch(/^Unreleased$|^\d+\.\d+\.\d+$/);
});
