/**
 * `npm run emulator`: starts the emulator of both APIs on 127.0.0.1 and prints how to point the
 * provider at it. Exit codes: 0 stopped by a signal, 1 failed (port in use, unreadable state
 * file, state not saved), 2 usage error (a bad option, named in the message).
 */
import { parseArgs } from "node:util";
import {
    AUTH_ERROR_STATUSES,
    DEFAULT_FLUXARK_API_KEY,
    DEFAULT_TUXCARE_ACCOUNT,
    startEmulator,
    type AuthErrorStatus,
    type Emulator,
    type EmulatorOptions,
} from "./server";
import { stateFileProblem } from "./store";

const USAGE = `Usage: node dist/emulator/main.js [options]   (or: npm run emulator -- [options])

Serves the TuxCare portal API and a FluxArk installation on 127.0.0.1, with an admin interface
under /_admin.

Options:
  --port N               port to listen on, 0 for a free one (default 8787)
  --state FILE           load the state from FILE at start (when it exists), save it there at
                         exit; FILE's folder must exist. The file holds the emulated accounts'
                         license keys, passwords and private SSH keys in clear: it is written
                         with mode 0600 (an existing one is narrowed to 0600 at start)
  --idle-timeout SECONDS stop by itself after this long without a request
  --bare                 answer TuxCare calls without the {message,type,success,data} envelope
  --auth-error-status N  HTTP status of a refused credential (a bad TuxCare token, a missing or
                         unknown FluxArk API key): 200 (default: the documents give none, so the
                         documented error body comes with 200), 401 or 403
  --admin-token TOKEN    require "Authorization: Bearer TOKEN" on every /_admin request; prefer
                         the EMULATOR_ADMIN_TOKEN environment variable (an option is visible to
                         other users in the process list)
  -h, --help             show this help
`;

/** setTimeout's longest delay: a longer one fires at once. */
const MAX_IDLE_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

class UsageError extends Error {}

function port(value: string): number {
    if (!/^\d+$/.test(value) || Number(value) > 65535)
        throw new UsageError(`--port: "${value}" is not a port: a whole number from 0 to 65535`);
    return Number(value);
}

function idleTimeoutMs(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const seconds = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0 || seconds > MAX_IDLE_SECONDS)
        throw new UsageError(`--idle-timeout: "${value}" is not a number of seconds above 0 and at most ${MAX_IDLE_SECONDS}`);
    return seconds * 1000;
}

function authErrorStatus(value: string): AuthErrorStatus {
    const status = AUTH_ERROR_STATUSES.find((s) => String(s) === value);
    if (status === undefined) throw new UsageError(`--auth-error-status: "${value}" is not one of ${AUTH_ERROR_STATUSES.join(", ")}`);
    return status;
}

function adminToken(option: string | undefined, env: string | undefined): string | undefined {
    if (option === "") throw new UsageError("--admin-token: must not be empty");
    return option ?? (env || undefined); // an empty variable means "not set", as shells use it
}

function stateFile(value: string | undefined): string | undefined {
    const problem = value === undefined ? undefined : stateFileProblem(value);
    if (problem) throw new UsageError(`--state: ${problem}`);
    return value;
}

/** The command line parsed, its mistakes as usage errors. */
function parsedArgs(args: string[]) {
    try {
        return parseArgs({
            args,
            options: {
                port: { type: "string", default: "8787" },
                state: { type: "string" },
                "idle-timeout": { type: "string" },
                bare: { type: "boolean", default: false },
                "auth-error-status": { type: "string", default: "200" },
                "admin-token": { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
        });
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
}

/** The emulator's options from the command line and the environment, or "help". */
function parseOptions(args: string[], env: NodeJS.ProcessEnv): EmulatorOptions | "help" {
    const { values } = parsedArgs(args);
    if (values.help) return "help";
    return {
        port: port(values.port),
        stateFile: stateFile(values.state),
        tuxcareEnvelope: !values.bare,
        authErrorStatus: authErrorStatus(values["auth-error-status"]),
        idleTimeoutMs: idleTimeoutMs(values["idle-timeout"]),
        adminToken: adminToken(values["admin-token"], env.EMULATOR_ADMIN_TOKEN),
    };
}

/** Where the command prints: the process's standard output and error, or a test's capture. */
export interface CommandOutput {
    out(text: string): void;
    err(text: string): void;
}

function banner(emulator: Emulator, options: EmulatorOptions): string {
    return [
        `Emulator listening on ${emulator.url}`,
        `  TuxCare portal API: ${emulator.tuxcareApiUrl}  (login "${DEFAULT_TUXCARE_ACCOUNT.login}", secret key "${DEFAULT_TUXCARE_ACCOUNT.secretKey}")`,
        `  FluxArk:            ${emulator.fluxarkUrl}  (API key "${DEFAULT_FLUXARK_API_KEY.key}")`,
        `  Admin:              ${emulator.url}/_admin/state${options.adminToken ? "  (needs Authorization: Bearer <admin token>)" : ""}`,
        ...(options.stateFile
            ? [`  State file:         ${options.stateFile}  (mode 0600: it holds license keys, passwords and private SSH keys in clear)`]
            : []),
        "",
        "Point a stack at it:",
        `  pulumi config set tuxcare:apiUrl ${emulator.tuxcareApiUrl}`,
        `  pulumi config set tuxcare:login ${DEFAULT_TUXCARE_ACCOUNT.login}`,
        `  pulumi config set --secret tuxcare:secretKey ${DEFAULT_TUXCARE_ACCOUNT.secretKey}`,
        `  pulumi config set fluxark:url ${emulator.fluxarkUrl}`,
        `  pulumi config set --secret fluxark:apiKey ${DEFAULT_FLUXARK_API_KEY.key}`,
        "",
        "Or the command line (npx pulumi-tuxcare-fluxark report ..., discover, ...) at it:",
        `  export TUXCARE_API_URL=${emulator.tuxcareApiUrl} TUXCARE_LOGIN=${DEFAULT_TUXCARE_ACCOUNT.login} TUXCARE_SECRET_KEY=${DEFAULT_TUXCARE_ACCOUNT.secretKey}`,
        `  export FLUXARK_URL=${emulator.fluxarkUrl} FLUXARK_API_KEY=${DEFAULT_FLUXARK_API_KEY.key}`,
        "",
    ].join("\n");
}

/**
 * The command up to serving: the exit code of the help, a usage error (2) or a failed start (1);
 * or the emulator, serving, its banner printed. `started` runs before the banner (the executable
 * installs its signal handlers there). In-process for the tests; the executable is the block below.
 */
export async function emulatorCommand(
    args: string[],
    env: NodeJS.ProcessEnv,
    io: CommandOutput,
    started: (emulator: Emulator) => void = () => undefined,
): Promise<number | Emulator> {
    let options: EmulatorOptions | "help";
    try {
        options = parseOptions(args, env);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.err(`emulator: ${e.message}\nRun with --help to see the options.\n`);
        return 2;
    }
    if (options === "help") {
        io.out(USAGE);
        return 0;
    }
    let emulator: Emulator;
    try {
        emulator = await startEmulator(options);
    } catch (e) {
        io.err(`emulator: ${(e as Error).message}\n`);
        return 1;
    }
    started(emulator);
    io.out(banner(emulator, options));
    return emulator;
}

/** At SIGINT or SIGTERM: close (which saves the state), exit 0; exit 1 when the state could not be saved. */
function stopOnSignals(emulator: Emulator): void {
    const stop = () =>
        void emulator.close().then(
            () => process.exit(0),
            (e: Error) => {
                process.stderr.write(`emulator: ${e.message}\n`);
                process.exit(1);
            },
        );
    // Before the banner: a script that stops the emulator as soon as it reads the banner must not kill it unsaved.
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) {
    const stdio: CommandOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
    emulatorCommand(process.argv.slice(2), process.env, stdio, stopOnSignals).then(
        // A number is the exit code; an emulator keeps serving until a signal or the idle timeout.
        (result) => {
            if (typeof result === "number") process.exitCode = result;
        },
        (e: Error) => {
            process.stderr.write(`emulator: ${e.message}\n`);
            process.exitCode = 1;
        },
    );
}
