/**
 * `access request|sweep|schema`: temporary SSH access through pull requests. `request` checks the
 * options, then the access file and the entry as the file would hold it, then the live account,
 * and only then writes the file and the pull-request body; any refusal leaves both untouched.
 * `sweep` removes the entries whose time has passed (a dry run unless --write).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
    AccessFileError,
    emptyAccessFile,
    entryKey,
    hasExpired,
    parseDuration,
    readAccessDocument,
    showDuration,
    withEntry,
    withoutEntries,
    accessFileJsonSchema,
    type AccessEntry,
} from "../../provider/access/file";
import { checkExpireTime, fluxarkTime } from "../../provider/fluxark/common";
import { EXIT, optionalOption, requiredOption, UsageError, type Values } from "../args";
import type { Command, Out } from "../commands";

const DEFAULT_FILE = "access.yaml";
const SUBCOMMANDS = ["request", "sweep", "schema"] as const;
const REQUEST_ONLY = [
    "user",
    "group",
    "server",
    "server-group",
    "as",
    "for",
    "until",
    "reason",
    "requested-by",
    "approved-by",
    "break-glass",
    "max-duration",
    "body",
    "snapshot",
];
const SWEEP_ONLY = ["at", "write"];

function readFileText(file: string, mustExist: boolean): string {
    if (!existsSync(file)) {
        if (mustExist) throw new UsageError(`--file ${file}: no such file`);
        return "";
    }
    try {
        return readFileSync(file, "utf8");
    } catch (e) {
        throw new UsageError(`--file ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
}

/** Runs `f`; a bad access file is a usage error naming it (nothing was attempted). */
function fileChecked<T>(f: () => T): T {
    try {
        return f();
    } catch (e) {
        if (e instanceof AccessFileError) throw new UsageError(e.message);
        throw e;
    }
}

function utcOption(values: Values, name: string): number | undefined {
    const raw = optionalOption(values, name);
    if (raw === undefined) return undefined;
    const r = checkExpireTime(raw);
    if (!r.ok) throw new UsageError(`--${name} ${r.reason}`);
    return r.date.getTime();
}

/** The entry the options ask for, checked against the options' own rules and the cap (before any API call). */
function entryFromOptions(values: Values, cap: { ms: number; text: string }, now: number): AccessEntry {
    const user = optionalOption(values, "user");
    const group = optionalOption(values, "group");
    if ((user === undefined) === (group === undefined))
        throw new UsageError("give either --user (an ACL rule for one user) or --group (a grant to a user group)");
    const server = optionalOption(values, "server");
    const serverGroup = optionalOption(values, "server-group");
    if (user !== undefined && (server === undefined || serverGroup !== undefined))
        throw new UsageError("--user needs --server (and takes no --server-group)");
    if (group !== undefined && (serverGroup === undefined || server !== undefined))
        throw new UsageError("--group needs --server-group (and takes no --server)");
    const as = user !== undefined ? requiredOption(values, "as", "the remote user to log in as") : (optionalOption(values, "as") ?? "");

    const duration = optionalOption(values, "for");
    const untilMs = utcOption(values, "until");
    if ((duration === undefined) === (untilMs === undefined))
        throw new UsageError("give either --for DURATION (like 4h) or --until TIME (UTC), not both");
    const lasts = duration !== undefined ? parseDuration(duration) : untilMs! - now;
    if (lasts === undefined)
        throw new UsageError(`--for "${duration}" is not a duration: a whole number of weeks, days, hours or minutes like 4h, 90m, 1d12h`);
    if (lasts <= 0) throw new UsageError(`--until is not in the future`);
    if (lasts > cap.ms)
        throw new UsageError(
            `the access would last ${showDuration(lasts)}, more than the cap of ${cap.text}: ask for less, or for a new grant when it ends`,
        );

    const reason = optionalOption(values, "reason");
    if (reason === undefined)
        throw new UsageError("--reason is required: say why the access is needed (it goes into the file and the pull request)");
    const requestedBy = optionalOption(values, "requested-by") ?? process.env.GITHUB_ACTOR?.trim() ?? process.env.USER?.trim();
    if (!requestedBy) throw new UsageError("--requested-by is required (no GITHUB_ACTOR or USER to take it from)");
    const approvedBy = optionalOption(values, "approved-by");
    const breakGlass = values["break-glass"] === true;
    if (breakGlass && (approvedBy === undefined || approvedBy === requestedBy))
        throw new UsageError("--break-glass needs --approved-by, someone other than the requester");
    // Whole seconds: the file keeps FluxArk's form.
    const at = (ms: number) => fluxarkTime(new Date(Math.floor(ms / 1000) * 1000));
    return {
        ...(user !== undefined ? { user, server } : { group, serverGroup }),
        as,
        until: at(now + lasts),
        reason,
        requestedBy,
        requestedAt: at(now),
        ...(approvedBy !== undefined ? { approvedBy } : {}),
        breakGlass,
    };
}

function refuseOthers(values: Values, sub: string, others: string[]): void {
    const given = others.find((o) => values[o] !== undefined && values[o] !== false);
    if (given) throw new UsageError(`--${given} is not an option of access ${sub}`);
}

async function request(values: Values, out: Out): Promise<number> {
    refuseOthers(values, "request", SWEEP_ONLY);
    const file = optionalOption(values, "file") ?? DEFAULT_FILE;
    const now = Date.now();
    const flagCap = optionalOption(values, "max-duration");
    if (flagCap !== undefined && parseDuration(flagCap) === undefined)
        throw new UsageError(`--max-duration "${flagCap}" is not a duration (like 7d, 12h)`);
    const original = readFileText(file, false);
    const text = original === "" ? emptyAccessFile(flagCap) : original;
    const { file: access } = fileChecked(() => readAccessDocument(text, file));
    // The tighter of the flag and the file's header.
    const capText = flagCap !== undefined && parseDuration(flagCap)! < parseDuration(access.maxDuration)! ? flagCap : access.maxDuration;
    const entry = entryFromOptions(values, { ms: parseDuration(capText)!, text: capText }, now);
    const root = (Array.isArray(entry.as) ? entry.as : entry.as.split(",")).find(
        (n) => access.rootNames.includes(n.trim()) || (entry.group !== undefined && n.trim() === "*"),
    );
    if (root !== undefined && !access.allowRoot)
        throw new UsageError(`--as ${root} grants a root account; the access file's allowRoot is false`);
    // The file as it would be: a request the file's own rules refuse stops here.
    const next = fileChecked(() => withEntry(text, entry, file));
    const bodyFile = optionalOption(values, "body");
    const snapshotFile = optionalOption(values, "snapshot");

    const [{ requestPreview, AccessRefusal }, { accessDiffReport }, { requestBody, requestTitle }] = await Promise.all([
        import("./request"),
        import("../../report/access-diff"),
        import("./body"),
    ]);
    const { fetchFluxark } = await import("../../report/fetch");
    const { parseSnapshot } = await import("../../report/snapshot");
    const saved =
        snapshotFile === undefined ? undefined : fileChecked(() => parseSnapshot(readFileText(snapshotFile, true), snapshotFile).fluxark);
    if (snapshotFile !== undefined && !saved) throw new UsageError(`--snapshot ${snapshotFile}: has no FluxArk part`);
    const fx = saved ?? (await fetchFluxark(() => undefined));
    let preview: ReturnType<typeof requestPreview>;
    try {
        preview = requestPreview(fx, access, entry, next.replaced, now);
    } catch (e) {
        if (!(e instanceof AccessRefusal)) throw e;
        out.err(`Refused: ${e.message}. ${file} was not changed.`);
        return EXIT.failed;
    }
    const source = {
        kind: saved ? ("snapshot" as const) : ("live" as const),
        takenAt: new Date(now).toISOString(),
        fluxarkUrl: fx.url,
        ...(snapshotFile ? { file: snapshotFile } : {}),
    };
    const diff = accessDiffReport(fx, preview, { now, source });
    const body = requestBody(entry, next.replaced, diff, now);

    // The body first: a body that cannot be written leaves the access file as it was.
    if (bodyFile !== undefined) writeFileSync(bodyFile, body);
    writeFileSync(file, next.text);
    out.err(`${next.replaced ? "Renewed" : "Added"} ${entryKey(entry)} until ${entry.until} UTC in ${file}.`);
    if (bodyFile !== undefined) {
        out.err(`Wrote the pull-request body to ${bodyFile}.`);
        out.log(requestTitle(entry, next.replaced !== undefined));
    } else out.log(body.trimEnd());
    return EXIT.done;
}

function sweep(values: Values, out: Out): number {
    refuseOthers(values, "sweep", REQUEST_ONLY);
    const file = optionalOption(values, "file") ?? DEFAULT_FILE;
    const at = utcOption(values, "at") ?? Date.now();
    const text = readFileText(file, true);
    const { text: swept, removed } = fileChecked(() => withoutEntries(text, (e) => hasExpired(e, at), file));
    const when = fluxarkTime(new Date(at));
    if (removed.length === 0) {
        out.log(`Nothing to sweep: no entry of ${file} had ended at ${when} UTC.`);
        return EXIT.done;
    }
    const listed = removed.map((e) => `- ${entryKey(e)}, ended ${e.until} UTC (${e.reason}; requested by ${e.requestedBy})`);
    if (values.write !== true) {
        out.log([`Would remove ${removed.length} ended entr${removed.length === 1 ? "y" : "ies"} from ${file}:`, ...listed].join("\n"));
        out.err("Nothing was changed: run again with --write to remove them.");
        return EXIT.dryRun;
    }
    writeFileSync(file, swept);
    out.log([`Removed ${removed.length} ended entr${removed.length === 1 ? "y" : "ies"} from ${file}:`, ...listed].join("\n"));
    return EXIT.done;
}

export const accessCommand: Command = {
    name: "access",
    synopsis: "access request|sweep|schema [--file FILE] [...]",
    summary: "temporary SSH access as an access file changed through pull requests",
    subcommands: SUBCOMMANDS,
    help: `Subcommands:
  request   add (or renew) an entry in the access file, checked against the live FluxArk account, and
            print the pull-request body: the entry, and the access diff of the change
  sweep     remove the entries whose time has passed (a dry run, exit 3, unless --write)
  schema    print the access file's JSON Schema (for editors)

Options:
  --file FILE            the access file (default ${DEFAULT_FILE}; request creates it when missing)
 request:
  --user NAME            a FluxArk user (an ACL rule), with --server NAME and --as REMOTE_USER
  --group NAME           or a user group (a grant), with --server-group NAME and --as ("*", a,b, or none:
                         each member's own name)
  --for DURATION         how long: 4h, 90m, 1d12h, 2w; written into the file as an absolute UTC time
  --until TIME           or until when, UTC ("YYYY-MM-DD HH:MM:SS" or ISO-8601)
  --reason TEXT          why (required)
  --requested-by NAME    who asks (default: GITHUB_ACTOR, else USER)
  --approved-by NAME     who approved
  --break-glass          emergency access: needs --approved-by, someone else than the requester
  --max-duration D       refuse longer access (default: the file's maxDuration, itself 7d by default)
  --body FILE            write the pull-request body here (default: standard output)
  --snapshot FILE        check against a saved snapshot (\`report snapshot\`) instead of the live account
 sweep:
  --at TIME              sweep as of this UTC time (default: now), say to see what Friday's sweep removes
  --write                really remove them

A request is refused before anything is written: over the cap, no reason, a root account the file does
not allow (exit 2); a user, server, remote user or group FluxArk does not have, or access as wide or wider
already given (exit 1). Renewal is a new request for the same grant: it replaces the entry, and the
program's FluxarkAcl is replaced create-before-delete, so access never lapses in between.
Credentials: FLUXARK_URL, FLUXARK_API_KEY (request).`,
    options: {
        file: { type: "string" },
        user: { type: "string" },
        group: { type: "string" },
        server: { type: "string" },
        "server-group": { type: "string" },
        as: { type: "string" },
        for: { type: "string" },
        until: { type: "string" },
        reason: { type: "string" },
        "requested-by": { type: "string" },
        "approved-by": { type: "string" },
        "break-glass": { type: "boolean", default: false },
        "max-duration": { type: "string" },
        body: { type: "string" },
        snapshot: { type: "string" },
        at: { type: "string" },
        write: { type: "boolean", default: false },
    },
    async run(values, out) {
        switch (values.subcommand) {
            case "request":
                return request(values, out);
            case "sweep":
                return sweep(values, out);
            default:
                refuseOthers(values, "schema", [...REQUEST_ONLY, ...SWEEP_ONLY, "file"]);
                out.log(JSON.stringify(accessFileJsonSchema(), null, 2));
                return EXIT.done;
        }
    },
};
