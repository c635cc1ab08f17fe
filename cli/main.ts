#!/usr/bin/env node
/**
 * `npx pulumi-tuxcare-fluxark <command>`: the documented actions that are not declarative state.
 * Credentials come from the environment (TUXCARE_LOGIN, TUXCARE_SECRET_KEY, TUXCARE_API_URL).
 * Removals ask for --yes; without it they say what they would do and stop.
 */
import { parseArgs } from "node:util";
import { configure, tuxcareClient } from "../provider/context";
import { ApiError } from "../provider/core/errors";
import { redact } from "../provider/core/redact";
import { discover } from "./discover";

const USAGE = `Usage: pulumi-tuxcare-fluxark <command> [options]

Commands:
  els-server-remove --id ID [--yes]       remove a server from its ELS/ESU key (els/srv/remove)
  kcare-server-remove --id ID [--yes]     remove a KernelCare server (kcare/srv/remove)
  nagios-register-key --key KEY           register a Nagios monitoring key for this machine's IP
                                          (16 to 32 letters and digits; kcare/nagios/register_key)
  discover [--tuxcare] [--fluxark] --out DIR [--name NAME]
                                          write a Pulumi program adopting everything the accounts hold

Credentials: TUXCARE_LOGIN, TUXCARE_SECRET_KEY, and TUXCARE_API_URL for another portal (the emulator);
FLUXARK_URL and FLUXARK_API_KEY.`;

type Out = { log: (s: string) => void; err: (s: string) => void };

export async function run(argv: string[], out: Out): Promise<number> {
    const [command, ...rest] = argv;
    const { values } = parseArgs({
        args: rest,
        options: {
            id: { type: "string" },
            key: { type: "string" },
            yes: { type: "boolean", default: false },
            help: { type: "boolean", default: false },
            tuxcare: { type: "boolean", default: false },
            fluxark: { type: "boolean", default: false },
            out: { type: "string" },
            name: { type: "string", default: "discovered" },
        },
        strict: true,
    });
    if (!command || values.help || command === "help") {
        out.log(USAGE);
        return command ? 0 : 2;
    }
    configure(undefined);
    if (command === "discover") {
        if (!values.out) throw new Error("discover needs --out DIR");
        const both = !values.tuxcare && !values.fluxark;
        const tty = process.stderr.isTTY === true;
        const result = await discover({
            tuxcare: both || values.tuxcare === true,
            fluxark: both || values.fluxark === true,
            out: values.out,
            projectName: values.name ?? "discovered",
            // A progress line on a terminal; quiet otherwise.
            progress: (m) => tty && process.stderr.write(`\r\x1b[2Kdiscovering: ${m}`),
        });
        if (tty) process.stderr.write("\r\x1b[2K");
        const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
        out.log(`Wrote ${result.files.join(", ")} to ${values.out}: ${total} objects (${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(", ") || "none"}).`);
        for (const s of result.skipped) out.log(`Left out: ${s}`);
        return 0;
    }
    const client = await tuxcareClient();
    const need = (name: "id" | "key") => {
        const v = values[name];
        if (!v) throw new Error(`${command} needs --${name}`);
        return v;
    };
    const confirm = (what: string) => {
        if (values.yes) return true;
        out.err(`Would ${what}. Nothing was changed: run again with --yes to do it.`);
        return false;
    };
    switch (command) {
        case "els-server-remove": {
            const id = need("id");
            if (!confirm(`remove ELS server ${id} from its key`)) return 1;
            const s = await client.removeElsServer(id);
            out.log(`Removed ELS server ${s.id} (${s.ip ?? "no IP"}, ${s.hostname ?? "no hostname"}).`);
            return 0;
        }
        case "kcare-server-remove": {
            const id = need("id");
            if (!confirm(`remove KernelCare server ${id}`)) return 1;
            const removed = await client.removeKcareServer(id);
            out.log(removed ? `Removed KernelCare server ${id}.` : `KernelCare server ${id} was not found: nothing to remove.`);
            return 0;
        }
        case "nagios-register-key": {
            const key = need("key");
            const code = await client.registerNagiosKey(key);
            const meaning: Record<number, string> = { 0: "registered for this machine's IP", 1: "wrong key size or format (16 to 32 letters and digits)", 2: "no KernelCare IP license for this machine's IP" };
            if (code === 0) {
                out.log(`Nagios key ${meaning[0]}.`);
                return 0;
            }
            out.err(`Nagios key not registered: code ${code}, ${meaning[code] ?? "server error"}.`);
            return 1;
        }
        default:
            out.err(`Unknown command "${command}".\n\n${USAGE}`);
            return 2;
    }
}

if (require.main === module) {
    run(process.argv.slice(2), { log: (s) => console.log(s), err: (s) => console.error(s) })
        .then((code) => process.exit(code))
        .catch((e: unknown) => {
            console.error(redact(e instanceof ApiError || e instanceof Error ? e.message : String(e)));
            process.exit(1);
        });
}
