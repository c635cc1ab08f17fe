/**
 * `pulumi-tuxcare-fluxark discover`: lists everything a TuxCare account and a FluxArk
 * installation hold (`readAccounts`, shared by both writers) and writes a ready Pulumi program.
 * In TypeScript (here: Pulumi.yaml, index.ts, package.json, README.md) it declares each object
 * with its adoption input, so `pulumi up` takes them all over without creating anything; in
 * Pulumi YAML (discover-yaml.ts) with an import file for `pulumi import --file`. No secret is written: license keys are found at run time by
 * their fingerprint, passwords are left out (write-only; adoption does not need them), and a
 * remote user's private SSH key is read from secret stack config, which the README says to set.
 *
 * Every declaration passes the provider's own `check` before it is written: a value the provider
 * would refuse is written in the form it accepts when the meaning is the same (listed as
 * "adjusted"), and an object that still fails is left out with the reason, so the program
 * always passes `preview`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CATALOG } from "../provider/catalog";
import { fluxark, tuxcare } from "../provider/context";
import { UNKNOWN } from "../provider/core/check";
import { fingerprintId } from "../provider/core/ids";
import { readAllowList } from "../provider/fluxark/allow-list";
import { isFuture } from "../provider/fluxark/common";
import { checkCidr, withoutFormatCharacters } from "../provider/core/validators";
import { ELS_PRODUCT_CODES } from "../provider/tuxcare/els-key";
import { className, nativeToken, type ClassName, type ResourceType } from "../provider/tokens";

export interface ReadOptions {
    tuxcare: boolean;
    fluxark: boolean;
    progress: (message: string) => void;
}

export interface DiscoverOptions extends ReadOptions {
    out: string;
    projectName: string;
    /** The program's language (default typescript). */
    format?: "typescript" | "yaml";
}

export interface DiscoverResult {
    counts: Record<string, number>;
    /** Values written in the form the provider accepts (the meaning is the same). */
    adjusted: string[];
    /** Objects not declared, with the reason. */
    skipped: string[];
    files: string[];
}

/** Names the generated program declares itself: an object's identifier must not shadow them. */
const PROGRAM_IDENTIFIERS = ["tf", "pulumi", "config", "discovered"];

/** Words that cannot name a `const` (ECMAScript reserved words, strict-mode ones, and names TypeScript keeps). */
const RESERVED_WORDS = new Set(
    (
        "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
        "instanceof new null return super switch this throw true try typeof var void while with implements interface let package private " +
        "protected public static yield await arguments eval undefined NaN Infinity"
    ).split(" "),
);

/** A Pulumi name's text as an identifier: `server-web-1` is `serverWeb_1` (a digit keeps its separator, so it stays apart from `server-web1`). */
function identifierOf(name: string): string {
    const ident = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).replace(/-(\d)/g, "_$1");
    return /^[A-Za-z_$][\w$]*$/.test(ident) && !RESERVED_WORDS.has(ident) ? ident : `_${ident.replace(/[^\w$]/g, "_")}`;
}

/**
 * Stable Pulumi names and TypeScript identifiers, each unique, whatever the account's names hold:
 * names that differ only by case or punctuation (`web-1`, `web1`, `Web_1`), reserved words,
 * leading digits, or letters outside ASCII (dropped: such a name gets a number). A name or
 * identifier already taken gets the next free number.
 */
class Names {
    private readonly names = new Set<string>();
    private readonly idents = new Set<string>(PROGRAM_IDENTIFIERS);

    take(...parts: (string | number)[]): { name: string; ident: string } {
        const base =
            parts
                .map((p) =>
                    String(p)
                        .toLowerCase()
                        .replace(/[^a-z0-9]+/g, "-")
                        .replace(/^-+|-+$/g, ""),
                )
                .filter(Boolean)
                .join("-") || "object";
        for (let i = 1; ; i++) {
            const name = i === 1 ? base : `${base}-${i}`;
            const ident = identifierOf(name);
            if (this.names.has(name) || this.idents.has(ident)) continue;
            this.names.add(name);
            this.idents.add(ident);
            return { name, ident };
        }
    }
}

/** The names of a declared object: its Pulumi name and its TypeScript identifier. */
export interface Named {
    name: string;
    ident: string;
}

/** A value written as a literal: the provider's check sees it. */
export class Literal {
    constructor(readonly value: unknown) {}
}
/** An output of another declared object (`server.serverId`). */
export class Ref {
    constructor(
        readonly target: Named,
        readonly output: string,
    ) {}
}
/** A secret read from the stack's config (a remote user's private key): never written. */
export class SecretConfig {
    constructor(readonly key: string) {}
}
/** A license key found at run time by its fingerprint id (TypeScript only: `licenseKeyByFingerprint`). */
export class KeyLookup {
    constructor(
        readonly fingerprintId: string,
        readonly productCode?: string,
    ) {}
}
/** A list of literals and references. */
export class List {
    constructor(readonly items: (Literal | Ref)[]) {}
}

/** A literal; a value the answer did not carry (undefined) is not written, so the input's default applies. */
const lit = (v: unknown) => (v === undefined ? undefined : new Literal(v));
const json = (v: unknown) => JSON.stringify(v);

/** A literal, or an expression of the program (a reference, a lookup: unknown until `up`, as in a preview). */
export type Prop = Literal | Ref | SecretConfig | KeyLookup | List | undefined;

/** One object of the accounts as the program declares it. */
export interface Declaration extends Named {
    /** The resource class, as in `tuxcare:index:<cls>`. */
    cls: ClassName;
    /** The native type token (`tuxcare:index:ElsKey`). */
    type: string;
    props: Record<string, Prop>;
    /** What the program cannot say (a field no answer carries), for the reader. */
    comment?: string;
    dependsOn: Named[];
    /** Its id for `pulumi import` (the README's table of import ids). */
    importId: string;
}

/** What the accounts hold, as declarations, with what was adjusted and left out. */
export interface AccountRead {
    declarations: Declaration[];
    counts: Record<string, number>;
    adjusted: string[];
    skipped: string[];
    /** Secret stack config the program reads (remote users' private keys): key and what to put there. */
    secretConfig: { key: string; what: string }[];
}

function tsValue(v: Exclude<Prop, undefined>): string {
    if (v instanceof Literal) return json(v.value);
    if (v instanceof Ref) return `${v.target.ident}.${v.output}`;
    if (v instanceof SecretConfig) return `config.requireSecret(${json(v.key)})`;
    if (v instanceof KeyLookup)
        return `tf.licenseKeyByFingerprint(${[v.fingerprintId, v.productCode]
            .filter((x) => x !== undefined)
            .map(json)
            .join(", ")})`;
    return `[${v.items.map(tsValue).join(", ")}]`;
}

function objectLiteral(props: Record<string, Prop>): string {
    const body = Object.entries(props)
        .flatMap(([k, v]) => (v === undefined ? [] : [`    ${k}: ${tsValue(v)},`]))
        .join("\n");
    return `{\n${body}\n}`;
}

/** The provider's check of a declaration: its failures, as "property: rule". */
function providerRefusals(type: ResourceType, props: Record<string, Prop>): string[] {
    const entry = CATALOG.find((e) => e.type === type);
    if (!entry) throw new Error(`no resource type ${type} in the catalog`);
    const inputs = Object.fromEntries(
        Object.entries(props).flatMap(([k, v]) => (v === undefined ? [] : [[k, v instanceof Literal ? v.value : UNKNOWN]])),
    );
    return (entry.check({}, inputs).failures ?? []).map((f) => `${f.property}: ${f.reason}`);
}

/**
 * Free text with control characters (a newline in a note) as the provider accepts it: each run
 * becomes a space; invisible format characters (a zero-width space, a bidi override) are dropped.
 */
function printable(text: string): string {
    const cleaned = withoutFormatCharacters(text).replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
    return cleaned === text ? text : cleaned.trim();
}

/** npm's package name rules are narrower than Pulumi's project names: lower case, no leading . or _. */
const npmName = (projectName: string) => projectName.toLowerCase().replace(/^[._]+/, "") || "discovered";

/** The comment on fields FluxArk did not return: adoption leaves them as they are until the program sets them. */
const leftAsIs = (fields: string[]): string => `Not read from FluxArk, so left as they are until set here: ${fields.join(", ")}.`;

/**
 * The first part of the Pulumi name discover gives an object of each type (`els-cels-…`): every
 * resource type is one discover declares (test/unit/resource-types.test.ts holds it to the catalog).
 */
export const NAME_PREFIX: Record<ResourceType, string> = {
    "tuxcare:ElsKey": "els",
    "tuxcare:IpLicense": "ipl",
    "tuxcare:KcareKey": "kcare",
    "tuxcare:ServerGroup": "group",
    "fluxark:FluxarkServer": "server",
    "fluxark:FluxarkServerUser": "remote",
    "fluxark:FluxarkUser": "user",
    "fluxark:FluxarkAcl": "acl",
    "fluxark:UserGroup": "team",
};

/** Writes the program discovered from the accounts, in TypeScript or Pulumi YAML. */
export async function discover(opts: DiscoverOptions): Promise<DiscoverResult> {
    const read = await readAccounts(opts);
    mkdirSync(opts.out, { recursive: true });
    const files = opts.format === "yaml" ? (await import("./discover-yaml")).yamlProgram(read, opts) : typeScriptProgram(read, opts);
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(opts.out, file), text);
    return { counts: read.counts, adjusted: read.adjusted, skipped: read.skipped, files: Object.keys(files) };
}

/** Lists both accounts and declares every object the provider's check accepts. */
export async function readAccounts(opts: ReadOptions): Promise<AccountRead> {
    const names = new Names();
    const counts: Record<string, number> = {};
    const adjusted: string[] = [];
    const skipped: string[] = [];
    const secretConfig: { key: string; what: string }[] = [];
    const declarations: Declaration[] = [];
    /** A fresh name for an object of `type`, from the parts that tell it apart. */
    const nameFor = (type: ResourceType, ...parts: (string | number)[]) => names.take(NAME_PREFIX[type], ...parts);
    /** Adjustments of the declaration being built: reported only if it is declared. */
    let pending: string[] = [];
    /** Declares the object if the provider's check accepts it; otherwise leaves it out, saying why. */
    const add = (
        type: ResourceType,
        n: Named,
        props: Record<string, Prop>,
        importId: string,
        comment?: string,
        dependsOn: Named[] = [],
    ): boolean => {
        const cls = className(type);
        const refusals = providerRefusals(type, props);
        const notes = pending;
        pending = [];
        if (refusals.length > 0) {
            skipped.push(
                `${cls} ${n.name}${props.adopt instanceof Literal ? ` (id ${String(props.adopt.value)})` : ""}: ${refusals.join("; ")}`,
            );
            return false;
        }
        adjusted.push(...notes);
        counts[cls] = (counts[cls] ?? 0) + 1;
        declarations.push({ ...n, cls, type: nativeToken(type), props, comment, dependsOn, importId });
        return true;
    };
    /** Free text the provider would refuse, written without its control characters. */
    const text = (value: string, what: string): string => {
        const clean = printable(value);
        if (clean !== value) pending.push(`${what}: control characters replaced by spaces, invisible format characters removed`);
        return clean;
    };

    if (opts.tuxcare) {
        const tc = await tuxcare.client();
        for (const product of ELS_PRODUCT_CODES) {
            opts.progress(`TuxCare: ${product} keys`);
            for (const k of await tc.listElsKeys(product)) {
                const id = fingerprintId("els", k.key);
                const n = nameFor("tuxcare:ElsKey", product, id.slice(4, 12));
                add(
                    "tuxcare:ElsKey",
                    n,
                    {
                        productCode: lit(product),
                        limit: lit(k.usageLimit),
                        note: k.description ? lit(text(k.description, `ElsKey ${n.name} note`)) : undefined,
                        adopt: new KeyLookup(id, product),
                    },
                    id,
                );
            }
        }
        opts.progress("TuxCare: IP licenses");
        for (const l of await tc.listIpLicenses()) {
            const n = nameFor("tuxcare:IpLicense", l.ip, `t${l.type}`);
            add(
                "tuxcare:IpLicense",
                n,
                { ip: lit(l.ip), type: lit(l.type), adopt: lit(true) },
                `${l.ip}:${l.type}`,
                "elsAllowed cannot be read from the portal: it is left as it is until set here (true allows CloudLinux 6 registration).",
            );
        }
        opts.progress("TuxCare: KernelCare keys");
        for (const k of await tc.listKcareKeys()) {
            const id = fingerprintId("kcare", k.key);
            const n = nameFor("tuxcare:KcareKey", k.note || id.slice(6, 14));
            add(
                "tuxcare:KcareKey",
                n,
                { limit: lit(k.limit), note: k.note ? lit(k.note) : undefined, adopt: new KeyLookup(id) },
                id,
                "CIDRs cannot be read back: they are left as they are until declared in cidrs ([] clears them).",
            );
        }
        opts.progress("TuxCare: server groups");
        for (const g of await tc.listServerGroups()) {
            const members = (await tc.listServerGroupServers(g.name)).map((s) => s.id).sort();
            const n = nameFor("tuxcare:ServerGroup", g.name);
            add(
                "tuxcare:ServerGroup",
                n,
                {
                    name: lit(g.name),
                    description: g.description ? lit(g.description) : undefined,
                    serverIds: members.length ? lit(members) : undefined,
                },
                g.name,
            );
        }
    }

    if (opts.fluxark) {
        const fx = await fluxark.client();
        opts.progress("FluxArk: servers");
        const servers = await fx.listServers();
        const serverIdent = new Map<number, Named>();
        const remoteIdent = new Map<number, Named>();
        for (const s of servers) {
            const n = nameFor("fluxark:FluxarkServer", s.name);
            const declared = add(
                "fluxark:FluxarkServer",
                n,
                {
                    name: lit(s.name),
                    ipAddr: lit(s.ip_addr),
                    active: lit(s.active),
                    isJump: lit(s.is_jump),
                    isCron: lit(s.is_cron),
                    isApi: lit(s.is_api),
                    port: lit(s.port),
                    groups: s.groups && lit([...s.groups].sort()),
                    adopt: lit(s.id),
                },
                String(s.id),
            );
            if (declared) serverIdent.set(s.id, n);
            for (const u of s.users ?? (await fx.listServerUsers(s.id))) {
                const un = nameFor("fluxark:FluxarkServerUser", s.name, u.username);
                // The private key FluxArk logs in with is a secret: never written here, read from secret config.
                // An answer without it leaves it unset: adoption then leaves the key as FluxArk holds it.
                const keyConfig = u.ssh_key ? `${un.ident}SshKey` : undefined;
                const notRead = ["password (write-only)", ...(u.ssh_key === undefined ? ["sshKey"] : [])];
                const remoteDeclared = add(
                    "fluxark:FluxarkServerUser",
                    un,
                    {
                        serverId: declared ? new Ref(n, "serverId") : lit(s.id),
                        username: lit(u.username),
                        authMethod: lit(u.auth_method || "password"),
                        sshKey: keyConfig ? new SecretConfig(keyConfig) : undefined,
                        port: lit(u.port),
                        active: lit(u.active),
                        defaultUser: lit(u.default_user),
                        adopt: lit(u.id),
                    },
                    String(u.id),
                    `${keyConfig ? `sshKey is a private key, a secret: set it before \`pulumi up\` with \`pulumi config set --secret ${keyConfig} < key-file\`. ` : ""}${leftAsIs(notRead)}`,
                );
                if (remoteDeclared) remoteIdent.set(u.id, un);
                if (remoteDeclared && keyConfig)
                    secretConfig.push({ key: keyConfig, what: `the private SSH key of ${u.username} on ${s.name}` });
            }
        }
        opts.progress("FluxArk: user groups");
        const groupIdent = new Map<string, Named>();
        for (const g of await fx.listUserGroups()) {
            const n = nameFor("fluxark:UserGroup", g.name);
            const grants = (g.server_groups ?? []).map((s) => ({ serverGroup: s.name }));
            // A server group exists once a server carries it: grants wait for the servers.
            const after = grants.length ? [...serverIdent.values()] : [];
            if (
                add(
                    "fluxark:UserGroup",
                    n,
                    { name: lit(g.name), grants: grants.length ? lit(grants) : undefined, adopt: lit(g.id) },
                    String(g.id),
                    grants.length
                        ? `Grant usernames and expiry cannot be read: each grant is left as FluxArk holds it; set both username and expireTime ("never" for none) on a grant to manage it (it is then re-created as declared).`
                        : undefined,
                    after,
                )
            )
                groupIdent.set(g.name, n);
        }
        opts.progress("FluxArk: users and their access rules");
        for (const u of await fx.listUsers()) {
            const n = nameFor("fluxark:FluxarkUser", u.username);
            const groups = (u.groups ?? []).map((g) => (groupIdent.has(g) ? new Ref(groupIdent.get(g)!, "name") : new Literal(g)));
            for (const entry of (u.ip_allow_list ?? "").split(/[\s,;]+/)) {
                const r = checkCidr(entry);
                if (!r.ok && r.network)
                    pending.push(
                        `FluxarkUser ${n.name} ipAllowList: ${entry} written as ${r.network} (the same network, as the provider reads it)`,
                    );
            }
            const userDeclared = add(
                "fluxark:FluxarkUser",
                n,
                {
                    username: lit(u.username),
                    email: lit(u.email),
                    fullName: lit(text(u.full_name || u.username, `FluxarkUser ${n.name} fullName`)),
                    authType: lit(u.auth_type),
                    passwordType: lit(u.password_type),
                    sshKey: u.ssh_key ? lit(u.ssh_key) : undefined,
                    active: lit(u.active),
                    serverAdmin: lit(u.server_admin),
                    comment: u.comment ? lit(text(u.comment, `FluxarkUser ${n.name} comment`)) : undefined,
                    ipAllowList: u.ip_allow_list ? lit(readAllowList(u.ip_allow_list)) : undefined,
                    groups: groups.length ? new List(groups) : undefined,
                    adopt: lit(u.id),
                },
                String(u.id),
                leftAsIs([
                    "password (write-only)",
                    ...(u.ssh_key === undefined ? ["sshKey"] : []),
                    ...(u.comment === undefined ? ["comment"] : []),
                ]),
            );
            for (const rule of await fx.listAcl(u.id)) {
                if (rule.expire_time && !isFuture(rule.expire_time)) {
                    skipped.push(`ACL rule ${rule.acl_id} of ${u.username}: expired ${rule.expire_time}`);
                    continue;
                }
                if (rule.user_server_id === undefined) {
                    skipped.push(`ACL rule ${rule.acl_id} of ${u.username}: the answer does not name its remote user`);
                    continue;
                }
                const remote = remoteIdent.get(rule.user_server_id);
                const an = nameFor("fluxark:FluxarkAcl", u.username, rule.acl_id);
                add(
                    "fluxark:FluxarkAcl",
                    an,
                    {
                        userId: userDeclared ? new Ref(n, "userId") : lit(u.id),
                        userServerId: remote ? new Ref(remote, "userServerId") : lit(rule.user_server_id),
                        expireTime: rule.expire_time ? lit(rule.expire_time) : undefined,
                        adopt: lit(rule.acl_id),
                    },
                    `${u.id}/${rule.acl_id}`,
                );
            }
        }
    }

    return { declarations, counts, adjusted, skipped, secretConfig };
}

/** "158 objects (25 ElsKey, 15 IpLicense, ...)", for the READMEs. */
export function summary(counts: Record<string, number>): string {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return `${total} objects (${
        Object.entries(counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ") || "none"
    })`;
}

/** The README's commands that set the provider config and the secret config the program reads. */
export function configCommands(secretConfig: AccountRead["secretConfig"], opts: ReadOptions): string[] {
    return [
        ...(opts.tuxcare ? ["pulumi config set tuxcare:login <login>", "pulumi config set --secret tuxcare:secretKey <secret key>"] : []),
        ...(opts.fluxark
            ? ["pulumi config set fluxark:url <https://your-fluxark>", "pulumi config set --secret fluxark:apiKey <Management API key>"]
            : []),
        ...secretConfig.map((c) => `pulumi config set --secret ${c.key} < key-file    # ${c.what}`),
    ];
}

/** The README's closing lines: where the unreadable values are marked, what was adjusted and left out. */
export function readmeClosing({ adjusted, skipped }: Pick<AccountRead, "adjusted" | "skipped">, programFile: string): string[] {
    return [
        `Values the APIs cannot return are marked with comments in ${programFile} (IP license \`elsAllowed\`,`,
        "KernelCare CIDRs, user-group grant usernames and expiry, FluxArk users' SSH keys and comments",
        "where the user list leaves them out): adoption leaves them as they are until you set them.",
        ...(adjusted.length
            ? ["", "Adjusted (written in the form the provider accepts; adoption sets them so):", ...adjusted.map((s) => `- ${s}`)]
            : []),
        ...(skipped.length ? ["", "Left out:", ...skipped.map((s) => `- ${s}`)] : []),
        "",
    ];
}

/** The TypeScript program: each object adopted by `pulumi up`. */
function typeScriptProgram(
    { declarations, counts, adjusted, skipped, secretConfig }: AccountRead,
    opts: DiscoverOptions,
): Record<string, string> {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const blocks = declarations.map(
        (d) =>
            `${d.comment ? `// ${d.comment}\n` : ""}const ${d.ident} = new tf.${d.cls}(${json(d.name)}, ${objectLiteral(d.props)}${d.dependsOn.length ? `, { dependsOn: [${d.dependsOn.map((x) => x.ident).join(", ")}] }` : ""});`,
    );
    return {
        "Pulumi.yaml": `name: ${json(opts.projectName)}\ndescription: Discovered by pulumi-tuxcare-fluxark discover; every object is adopted, none created.\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
        "package.json": `${JSON.stringify({ name: npmName(opts.projectName), private: true, main: "index.ts", dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-tuxcare-fluxark": "^0.1.0" }, devDependencies: { "@types/node": "^20.19.43", typescript: "^5.9.3" } }, null, 2)}\n`,
        "index.ts": [
            `/**\n * Discovered ${new Date().toISOString().slice(0, 10)}: ${total} objects, each adopted (taken over, not created) by \`pulumi up\`.\n * No secret is in this file: license keys are looked up by fingerprint at run time${secretConfig.length ? ", private SSH keys read from secret config" : ""}.\n */`,
            ...(secretConfig.length ? [`import * as pulumi from "@pulumi/pulumi";`] : []),
            `import * as tf from "pulumi-tuxcare-fluxark";`,
            "",
            ...(secretConfig.length ? ["const config = new pulumi.Config();", ""] : []),
            ...blocks.flatMap((b) => [b, ""]),
            `export const discovered = ${json(counts)};`,
            "",
        ].join("\n"),
        "README.md": [
            `# ${opts.projectName}`,
            "",
            `Generated by \`pulumi-tuxcare-fluxark discover\`: ${summary(counts)}.`,
            "",
            "```sh",
            "npm install",
            ...configCommands(secretConfig, opts),
            "pulumi up    # adopts every object: nothing is created",
            "pulumi preview  # then shows no changes",
            "```",
            "",
            "Secrets are not in these files. License keys are found at run time by their fingerprint",
            "(`licenseKeyByFingerprint`). Passwords are write-only in FluxArk and adoption does not need them:",
            'add `password: config.requireSecret("...")` to a user to manage its password from here on.',
            ...(secretConfig.length
                ? ["Remote users' private SSH keys are read from secret stack config: set each one as shown above before `pulumi up`."]
                : []),
            ...readmeClosing({ adjusted, skipped }, "index.ts"),
        ].join("\n"),
    };
}
