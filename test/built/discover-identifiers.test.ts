/**
 * `discover` against a hostile account: names that differ only by case or punctuation (`web-1`,
 * `web1`, `Web_1`), reserved words, the program's own identifiers, leading digits, letters outside
 * ASCII, emoji. Every program it writes must compile with the TypeScript compiler (strict), and
 * every resource name in it must be unique. Needs `npm run -s build` first (the CLI and the
 * package's types come from dist/).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { fluxarkClientFor, tuxcareClientFor } from "../helpers/clients";
import { makeProjectDir, REPO_ROOT } from "../helpers/pulumi";

jest.setTimeout(3 * 60_000);
const exec = promisify(execFile);

/** Server, KernelCare key, server group and user group names that collide once made into identifiers. */
const HOSTILE_NAMES = [
    "web-1",
    "web1",
    "Web1",
    "WEB-1",
    "web_1",
    "web.1",
    "web--1",
    "web-1-2",
    "1st",
    "123",
    "class",
    "new",
    "constructor",
    "__proto__",
    "tf",
    "config",
    "pulumi",
    "discovered",
    "сервер",
    "サーバー",
    "🚀",
    "🚀🚀",
    "naïve",
    "NAÏVE",
];
/** Portal users (the unix rules: lower case, digits, _ and -) that collide in the same ways. */
const HOSTILE_USERNAMES = ["web-1", "web1", "web_1", "_web1", "class", "tf", "config"];

let emulator: Emulator;
let dir: string;

async function seed(): Promise<void> {
    const tc = tuxcareClientFor(emulator);
    const fx = fluxarkClientFor(emulator);
    try {
        for (const name of HOSTILE_NAMES) {
            await tc.client.createKcareKey(1, name);
            await tc.client.createServerGroup(name, "");
            await fx.client.createUserGroup(name);
        }
        // A second key with the same note: the names must differ all the same.
        await tc.client.createKcareKey(2, "web-1");
        let i = 0;
        for (const name of HOSTILE_NAMES) {
            i++;
            const serverId = await fx.client.createServer({
                name,
                ip_addr: `10.9.0.${i}`,
                active: true,
                is_jump: false,
                is_cron: false,
                is_api: false,
                port: 22,
                groups: [name],
            });
            await fx.client.createServerUser(serverId, {
                username: "root",
                auth_method: "password",
                password: "Remote-Passw0rd",
                port: 22,
                active: true,
                default_user: true,
            });
            await fx.client.createServerUser(serverId, {
                username: "Root",
                auth_method: "key",
                ssh_key: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----",
                port: 22,
                active: true,
                default_user: false,
            });
        }
        // Made as the document's own list example shows one, though the provider will not declare it.
        await fx.client.createServer({
            name: "test API",
            ip_addr: "10.9.1.1",
            active: true,
            is_jump: false,
            is_cron: false,
            is_api: false,
            port: 22,
            groups: [],
        });
        const remote = (await fx.client.listServers()).flatMap((s) => s.users ?? []).map((u) => u.id);
        for (const username of HOSTILE_USERNAMES) {
            const id = await fx.client.createUser({
                username,
                email: `${username}@example.com`,
                password: "Passw0rd-long",
                full_name: username,
                auth_type: "password",
                password_type: "password",
                ssh_key: "",
                groups: ["web-1", "web1"],
            });
            await fx.client.addAcl(id, { user_server_id: remote[0]! });
            await fx.client.addAcl(id, { user_server_id: remote[1]!, expire_time: "2031-01-01 00:00:00" });
        }
    } finally {
        await tc.transport.close();
        await fx.transport.close();
    }
}

beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(path.join(tmpdir(), "discover-identifiers-"));
    await seed();
});
afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
});

function discover(out: string, ...args: string[]) {
    return exec(process.execPath, [path.join(REPO_ROOT, "dist/cli/main.js"), "discover", "--out", out, "--name", "hostile", ...args], {
        env: {
            ...process.env,
            TUXCARE_LOGIN: "demo",
            TUXCARE_SECRET_KEY: DEFAULT_TUXCARE_ACCOUNT.secretKey,
            TUXCARE_API_URL: emulator.tuxcareApiUrl,
            FLUXARK_URL: emulator.fluxarkUrl,
            FLUXARK_API_KEY: DEFAULT_FLUXARK_API_KEY.key,
        },
    });
}

/** The TypeScript compiler's errors for a generated program, strict, as a user's project would build it. */
function compileErrors(file: string): string[] {
    const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
    });
    return ts
        .getPreEmitDiagnostics(program)
        .map(
            (d) =>
                `${d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
        );
}

/** The Pulumi names the program declares: the first argument of every `new tf.X(...)`. */
const declaredNames = (program: string) =>
    [...program.matchAll(/new tf\.(\w+)\(("(?:[^"\\]|\\.)*")/g)].map((m) => `${m[1]} ${JSON.parse(m[2]!) as string}`);
const duplicates = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);

test.each([
    ["both services", []],
    ["TuxCare alone", ["--tuxcare"]],
    ["FluxArk alone", ["--fluxark"]],
])("the program discovered from %s compiles, with unique identifiers and resource names", async (_label, only) => {
    // Each program in a folder of a project that reaches this package as an installed dependency does.
    const out = path.join(makeProjectDir(dir, `project-${only.join("") || "all"}`.replace(/-+/g, "-")), "discovered");
    const { stdout } = await discover(out, ...only);
    const program = readFileSync(path.join(out, "index.ts"), "utf8");
    expect(compileErrors(path.join(out, "index.ts"))).toEqual([]);

    const idents = [...program.matchAll(/^const (\S+) = /gm)].map((m) => m[1]!);
    const names = declaredNames(program);
    expect(idents.length).toBe(names.length + (program.includes("const config = ") ? 1 : 0));
    expect(duplicates(idents)).toEqual([]);
    expect(duplicates(names)).toEqual([]);
    for (const ident of idents) expect(ident).toMatch(/^[A-Za-z_$][\w$]*$/);
    // None shadows what the program itself names.
    expect(program).toContain('import * as tf from "pulumi-tuxcare-fluxark";');
    expect(idents.filter((i) => ["tf", "pulumi", "config", "discovered"].includes(i))).toEqual(
        only.includes("--tuxcare") ? [] : ["config"],
    );

    if (!only.includes("--fluxark")) {
        // 25 KernelCare keys and 24 server groups, all declared.
        expect(names.filter((n) => n.startsWith("KcareKey "))).toHaveLength(HOSTILE_NAMES.length + 1);
        expect(names.filter((n) => n.startsWith("ServerGroup "))).toHaveLength(HOSTILE_NAMES.length);
    }
    if (!only.includes("--tuxcare")) {
        expect(names.filter((n) => n.startsWith("FluxarkServer "))).toHaveLength(HOSTILE_NAMES.length);
        expect(names.filter((n) => n.startsWith("FluxarkServerUser "))).toHaveLength(2 * HOSTILE_NAMES.length + 0);
        expect(names.filter((n) => n.startsWith("UserGroup "))).toHaveLength(HOSTILE_NAMES.length);
        expect(names.filter((n) => n.startsWith("FluxarkUser "))).toHaveLength(HOSTILE_USERNAMES.length);
        expect(names.filter((n) => n.startsWith("FluxarkAcl "))).toHaveLength(2 * HOSTILE_USERNAMES.length);
        // The server named with a space is left out, saying why.
        expect(stdout).toMatch(/Left out: FluxarkServer server-test-api \(id \d+\): name: must not contain spaces/);
        // The secret config keys of the remote users' private keys are unique too.
        const keys = [...program.matchAll(/config\.requireSecret\("([^"]+)"\)/g)].map((m) => m[1]!);
        expect(keys).toHaveLength(HOSTILE_NAMES.length);
        expect(duplicates(keys)).toEqual([]);
    }
});
