/**
 * The emulator's command (what `node dist/emulator/main.js` and `npm run emulator` run), in-process
 * through `emulatorCommand` with its output captured (test/built/emulator.test.ts spawns the
 * executable itself): bad options are usage errors naming the option (exit 2, no stack trace), the
 * admin token comes from an option or the environment, and `--state` never loses the state.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmulatorAdmin, type Emulator } from "../../emulator";
import { emulatorCommand } from "../../emulator/main";
import { main as cliMain } from "../../cli/main";

interface Exit {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the command with this environment, capturing what it prints: its exit code, or the emulator it started. */
async function command(
    args: string[],
    env: Record<string, string>,
): Promise<{ result: number | Emulator; stdout: string; stderr: string }> {
    const printed = { stdout: "", stderr: "" };
    const result = await emulatorCommand(
        args,
        { ...process.env, ...env },
        {
            out: (t) => {
                printed.stdout += t;
            },
            err: (t) => {
                printed.stderr += t;
            },
        },
    );
    return { result, ...printed };
}

/** Runs the command to its end (for options that stop it at once). */
async function run(args: string[], env: Record<string, string> = {}): Promise<Exit> {
    const { result, stdout, stderr } = await command(args, env);
    if (typeof result !== "number") {
        await result.close();
        throw new Error(`expected an exit, but it started serving: ${stdout}`);
    }
    return { code: result, stdout, stderr };
}

interface Running {
    url: string;
    banner: string;
    /** What SIGTERM does in the executable: close (saving the state), exit 0, or 1 when that fails. */
    stop(): Promise<Exit>;
}

/** Starts the command on a free port and answers its banner. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Running> {
    const { result: emulator, stdout, stderr } = await command(["--port", "0", ...args], env);
    if (typeof emulator === "number") throw new Error(`exited ${emulator} before listening: ${stderr}`);
    const url = /Emulator listening on (http:\/\/\S+)/.exec(stdout)?.[1];
    if (url === undefined) throw new Error(`no banner: ${stdout}`);
    return {
        url,
        banner: stdout,
        stop: () =>
            emulator.close().then(
                () => ({ code: 0, stdout: "", stderr: "" }),
                (e: Error) => ({ code: 1, stdout: "", stderr: `emulator: ${e.message}\n` }),
            ),
    };
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-command-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("usage errors: exit 2 with a message naming the option", () => {
    test.each([
        [["--port", "abc"], /--port: "abc" is not a port: a whole number from 0 to 65535/],
        [["--port", "70000"], /--port: "70000" is not a port/],
        [["--port", "-1"], /--port/],
        [["--port"], /--port <value>' argument missing/],
        [["--idle-timeout", "soon"], /--idle-timeout: "soon" is not a number of seconds/],
        [["--idle-timeout", "0"], /--idle-timeout: "0" is not a number of seconds above 0/],
        [["--idle-timeout", "99999999"], /--idle-timeout: "99999999" is not a number of seconds above 0 and at most 2147483/],
        [["--admin-token="], /--admin-token: must not be empty/],
        [["--frobnicate"], /Unknown option '--frobnicate'/],
        [["extra"], /Unexpected argument 'extra'/],
        [["--bare=yes"], /--bare' does not take an argument/],
        [["--auth-error-status", "404"], /--auth-error-status: "404" is not one of 200, 401, 403/],
    ])("%j", async (args, message) => {
        const result = await run(args);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toMatch(/Run with --help to see the options/);
        expect(result.stdout).toBe("");
        noStackTrace(result.stderr);
    });

    test("--help prints every option and exits 0", async () => {
        const result = await run(["--help"]);
        expect(result.code).toBe(0);
        for (const option of [
            "--port",
            "--state",
            "--idle-timeout",
            "--bare",
            "--auth-error-status",
            "--admin-token",
            "EMULATOR_ADMIN_TOKEN",
            "--help",
        ])
            expect(result.stdout).toContain(option);
    });

    test("a refused credential is HTTP 200 with the documented body by default; --auth-error-status 401 sends 401", async () => {
        const answers: unknown[] = [];
        for (const args of [[], ["--auth-error-status", "401"]]) {
            const running = await start(args);
            try {
                const fluxark = await fetch(`${running.url}/fluxark/api/servers/list`, { headers: { authorization: "Basic wrong-key" } });
                const tuxcare = await fetch(`${running.url}/tuxcare/api/ipl/list.json?token=demo|1|x`);
                answers.push([
                    fluxark.status,
                    ((await fluxark.json()) as { messages: unknown }).messages,
                    tuxcare.status,
                    await tuxcare.json(),
                ]);
            } finally {
                await running.stop();
            }
        }
        const failed = { message: "Authorization failed", type: null, success: false, data: null };
        expect(answers).toEqual([
            [200, ["Invalid API key"], 200, failed],
            [401, ["Invalid API key"], 401, failed],
        ]);
    });

    test("a port in use is a failure (exit 1) naming the address, without a stack trace", async () => {
        const first = await start([]);
        const port = new URL(first.url).port;
        const second = await run(["--port", port]);
        await first.stop();
        expect(second.code).toBe(1);
        expect(second.stderr).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
        noStackTrace(second.stderr);
    });
});

describe("the banner", () => {
    test("its export lines point the command line at the emulator: a report made with them alone succeeds", async () => {
        const running = await start([]);
        try {
            const exported = Object.fromEntries(
                [...running.banner.matchAll(/^\s*export (.+)$/gm)].flatMap((m) =>
                    m[1]!.split(" ").map((pair) => pair.split("=", 2) as [string, string]),
                ),
            );
            expect(Object.keys(exported).sort()).toEqual([
                "FLUXARK_API_KEY",
                "FLUXARK_URL",
                "TUXCARE_API_URL",
                "TUXCARE_LOGIN",
                "TUXCARE_SECRET_KEY",
            ]);
            const {
                TUXCARE_API_URL: _t,
                FLUXARK_URL: _f,
                TUXCARE_LOGIN: _l,
                TUXCARE_SECRET_KEY: _s,
                FLUXARK_API_KEY: _k,
                ...rest
            } = process.env;
            for (const kind of ["licenses", "access"]) {
                const printed: string[] = [];
                const code = await cliMain(
                    ["report", kind, "--format", "json"],
                    { log: (s) => printed.push(s), err: () => undefined },
                    { ...rest, ...exported },
                );
                expect(code).toBe(0);
                expect(JSON.parse(printed.join("\n"))).toMatchObject({ schemaVersion: 1, kind });
            }
        } finally {
            await running.stop();
        }
    });
});

describe("--state", () => {
    test("a file in a missing folder is refused at start (exit 2, naming the folder), instead of losing the state at exit", async () => {
        const missing = path.join(dir, "no-such-folder");
        const result = await run(["--state", path.join(missing, "state.json")]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`--state: its folder ${missing} does not exist (create it first)`);
        expect(existsSync(missing)).toBe(false);
        noStackTrace(result.stderr);
    });

    test("a folder given as the file is refused at start", async () => {
        const result = await run(["--state", dir]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`--state: ${dir} is a folder, not a file`);
    });

    test("the state is saved when it stops (what SIGTERM does) and loaded by the next start", async () => {
        const folder = path.join(dir, "kept");
        mkdirSync(folder);
        const file = path.join(folder, "state.json");
        const first = await start(["--state", file]);
        await new EmulatorAdmin(first.url).put("fluxarkUsers", "1", { id: 1, username: "survivor" });
        expect(await first.stop()).toMatchObject({ code: 0 });
        expect(JSON.parse(readFileSync(file, "utf8")).collections.fluxarkUsers).toEqual({ "1": { id: 1, username: "survivor" } });
        expect(readdirSync(folder)).toEqual(["state.json"]); // no temporary file left behind
        const second = await start(["--state", file]);
        expect(await new EmulatorAdmin(second.url).get("fluxarkUsers", "1")).toEqual({ id: 1, username: "survivor" });
        await second.stop();
    });

    test("the state file is its owner's alone (0600): written so, and an existing wider one narrowed at start", async () => {
        const folder = path.join(dir, "private");
        mkdirSync(folder);
        const file = path.join(folder, "state.json");
        const mode = () => statSync(file).mode & 0o777;
        const first = await start(["--state", file]);
        expect(first.banner).toMatch(
            new RegExp(
                `State file: +${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} +\\(mode 0600: it holds license keys, passwords and private SSH keys in clear\\)`,
            ),
        );
        await new EmulatorAdmin(first.url).put("fluxarkUsers", "1", { id: 1, username: "survivor", password: "Secret-Passw0rd" });
        await first.stop();
        expect(mode()).toBe(0o600);

        // A state file made world-readable (an older emulator wrote 0644): narrowed at start, and the save replaces it 0600.
        chmodSync(file, 0o644);
        const second = await start(["--state", file]);
        expect(mode()).toBe(0o600);
        chmodSync(file, 0o666);
        // A temporary file left by a crash, world-writable: the save narrows it before writing.
        writeFileSync(`${file}.${process.pid}.tmp`, "stale", { mode: 0o666 });
        expect(await second.stop()).toMatchObject({ code: 0, stderr: "" });
        expect(mode()).toBe(0o600);
        expect(readdirSync(folder)).toEqual(["state.json"]);
        expect(JSON.parse(readFileSync(file, "utf8")).collections.fluxarkUsers["1"].username).toBe("survivor");
    });

    test.each([
        ["not JSON", "{ collections", /is not valid JSON|Unexpected token|Expected property name/],
        ["not a state", '{"collections": {"fluxarkUsers": [1]}}', /collections\.fluxarkUsers must be an object of rows by id/],
    ])("a state file that is %s fails the start (exit 1) naming the file", async (_label, content, message) => {
        const file = path.join(dir, `bad-${_label.replace(/\W/g, "-")}.json`);
        writeFileSync(file, content);
        const result = await run(["--state", file]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`state file ${file}: `);
        expect(result.stderr).toMatch(message);
        noStackTrace(result.stderr);
        expect(readFileSync(file, "utf8")).toBe(content); // left as it was
    });
});

describe("the admin token from the command line", () => {
    test.each([
        ["the EMULATOR_ADMIN_TOKEN variable", [], { EMULATOR_ADMIN_TOKEN: "token-from-environment" }, "token-from-environment"],
        ["--admin-token", ["--admin-token", "token-from-option"], {}, "token-from-option"],
        [
            "--admin-token over the variable",
            ["--admin-token", "token-from-option"],
            { EMULATOR_ADMIN_TOKEN: "token-from-environment" },
            "token-from-option",
        ],
    ])("%s: admin requests need it, and the banner does not print it", async (_label, args, env, token) => {
        const running = await start(args, env);
        try {
            expect(running.banner).toContain("needs Authorization: Bearer <admin token>");
            expect(running.banner).not.toContain(token);
            await expect(new EmulatorAdmin(running.url).state()).rejects.toThrow(/HTTP 401/);
            await expect(new EmulatorAdmin(running.url, { token: "token-from-environment-x" }).state()).rejects.toThrow(/HTTP 401/);
            await expect(new EmulatorAdmin(running.url, { token }).state()).resolves.toEqual({ collections: {}, counters: {} });
        } finally {
            await running.stop();
        }
    });

    test("an empty EMULATOR_ADMIN_TOKEN means no token, as shells use it", async () => {
        const running = await start([], { EMULATOR_ADMIN_TOKEN: "" });
        try {
            expect(running.banner).not.toContain("needs Authorization");
            await expect(new EmulatorAdmin(running.url).state()).resolves.toEqual({ collections: {}, counters: {} });
        } finally {
            await running.stop();
        }
    });
});
