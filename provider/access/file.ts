/**
 * Temporary access as data: the access file (YAML), one entry per grant, each with an absolute
 * UTC expiry, the reason, who asked and, for break-glass access, who approved. A file means the
 * same on every day: a duration ("for 4h") is turned into an absolute time when the access is
 * requested (`access request`), and the file never holds one.
 *
 * An entry is either a user's ACL rule (user, server, remote user) or a user group's grant of a
 * server group (group, server group, username rule); `declare.ts` turns them into FluxarkAcl and
 * UserGroup grant declarations. The file is read and edited with `yaml`'s document model, so an
 * edit by the command line keeps the comments and the order of everything it does not touch.
 */
import { isMap, isSeq, parseDocument, YAMLSeq, type Document, type YAMLMap } from "yaml";
import { z } from "zod";
import { checkExpireTime, fluxarkTime, REMOTE_USER_NAME } from "../fluxark/common";
import { nameSchema, textSchema } from "../core/validators";
import { propertyPath } from "../core/check";

export const ACCESS_FILE_VERSION = 1 as const;
/** The longest a temporary grant may last when the file's header does not say (`maxDuration`). */
export const DEFAULT_MAX_DURATION = "7d";

const UNIT_MS = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `4h`, `90m`, `1d12h`, `2w`: a whole number of weeks, days, hours and minutes; undefined when not one. */
export function parseDuration(text: string): number | undefined {
    const s = text.trim();
    if (!/^(\d{1,6}[wdhm])+$/.test(s)) return undefined;
    let ms = 0;
    for (const [, n, unit] of s.matchAll(/(\d+)([wdhm])/g)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return ms > 0 ? ms : undefined;
}

/** A duration as people read it: `4h`, `1d 12h`, `45m`. */
export function showDuration(ms: number): string {
    const minutes = Math.round(ms / 60_000);
    const parts = [
        [Math.floor(minutes / 1440), "d"],
        [Math.floor((minutes % 1440) / 60), "h"],
        [minutes % 60, "m"],
    ] as const;
    const shown = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`);
    return shown.length > 0 ? shown.join(" ") : "0m";
}

const DURATION_RULE = 'a whole number of weeks, days, hours or minutes like "4h", "90m", "1d12h", "2w"';
export const durationSchema = z.string({ error: "must be a duration string" }).superRefine((s, ctx) => {
    if (parseDuration(s) === undefined) ctx.addIssue({ code: "custom", message: `"${s}" is not a duration: ${DURATION_RULE}` });
});

/** A UTC time as the entry keeps it: validated, written in FluxArk's own form `YYYY-MM-DD HH:MM:SS`. */
const utcTimeSchema = z.string({ error: 'must be a UTC time "YYYY-MM-DD HH:MM:SS" (a string: quote it in YAML)' }).transform((s, ctx) => {
    const r = checkExpireTime(s);
    if (r.ok) return fluxarkTime(r.date);
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
});

const remoteUserSchema = z
    .string({ error: "must be a remote (unix) user name" })
    .refine((s) => REMOTE_USER_NAME.test(s), { error: (iss) => `${JSON.stringify(iss.input)} is not a unix user name` });
/** A group grant's username rule, as UserGroup takes it: "*", a name, a list of names, or "" (the remote user named like each member). */
const usernameRuleSchema = z
    .union([z.string(), z.array(remoteUserSchema).min(1, "must name at least one remote user")], {
        error: 'must be "*", a remote user name, a list of names, or ""',
    })
    .superRefine((u, ctx) => {
        if (typeof u !== "string" || u === "" || u === "*") return;
        for (const name of u.split(",").map((n) => n.trim()))
            if (!REMOTE_USER_NAME.test(name)) ctx.addIssue({ code: "custom", message: `${JSON.stringify(name)} is not a unix user name` });
    });

const ENTRY_KEYS = [
    "user",
    "group",
    "server",
    "serverGroup",
    "as",
    "until",
    "reason",
    "requestedBy",
    "requestedAt",
    "approvedBy",
    "breakGlass",
] as const;

const entrySchema = z
    .strictObject(
        {
            /** A FluxArk portal user (an ACL rule)... */
            user: nameSchema.optional(),
            /** ...or a user group (a grant of a server group). */
            group: nameSchema.optional(),
            server: nameSchema.optional(),
            serverGroup: nameSchema.optional(),
            /** The remote user: one name for a user's rule; for a group grant "*", names, or "". */
            as: usernameRuleSchema,
            until: utcTimeSchema,
            reason: textSchema().refine((s) => s.trim() !== "", "must say why the access is needed"),
            requestedBy: nameSchema,
            requestedAt: utcTimeSchema,
            approvedBy: nameSchema.optional(),
            breakGlass: z.boolean({ error: "must be true or false" }).default(false),
        },
        {
            error: (iss) =>
                iss.code !== "unrecognized_keys"
                    ? "must be an entry: { user | group, server | serverGroup, as, until, reason, requestedBy, requestedAt, approvedBy?, breakGlass? }"
                    : iss.keys.some((k) => k === "for" || k === "duration")
                      ? 'has a duration, which the file does not keep (it would mean a different time on each day): write "until" as a UTC time, or run `access request --for` to convert one'
                      : `has ${iss.keys.map((k) => `"${k}"`).join(", ")}, which an entry does not have (its fields: ${ENTRY_KEYS.join(", ")})`,
        },
    )
    .superRefine((e, ctx) => {
        const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
        if ((e.user === undefined) === (e.group === undefined))
            issue("user", "give either user (an ACL rule) or group (a group grant), not both and not neither");
        if (e.user !== undefined) {
            if (e.server === undefined) issue("server", "is required for a user's rule (the server of the remote user)");
            if (e.serverGroup !== undefined) issue("serverGroup", "is for a group grant; a user's rule names one server");
            if (typeof e.as !== "string" || !REMOTE_USER_NAME.test(e.as)) issue("as", "must be one remote user name for a user's rule");
        }
        if (e.group !== undefined) {
            if (e.serverGroup === undefined) issue("serverGroup", "is required for a group grant");
            if (e.server !== undefined) issue("server", "is for a user's rule; a group grant names a server group");
        }
        if (e.breakGlass && (e.approvedBy === undefined || samePerson(e.approvedBy, e.requestedBy)))
            issue("approvedBy", "is required for break-glass access, and must be someone other than the requester");
    });

export type AccessEntry = z.output<typeof entrySchema>;

/** People's names as FluxArk users and reviewers write them: "Alice" approving "alice" is still self-approval. */
function samePerson(a: string, b: string | undefined): boolean {
    return b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

const fileSchema = z.strictObject(
    {
        version: z.literal(ACCESS_FILE_VERSION, { error: `must be ${ACCESS_FILE_VERSION}` }),
        /** The longest an entry may last, from its requestedAt to its until. */
        maxDuration: durationSchema.default(DEFAULT_MAX_DURATION),
        /** Whether an entry may grant a root account (one named in rootNames). */
        allowRoot: z.boolean({ error: "must be true or false" }).default(false),
        rootNames: z.array(remoteUserSchema).default(["root"]),
        grants: z
            .array(entrySchema, { error: "must be a list of entries" })
            .nullish()
            .transform((g) => g ?? []),
    },
    {
        error: (iss) =>
            iss.code === "unrecognized_keys"
                ? `has ${iss.keys.map((k) => `"${k}"`).join(", ")}, which the file does not have (its fields: version, maxDuration, allowRoot, rootNames, grants)`
                : "must be a mapping: { version, maxDuration?, allowRoot?, rootNames?, grants }",
    },
);

export type AccessFile = z.output<typeof fileSchema>;

/** The schema of the file as written (before defaults), for editors: `access schema` prints it. */
export function accessFileJsonSchema(): Record<string, unknown> {
    return z.toJSONSchema(fileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

/** What makes two entries the same grant: a user's (server, remote user), or a group's server group (a grant set's key). */
export function entryKey(e: Pick<AccessEntry, "user" | "group" | "server" | "serverGroup" | "as">): string {
    return e.user !== undefined ? `user ${e.user} on ${e.server} as ${String(e.as)}` : `group ${e.group} on server group ${e.serverGroup}`;
}

/** The Pulumi name of a user entry's FluxarkAcl: the grant, not its dates, so a renewal replaces the same resource. */
export const aclResourceName = (e: Pick<AccessEntry, "user" | "server" | "as">): string => `access:${e.user}@${e.server}:${String(e.as)}`;

/** The entry's reason, requester, approver and break-glass mark, as the declarations' program-side inputs carry them. */
export function entryMetadata(e: AccessEntry): { reason: string; requestedBy: string; approvedBy?: string; breakGlass?: true } {
    return {
        reason: e.reason,
        requestedBy: e.requestedBy,
        ...(e.approvedBy !== undefined ? { approvedBy: e.approvedBy } : {}),
        ...(e.breakGlass ? { breakGlass: true as const } : {}),
    };
}

/** The remote user names an entry grants, or "*" for every one (group grants), or "" for the same-named one. */
export function entryRemoteUsers(e: AccessEntry): string[] {
    return Array.isArray(e.as) ? e.as : e.as.split(",").map((s) => s.trim());
}

export const entryMs = (time: string): number => Date.parse(`${time.replace(" ", "T")}Z`);

/** The rules no single entry can check: the cap, root, and no two entries for one grant. */
function fileProblems(file: AccessFile): { path: (string | number)[]; message: string }[] {
    const problems: { path: (string | number)[]; message: string }[] = [];
    const cap = parseDuration(file.maxDuration)!;
    const seen = new Map<string, number>();
    file.grants.forEach((e, i) => {
        const lasts = entryMs(e.until) - entryMs(e.requestedAt);
        if (lasts <= 0) problems.push({ path: ["grants", i, "until"], message: `${e.until} is not after requestedAt ${e.requestedAt}` });
        else if (lasts > cap)
            problems.push({
                path: ["grants", i, "until"],
                message: `lasts ${showDuration(lasts)} from requestedAt, more than the file's maxDuration ${file.maxDuration}`,
            });
        // For a group, "*" is every remote user and "" each member's own name: either reaches root (a member named root).
        if (
            !file.allowRoot &&
            entryRemoteUsers(e).some((n) => file.rootNames.includes(n) || (e.group !== undefined && (n === "*" || n === "")))
        ) {
            problems.push({
                path: ["grants", i, "as"],
                message: `grants a root account (${file.rootNames.join(", ")}${e.group !== undefined ? ', or "*" or "" (each member\'s own name), which can reach it' : ""}); the file's allowRoot is false`,
            });
        }
        const key = entryKey(e);
        const first = seen.get(key);
        if (first !== undefined)
            problems.push({
                path: ["grants", i],
                message: `is the same grant as grants[${first}] (${key}); renew an entry by changing it, not by adding another`,
            });
        else seen.set(key, i);
    });
    return problems;
}

/** Thrown for a file that is not a valid access file; the message names the file, the field and the rule. */
export class AccessFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AccessFileError";
    }
}

/** The text of an access file, parsed and checked. `name` is how messages call the file. */
export function parseAccessFile(text: string, name = "access file"): AccessFile {
    return readAccessDocument(text, name).file;
}

export interface AccessDocument {
    file: AccessFile;
    /** The YAML document, for edits that keep comments and order (see addEntry, removeEntries). */
    doc: Document;
}

export function readAccessDocument(text: string, name = "access file"): AccessDocument {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) throw new AccessFileError(`${name}: not YAML: ${doc.errors[0]!.message}`);
    const parsed = fileSchema.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AccessFileError(
            `${name}: ${issue.path.length > 0 ? propertyPath(issue.path as PropertyKey[]) : "the file"} ${issue.message}`,
        );
    }
    const [problem] = fileProblems(parsed.data);
    if (problem) throw new AccessFileError(`${name}: ${propertyPath(problem.path)} ${problem.message}`);
    return { file: parsed.data, doc };
}

/** A new, empty access file's text. */
export function emptyAccessFile(maxDuration = DEFAULT_MAX_DURATION): string {
    return `# Temporary SSH access (pulumi-tuxcare-fluxark). Edit through \`access request\` and \`access sweep\`.\nversion: ${ACCESS_FILE_VERSION}\nmaxDuration: ${maxDuration}\ngrants: []\n`;
}

function grantsSeq(doc: Document): YAMLSeq<unknown> {
    const grants = (doc.contents as YAMLMap).get("grants", true);
    if (isSeq(grants)) return grants;
    const seq = new YAMLSeq<unknown>();
    (doc.contents as YAMLMap).set("grants", seq);
    return seq;
}

/** Written as the file keeps it: only the fields given, in a fixed order. */
function entryForFile(e: AccessEntry): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of ENTRY_KEYS) {
        const v = e[k];
        if (v === undefined || (k === "breakGlass" && v === false)) continue;
        out[k] = v;
    }
    return out;
}

/**
 * The document with `entry` added, or put in place of the entry for the same grant (a renewal),
 * checked as a whole before it is returned: a text that would not read back is never written.
 */
export function withEntry(text: string, entry: AccessEntry, name = "access file"): { text: string; replaced?: AccessEntry } {
    const { file, doc } = readAccessDocument(text, name);
    if (!isMap(doc.contents)) throw new AccessFileError(`${name}: must be a mapping`);
    const seq = grantsSeq(doc);
    seq.flow = false;
    const at = file.grants.findIndex((g) => entryKey(g) === entryKey(entry));
    const node = doc.createNode(entryForFile(entry));
    if (at >= 0) seq.items[at] = node;
    else seq.items.push(node);
    const out = doc.toString();
    readAccessDocument(out, name);
    return { text: out, replaced: at >= 0 ? file.grants[at] : undefined };
}

/** The document without the entries `drop` picks; the entries removed. */
export function withoutEntries(
    text: string,
    drop: (e: AccessEntry) => boolean,
    name = "access file",
): { text: string; removed: AccessEntry[] } {
    const { file, doc } = readAccessDocument(text, name);
    const removed = file.grants.filter(drop);
    if (removed.length === 0) return { text, removed };
    const seq = grantsSeq(doc);
    seq.items = seq.items.filter((_, i) => !drop(file.grants[i]!));
    return { text: doc.toString(), removed };
}

/** Whether the entry's access has ended at `now`. */
export const hasExpired = (e: AccessEntry, now: number): boolean => entryMs(e.until) <= now;
