/**
 * The command line, run in-process as the executable runs it (its `main`, with the emulator's
 * credentials as its environment; test/built/cli.test.ts spawns the executable itself) against the
 * emulator: exit codes (0 done, 1 failed, 2 usage error, 3 dry run), help for every command,
 * option values checked before any API call, and "not found" the same for every removal.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Emulator, EmulatorAdmin } from "../../emulator";
import { startTestEnv, type TestEnv } from "../helpers/pulumi";
import { runCliCalls, runCliInProcess } from "../helpers/cli";

const COMMANDS = ["els-server-remove", "kcare-server-remove", "nagios-register-key", "discover"];

let env: TestEnv;
let emulator: Emulator;
let admin: EmulatorAdmin;
let dir: string;
beforeAll(async () => {
    env = await startTestEnv();
    ({ emulator, admin, dir } = env);
});
afterAll(async () => env?.close());

const cli = (args: string[], environment?: NodeJS.ProcessEnv) => runCliInProcess(emulator, args, environment);
const cliCalls = (...args: string[]) => runCliCalls(emulator, admin, args);

function addKcareServer(id: string): void {
    emulator.store.put("kcareKeys", "K1", { key: "K1", owner: "demo", enabled: true, created: "", limit: 0, note: "", cidrs: [] });
    emulator.store.put("kcareServers", id, { id, key: "K1", ip: "10.0.0.9", hostname: "x", created: "" });
}

function addElsServer(id: string): void {
    emulator.store.put("elsKeys", "CELS-x", { key: "CELS-x", owner: "demo", productCode: "CELS", usageLimit: 0, description: null });
    emulator.store.put("elsServers", id, { id, key: "CELS-x", ip: "10.0.0.7", hostname: "old-centos" });
}

describe("help", () => {
    test("--help (or help) prints every command, exit 0", async () => {
        for (const args of [["--help"], ["-h"], ["help"]]) {
            const r = await cli(args);
            expect(r.code).toBe(0);
            for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c} `);
            expect(r.stdout).toMatch(/Exit codes: 0 done, 1 failed, 2 usage error .*, 3 dry run/);
        }
    });

    test.each(COMMANDS)("%s --help prints its own options, exit 0, no API call", async (command) => {
        const r = await cliCalls(command, "--help");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`Usage: pulumi-tuxcare-fluxark ${command} `);
        expect(r.stdout).toMatch(
            command === "nagios-register-key"
                ? /--key KEY/
                : command === "discover"
                  ? /--out DIR[\s\S]*--force[\s\S]*--name NAME/
                  : /--id ID[\s\S]*--yes/,
        );
        expect(r.calls).toEqual([]);
        expect((await cli(["help", command])).stdout).toBe(r.stdout);
    });

    test("no command, or an unknown one, is a usage error (exit 2) with the commands listed", async () => {
        for (const args of [[], ["frobnicate"], ["help", "frobnicate"]]) {
            const r = await cli(args);
            expect(r.code).toBe(2);
            expect(r.stderr).toMatch(/^error: (no command given|unknown command "frobnicate")/);
            expect(r.stderr).toContain("  discover ");
        }
    });
});

describe("usage errors: exit 2, naming the option, before any API call", () => {
    test.each([
        ["an unknown option", ["kcare-server-remove", "--id", "s-1", "--bogus"], /Unknown option '--bogus'/],
        ["an option of another command", ["kcare-server-remove", "--id", "s-1", "--key", "k"], /Unknown option '--key'/],
        ["a stray argument", ["els-server-remove", "--id", "1", "extra"], /Unexpected argument 'extra'/],
        ["an option without its value", ["els-server-remove", "--id"], /Option '--id <value>' argument missing/],
        ["a missing --id", ["els-server-remove", "--yes"], /--id is required/],
        ["a blank --id", ["kcare-server-remove", "--id", "   ", "--yes"], /--id must not be blank/],
        ["an --id with a space", ["kcare-server-remove", "--id", "s 1", "--yes"], /--id "s 1" is not a server id/],
        ["an --id with a newline", ["els-server-remove", "--id", "12\n34", "--yes"], /--id "12\\n34" is not a server id/],
        ["an --id carrying a query", ["els-server-remove", "--id", "1&id=2", "--yes"], /--id "1&id=2" is not a server id/],
        ["an --id of 65 characters", ["els-server-remove", "--id", "9".repeat(65), "--yes"], /is not a server id: .*at most 64 characters/],
        ["a missing --key", ["nagios-register-key"], /--key is required/],
        ["a short --key", ["nagios-register-key", "--key", "short"], /--key must be 16 to 32 letters and digits \(got 5 characters\)/],
        [
            "a --key with punctuation",
            ["nagios-register-key", "--key", "abcd-efgh-ijkl-mnop"],
            /--key must be 16 to 32 letters and digits \(got 19 characters, not all letters and digits\)/,
        ],
        ["discover without --out", ["discover"], /--out is required/],
        [
            "a --name with a newline",
            ["discover", "--out", "never-written", "--name", "fleet\nruntime: python"],
            /--name "fleet\\nruntime: python" is not a Pulumi project name/,
        ],
        [
            "a --name with a space",
            ["discover", "--out", "never-written", "--name", "my fleet"],
            /--name "my fleet" is not a Pulumi project name: 1 to 100 letters, digits/,
        ],
        ["a blank --name", ["discover", "--out", "never-written", "--name", ""], /--name "" is not a Pulumi project name/],
        [
            "a --name of 101 characters",
            ["discover", "--out", "never-written", "--name", "n".repeat(101)],
            /is not a Pulumi project name: 1 to 100/,
        ],
        [
            "an unknown --format",
            ["discover", "--out", "never-written", "--format", "python"],
            /--format: "python" is not a program format: typescript or yaml/,
        ],
    ])("%s", async (_what, args, message) => {
        const r = await cliCalls(...args);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^error: /);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain(`Run "pulumi-tuxcare-fluxark ${args[0]} --help" for its options.`);
        expect(r.stdout).toBe("");
        expect(r.calls).toEqual([]);
    });

    test("a refused Nagios key is never printed", async () => {
        const key = "SecretMonitorKey-9";
        const r = await cliCalls("nagios-register-key", "--key", key);
        expect(r.code).toBe(2);
        expect(r.stderr + r.stdout).not.toContain(key);
    });
});

describe("removals", () => {
    test.each([
        ["kcare-server-remove", "KernelCare server", addKcareServer, "kcareServers"],
        ["els-server-remove", "ELS server", addElsServer, "elsServers"],
    ] as const)(
        "%s: without --yes a dry run (exit 3, no API call); --yes with a padded id removes",
        async (command, what, add, collection) => {
            add("srv-42");
            const dry = await cliCalls(command, "--id", "srv-42");
            expect(dry.code).toBe(3);
            expect(dry.stderr).toBe(`Would remove ${what} srv-42. Nothing was changed: run again with --yes to do it.\n`);
            expect(dry.calls).toEqual([]);
            expect(emulator.store.get(collection, "srv-42")).toBeDefined();

            const real = await cliCalls(command, "--id", "  srv-42 ", "--yes");
            expect(real.code).toBe(0);
            expect(real.stdout).toMatch(new RegExp(`^Removed ${what} srv-42[ .]`));
            expect(real.calls).toHaveLength(1);
            expect(emulator.store.get(collection, "srv-42")).toBeUndefined();
        },
    );

    test("els-server-remove prints what it removed", async () => {
        addElsServer("777");
        const r = await cli(["els-server-remove", "--id", "777", "--yes"]);
        expect(r).toMatchObject({ code: 0, stdout: "Removed ELS server 777 (10.0.0.7, old-centos).\n" });
    });

    test.each([
        ["kcare-server-remove", "KernelCare server"],
        ["els-server-remove", "ELS server"],
    ])("%s of a server that is not there: already gone, exit 0, the same words", async (command, what) => {
        const r = await cliCalls(command, "--id", "no-such-server", "--yes");
        expect(r).toMatchObject({
            code: 0,
            stdout: `${what} no-such-server was not found: already gone, nothing to remove.\n`,
            stderr: "",
        });
        expect(r.calls).toHaveLength(1);
    });
});

describe("failures: exit 1", () => {
    test("the portal's refusal of a Nagios key, with its code", async () => {
        // A well-formed key, but this machine's IP holds no KernelCare IP license.
        const r = await cli(["nagios-register-key", "--key", "WsTs821nSAtiastD"]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/code 2, no KernelCare IP license for this machine's IP/);
        expect(r.stderr).not.toContain("WsTs821nSAtiastD");
    });

    test("rejected credentials, redacted", async () => {
        const r = await cli(["kcare-server-remove", "--id", "1", "--yes"], { TUXCARE_SECRET_KEY: "wrong-secret-value" });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^error: .*Authorization failed/);
        expect(r.stderr).not.toContain("wrong-secret-value");
    });
});

describe("discover --out", () => {
    test("refuses a folder that is not empty (exit 2, nothing listed or written); --force writes", async () => {
        const out = path.join(dir, "existing");
        mkdirSync(out);
        writeFileSync(path.join(out, "index.ts"), "// my own program\n");
        const refused = await cliCalls("discover", "--out", out, "--name", "fleet");
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/--out .*existing is not empty \(it holds index.ts\); choose a new folder, or pass --force/);
        expect(refused.calls).toEqual([]);
        expect(readFileSync(path.join(out, "index.ts"), "utf8")).toBe("// my own program\n");

        const forced = await cliCalls("discover", "--out", out, "--name", "fleet", "--force");
        expect(forced.code).toBe(0);
        expect(forced.calls.length).toBeGreaterThan(0);
        expect(readFileSync(path.join(out, "index.ts"), "utf8")).toMatch(/^\/\*\*\n \* Discovered /);
    });

    test("refuses a file; writes into a new or empty folder; the name is quoted in Pulumi.yaml", async () => {
        const file = path.join(dir, "a-file");
        writeFileSync(file, "x");
        const r = await cliCalls("discover", "--out", file);
        expect(r).toMatchObject({ code: 2, calls: [] });
        expect(r.stderr).toMatch(/--out .*a-file is not a folder/);

        const empty = path.join(dir, "empty");
        mkdirSync(empty);
        for (const out of [empty, path.join(dir, "new", "nested")]) {
            const ok = await cli(["discover", "--out", out, "--name", "1e3"]);
            expect(ok.code).toBe(0);
            // Unquoted, YAML would read the name 1e3 as the number 1000.
            expect(readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/^name: "1e3"\n/);
        }
    });
});
