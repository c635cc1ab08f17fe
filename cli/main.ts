#!/usr/bin/env node
/**
 * `npx pulumi-tuxcare-fluxark <command>`: the documented actions that are not declarative state,
 * and discovery. Options are parsed with Node's util.parseArgs (strict). Exit codes: 0 done,
 * 1 failed, 2 usage error (nothing attempted), 3 dry run (a removal without --yes).
 */
import { configureFromEnvironment } from "../provider/context";
import { redact } from "../provider/core/redact";
import { EXIT, parseOptions, UsageError } from "./args";
import { COMMANDS, type Command, type Out } from "./commands";

const PROGRAM = "pulumi-tuxcare-fluxark";

function programHelp(): string {
    const width = Math.max(...COMMANDS.map((c) => c.synopsis.length));
    return `Usage: ${PROGRAM} <command> [options]
       ${PROGRAM} <command> --help

Commands:
${COMMANDS.map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`).join("\n")}

Exit codes: 0 done, 1 failed, 2 usage error (nothing attempted), 3 dry run (nothing changed).`;
}

const commandHelp = (c: Command) => `Usage: ${PROGRAM} ${c.synopsis}

${c.summary}.

${c.help}`;

const usageError = (message: string, help: string, out: Out) => {
    out.err(`error: ${message}\n\n${help}`);
    return EXIT.usage;
};

/** The command line, in-process: `env` gives the credentials (the executable passes its own environment). */
export async function run(argv: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined) return usageError("no command given", programHelp(), out);
    if (name === "--help" || name === "-h") {
        out.log(programHelp());
        return EXIT.done;
    }
    if (name === "help") {
        const about = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
        if (rest[0] !== undefined && !about) return usageError(`unknown command "${rest[0]}"`, programHelp(), out);
        out.log(about ? commandHelp(about) : programHelp());
        return EXIT.done;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) return usageError(`unknown command "${name}"`, programHelp(), out);
    try {
        const sub = command.subcommands && rest[0] !== undefined && !rest[0].startsWith("-") ? rest[0] : undefined;
        const values = parseOptions(sub === undefined ? rest : rest.slice(1), command.options);
        if (values.help === true) {
            out.log(commandHelp(command));
            return EXIT.done;
        }
        if (command.subcommands) {
            if (sub === undefined) throw new UsageError(`${command.name} needs one of ${command.subcommands.join(", ")}`);
            if (!command.subcommands.includes(sub))
                throw new UsageError(`unknown ${command.name} "${sub}": use one of ${command.subcommands.join(", ")}`);
            values.subcommand = sub;
        }
        configureFromEnvironment(env);
        return await command.run(values, out);
    } catch (e) {
        if (e instanceof UsageError) return usageError(redact(e.message), `Run "${PROGRAM} ${command.name} --help" for its options.`, out);
        throw e;
    }
}

/** What the executable does with its arguments: `run`, and a failure it did not foresee printed (redacted) as exit 1. */
export function main(argv: string[], out: Out, env: NodeJS.ProcessEnv): Promise<number> {
    return run(argv, out, env).catch((e: unknown) => {
        out.err(`error: ${redact(e instanceof Error ? e.message : String(e))}`);
        return EXIT.failed;
    });
}

if (require.main === module) {
    void main(process.argv.slice(2), { log: (s) => console.log(s), err: (s) => console.error(s) }, process.env).then((code) =>
        process.exit(code),
    );
}
