/**
 * The access file as declarations: one FluxarkAcl per user entry (`accessRules`), and per user
 * group the grants its entries add to that group's UserGroup (`groupGrants`: a group is usually
 * declared before the users who join it, the rules after them, hence two calls). Every declaration carries the entry's reason, requester,
 * approver and break-glass mark as program-side inputs (FluxArk rules have no comment field: they
 * live in the stack's state, where the policy pack and reviewers see them, never in FluxArk).
 *
 * A user entry's resource is named after its grant (`access:kim@web-1:deploy`), not after its
 * dates: renewing an entry changes that resource's expireTime, and FluxarkAcl replaces a rule
 * create-before-delete, so the user is never without access in between.
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { FluxarkAcl, type UserGroupGrantArgs } from "../fluxark/resources.generated";
import { aclResourceName, entryKey, entryMetadata, hasExpired, parseAccessFile, type AccessEntry, type AccessFile } from "./file";

/** Where the ids of the names the file uses come from: usually the resources the program declares. */
export interface AccessIds {
    /** Portal user name -> its id (`FluxarkUser.userId`). */
    users?: Record<string, pulumi.Input<number>>;
    /** Server name -> remote user name -> its id (`FluxarkServerUser.userServerId`). */
    remoteUsers?: Record<string, Record<string, pulumi.Input<number>>>;
}

function lookup<T>(value: T | undefined, what: string, entry: AccessEntry): T {
    if (value === undefined) throw new Error(`access file: ${entryKey(entry)}: the program gives no id for ${what} (pass it in AccessIds)`);
    return value;
}

/** Reads and checks an access file (path or parsed file). */
export function readAccessFile(file: string | AccessFile): AccessFile {
    return typeof file === "string" ? parseAccessFile(readFileSync(file, "utf8"), file) : file;
}

/** A still-declared entry whose time has passed gives no access: the program says so, and sweep removes it. */
function warnExpired(entries: AccessEntry[], now: number): void {
    for (const e of entries.filter((g) => hasExpired(g, now)))
        pulumi.log.warn(`access file: ${entryKey(e)} ended at ${e.until} UTC and is still declared; \`access sweep --write\` removes it`);
}

/**
 * One FluxarkAcl per user entry of the file (a path or a parsed file), keyed by resource name.
 * `ids` gives the ids of the users and remote users the entries name.
 */
export function accessRules(
    file: string | AccessFile,
    ids: AccessIds,
    opts?: pulumi.CustomResourceOptions,
    now = Date.now(),
): Record<string, FluxarkAcl> {
    const entries = readAccessFile(file).grants.filter((g) => g.user !== undefined);
    warnExpired(entries, now);
    const rules: Record<string, FluxarkAcl> = {};
    for (const e of entries) {
        const name = aclResourceName(e);
        const userId = lookup(ids.users?.[e.user!], `user ${e.user}`, e);
        const userServerId = lookup(ids.remoteUsers?.[e.server!]?.[String(e.as)], `remote user ${String(e.as)} of server ${e.server}`, e);
        rules[name] = new FluxarkAcl(name, { userId, userServerId, expireTime: e.until, ...entryMetadata(e) }, opts);
    }
    return rules;
}

/** The grants the file gives user group `group`, to put in (or add to) its UserGroup's `grants`. */
export function groupGrants(file: string | AccessFile, group: string, now = Date.now()): UserGroupGrantArgs[] {
    const entries = readAccessFile(file).grants.filter((e) => e.group === group);
    warnExpired(entries, now);
    return entries.map((e) => ({ serverGroup: e.serverGroup!, username: e.as, expireTime: e.until, ...entryMetadata(e) }));
}
