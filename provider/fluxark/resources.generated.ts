/**
 * The public types of the fluxark resources: generated from their declarations by scripts/public-types.ts;
 * do not edit by hand. Change a resource's declaration (its schema, field table or outputs) and run
 * `npm run generate`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Agreed, ArgsAgree, ClassAgrees, StateOf } from "../core/public-types";
import { fluxarkAcl } from "./acl";
import { fluxarkServer } from "./server";
import { fluxarkServerUser } from "./server-user";
import { fluxarkUser } from "./user";
import { userGroup } from "./user-group";

/** The inputs of FluxarkServer (fluxark:FluxarkServer). */
export interface FluxarkServerArgs {
    /** Unique server name, the SSH destination users reach as remoteuser@server@user@jumphost: not empty, at most 255 characters, no @ or spaces (so the document's list example "test API" is refused), no control or invisible format characters. */
    name: pulumi.Input<string>;
    /** IPv4 or IPv6 address (not multicast, 0.0.0.0/8 or 240.0.0.0/4; no zone id), or a host name (a trailing dot is fine; the last label cannot be a number, so 1.2.3 and 999.1.1.1 are refused; international names in their xn-- form). */
    ipAddr: pulumi.Input<string>;
    /** Default true. */
    active?: pulumi.Input<boolean>;
    /** Can act as a jump server (default false). */
    isJump?: pulumi.Input<boolean>;
    /** Target for SSH cron jobs (default false). */
    isCron?: pulumi.Input<boolean>;
    /** Target for the SSH API (default false). */
    isApi?: pulumi.Input<boolean>;
    /** Default SSH port, 1-65535 (default 22). */
    port?: pulumi.Input<number>;
    /** Server group names, a set (default none); no /, and not . or .. (a name is a path segment of FluxArk's grant calls); [] removes all groups. */
    groups?: pulumi.Input<pulumi.Input<string>[]>;
    /** Id of an existing server to take over. Used only at creation. */
    adopt?: pulumi.Input<number | string>;
}

/** A remote server behind the FluxArk jump server (/api/servers/). */
export class FluxarkServer extends fluxarkServer.Resource<FluxarkServerArgs> {
    /** Unique server name, the SSH destination users reach as remoteuser@server@user@jumphost: not empty, at most 255 characters, no @ or spaces (so the document's list example "test API" is refused), no control or invisible format characters. */
    declare readonly name: pulumi.Output<string>;
    /** IPv4 or IPv6 address (not multicast, 0.0.0.0/8 or 240.0.0.0/4; no zone id), or a host name (a trailing dot is fine; the last label cannot be a number, so 1.2.3 and 999.1.1.1 are refused; international names in their xn-- form). */
    declare readonly ipAddr: pulumi.Output<string>;
    /** Default true. */
    declare readonly active: pulumi.Output<boolean>;
    /** Can act as a jump server (default false). */
    declare readonly isJump: pulumi.Output<boolean>;
    /** Target for SSH cron jobs (default false). */
    declare readonly isCron: pulumi.Output<boolean>;
    /** Target for the SSH API (default false). */
    declare readonly isApi: pulumi.Output<boolean>;
    /** Default SSH port, 1-65535 (default 22). */
    declare readonly port: pulumi.Output<number>;
    /** Server group names, a set (default none); no /, and not . or .. (a name is a path segment of FluxArk's grant calls); [] removes all groups. */
    declare readonly groups: pulumi.Output<StateOf<typeof fluxarkServer>["groups"]>;
    /** Id of an existing server to take over. Used only at creation. */
    declare readonly adopt: pulumi.Output<number | undefined>;
    /** FluxArk's id of the server. */
    declare readonly serverId: pulumi.Output<number>;
    /** When the server was created (UTC). */
    declare readonly created: pulumi.Output<string>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _FluxarkServerAgrees = [Agreed<ArgsAgree<FluxarkServerArgs, typeof fluxarkServer>>, Agreed<ClassAgrees<FluxarkServer, typeof fluxarkServer>>];

/** The inputs of FluxarkServerUser (fluxark:FluxarkServerUser). */
export interface FluxarkServerUserArgs {
    /** The server's id; a change replaces the account. */
    serverId: pulumi.Input<number | string>;
    /** Remote account name (unix rules, <= 32 characters). */
    username: pulumi.Input<string>;
    /** password, key or key-pass (default password). To create an account, key and key-pass need sshKey, password and key-pass need password (not to adopt or import one). */
    authMethod?: pulumi.Input<"password" | "key" | "key-pass">;
    /** Secret, write-only: not blank, at most 1024 characters, no control or invisible format characters (no minimum length: it is the remote account's own password, set on that server). Applied when the input changes; changes made outside Pulumi are not seen. */
    password?: pulumi.Input<string>;
    /** The private key FluxArk logs in to the server with (secret). Not set: never sent, so an adopted or imported account keeps its key. */
    sshKey?: pulumi.Input<string>;
    /** SSH port, 1-65535 (default 22). */
    port?: pulumi.Input<number>;
    /** Default true. */
    active?: pulumi.Input<boolean>;
    /** The server's default remote user (default false). */
    defaultUser?: pulumi.Input<boolean>;
    /** Id of an existing remote user of the server to take over. Used only at creation. */
    adopt?: pulumi.Input<number | string>;
}

/** A remote SSH account on a FluxArk server (/api/servers/$ID/users). */
export class FluxarkServerUser extends fluxarkServerUser.Resource<FluxarkServerUserArgs> {
    /** The server's id; a change replaces the account. */
    declare readonly serverId: pulumi.Output<number>;
    /** Remote account name (unix rules, <= 32 characters). */
    declare readonly username: pulumi.Output<string>;
    /** password, key or key-pass (default password). To create an account, key and key-pass need sshKey, password and key-pass need password (not to adopt or import one). */
    declare readonly authMethod: pulumi.Output<"password" | "key" | "key-pass">;
    /** Secret, write-only: not blank, at most 1024 characters, no control or invisible format characters (no minimum length: it is the remote account's own password, set on that server). Applied when the input changes; changes made outside Pulumi are not seen. */
    declare readonly password: pulumi.Output<string | undefined>;
    /** The private key FluxArk logs in to the server with (secret). Not set: never sent, so an adopted or imported account keeps its key. */
    declare readonly sshKey: pulumi.Output<string | undefined>;
    /** SSH port, 1-65535 (default 22). */
    declare readonly port: pulumi.Output<number>;
    /** Default true. */
    declare readonly active: pulumi.Output<boolean>;
    /** The server's default remote user (default false). */
    declare readonly defaultUser: pulumi.Output<boolean>;
    /** Id of an existing remote user of the server to take over. Used only at creation. */
    declare readonly adopt: pulumi.Output<number | undefined>;
    /** FluxArk's id of the remote user (what ACL rules point at). */
    declare readonly userServerId: pulumi.Output<number>;
    /** Whether a password is set. */
    declare readonly hasPassword: pulumi.Output<boolean>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _FluxarkServerUserAgrees = [Agreed<ArgsAgree<FluxarkServerUserArgs, typeof fluxarkServerUser>>, Agreed<ClassAgrees<FluxarkServerUser, typeof fluxarkServerUser>>];

/** The inputs of FluxarkUser (fluxark:FluxarkUser). */
export interface FluxarkUserArgs {
    /** Unix user name, <= 32 characters. FluxArk cannot rename: a change replaces the user. */
    username: pulumi.Input<string>;
    /** Unique e-mail address; international addresses (josé@example.com) are accepted. */
    email: pulumi.Input<string>;
    /** Secret, write-only: 8 to 1024 characters, not blank, no control or invisible format characters. Required to create a user, not to adopt or import one (never sent while unset). Applied when the input changes; a password changed outside Pulumi is not seen. */
    password?: pulumi.Input<string>;
    /** Full name: not empty, at most 255 characters, no control or invisible format characters. */
    fullName: pulumi.Input<string>;
    /** password, password-key or key (the key types need sshKey). */
    authType: pulumi.Input<"password" | "password-key" | "key">;
    /** password, token or password-token (default password). */
    passwordType?: pulumi.Input<"password" | "token" | "password-token">;
    /** OpenSSH public key(s), one per line (a private key is refused); required to create a user of the key auth types. Not set: never sent, so an adopted or imported user keeps its key. The document's user list does not return it: read back only where the installation's list does. */
    sshKey?: pulumi.Input<string>;
    /** Default true. */
    active?: pulumi.Input<boolean>;
    /** Connects straight to the jump server (default false). */
    serverAdmin?: pulumi.Input<boolean>;
    /** Free text, at most 1024 characters, without control or invisible format characters. Not set: never sent, so an adopted or imported user keeps its comment. Read back only where the installation's user list returns it (the document's does not). */
    comment?: pulumi.Input<string>;
    /** IPs/CIDRs the user may connect from (default none), normalised and sorted; an address under a prefix (127.0.0.1/24, the document's example) is read as its network (127.0.0.0/24). */
    ipAllowList?: pulumi.Input<pulumi.Input<string>[]>;
    /** User group names, a set (default none); the groups must exist. */
    groups?: pulumi.Input<pulumi.Input<string>[]>;
    /** deactivate (default: keeps home and SSH session logs) or delete. Applies at destroy; changing it calls no API. */
    deletionPolicy?: pulumi.Input<"deactivate" | "delete">;
    /** Id of an existing user to take over (its username must match). Used only at creation. */
    adopt?: pulumi.Input<number | string>;
}

/** A FluxArk portal user (/api/users/). */
export class FluxarkUser extends fluxarkUser.Resource<FluxarkUserArgs> {
    /** Unix user name, <= 32 characters. FluxArk cannot rename: a change replaces the user. */
    declare readonly username: pulumi.Output<string>;
    /** Unique e-mail address; international addresses (josé@example.com) are accepted. */
    declare readonly email: pulumi.Output<string>;
    /** Secret, write-only: 8 to 1024 characters, not blank, no control or invisible format characters. Required to create a user, not to adopt or import one (never sent while unset). Applied when the input changes; a password changed outside Pulumi is not seen. */
    declare readonly password: pulumi.Output<string | undefined>;
    /** Full name: not empty, at most 255 characters, no control or invisible format characters. */
    declare readonly fullName: pulumi.Output<string>;
    /** password, password-key or key (the key types need sshKey). */
    declare readonly authType: pulumi.Output<"password" | "password-key" | "key">;
    /** password, token or password-token (default password). */
    declare readonly passwordType: pulumi.Output<"password" | "token" | "password-token">;
    /** OpenSSH public key(s), one per line (a private key is refused); required to create a user of the key auth types. Not set: never sent, so an adopted or imported user keeps its key. The document's user list does not return it: read back only where the installation's list does. */
    declare readonly sshKey: pulumi.Output<string | undefined>;
    /** Default true. */
    declare readonly active: pulumi.Output<boolean>;
    /** Connects straight to the jump server (default false). */
    declare readonly serverAdmin: pulumi.Output<boolean>;
    /** Free text, at most 1024 characters, without control or invisible format characters. Not set: never sent, so an adopted or imported user keeps its comment. Read back only where the installation's user list returns it (the document's does not). */
    declare readonly comment: pulumi.Output<string | undefined>;
    /** IPs/CIDRs the user may connect from (default none), normalised and sorted; an address under a prefix (127.0.0.1/24, the document's example) is read as its network (127.0.0.0/24). */
    declare readonly ipAllowList: pulumi.Output<StateOf<typeof fluxarkUser>["ipAllowList"]>;
    /** User group names, a set (default none); the groups must exist. */
    declare readonly groups: pulumi.Output<StateOf<typeof fluxarkUser>["groups"]>;
    /** deactivate (default: keeps home and SSH session logs) or delete. Applies at destroy; changing it calls no API. */
    declare readonly deletionPolicy: pulumi.Output<"deactivate" | "delete">;
    /** Id of an existing user to take over (its username must match). Used only at creation. */
    declare readonly adopt: pulumi.Output<number | undefined>;
    /** FluxArk's id of the user. */
    declare readonly userId: pulumi.Output<number>;
    /** When the user was created (UTC). */
    declare readonly created: pulumi.Output<string>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _FluxarkUserAgrees = [Agreed<ArgsAgree<FluxarkUserArgs, typeof fluxarkUser>>, Agreed<ClassAgrees<FluxarkUser, typeof fluxarkUser>>];

/** The inputs of FluxarkAcl (fluxark:FluxarkAcl). */
export interface FluxarkAclArgs {
    /** The portal user's id. */
    userId: pulumi.Input<number | string>;
    /** The remote SSH user's id (FluxarkServerUser.userServerId). */
    userServerId: pulumi.Input<number | string>;
    /** Expiry, UTC: YYYY-MM-DD HH:MM:SS, or ISO-8601 with a zone; a real date and time (2031-02-30 and 24:61:61 are refused, not rolled over), years 1000-9999; must be in the future when set or changed. Default: never. Read back, so an expiry changed outside Pulumi shows (a rule made with expireDays keeps its inputs; FluxArk's time is the expiresAt output). */
    expireTime?: pulumi.Input<string>;
    /** Or: valid for this many days from creation: a whole number >= 1, not reaching past the year 9999. Not with expireTime. */
    expireDays?: pulumi.Input<number>;
    /** Id of an existing rule of the user to take over. Used only at creation. */
    adopt?: pulumi.Input<number | string>;
    /** Why the access is given. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    reason?: pulumi.Input<string>;
    /** Who asked for the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    requestedBy?: pulumi.Input<string>;
    /** Who approved the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    approvedBy?: pulumi.Input<string>;
    /** Emergency access granted outside the usual review (the policy pack wants an approvedBy). Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    breakGlass?: pulumi.Input<boolean>;
}

/** One access rule giving a portal user a remote SSH account (/api/users/$ID/acl). */
export class FluxarkAcl extends fluxarkAcl.Resource<FluxarkAclArgs> {
    /** The portal user's id. */
    declare readonly userId: pulumi.Output<number>;
    /** The remote SSH user's id (FluxarkServerUser.userServerId). */
    declare readonly userServerId: pulumi.Output<number>;
    /** Expiry, UTC: YYYY-MM-DD HH:MM:SS, or ISO-8601 with a zone; a real date and time (2031-02-30 and 24:61:61 are refused, not rolled over), years 1000-9999; must be in the future when set or changed. Default: never. Read back, so an expiry changed outside Pulumi shows (a rule made with expireDays keeps its inputs; FluxArk's time is the expiresAt output). */
    declare readonly expireTime: pulumi.Output<StateOf<typeof fluxarkAcl>["expireTime"]>;
    /** Or: valid for this many days from creation: a whole number >= 1, not reaching past the year 9999. Not with expireTime. */
    declare readonly expireDays: pulumi.Output<number | undefined>;
    /** Id of an existing rule of the user to take over. Used only at creation. */
    declare readonly adopt: pulumi.Output<number | undefined>;
    /** Why the access is given. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    declare readonly reason: pulumi.Output<string | undefined>;
    /** Who asked for the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    declare readonly requestedBy: pulumi.Output<string | undefined>;
    /** Who approved the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    declare readonly approvedBy: pulumi.Output<string | undefined>;
    /** Emergency access granted outside the usual review (the policy pack wants an approvedBy). Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    declare readonly breakGlass: pulumi.Output<boolean | undefined>;
    /** FluxArk's id of the rule. */
    declare readonly aclId: pulumi.Output<number>;
    /** The server the remote user belongs to. */
    declare readonly serverId: pulumi.Output<number>;
    /** The absolute expiry FluxArk holds, UTC ("" for never). */
    declare readonly expiresAt: pulumi.Output<string>;
    /** When the rule was created (UTC). */
    declare readonly created: pulumi.Output<string>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _FluxarkAclAgrees = [Agreed<ArgsAgree<FluxarkAclArgs, typeof fluxarkAcl>>, Agreed<ClassAgrees<FluxarkAcl, typeof fluxarkAcl>>];

/** The inputs of UserGroup (fluxark:UserGroup). */
export interface UserGroupArgs {
    /** Group name: not empty, at most 255 characters, no control or invisible format characters. FluxArk has no rename: a change replaces the group. */
    name: pulumi.Input<string>;
    /** Server-group grants {serverGroup, username, expireTime}, a set keyed by serverGroup; each added or removed individually, a changed one removed and added again. username is "*" (every remote user), a name or list of names (an empty list or an empty name in it is refused), or "" (the remote user named like each user; the default of a new grant); expireTime a time or "never" (the default of a new grant). FluxArk lists only the server group names: username and expireTime keep their declared values. A grant made outside Pulumi (adopted, or found by a refresh) is left as it is while its username and expireTime are unset; set both ("never" for no expiry) to re-create it as declared. A grant's reason, requestedBy, approvedBy and breakGlass are program-side (kept in state, never sent). */
    grants?: pulumi.Input<pulumi.Input<UserGroupGrantArgs>[]>;
    /** Id of an existing user group to take over (its name must match). Used only at creation: undeclared grants are removed, missing ones added, and each declared grant with a username and expireTime re-created as declared (FluxArk cannot tell what it holds). */
    adopt?: pulumi.Input<number | string>;
}

/** A FluxArk user group and its server-group grants (/api/users/groups). */
export class UserGroup extends userGroup.Resource<UserGroupArgs> {
    /** Group name: not empty, at most 255 characters, no control or invisible format characters. FluxArk has no rename: a change replaces the group. */
    declare readonly name: pulumi.Output<string>;
    /** Server-group grants {serverGroup, username, expireTime}, a set keyed by serverGroup; each added or removed individually, a changed one removed and added again. username is "*" (every remote user), a name or list of names (an empty list or an empty name in it is refused), or "" (the remote user named like each user; the default of a new grant); expireTime a time or "never" (the default of a new grant). FluxArk lists only the server group names: username and expireTime keep their declared values. A grant made outside Pulumi (adopted, or found by a refresh) is left as it is while its username and expireTime are unset; set both ("never" for no expiry) to re-create it as declared. A grant's reason, requestedBy, approvedBy and breakGlass are program-side (kept in state, never sent). */
    declare readonly grants: pulumi.Output<StateOf<typeof userGroup>["grants"]>;
    /** Id of an existing user group to take over (its name must match). Used only at creation: undeclared grants are removed, missing ones added, and each declared grant with a username and expireTime re-created as declared (FluxArk cannot tell what it holds). */
    declare readonly adopt: pulumi.Output<number | undefined>;
    /** FluxArk's id of the group. */
    declare readonly groupId: pulumi.Output<number>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _UserGroupAgrees = [Agreed<ArgsAgree<UserGroupArgs, typeof userGroup>>, Agreed<ClassAgrees<UserGroup, typeof userGroup>>];

export interface UserGroupGrantArgs {
    /** A server group name (FluxarkServer `groups`). */
    serverGroup: pulumi.Input<string>;
    /** "*" for every remote user, a name or list of names, or "" for the remote user named like each user. Unset: "" for a new grant; a grant made outside Pulumi (whose username FluxArk cannot tell) is left as it is. */
    username?: pulumi.Input<string | pulumi.Input<string>[]>;
    /** When the grant expires, UTC, or "never". Unset: never for a new grant; a grant made outside Pulumi is left as it is. */
    expireTime?: pulumi.Input<string>;
    /** Why the access is given. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    reason?: pulumi.Input<string>;
    /** Who asked for the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    requestedBy?: pulumi.Input<string>;
    /** Who approved the access. Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    approvedBy?: pulumi.Input<string>;
    /** Emergency access granted outside the usual review (the policy pack wants an approvedBy). Program-side only: kept in state, never sent to FluxArk (it has no comment field); a change touches nothing there. */
    breakGlass?: pulumi.Input<boolean>;
}
