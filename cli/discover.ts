/**
 * `pulumi-tuxcare-fluxark discover`: lists everything a TuxCare account and a FluxArk
 * installation hold and writes a ready Pulumi program (Pulumi.yaml, index.ts, package.json,
 * README.md) that declares each object with its adoption input, so `pulumi up` takes them all
 * over without creating anything. No secret is written: license keys are found at run time by
 * their fingerprint, and passwords are left out (write-only; adoption does not need them).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fluxarkClient, tuxcareClient } from "../provider/context";
import { fingerprintId } from "../provider/core/ids";
import { isFuture } from "../provider/fluxark/common";
import { ELS_PRODUCT_CODES } from "../provider/tuxcare/els-key";

export interface DiscoverOptions {
    tuxcare: boolean;
    fluxark: boolean;
    out: string;
    projectName: string;
    progress: (message: string) => void;
}

export interface DiscoverResult {
    counts: Record<string, number>;
    skipped: string[];
    files: string[];
}

/** Stable, valid, unique TypeScript identifiers and Pulumi names. */
class Names {
    private readonly used = new Set<string>();

    take(...parts: (string | number)[]): { name: string; ident: string } {
        const base =
            parts
                .map((p) => String(p).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
                .filter(Boolean)
                .join("-") || "object";
        let name = base;
        for (let i = 2; this.used.has(name); i++) name = `${base}-${i}`;
        this.used.add(name);
        const ident = name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/^(\d)/, "_$1");
        return { name, ident };
    }
}

const lit = (v: unknown) => JSON.stringify(v);

function objectLiteral(props: Record<string, string | undefined>): string {
    const body = Object.entries(props)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `    ${k}: ${v},`)
        .join("\n");
    return `{\n${body}\n}`;
}

export async function discover(opts: DiscoverOptions): Promise<DiscoverResult> {
    const names = new Names();
    const counts: Record<string, number> = {};
    const skipped: string[] = [];
    const blocks: string[] = [];
    const add = (kind: string, ident: string, cls: string, name: string, props: Record<string, string | undefined>, comment?: string, options?: string) => {
        counts[kind] = (counts[kind] ?? 0) + 1;
        blocks.push(`${comment ? `// ${comment}\n` : ""}const ${ident} = new tf.${cls}(${lit(name)}, ${objectLiteral(props)}${options ? `, ${options}` : ""});`);
    };

    if (opts.tuxcare) {
        const tc = await tuxcareClient();
        for (const product of ELS_PRODUCT_CODES) {
            opts.progress(`TuxCare: ${product} keys`);
            for (const k of await tc.listElsKeys(product)) {
                const id = fingerprintId("els", k.key);
                const n = names.take("els", product, id.slice(4, 12));
                add("ElsKey", n.ident, "ElsKey", n.name, { productCode: lit(product), limit: lit(k.usageLimit), note: k.description ? lit(k.description) : undefined, adopt: `tf.licenseKeyByFingerprint(${lit(id)}, ${lit(product)})` });
            }
        }
        opts.progress("TuxCare: IP licenses");
        for (const l of await tc.listIpLicenses()) {
            const n = names.take("ipl", l.ip, `t${l.type}`);
            add("IpLicense", n.ident, "IpLicense", n.name, { ip: lit(l.ip), type: lit(l.type), adopt: "true" }, "elsAllowed cannot be read from the portal: set it if this license needs CloudLinux 6 registration.");
        }
        opts.progress("TuxCare: KernelCare keys");
        for (const k of await tc.listKcareKeys()) {
            const id = fingerprintId("kcare", k.key);
            const n = names.take("kcare", k.note || id.slice(6, 14));
            add("KcareKey", n.ident, "KcareKey", n.name, { limit: lit(k.limit), note: k.note ? lit(k.note) : undefined, adopt: `tf.licenseKeyByFingerprint(${lit(id)})` }, "CIDRs cannot be read back: declare them in cidrs to manage them (an empty list leaves them as they are).");
        }
        opts.progress("TuxCare: server groups");
        for (const g of await tc.listServerGroups()) {
            const members = (await tc.listServerGroupServers(g.name)).map((s) => s.id).sort();
            const n = names.take("group", g.name);
            add("ServerGroup", n.ident, "ServerGroup", n.name, { name: lit(g.name), description: g.description ? lit(g.description) : undefined, serverIds: members.length ? lit(members) : undefined });
        }
    }

    if (opts.fluxark) {
        const fx = await fluxarkClient();
        opts.progress("FluxArk: servers");
        const servers = await fx.listServers();
        const serverIdent = new Map<number, string>();
        const remoteIdent = new Map<number, string>();
        const remoteNames: string[] = [];
        for (const s of servers) {
            const n = names.take("server", s.name);
            serverIdent.set(s.id, n.ident);
            add("FluxarkServer", n.ident, "FluxarkServer", n.name, {
                name: lit(s.name),
                ipAddr: lit(s.ip_addr),
                active: lit(s.active),
                isJump: lit(s.is_jump),
                isCron: lit(s.is_cron),
                isApi: lit(s.is_api),
                port: lit(s.port),
                groups: s.groups && lit([...s.groups].sort()),
                adopt: lit(s.id),
            });
            for (const u of s.users ?? (await fx.listServerUsers(s.id))) {
                const un = names.take("remote", s.name, u.username);
                remoteIdent.set(u.id, un.ident);
                remoteNames.push(un.name);
                add("FluxarkServerUser", un.ident, "FluxarkServerUser", un.name, {
                    serverId: `${n.ident}.serverId`,
                    username: lit(u.username),
                    authMethod: lit(u.auth_method || "password"),
                    sshKey: u.ssh_key ? lit(u.ssh_key) : undefined,
                    port: lit(u.port),
                    active: lit(u.active),
                    defaultUser: lit(u.default_user),
                    adopt: lit(u.id),
                });
            }
        }
        opts.progress("FluxArk: user groups");
        const groupIdent = new Map<string, string>();
        for (const g of await fx.listUserGroups()) {
            const n = names.take("team", g.name);
            groupIdent.set(g.name, n.ident);
            const grants = (g.server_groups ?? []).map((s) => `{ serverGroup: ${lit(s.name)} }`).join(", ");
            // A server group exists once a server carries it: grants wait for the servers.
            const after = grants && serverIdent.size ? `{ dependsOn: [${[...serverIdent.values()].join(", ")}] }` : undefined;
            add("UserGroup", n.ident, "UserGroup", n.name, { name: lit(g.name), grants: grants ? `[${grants}]` : undefined, adopt: lit(g.id) }, grants ? "Grant usernames and expiry cannot be read: add them to the grants to manage them." : undefined, after);
        }
        opts.progress("FluxArk: users and their access rules");
        for (const u of await fx.listUsers()) {
            const n = names.take("user", u.username);
            const groups = (u.groups ?? []).map((g) => (groupIdent.has(g) ? `${groupIdent.get(g)}.name` : lit(g)));
            add("FluxarkUser", n.ident, "FluxarkUser", n.name, {
                username: lit(u.username),
                email: lit(u.email),
                fullName: lit(u.full_name || u.username),
                authType: lit(u.auth_type),
                passwordType: lit(u.password_type),
                sshKey: u.ssh_key ? lit(u.ssh_key) : undefined,
                active: lit(u.active),
                serverAdmin: lit(u.server_admin),
                comment: u.comment ? lit(u.comment) : undefined,
                ipAllowList: u.ip_allow_list ? lit(u.ip_allow_list.split(/[\s,;]+/).filter(Boolean)) : undefined,
                groups: groups.length ? `[${groups.join(", ")}]` : undefined,
                adopt: lit(u.id),
            }, "Passwords are write-only and not needed to adopt; set password (as a secret) to manage it.");
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
                const an = names.take("acl", u.username, rule.acl_id);
                add("FluxarkAcl", an.ident, "FluxarkAcl", an.name, {
                    userId: `${n.ident}.userId`,
                    userServerId: remote ? `${remote}.userServerId` : lit(rule.user_server_id),
                    expireTime: rule.expire_time ? lit(rule.expire_time) : undefined,
                    adopt: lit(rule.acl_id),
                });
            }
        }
    }

    mkdirSync(opts.out, { recursive: true });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const files = {
        "Pulumi.yaml": `name: ${opts.projectName}\ndescription: Discovered by pulumi-tuxcare-fluxark discover; every object is adopted, none created.\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
        "package.json": `${JSON.stringify({ name: opts.projectName, private: true, main: "index.ts", dependencies: { "@pulumi/pulumi": "^3.248.0", "pulumi-tuxcare-fluxark": "^0.1.0" } }, null, 2)}\n`,
        "index.ts": [
            `/**\n * Discovered ${new Date().toISOString().slice(0, 10)}: ${total} objects, each adopted (taken over, not created) by \`pulumi up\`.\n * No secret is in this file: license keys are looked up by fingerprint at run time.\n */`,
            `import * as tf from "pulumi-tuxcare-fluxark";`,
            "",
            ...blocks.flatMap((b) => [b, ""]),
            `export const discovered = ${lit(counts)};`,
            "",
        ].join("\n"),
        "README.md": [
            `# ${opts.projectName}`,
            "",
            `Generated by \`pulumi-tuxcare-fluxark discover\`: ${total} objects (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ") || "none"}).`,
            "",
            "```sh",
            "npm install",
            ...(opts.tuxcare ? ["pulumi config set tuxcare:login <login>", "pulumi config set --secret tuxcare:secretKey <secret key>"] : []),
            ...(opts.fluxark ? ["pulumi config set fluxark:url <https://your-fluxark>", "pulumi config set --secret fluxark:apiKey <Management API key>"] : []),
            "pulumi up    # adopts every object: nothing is created",
            "pulumi preview  # then shows no changes",
            "```",
            "",
            "Secrets are not in these files. License keys are found at run time by their fingerprint",
            "(`licenseKeyByFingerprint`). Passwords are write-only in FluxArk and adoption does not need them:",
            "add `password: config.requireSecret(\"...\")` to a user to manage its password from here on.",
            "Values the APIs cannot return are marked with comments in index.ts (IP license `elsAllowed`,",
            "KernelCare CIDRs, user-group grant usernames and expiry).",
            ...(skipped.length ? ["", "Left out:", ...skipped.map((s) => `- ${s}`)] : []),
            "",
        ].join("\n"),
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(opts.out, file), text);
    return { counts, skipped, files: Object.keys(files) };
}
