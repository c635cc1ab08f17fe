/**
 * The three reports' shapes: effective access (FluxArk), the access diff of a Pulumi change, and
 * license usage (TuxCare). This is the JSON a user's tooling reads (`--format json`) and what the
 * Markdown and HTML renderers draw from; `schemaVersion` changes when a field changes meaning or
 * goes away (adding a field does not change it).
 *
 * Conventions, the same in every report:
 * - Times are ISO-8601 UTC strings (`2026-11-24T15:00:00.000Z`).
 * - `"unknown"` means the API did not say: the documents allow many fields to be absent, and a
 *   report never fills one with a default that could be wrong. `"never"` (expiry) and
 *   `"unlimited"` (seats) are the APIs' own meanings, not gaps.
 * - Every row has a `key`, unique within its table; a flag points at one row by table and key.
 * - No secret appears: license keys are shown by fingerprint (`fingerprintId`), and no password,
 *   SSH key, API key or token is ever copied into a report.
 */

export const REPORT_SCHEMA_VERSION = 1 as const;

export type Unknown = "unknown";
/** An ISO-8601 UTC time, "never" (no expiry), or "unknown" (the API did not say). */
export type Expiry = string | "never" | Unknown;
export type Tri = boolean | Unknown;

export type Severity = "info" | "warning" | "critical";

/** Where the data came from. Never carries a credential. */
export interface ReportSource {
    /** "live": read from the APIs now; "snapshot": read from a saved snapshot file. */
    kind: "live" | "snapshot";
    /** When the data was read from the APIs. */
    takenAt: string;
    /** The FluxArk installation's / TuxCare portal's base URL, without credentials. */
    fluxarkUrl?: string;
    tuxcareUrl?: string;
    /** The snapshot file's name (as given on the command line), for kind "snapshot". */
    file?: string;
}

/** One thing worth a reader's attention, pointing at the row it is about. */
export interface ReportFlag<Code extends string = string, Table extends string = string> {
    code: Code;
    severity: Severity;
    /** A sentence a person reads, naming the user/server/key concerned. */
    message: string;
    /** The row the flag is about: its table within the report and its `key`; null for the report as a whole. */
    row: { table: Table; key: string } | null;
}

interface ReportBase<Kind extends string> {
    schemaVersion: typeof REPORT_SCHEMA_VERSION;
    kind: Kind;
    generatedAt: string;
    source: ReportSource;
}

/** Counts of flags by severity, in every summary. */
export interface FlagCounts {
    info: number;
    warning: number;
    critical: number;
}

// ─── Effective access (FluxArk) ──────────────────────────────────────────────────────────────

/**
 * A user group grant's `username` rule: `*` (every remote user of the servers), a list of names
 * (one name is a list of one), empty (the remote user named like the portal user), or unknown
 * (FluxArk lists a group's server groups without their rule).
 */
export type UsernameRule = { kind: "any" } | { kind: "names"; names: string[] } | { kind: "same-as-user" } | { kind: "unknown" };

/** One way a user reaches a (server, remote user). */
export type AccessPath =
    | {
          via: "acl";
          aclId: number;
          /** The rule's own expiry. */
          expiresAt: Expiry;
      }
    | {
          via: "group";
          group: string;
          groupId: number;
          serverGroup: string;
          usernameRule: UsernameRule;
          /** The earliest of the group's and the grant's expiries. */
          expiresAt: Expiry;
      };

export type AccessFlagCode =
    | "never-expires"
    | "expires-soon"
    | "expired-rule-present"
    | "remote-root"
    | "server-admin"
    | "password-only"
    | "inactive-user-with-rules"
    | "wildcard-grant"
    | "unreachable-server"
    | "unused-remote-user"
    | "missing-remote-user"
    | "grant-rule-unknown"
    | "server-unlisted"
    | "hidden-characters";

export type AccessTable = "access" | "users" | "servers" | "remoteUsers" | "rules";

/** One (portal user, server, remote user) the user can reach now. */
export interface AccessRow {
    /** `user@server:remoteUser` (remoteUser "unknown" when the grant's rule is not known). */
    key: string;
    user: string;
    userId: number;
    userActive: Tri;
    server: string;
    serverId: number;
    /** The remote SSH user's name; "unknown" when the path's username rule is unknown. */
    remoteUser: string;
    remoteUserId: number | null;
    /** False when a grant names a remote user the server does not have. */
    remoteUserExists: Tri;
    /** How long the access lasts: the latest expiry over its paths (each path's is its earliest). */
    expiresAt: Expiry;
    paths: AccessPath[];
    /** The codes of the flags that point at this row. */
    flagCodes: AccessFlagCode[];
}

export interface AccessUserRow {
    key: string; // the username
    user: string;
    userId: number;
    fullName: string | Unknown;
    active: Tri;
    serverAdmin: Tri;
    authType: string | Unknown;
    passwordType: string | Unknown;
    groups: string[] | Unknown;
    /** ACL rules the user holds, expired ones included. */
    aclRules: number;
    /** Access rows the user has now. */
    reachable: number;
}

export interface AccessServerRow {
    key: string; // the server name
    server: string;
    serverId: number;
    ipAddr: string | Unknown;
    active: Tri;
    groups: string[] | Unknown;
    remoteUsers: number | Unknown;
    /** Distinct portal users who can reach it now. */
    usersWithAccess: number;
}

export interface AccessRemoteUserRow {
    key: string; // `server:remoteUser`
    server: string;
    serverId: number;
    remoteUser: string;
    remoteUserId: number;
    active: Tri;
    authMethod: string | Unknown;
    /** Distinct portal users who can reach it now. */
    usersWithAccess: number;
}

/** Every ACL rule and group grant, valid or expired: the "rules" table. */
export type AccessRuleRow =
    | {
          key: string;
          kind: "acl";
          user: string;
          userId: number;
          aclId: number;
          server: string;
          remoteUser: string;
          expiresAt: Expiry;
          expired: boolean;
      }
    | {
          key: string;
          kind: "grant";
          group: string;
          groupId: number;
          serverGroup: string;
          usernameRule: UsernameRule;
          members: string[];
          expiresAt: Expiry;
          expired: boolean;
      };

/** How many access rows expire in each window from now, for a chart of access expiring over time. */
export interface ExpiryBucket {
    label: string;
    /** Upper bound of the window (ISO time), null for "never"/"unknown"/"later". */
    until: string | null;
    rows: number;
}

export interface AccessSummary {
    users: number;
    activeUsers: number;
    usersWithAccess: number;
    servers: number;
    unreachableServers: number;
    remoteUsers: number;
    unusedRemoteUsers: number;
    accessRows: number;
    rootAccessRows: number;
    neverExpiringRows: number;
    /** Rows reached through a group grant whose username rule (and expiry) FluxArk did not list: not counted above. */
    unknownGrantRows: number;
    expiringSoonRows: number;
    expiredRulesPresent: number;
    aclRules: number;
    groupGrants: number;
    serverAdmins: number;
    flags: FlagCounts;
}

export interface AccessReport extends ReportBase<"access"> {
    parameters: { expiringDays: number };
    summary: AccessSummary;
    expiry: ExpiryBucket[];
    rows: AccessRow[];
    users: AccessUserRow[];
    servers: AccessServerRow[];
    remoteUsers: AccessRemoteUserRow[];
    rules: AccessRuleRow[];
    flags: ReportFlag<AccessFlagCode, AccessTable>[];
}

// ─── Access diff of a Pulumi change ──────────────────────────────────────────────────────────

export type AccessChange = "added" | "removed" | "extended" | "shortened";

/** A resource step of the preview that caused a change. */
export interface ChangeCause {
    urn: string;
    /** The resource type token, e.g. `fluxark:index:FluxarkAcl` or `pulumi-nodejs:dynamic:Resource`. */
    type: string;
    /** The engine's step op: create, update, delete, replace, create-replacement, delete-replaced, same… */
    op: string;
}

export type AccessDiffFlagCode =
    | "root-access-added"
    | "never-expiring-access-added"
    | "wildcard-grant-added"
    | "break-glass-access"
    | "unmodelled-change"
    | "hidden-characters";
export type AccessDiffTable = "changes" | "unmodelled";

export interface AccessChangeRow {
    /** `change:user@server:remoteUser`. */
    key: string;
    change: AccessChange;
    user: string;
    server: string;
    remoteUser: string;
    /** Expiry before and after the change; null when there was / will be no access. */
    before: Expiry | null;
    after: Expiry | null;
    causes: ChangeCause[];
}

/** A step touching these resources that the diff could not translate into access (e.g. an input it cannot see). */
export interface UnmodelledStep {
    key: string; // the URN
    urn: string;
    type: string;
    op: string;
    reason: string;
}

export interface AccessDiffSummary {
    added: number;
    removed: number;
    extended: number;
    shortened: number;
    /** Distinct portal users whose access changes. */
    usersAffected: number;
    users: string[];
    /** Steps of the preview that touch access resources. */
    accessSteps: number;
    unmodelledSteps: number;
    flags: FlagCounts;
}

export interface AccessDiffReport extends ReportBase<"access-diff"> {
    preview: { file?: string; stack?: string; steps: number };
    summary: AccessDiffSummary;
    rows: AccessChangeRow[];
    unmodelled: UnmodelledStep[];
    flags: ReportFlag<AccessDiffFlagCode, AccessDiffTable>[];
}

// ─── License usage (TuxCare) ─────────────────────────────────────────────────────────────────

/** "KCARE" for KernelCare keys; otherwise the ELS/ESU product code (CELS, ESU, …). */
export type KeyProduct = string;

export interface KeyServer {
    id: string | Unknown;
    ip: string | Unknown;
    hostname: string | Unknown;
}

export interface LicenseKeyRow {
    /** The key's fingerprint (also its `fingerprint`): the key itself is a secret. */
    key: string;
    fingerprint: string;
    product: KeyProduct;
    productName: string;
    note: string | Unknown;
    /** The seat limit; 0 is the API's "unlimited" (see `unlimited`). */
    limit: number | Unknown;
    unlimited: Tri;
    enabled: Tri;
    created: string | Unknown;
    servers: KeyServer[];
    used: number;
    free: number | "unlimited" | Unknown;
    /** used / limit, 0..n (over 1 when over the limit); null when unlimited or unknown. */
    utilisation: number | null;
    flagCodes: LicenseFlagCode[];
}

export interface IpLicenseRow {
    /** `ip/type`. */
    key: string;
    ip: string;
    type: number;
    typeName: string;
    registered: Tri;
    created: string | Unknown;
    lastCheckin: string | Unknown;
    /** Whole days since the last check-in, at generation time. */
    checkinAgeDays: number | Unknown;
    serverInfo: string | Unknown;
    flagCodes: LicenseFlagCode[];
}

/** The Nagios status of one KernelCare key's servers. */
export interface KcareStatusRow {
    key: string; // the key's fingerprint
    fingerprint: string;
    status: "up-to-date" | "out-of-date" | Unknown;
    /** The Nagios status line (redacted). */
    text: string | Unknown;
}

export interface ProductTotalRow {
    key: string; // the product (code, "KCARE", or `IPL-<type>`)
    product: string;
    productName: string;
    kind: "key" | "ip-license";
    /** Keys, or IP licenses. */
    count: number;
    /** Seats used (servers on keys, or IP licenses). */
    used: number;
    /** Sum of limits of limited keys; "unknown" when a limit is unknown; not for IP licenses. */
    limit: number | Unknown | null;
    unlimitedKeys: number;
    unusedKeys: number;
    free: number | Unknown | null;
}

export type LicenseFlagCode =
    | "key-unused"
    | "key-at-limit"
    | "key-over-limit"
    | "license-stale-checkin"
    | "license-unregistered"
    | "kcare-out-of-date"
    | "listing-unavailable"
    | "hidden-characters";
export type LicenseTable = "keys" | "ipLicenses" | "kcareStatus" | "products";

export interface LicenseSummary {
    keys: number;
    unlimitedKeys: number;
    unusedKeys: number;
    keysAtOrOverLimit: number;
    seatsUsed: number;
    /** Sum of the limits of limited keys; "unknown" when any limit is unknown. */
    seatsLimit: number | Unknown;
    freeSeats: number | Unknown;
    ipLicenses: number;
    staleIpLicenses: number;
    unregisteredIpLicenses: number;
    kcareKeysOutOfDate: number;
    flags: FlagCounts;
}

export interface LicenseReport extends ReportBase<"licenses"> {
    parameters: { staleCheckinDays: number };
    summary: LicenseSummary;
    products: ProductTotalRow[];
    /** Every ELS/ESU and KernelCare key. */
    rows: LicenseKeyRow[];
    ipLicenses: IpLicenseRow[];
    kcareStatus: KcareStatusRow[];
    flags: ReportFlag<LicenseFlagCode, LicenseTable>[];
}

export type Report = AccessReport | AccessDiffReport | LicenseReport;
export type ReportKind = Report["kind"];
