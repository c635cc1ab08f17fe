/**
 * The plugins as a user outside this repository gets them. The archives of the self-contained
 * executables, built by the script `npm run package` and the release workflow run, are served by a plain HTTP server on 127.0.0.1, standing in for the
 * release assets the schemas' pluginDownloadURL names. Then:
 * - `pulumi plugin install resource <name> <version> --server <url>` installs them;
 * - a Go program (test/go/published_test.go, the Go SDK required by its published path through a
 *   local module proxy) that names no plugin makes the engine fetch both by itself into an empty
 *   PULUMI_HOME: PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES points the schema's download URL at the
 *   server; up, a clean preview, destroy.
 * No plugin and no Node.js on the PATH of the engine and of the plugins it starts.
 */
import { execFile } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { archiveName, packageVersion } from "../../scripts/package-plugins";
import { goModuleSetup } from "../helpers/go-module";
import { languageEnv, printed } from "../helpers/language-env";
import { REPO_ROOT } from "../helpers/pulumi";

const exec = promisify(execFile);
jest.setTimeout(20 * 60_000);
const env = languageEnv("published", { name: "published-imported", ip: "10.7.7.7" });

let server: Server;
let serverUrl: string;
const requested: string[] = [];
/** The engine's folders alone (scripts/setup-pulumi.sh prints them), the whole PATH in these tests. */
let enginePath: string;
const version = packageVersion();
const { pluginDownloadURL } = require(path.join(REPO_ROOT, "schema", "tuxcare.json")) as { pluginDownloadURL: string };

beforeAll(async () => {
    enginePath = (await exec("bash", [path.join(REPO_ROOT, "scripts", "setup-pulumi.sh")])).stdout.trim();
    const archives = path.join(env.env.dir, "release-assets");
    // The script `npm run package` and the release workflow run (dist/ is built before the e2e tests).
    const built = (
        await exec(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "package-plugins.js"), archives], {
            maxBuffer: 16 * 1024 * 1024,
        })
    ).stdout
        .trim()
        .split("\n");
    expect(built.map((f) => path.basename(f)).sort()).toEqual([archiveName("fluxark", version), archiveName("tuxcare", version)]);
    server = createServer((req, res) => {
        requested.push(req.url ?? "");
        const file = path.join(archives, path.basename(decodeURIComponent(req.url ?? "")));
        if (!existsSync(file)) return void res.writeHead(404).end();
        // The engine checks the length it reads against the one announced, as release hosts announce it.
        res.writeHead(200, { "content-type": "application/gzip", "content-length": statSync(file).size });
        createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 20 * 60_000);
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** What the engine's processes see: the engine, a Pulumi home, nothing else on PATH. */
function engineEnv(home: string): NodeJS.ProcessEnv {
    const { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: _off, ...rest } = env.vars;
    return { ...rest, PATH: enginePath, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" };
}

test("the PATH of these tests holds the engine, and no Node.js and no plugin of ours", () => {
    const dirs = enginePath.split(path.delimiter);
    for (const name of ["node", "pulumi-resource-tuxcare", "pulumi-resource-fluxark"])
        expect(dirs.filter((d) => existsSync(path.join(d, name)))).toEqual([]);
    expect(dirs.filter((d) => existsSync(path.join(d, "pulumi")))).toHaveLength(1);
});

test("pulumi plugin install --server fetches the archives the engine names and installs runnable plugins", async () => {
    const home = path.join(env.env.dir, "home-install");
    mkdirSync(home);
    const vars = engineEnv(home);
    for (const name of ["tuxcare", "fluxark"])
        await exec("pulumi", ["plugin", "install", "resource", name, version, "--server", serverUrl], { env: vars });
    expect(requested).toEqual(expect.arrayContaining([`/${archiveName("tuxcare", version)}`, `/${archiveName("fluxark", version)}`]));
    const listed = (await exec("pulumi", ["plugin", "ls"], { env: vars })).stdout;
    expect(listed).toMatch(new RegExp(`tuxcare\\s+resource\\s+${version}`));
    expect(listed).toMatch(new RegExp(`fluxark\\s+resource\\s+${version}`));
    // The installed executable is the self-contained one: it starts and prints its port with no Node.js on PATH.
    const exe = path.join(home, "plugins", `resource-tuxcare-v${version}`, "pulumi-resource-tuxcare");
    const started = execFile(exe, [], { env: { PATH: enginePath } });
    const port = await new Promise<string>((resolve, reject) => {
        started.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
        started.once("exit", (code) => reject(new Error(`the plugin exited with ${code}`)));
    });
    started.kill();
    expect(port).toMatch(/^\d+$/);
});

test("a Go program naming no plugin: the engine fetches both from the schema's download URL, then up, a clean preview, destroy", async () => {
    const go = await goModuleSetup(env.env.dir);
    const testBinary = path.join(env.env.dir, "published.test");
    // Compiled with the usual PATH (go, a C compiler); run with the engine's alone.
    await exec("go", ["test", "-c", "-o", testBinary, "."], { cwd: go.dir, env: go.vars, maxBuffer: 16 * 1024 * 1024 });
    const home = path.join(env.env.dir, "home-auto");
    mkdirSync(home);
    requested.length = 0;
    const escaped = pluginDownloadURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const output = await printed(
        exec(testBinary, ["-test.run", "^TestPublishedPlugins$", "-test.v", "-test.count=1"], {
            cwd: go.dir,
            env: { ...engineEnv(home), PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${escaped}$=${serverUrl}` },
            maxBuffer: 64 * 1024 * 1024,
        }),
    );
    expect(output).toMatch(/--- PASS: TestPublishedPlugins/);
    expect(output).not.toMatch(/--- FAIL/);
    expect(output).not.toContain("from $PATH");
    expect(requested).toEqual(expect.arrayContaining([`/${archiveName("tuxcare", version)}`, `/${archiveName("fluxark", version)}`]));
    expect(readdirSync(path.join(home, "plugins"))).toEqual(
        expect.arrayContaining([`resource-tuxcare-v${version}`, `resource-fluxark-v${version}`]),
    );
    expect(await env.env.admin.list("kcareKeys")).toEqual([]);
});
