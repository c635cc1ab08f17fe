/**
 * The command line's contract: its exit codes, the usage error, and the rules for option values.
 * Every rule here runs before any API call, and each refusal names the option.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** What the process exit code means; scripts rely on it. */
export const EXIT = {
    done: 0,
    failed: 1,
    usage: 2,
    /** A removal without --yes: it said what it would do and changed nothing. */
    dryRun: 3,
} as const;

/** Wrong command line: nothing was attempted. Exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | undefined>;

const HELP_OPTION: Options = { help: { type: "boolean", short: "h", default: false } };

/** util.parseArgs, strict: an unknown option, a missing value or a stray argument is a usage error. */
export function parseOptions(args: string[], options: Options): Values {
    try {
        return parseArgs({ args, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals: false }).values as Values;
    } catch (e) {
        const code = (e as { code?: string }).code;
        if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) throw new UsageError((e as Error).message);
        throw e;
    }
}

/** A required string option, trimmed; blank is refused. */
export function requiredOption(values: Values, name: string, meaning: string): string {
    const raw = values[name];
    if (raw === undefined) throw new UsageError(`--${name} is required (${meaning})`);
    const text = String(raw).trim();
    if (text === "") throw new UsageError(`--${name} must not be blank (${meaning})`);
    return text;
}

/** An optional string option, trimmed; given but blank is refused. */
export function optionalOption(values: Values, name: string): string | undefined {
    const raw = values[name];
    if (raw === undefined || typeof raw === "boolean") return undefined;
    const text = raw.trim();
    if (text === "") throw new UsageError(`--${name} must not be blank`);
    return text;
}

const SERVER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A portal server id (ELS "12345", KernelCare "SERVER-1"), trimmed. */
export function serverIdOption(values: Values, name = "id"): string {
    const id = requiredOption(values, name, "the server id");
    if (!SERVER_ID.test(id))
        throw new UsageError(
            `--${name} ${JSON.stringify(id)} is not a server id: letters, digits, ".", "_", ":" and "-", at most 64 characters`,
        );
    return id;
}

/** A Nagios monitoring key: 16 to 32 letters and digits (the portal's rule). */
export function nagiosKeyOption(values: Values, name = "key"): string {
    const key = requiredOption(values, name, "the monitoring key");
    if (!/^[A-Za-z0-9]{16,32}$/.test(key))
        throw new UsageError(
            `--${name} must be 16 to 32 letters and digits (got ${key.length} characters${/[^A-Za-z0-9]/.test(key) ? ", not all letters and digits" : ""})`,
        );
    return key;
}

/** Pulumi's project-name rule (its `tokens.ValidateProjectName`): 1 to 100 of A-Z a-z 0-9 _ . - */
export function projectNameOption(values: Values, name = "name"): string {
    const raw = values[name];
    if (typeof raw !== "string") throw new UsageError(`--${name} is required`);
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(raw))
        throw new UsageError(`--${name} ${JSON.stringify(raw)} is not a Pulumi project name: 1 to 100 letters, digits, "_", "." or "-"`);
    return raw;
}
