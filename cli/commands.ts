/**
 * The commands: what each takes, its help, and what it does. Option values are validated (see
 * args.ts) before any API call; a command returns its exit code.
 */
import { tuxcare } from "../provider/context";
import { isApiError } from "../provider/core/errors";
import { registerSecret } from "../provider/core/redact";
import { EXIT, UsageError, nagiosKeyOption, projectNameOption, requiredOption, serverIdOption, type Options, type Values } from "./args";
import { checkOutDir } from "./out-dir";
import { reportCommand } from "./report-command";
import { accessCommand } from "./access/command";

export type Out = { log: (s: string) => void; err: (s: string) => void };

export interface Command {
    name: string;
    /** The command line, for the program's help. */
    synopsis: string;
    summary: string;
    /** The rest of `<command> --help`. */
    help: string;
    options: Options;
    /** Words that may follow the command name (`report access`); the one given arrives as values.subcommand. */
    subcommands?: readonly string[];
    run(values: Values, out: Out): Promise<number>;
}

const TUXCARE_CREDENTIALS = "Credentials: TUXCARE_LOGIN, TUXCARE_SECRET_KEY; TUXCARE_API_URL for another portal (the emulator).";

/**
 * A removal command. Without --yes it says what it would do and exits 3. A server that is not
 * there is already gone, which is what a removal wants: exit 0, as a delete that finds nothing
 * succeeds. `remove` answers what it removed, or undefined when there was nothing.
 */
function removalCommand(spec: {
    name: string;
    summary: string;
    what: string;
    idHelp: string;
    remove: (id: string) => Promise<string | undefined>;
}): Command {
    return {
        name: spec.name,
        synopsis: `${spec.name} --id ID [--yes]`,
        summary: spec.summary,
        help: `  --id ID   ${spec.idHelp}
  --yes     really remove it

Without --yes nothing is changed: it says what it would do and exits 3.
A server that does not exist (or is not in this account) is reported as already gone, exit 0.
${TUXCARE_CREDENTIALS}`,
        options: { id: { type: "string" }, yes: { type: "boolean", default: false } },
        async run(values, out) {
            const id = serverIdOption(values);
            const what = `${spec.what} ${id}`;
            if (values.yes !== true) {
                out.err(`Would remove ${what}. Nothing was changed: run again with --yes to do it.`);
                return EXIT.dryRun;
            }
            const removed = await spec.remove(id);
            out.log(removed === undefined ? `${what} was not found: already gone, nothing to remove.` : `Removed ${removed}.`);
            return EXIT.done;
        },
    };
}

const elsServerRemove = removalCommand({
    name: "els-server-remove",
    summary: "remove a server from its ELS/ESU key (els/srv/remove)",
    what: "ELS server",
    idHelp: "the server id, as listed under its key (letters, digits, . _ : -)",
    async remove(id) {
        const client = await tuxcare.client();
        try {
            const s = await client.removeElsServer(id);
            return `ELS server ${s.id} (${s.ip ?? "no IP"}, ${s.hostname ?? "no hostname"})`;
        } catch (e) {
            if (isApiError(e, "NotFound")) return undefined;
            throw e;
        }
    },
});

const kcareServerRemove = removalCommand({
    name: "kcare-server-remove",
    summary: "remove a KernelCare server (kcare/srv/remove)",
    what: "KernelCare server",
    idHelp: "the server id (like SERVER-1; letters, digits, . _ : -)",
    remove: async (id) => ((await (await tuxcare.client()).removeKcareServer(id)) ? `KernelCare server ${id}` : undefined),
});

const NAGIOS_CODES: Record<number, string> = {
    1: "wrong key size or format (16 to 32 letters and digits)",
    2: "no KernelCare IP license for this machine's IP",
};

const nagiosRegisterKey: Command = {
    name: "nagios-register-key",
    synopsis: "nagios-register-key --key KEY",
    summary: "register a Nagios monitoring key for this machine's IP (kcare/nagios/register_key)",
    help: `  --key KEY   the monitoring key: 16 to 32 letters and digits

The portal registers it for the IP the request comes from, which needs a KernelCare IP license.
Exit 1 when the portal refuses (it says why).
${TUXCARE_CREDENTIALS}`,
    options: { key: { type: "string" } },
    async run(values, out) {
        const key = nagiosKeyOption(values);
        registerSecret(key);
        const code = await (await tuxcare.client()).registerNagiosKey(key);
        if (code === 0) {
            out.log("Nagios key registered for this machine's IP.");
            return EXIT.done;
        }
        out.err(`Nagios key not registered: code ${code}, ${NAGIOS_CODES[code] ?? "server error"}.`);
        return EXIT.failed;
    },
};

const discoverCommand: Command = {
    name: "discover",
    synopsis: "discover [--tuxcare] [--fluxark] --out DIR [--name NAME] [--format typescript|yaml] [--force]",
    summary: "write a Pulumi program adopting everything the accounts hold",
    help: `  --tuxcare     list the TuxCare account (neither flag: both services)
  --fluxark     list the FluxArk installation
  --out DIR     the folder to write the program into (the files --format names); it must be
                empty or new
  --force       write into a folder that is not empty (replacing those files)
  --name NAME   the Pulumi project name (default "discovered"): 1 to 100 letters, digits, _ . -
  --format F    typescript (default): Pulumi.yaml, index.ts, package.json, README.md, adopting
                every object at \`pulumi up\`; yaml: a Pulumi YAML program of the native resources
                (Pulumi.yaml, README.md) and import.json for \`pulumi import --file\`

Values the provider would refuse are written in the form it accepts when the meaning is the
same (an allow-list entry 127.0.0.1/24 becomes 127.0.0.0/24) and listed as "Adjusted"; objects
that cannot be declared as they are, are listed as "Left out" with the reason.
Credentials: TUXCARE_LOGIN, TUXCARE_SECRET_KEY (TUXCARE_API_URL); FLUXARK_URL, FLUXARK_API_KEY.`,
    options: {
        tuxcare: { type: "boolean", default: false },
        fluxark: { type: "boolean", default: false },
        out: { type: "string" },
        force: { type: "boolean", default: false },
        name: { type: "string", default: "discovered" },
        format: { type: "string", default: "typescript" },
    },
    async run(values, out) {
        const dir = requiredOption(values, "out", "the folder to write the program into");
        const projectName = projectNameOption(values);
        const format = values.format;
        if (format !== "typescript" && format !== "yaml")
            throw new UsageError(`--format: "${String(format)}" is not a program format: typescript or yaml`);
        checkOutDir(dir, values.force === true);
        const both = values.tuxcare !== true && values.fluxark !== true;
        const tty = process.stderr.isTTY === true;
        // Loaded on use: it brings in every resource and the Pulumi SDK (a second of start-up).
        const { discover } = await import("./discover");
        const result = await discover({
            tuxcare: both || values.tuxcare === true,
            fluxark: both || values.fluxark === true,
            out: dir,
            projectName,
            format,
            // A progress line on a terminal; quiet otherwise.
            progress: (m) => tty && process.stderr.write(`\r\x1b[2Kdiscovering: ${m}`),
        });
        if (tty) process.stderr.write("\r\x1b[2K");
        const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
        out.log(
            `Wrote ${result.files.join(", ")} to ${dir}: ${total} objects (${
                Object.entries(result.counts)
                    .map(([k, v]) => `${v} ${k}`)
                    .join(", ") || "none"
            }).`,
        );
        for (const a of result.adjusted) out.log(`Adjusted: ${a}`);
        for (const s of result.skipped) out.log(`Left out: ${s}`);
        return EXIT.done;
    },
};

export const COMMANDS: readonly Command[] = [
    elsServerRemove,
    kcareServerRemove,
    nagiosRegisterKey,
    discoverCommand,
    reportCommand,
    accessCommand,
];
