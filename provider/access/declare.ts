/**
 * The access file as declarations: one FluxarkAcl per user entry, and per user group the grants its
 * entries add to that group's UserGroup. Every declaration carries the entry's reason, requester,
 * approver and break-glass mark as program-side inputs (FluxArk rules have no comment field: they
 * live in the stack's state, where the policy pack and reviewers see them, never in FluxArk).
 *
 * A user entry's resource is named after its grant (`access:kim@web-1:deploy`), not after its
 * dates: renewing an entry changes that resource's expireTime, and FluxarkAcl replaces a rule
 * create-before-delete, so the user is never without access in between.
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { FluxarkAcl } from "../fluxark/acl";
import type { ServerGroupGrantArgs } from "../fluxark/user-group";
import { entryKey, hasExpired, parseAccessFile, type AccessEntry, type AccessFile } from "./file";

/** Where the ids of the names the file uses come from: usually the resources the program declares. */
export interface AccessIds {
    /** Portal user name -> its id (`FluxarkUser.userId`). */
    users?: Record<string, pulumi.Input<number>>;
    /** Server name -> remote user name -> its id (`FluxarkServerUser.userServerId`). */
    remoteUsers?: Record<string, Record<string, pulumi.Input<number>>>;
}

export interface TemporaryAccess {
    /** One rule per user entry, keyed by its resource name. */
    acls: Record<string, FluxarkAcl>;
    /** The grants the file gives `group`, to add to its UserGroup's `grants` (none when it gives none). */
    grantsFor(group: string): ServerGroupGrantArgs[];
    /** Entries whose `until` has passed: `access sweep --write` removes them from the file. */
    expired: AccessEntry[];
}

/** The Pulumi name of a user entry's FluxarkAcl: the grant, so a renewal replaces the same resource. */
export const aclResourceName = (e: Pick<AccessEntry, "user" | "server" | "as">): string => `access:${e.user}@${e.server}:${String(e.as)}`;

/** The entry's metadata as the resources' program-side inputs. */
function metadata(e: AccessEntry) {
    return { reason: e.reason, requestedBy: e.requestedBy, ...(e.approvedBy !== undefined ? { approvedBy: e.approvedBy } : {}), ...(e.breakGlass ? { breakGlass: true } : {}) };
}

function lookup<T>(value: T | undefined, what: string, entry: AccessEntry): T {
    if (value === undefined) throw new Error(`access file: ${entryKey(entry)}: the program gives no id for ${what} (pass it in AccessIds)`);
    return value;
}

/** Reads and checks an access file. */
export function readAccessFile(path: string): AccessFile {
    return parseAccessFile(readFileSync(path, "utf8"), path);
}

/**
 * Declares the file's grants. `file` is a path or a parsed file. User entries become FluxarkAcl
 * resources now (with `opts`); group entries wait for `grantsFor` in the group's UserGroup.
 */
export function temporaryAccess(file: string | AccessFile, ids: AccessIds, opts?: pulumi.CustomResourceOptions, now = Date.now()): TemporaryAccess {
    const access = typeof file === "string" ? readAccessFile(file) : file;
    const expired = access.grants.filter((e) => hasExpired(e, now));
    for (const e of expired) pulumi.log.warn(`access file: ${entryKey(e)} expired at ${e.until} UTC and is still declared; \`access sweep --write\` removes it`);
    const acls: Record<string, FluxarkAcl> = {};
    for (const e of access.grants.filter((g) => g.user !== undefined)) {
        const name = aclResourceName(e);
        acls[name] = new FluxarkAcl(
            name,
            {
                userId: lookup(ids.users?.[e.user!], `user ${e.user}`, e),
                userServerId: lookup(ids.remoteUsers?.[e.server!]?.[String(e.as)], `remote user ${String(e.as)} of server ${e.server}`, e),
                expireTime: e.until,
                ...metadata(e),
            },
            opts,
        );
    }
    return {
        acls,
        expired,
        grantsFor: (group) => access.grants.filter((e) => e.group === group).map((e) => ({ serverGroup: e.serverGroup!, username: e.as, expireTime: e.until, ...metadata(e) })),
    };
}
