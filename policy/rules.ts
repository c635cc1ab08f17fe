/**
 * The policy pack's rules as plain data and pure functions: what each checks, why, its default
 * enforcement level and settings. `index.ts` wires them to @pulumi/policy; the unit tests call
 * them directly.
 */
import type { ResourceType } from "../provider/tokens";
import { isKnown, reference, refersTo, type ResourceFacts } from "./facts";
import { parseCidr, PRIVATE_IPV4, rangeSet, tooBroad } from "./net";
import { expiryProblem } from "./time";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

/** One setting of a rule, as JSON Schema (the engine validates the config file against it). */
export interface Setting {
    type: "integer" | "boolean" | "array";
    description: string;
    default: number | boolean | string[];
    minimum?: number;
    items?: { type: "string" };
}

export type Config = Record<string, unknown>;

interface RuleBase {
    id: string;
    /** What the rule asks and why, as the engine prints it beside a violation. */
    description: string;
    enforcementLevel: EnforcementLevel;
    settings: Record<string, Setting>;
    /** The resource types the rule reads: a resource rule checks each of them, a stack rule is given only them. */
    kinds: readonly ResourceType[];
}

export interface ResourceRule extends RuleBase {
    scope: "resource";
    /** The violations of one resource, as messages (never holding a secret). */
    check(resource: ResourceFacts, config: Config, now: Date): string[];
}

export interface StackViolation {
    resource: ResourceFacts;
    message: string;
}

export interface StackRule extends RuleBase {
    scope: "stack";
    check(resources: readonly ResourceFacts[], config: Config, now: Date): StackViolation[];
}

export type Rule = ResourceRule | StackRule;

/** Every rule has it: resources (by Pulumi name) the rule leaves alone, such as a break-glass account. */
export const EXEMPT_NAMES: Setting = {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Pulumi resource names the rule does not apply to.",
};

const integer = (def: number, description: string, minimum = 0): Setting => ({ type: "integer", default: def, minimum, description });
const flag = (def: boolean, description: string): Setting => ({ type: "boolean", default: def, description });
const strings = (def: string[], description: string): Setting => ({ type: "array", items: { type: "string" }, default: def, description });

const num = (config: Config, key: string) => config[key] as number;
const list = (config: Config, key: string) => config[key] as string[];
/** A list input's known entries (a list not known yet, or absent, is empty). */
const entries = (v: unknown): unknown[] => (Array.isArray(v) ? v.filter(isKnown) : []);
/** Whether a value and, for a list, every entry of it is known: a rule about the whole list waits for it. */
const wholeKnown = (v: unknown): boolean => isKnown(v) && (!Array.isArray(v) || v.every(isKnown));
const LICENSE_KEYS: ResourceType[] = ["tuxcare:KcareKey", "tuxcare:ElsKey"];

/** A grant's username as the resource takes it ("*", "a,b", or a list): whether it means every remote user. */
export function grantsEveryone(username: unknown): boolean {
    const names = Array.isArray(username) ? username : typeof username === "string" ? username.split(",") : [];
    return names.some((n) => typeof n === "string" && n.trim() === "*");
}

interface Grant {
    serverGroup: string;
    username?: unknown;
    expireTime?: unknown;
}
const grantsOf = (group: ResourceFacts): Grant[] =>
    entries(group.props.grants).filter(
        (g): g is Grant => typeof g === "object" && g !== null && typeof (g as Grant).serverGroup === "string",
    );

/** The program-side metadata a temporary grant carries (FluxarkAcl inputs, or a grant's fields): see provider/fluxark/access-metadata.ts. */
interface AccessMetadata {
    reason?: unknown;
    requestedBy?: unknown;
    approvedBy?: unknown;
    breakGlass?: unknown;
}
const METADATA_KEYS = ["reason", "requestedBy", "approvedBy", "breakGlass"] as const;
/** A grant is temporary when it carries any request metadata (the access file's declarations always do). */
const isTemporary = (m: AccessMetadata): boolean => METADATA_KEYS.some((k) => m[k] !== undefined && m[k] !== null);
const blank = (v: unknown): boolean => isKnown(v) && (typeof v !== "string" || v.trim() === "");

/** A resource's temporary grants, each with what to call it in a message: a FluxarkAcl itself, or a UserGroup's grants. */
function temporaryGrants(
    r: ResourceFacts,
): { label: string; grant: AccessMetadata & { expireTime?: unknown; expireDays?: unknown; username?: unknown } }[] {
    if (r.kind === "fluxark:FluxarkAcl") return isTemporary(r.props) ? [{ label: "the temporary access rule", grant: r.props }] : [];
    return grantsOf(r)
        .filter((g) => isTemporary(g as AccessMetadata))
        .map((g) => ({ label: `the temporary grant of server group "${g.serverGroup}"`, grant: g as Grant & AccessMetadata }));
}

/** Break-glass access without an approver other than the requester. */
function breakGlassProblem(m: AccessMetadata): string | undefined {
    if (m.breakGlass !== true) return undefined;
    if (m.approvedBy === undefined || blank(m.approvedBy)) return "is break-glass access with no approvedBy";
    const person = (v: unknown) => String(v).trim().toLowerCase();
    return isKnown(m.approvedBy) && isKnown(m.requestedBy) && person(m.approvedBy) === person(m.requestedBy)
        ? `is break-glass access approved by its own requester (${String(m.requestedBy)})`
        : undefined;
}

export const RULES: readonly Rule[] = [
    {
        scope: "resource",
        id: "tuxcare-no-unlimited-license",
        description:
            "A license key with limit 0 is unlimited: anyone holding a leaked key can register any number of servers on the account's bill. Set a limit.",
        enforcementLevel: "mandatory",
        kinds: LICENSE_KEYS,
        settings: { allowUnlimited: flag(false, "Allow limit 0 (unlimited keys).") },
        check: ({ props }, config) => (props.limit === 0 && !config.allowUnlimited ? ["limit is 0, which makes the key unlimited"] : []),
    },
    {
        scope: "resource",
        id: "tuxcare-license-limit-max",
        description: "A license key's limit caps what a leaked key can cost; a limit far above the fleet it serves is no cap.",
        enforcementLevel: "advisory",
        kinds: LICENSE_KEYS,
        settings: { maxLimit: integer(500, "The highest limit a key may have.", 1) },
        check: ({ props }, config) =>
            typeof props.limit === "number" && props.limit > num(config, "maxLimit")
                ? [`limit is ${props.limit}, above the maximum of ${num(config, "maxLimit")}`]
                : [],
    },
    {
        scope: "resource",
        id: "tuxcare-kcare-key-cidrs",
        description:
            "A KernelCare key without CIDRs (or with a catch-all one) lets any host that learns the key register; lock each key to the networks of its servers.",
        enforcementLevel: "advisory",
        kinds: ["tuxcare:KcareKey"],
        settings: {
            minPrefixV4: integer(8, "The widest IPv4 CIDR accepted, as a prefix length (8: nothing wider than a /8).", 0),
            minPrefixV6: integer(32, "The widest IPv6 CIDR accepted, as a prefix length.", 0),
        },
        check: ({ props }, config) => {
            if (props.cidrs === undefined && props.adopt !== undefined)
                return [
                    "declares no cidrs: the adopted key keeps CIDRs the portal cannot show; declare them to lock it to its servers' networks",
                ];
            if (!wholeKnown(props.cidrs)) return [];
            const cidrs = entries(props.cidrs).filter((c): c is string => typeof c === "string");
            if (cidrs.length === 0) return ["has no cidrs: any host that learns the key can register with it"];
            return tooBroad(cidrs, num(config, "minPrefixV4"), num(config, "minPrefixV6")).map(
                (c) =>
                    `cidr ${c} is wider than /${parseCidr(c)!.family === "ipv4" ? num(config, "minPrefixV4") : num(config, "minPrefixV6")}`,
            );
        },
    },
    {
        scope: "resource",
        id: "tuxcare-ip-license-public",
        description:
            "An IP license is bound to the address the portal sees: a private address (10/8, 172.16/12, 192.168/16, 100.64/10, 198.18/15) is usually a mistake that pays for a license no server can use.",
        enforcementLevel: "mandatory",
        kinds: ["tuxcare:IpLicense"],
        settings: {
            allowedRanges: strings([], "CIDRs of private ranges where IP licenses are fine (say, behind a NAT the portal knows)."),
        },
        check: ({ props }, config) => {
            const ip = props.ip;
            if (typeof ip !== "string" || !rangeSet(PRIVATE_IPV4).has(ip) || rangeSet(list(config, "allowedRanges")).has(ip)) return [];
            return [`ip ${ip} is a private address outside the allowed ranges`];
        },
    },
    {
        scope: "resource",
        id: "tuxcare-license-note",
        description: "A note on each license key says what it is for, so whoever reads the portal can tell which key to revoke.",
        enforcementLevel: "disabled",
        kinds: LICENSE_KEYS,
        settings: { minLength: integer(1, "The shortest note accepted, in characters.", 1) },
        check: ({ props }, config) => {
            const note = props.note ?? "";
            return typeof note === "string" && note.trim().length < num(config, "minLength")
                ? [`note "${note}" is shorter than ${num(config, "minLength")} characters`]
                : [];
        },
    },
    {
        scope: "resource",
        id: "fluxark-acl-expires",
        description:
            "Access that never expires outlives the reason it was given; every FluxArk ACL rule must expire, within a bounded time.",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkAcl"],
        settings: { maxDays: integer(90, "The furthest an ACL rule may expire, in days from the preview.", 1) },
        check: ({ props }, config, now) => {
            const problem = expiryProblem(props, num(config, "maxDays"), now);
            return problem ? [`the access rule ${problem}`] : [];
        },
    },
    {
        scope: "resource",
        id: "fluxark-grant-expires",
        description: "A user group's server-group grant gives every member access; like an ACL rule it must expire, within a bounded time.",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:UserGroup"],
        settings: { maxDays: integer(90, "The furthest a grant may expire, in days from the preview.", 1) },
        check: (group, config, now) =>
            grantsOf(group).flatMap((g) => {
                const problem = expiryProblem({ expireTime: g.expireTime }, num(config, "maxDays"), now);
                return problem ? [`the grant of server group "${g.serverGroup}" ${problem}`] : [];
            }),
    },
    {
        scope: "resource",
        id: "fluxark-admin-second-factor",
        description:
            "A server admin connects straight to the jump server; a stolen password alone must not be enough, so admins need a token (passwordType password-token).",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkUser"],
        settings: { allowedPasswordTypes: strings(["password-token"], "The passwordType values a server admin may have.") },
        check: ({ props }, config) => {
            const type = props.passwordType ?? "password";
            if (props.serverAdmin !== true || !isKnown(type) || list(config, "allowedPasswordTypes").includes(String(type))) return [];
            return [`is a server admin with passwordType "${String(type)}"; allowed: ${list(config, "allowedPasswordTypes").join(", ")}`];
        },
    },
    {
        scope: "resource",
        id: "fluxark-remote-key-auth",
        description:
            "A password is guessable and often reused, a key is not: FluxArk should log in to remote accounts with a key (authMethod key or key-pass), and a user who has an SSH key should not log in with the password alone (authType password ignores the key).",
        enforcementLevel: "advisory",
        kinds: ["fluxark:FluxarkServerUser", "fluxark:FluxarkUser"],
        settings: { allowedAuthMethods: strings(["key", "key-pass"], "The authMethod values a remote user (FluxarkServerUser) may have.") },
        check: ({ kind, props }, config) => {
            if (kind === "fluxark:FluxarkUser") {
                const hasKey = typeof props.sshKey === "string" && props.sshKey.trim() !== "";
                return hasKey && props.authType === "password"
                    ? ['authType is "password" though the user has an sshKey: use password-key or key']
                    : [];
            }
            const method = props.authMethod ?? "password";
            if (!isKnown(method) || list(config, "allowedAuthMethods").includes(String(method))) return [];
            return [`authMethod is "${String(method)}" (password only); use a key`];
        },
    },
    {
        scope: "resource",
        id: "fluxark-allow-list-not-open",
        description:
            "A user's IP allow list is a second wall around the account; 0.0.0.0/0 (or any very wide range) turns it off while looking like it is on.",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkUser"],
        settings: {
            minPrefixV4: integer(8, "The widest IPv4 range accepted, as a prefix length.", 0),
            minPrefixV6: integer(32, "The widest IPv6 range accepted, as a prefix length.", 0),
        },
        check: ({ props }, config) => {
            const listed = entries(props.ipAllowList).filter((c): c is string => typeof c === "string");
            return tooBroad(listed, num(config, "minPrefixV4"), num(config, "minPrefixV6")).map(
                (c) => `ipAllowList holds ${c}, open to too much of the internet`,
            );
        },
    },
    {
        scope: "resource",
        id: "fluxark-user-deactivate",
        description:
            "Deleting a FluxArk user deletes its home directory and every SSH session log, the audit trail of what it did; deactivate instead (deletionPolicy deactivate). A user that may be deleted (a short-lived test account) goes in exemptNames, by its Pulumi resource name.",
        enforcementLevel: "advisory",
        kinds: ["fluxark:FluxarkUser"],
        settings: {},
        check: ({ props }) =>
            props.deletionPolicy === "delete" ? ['deletionPolicy is "delete": destroying the user would erase its SSH session logs'] : [],
    },
    {
        scope: "stack",
        id: "fluxark-no-root-via-wildcard",
        description:
            'A grant to every remote user ("*") of a server group also grants its root accounts; root access must be given by name, to someone, on purpose.',
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkServer", "fluxark:FluxarkServerUser", "fluxark:UserGroup"],
        settings: { rootNames: strings(["root"], "Remote account names that count as root.") },
        check: (resources, config) => {
            const servers = resources.filter((r) => r.kind === "fluxark:FluxarkServer");
            const roots = resources.filter(
                (r) => r.kind === "fluxark:FluxarkServerUser" && list(config, "rootNames").includes(String(r.props.username)),
            );
            return resources
                .filter((r) => r.kind === "fluxark:UserGroup")
                .flatMap((group) =>
                    grantsOf(group)
                        .filter((g) => grantsEveryone(g.username))
                        .flatMap((g) =>
                            roots.flatMap((root) => {
                                const server = servers.find(
                                    (s) => refersTo(root, "serverId", s, "serverId") && entries(s.props.groups).includes(g.serverGroup),
                                );
                                return server
                                    ? [
                                          {
                                              resource: group,
                                              message: `the "*" grant of server group "${g.serverGroup}" reaches ${String(root.props.username)} on server ${server.name} (remote user ${root.name})`,
                                          },
                                      ]
                                    : [];
                            }),
                        ),
                );
        },
    },
    {
        scope: "stack",
        id: "fluxark-duplicate-acl",
        description: "Two ACL rules giving one user the same remote account are one too many: revoking one leaves the access in place.",
        enforcementLevel: "advisory",
        kinds: ["fluxark:FluxarkAcl"],
        settings: {},
        check: (resources) => {
            const seen = new Map<string, ResourceFacts>();
            const found: StackViolation[] = [];
            // By name, so the later of two duplicates is the one reported, whatever order the engine lists them in.
            const acls = resources.filter((r) => r.kind === "fluxark:FluxarkAcl").sort((a, b) => a.name.localeCompare(b.name));
            for (const acl of acls) {
                const user = reference(acl, "userId");
                const account = reference(acl, "userServerId");
                if (!user || !account) continue;
                const key = JSON.stringify([user, account]);
                const first = seen.get(key);
                if (first) found.push({ resource: acl, message: `gives the same access as ACL rule ${first.name}` });
                else seen.set(key, acl);
            }
            return found;
        },
    },
    {
        scope: "stack",
        id: "fluxark-grant-unused-server-group",
        description:
            "A grant of a server group that no server carries gives nothing today and silently gives access to whatever server joins the group later.",
        enforcementLevel: "advisory",
        kinds: ["fluxark:FluxarkServer", "fluxark:UserGroup"],
        settings: { externalServerGroups: strings([], "Server groups carried by servers managed outside this stack.") },
        check: (resources, config) => {
            const servers = resources.filter((r) => r.kind === "fluxark:FluxarkServer");
            // A server whose groups are not known yet could carry any group.
            if (servers.some((s) => !wholeKnown(s.props.groups))) return [];
            const carried = new Set([...servers.flatMap((s) => entries(s.props.groups)), ...list(config, "externalServerGroups")]);
            return resources
                .filter((r) => r.kind === "fluxark:UserGroup")
                .flatMap((group) =>
                    grantsOf(group)
                        .filter((g) => !carried.has(g.serverGroup))
                        .map((g) => ({ resource: group, message: `grants server group "${g.serverGroup}", which no server carries` })),
                );
        },
    },
    {
        scope: "resource",
        id: "fluxark-temporary-access",
        description:
            "Temporary access (a FluxarkAcl or grant carrying reason/requestedBy, as the access file declares it) is given for a reason, by someone, and ends soon: a reason, a requester and an expiry within maxDays.",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkAcl", "fluxark:UserGroup"],
        settings: { maxDays: integer(7, "The furthest a temporary grant may expire, in days from the preview.", 1) },
        check: (r, config, now) =>
            temporaryGrants(r).flatMap(({ label, grant }) => {
                const problems: string[] = [];
                if (grant.reason === undefined || blank(grant.reason)) problems.push(`${label} has no reason`);
                if (grant.requestedBy === undefined || blank(grant.requestedBy)) problems.push(`${label} has no requestedBy`);
                const expiry = expiryProblem({ expireTime: grant.expireTime, expireDays: grant.expireDays }, num(config, "maxDays"), now);
                if (expiry) problems.push(`${label} ${expiry}`);
                return problems;
            }),
    },
    {
        scope: "stack",
        id: "fluxark-temporary-root",
        description:
            "Root access is not handed out for a few hours through a pull request; give it by name, permanently reviewed, or allow it here on purpose. (A FluxarkAcl's remote user is found among the stack's FluxarkServerUsers; one managed elsewhere cannot be checked.)",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkServerUser", "fluxark:FluxarkAcl", "fluxark:UserGroup"],
        settings: {
            rootNames: strings(["root"], "Remote account names that count as root."),
            allowRoot: flag(false, "Allow temporary grants of root accounts."),
        },
        check: (resources, config) => {
            if (config.allowRoot === true) return [];
            const roots = list(config, "rootNames");
            const rootUsers = resources.filter((r) => r.kind === "fluxark:FluxarkServerUser" && roots.includes(String(r.props.username)));
            return resources.flatMap((r) =>
                temporaryGrants(r).flatMap(({ label, grant }) => {
                    if (r.kind === "fluxark:FluxarkAcl") {
                        const root = rootUsers.find((u) => refersTo(r, "userServerId", u, "userServerId"));
                        return root
                            ? [
                                  {
                                      resource: r,
                                      message: `${label} gives the root account ${String(root.props.username)} (remote user ${root.name})`,
                                  },
                              ]
                            : [];
                    }
                    const names = Array.isArray(grant.username)
                        ? grant.username
                        : typeof grant.username === "string"
                          ? grant.username.split(",")
                          : [];
                    const root = names.map((n) => String(n).trim()).find((n) => roots.includes(n) || n === "*");
                    return root !== undefined
                        ? [
                              {
                                  resource: r,
                                  message: `${label} gives ${root === "*" ? 'every remote user ("*"), root included' : `the root account ${root}`}`,
                              },
                          ]
                        : [];
                }),
            );
        },
    },
    {
        scope: "resource",
        id: "fluxark-break-glass-approved",
        description:
            "Break-glass access skips the usual review, so someone other than the requester must have approved it, by name (approvedBy).",
        enforcementLevel: "mandatory",
        kinds: ["fluxark:FluxarkAcl", "fluxark:UserGroup"],
        settings: {},
        check: (r) =>
            temporaryGrants(r).flatMap(({ label, grant }) => {
                const problem = breakGlassProblem(grant);
                return problem ? [`${label} ${problem}`] : [];
            }),
    },
    {
        scope: "resource",
        id: "fluxark-break-glass-review",
        description:
            "Break-glass access is reported at every preview while it is declared, so it is reviewed after the fact and does not outstay the emergency.",
        enforcementLevel: "advisory",
        kinds: ["fluxark:FluxarkAcl", "fluxark:UserGroup"],
        settings: {},
        check: (r) =>
            temporaryGrants(r)
                .filter(({ grant }) => grant.breakGlass === true)
                .map(
                    ({ label, grant }) =>
                        `${label} is break-glass access (${String(grant.reason ?? "no reason")}; requested by ${String(grant.requestedBy ?? "unknown")}, approved by ${String(grant.approvedBy ?? "nobody")}, until ${String(grant.expireTime ?? grant.expireDays ?? "never")})`,
                ),
    },
];

/**
 * The resource types no rule reads, each with why. With the rules' kinds, every type of the catalog
 * is accounted for (test/unit/resource-types.test.ts): a new resource gets a rule or a reason here.
 */
export const UNCHECKED: Partial<Record<ResourceType, string>> = {
    "tuxcare:ServerGroup": "a KernelCare server group only gathers servers: it holds no key and grants no access",
};

/** Whether the pack has decided about a resource type: a rule reads it, or UNCHECKED says why none does. */
export const policyKnows = (type: string): boolean =>
    RULES.some((r) => (r.kinds as readonly string[]).includes(type)) || Object.hasOwn(UNCHECKED, type);

/** A rule's settings with `exemptNames`, each with its default, as the config file may set them. */
export function settingsOf(rule: Rule): Record<string, Setting> {
    return { ...rule.settings, exemptNames: EXEMPT_NAMES };
}

/** The rule's settings: the defaults, overridden by what the policy config gives. */
export function configOf(rule: Rule, given: Config = {}): Config {
    const defaults = Object.fromEntries(Object.entries(settingsOf(rule)).map(([k, s]) => [k, s.default]));
    return { ...defaults, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
}

/** The violations of one resource under a resource rule, or none when the rule does not cover it. */
export function checkResource(rule: ResourceRule, resource: ResourceFacts, given: Config = {}, now = new Date()): string[] {
    const config = configOf(rule, given);
    if (!rule.kinds.includes(resource.kind) || list(config, "exemptNames").includes(resource.name)) return [];
    return rule.check(resource, config, now);
}

/** The violations of a whole stack under a stack rule. */
export function checkStack(rule: StackRule, resources: readonly ResourceFacts[], given: Config = {}, now = new Date()): StackViolation[] {
    const config = configOf(rule, given);
    const read = resources.filter((r) => rule.kinds.includes(r.kind));
    return rule.check(read, config, now).filter((v) => !list(config, "exemptNames").includes(v.resource.name));
}
