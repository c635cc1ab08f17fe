/**
 * A small but realistic account on both APIs, deterministic so every report figure can be checked
 * by hand from this file, seeded through the admin interface (one state replacement). Times are
 * relative to `now`, so the figures hold whenever it runs.
 *
 * FluxArk: 20 servers with 45 remote users, 32 portal users, 5 user groups with one grant each,
 * 7 ACL rules. TuxCare: 25 ELS/ESU keys, 10 KernelCare keys, 15 IP licenses (50 in all).
 * The figures the reports give (see also test/e2e/reports.test.ts):
 *
 * Servers (server group: servers x remote users):
 *   web: web-01..web-08 x root, deploy, www-data   db: db-01..db-04 x root, postgres
 *   payments: pay-01..pay-04 x root, app           monitoring: mon-01, mon-02 x nagios
 *   ci: build-01 x root, ci                        (none): spare-01 x admin
 * Users: u01..u30 (NAMES below, in order), nagios, badmin (server admin).
 *   webops (web, username "deploy", never):             NAMES[0..9] and NAMES[28] (inactive)
 *   dba (db, "postgres,root", +60 days):                 NAMES[10..13]
 *   payments-oncall (payments, "*", +7 days):            NAMES[14..17] and NAMES[10]
 *   monitoring (monitoring, "" = same name, never):      nagios
 *   contractors (ci, "ci", expired 5 days ago):          NAMES[18..20]
 * ACL rules: NAMES[21] web-01 root never; NAMES[22] db-01 postgres +3 days; NAMES[23] pay-01 root
 *   +30 days; NAMES[24] pay-02 app expired 10 days ago; NAMES[25] build-01 ci +100 days;
 *   NAMES[26] web-02 deploy never; NAMES[29] (inactive) web-03 root never.
 * Password only (password_type "password"): NAMES[21..23]. Inactive: NAMES[28], NAMES[29].
 *
 * License keys, by pattern (index % 5) — ELS/ESU (25 keys, products in ELS_LAYOUT order):
 *   0: limit 5, 2 servers   1: limit 2, 2 servers (at limit)   2: limit 0 (unlimited), 4 servers
 *   3: limit 3, no server   4: limit 4, 5 servers (over limit)
 * KernelCare (10 keys): 0: limit 10, 3 servers   1: unlimited, 5 servers, 1 out of date
 *   2: limit 2, no server   3: limit 5, 5 servers (at limit)   4: limit 1, 1 server out of date
 * IP licenses (15): 203.0.113.(10+i), type IPL_TYPES[i]; last check-in 45 days ago when i % 3 == 0,
 *   never for i = 14, else a day ago; not registered when i % 4 == 0.
 */
import { createHash } from "node:crypto";
import type { EmulatorAdmin } from "../admin-client";
import type { Row, StoreSnapshot } from "../store";
import { FX_ACL, FX_USER_GROUPS, FX_USERS } from "../fluxark/users";
import { FX_SERVER_USERS, FX_SERVERS } from "../fluxark/servers";
import { mysqlTime } from "../fluxark/common";
import { ELS_KEYS, ELS_SERVERS } from "../tuxcare/els";
import { KCARE_KEYS, KCARE_SERVERS } from "../tuxcare/kcare";
import { IP_LICENSES, ipLicenseId } from "../tuxcare/ipl";
import { portalTime } from "../tuxcare/common";

const DAY = 86_400_000;

export const NAMES = [
    "alice",
    "bob",
    "carol",
    "dave",
    "erin",
    "frank",
    "grace",
    "heidi",
    "ivan",
    "judy",
    "kim",
    "lee",
    "mallory",
    "nina",
    "oscar",
    "peggy",
    "quinn",
    "rupert",
    "sybil",
    "trent",
    "ursula",
    "victor",
    "wendy",
    "xavier",
    "yara",
    "zane",
    "amir",
    "bella",
    "chen",
    "dmitri",
] as const;

const SERVER_LAYOUT: { prefix: string; count: number; group: string | undefined; remotes: string[] }[] = [
    { prefix: "web", count: 8, group: "web", remotes: ["root", "deploy", "www-data"] },
    { prefix: "db", count: 4, group: "db", remotes: ["root", "postgres"] },
    { prefix: "pay", count: 4, group: "payments", remotes: ["root", "app"] },
    { prefix: "mon", count: 2, group: "monitoring", remotes: ["nagios"] },
    { prefix: "build", count: 1, group: "ci", remotes: ["root", "ci"] },
    { prefix: "spare", count: 1, group: undefined, remotes: ["admin"] },
];

/** ELS/ESU products of the 25 keys, in order. */
export const ELS_LAYOUT = [
    "CELS",
    "CELS",
    "CELS",
    "CELS",
    "CELS",
    "CELS",
    "OELS",
    "OELS",
    "OELS",
    "UELS16",
    "UELS16",
    "CELS_8",
    "CELS_8",
    "CELS_8",
    "UELS18",
    "UELS18",
    "UELS18",
    "PHP_ELS",
    "PHP_ELS",
    "PYTHON_ELS",
    "ESU",
    "ESU",
    "ESU",
    "ESU",
    "ESU",
] as const;
const ELS_PATTERNS = [
    { limit: 5, used: 2 },
    { limit: 2, used: 2 },
    { limit: 0, used: 4 },
    { limit: 3, used: 0 },
    { limit: 4, used: 5 },
];
const KCARE_PATTERNS = [
    { limit: 10, used: 3, behind: 0 },
    { limit: 0, used: 5, behind: 1 },
    { limit: 2, used: 0, behind: 0 },
    { limit: 5, used: 5, behind: 0 },
    { limit: 1, used: 1, behind: 1 },
];
export const IPL_TYPES = [1, 1, 1, 4, 5, 1002, 16, 16, 17, 40, 41, 42, 43, 49, 1] as const;

export interface RealisticAccount {
    /** The whole emulator state: load it with EmulatorAdmin.setState (seedRealisticAccount does). */
    state: StoreSnapshot;
    /** Every secret in the account (license keys, passwords, private keys): none may appear in a report. */
    secrets: string[];
}

/** Letters and digits derived from a label: the same account on every run. */
function token(label: string, length: number): string {
    return createHash("sha256")
        .update(`realistic-account:${label}`)
        .digest("base64")
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, length);
}

export function realisticAccount(now: Date, tuxcareLogin = "demo"): RealisticAccount {
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const created = mysqlTime(at(-200));
    const collections: Record<string, Record<string, Row>> = {};
    const put = (collection: string, id: string, row: Row) => {
        collections[collection] ??= {};
        collections[collection][id] = row;
    };
    const secrets: string[] = [];

    // FluxArk servers and their remote users.
    let serverId = 0;
    let remoteId = 0;
    const remote = new Map<string, { id: number; serverId: number }>(); // "web-01:root"
    for (const layout of SERVER_LAYOUT) {
        for (let n = 1; n <= layout.count; n++) {
            const name = `${layout.prefix}-${String(n).padStart(2, "0")}`;
            const id = ++serverId;
            put(FX_SERVERS, String(id), {
                id,
                name,
                ip_addr: `10.20.${serverId}.${n}`,
                active: 1,
                is_jump: 0,
                is_cron: 0,
                is_api: 0,
                port: 22,
                groups: layout.group ? [layout.group] : [],
                created,
            });
            for (const username of layout.remotes) {
                const rid = ++remoteId;
                const usesKey = username !== "app";
                const sshKey = usesKey
                    ? `-----BEGIN OPENSSH PRIVATE KEY----- ${token(`ssh:${name}:${username}`, 40)} -----END OPENSSH PRIVATE KEY-----`
                    : "";
                const password = usesKey ? null : `Remote-${token(`pw:${name}:${username}`, 16)}`;
                if (sshKey) secrets.push(sshKey);
                if (password) secrets.push(password);
                put(FX_SERVER_USERS, String(rid), {
                    id: rid,
                    server_id: id,
                    username,
                    auth_method: usesKey ? "key" : "password",
                    ssh_key: sshKey,
                    port: 22,
                    active: 1,
                    default_user: username === layout.remotes[0] ? 1 : 0,
                    password,
                    created,
                    updated: null,
                });
                remote.set(`${name}:${username}`, { id: rid, serverId: id });
            }
        }
    }

    // Portal users.
    const groupsOf = (i: number): string[] => {
        const g: string[] = [];
        if (i <= 9 || i === 28) g.push("webops");
        if (i >= 10 && i <= 13) g.push("dba");
        if ((i >= 14 && i <= 17) || i === 10) g.push("payments-oncall");
        if (i >= 18 && i <= 20) g.push("contractors");
        return g;
    };
    const users: {
        username: string;
        full: string;
        groups: string[];
        active: boolean;
        admin: boolean;
        passwordType: string;
        authType: string;
    }[] = NAMES.map((username, i) => ({
        username,
        full: `${username[0]!.toUpperCase()}${username.slice(1)} Example`,
        groups: groupsOf(i),
        active: i !== 28 && i !== 29,
        admin: false,
        passwordType: i >= 21 && i <= 23 ? "password" : i % 2 === 0 ? "password-token" : "token",
        authType: i >= 21 && i <= 23 ? "password" : "key",
    }));
    users.push({
        username: "nagios",
        full: "Monitoring service",
        groups: ["monitoring"],
        active: true,
        admin: false,
        passwordType: "token",
        authType: "key",
    });
    users.push({
        username: "badmin",
        full: "Local admin",
        groups: [],
        active: true,
        admin: true,
        passwordType: "password-token",
        authType: "key",
    });
    const userId = new Map<string, number>();
    users.forEach((u, i) => {
        const id = i + 1;
        userId.set(u.username, id);
        const password = `Portal-${token(`pw:${u.username}`, 18)}`;
        secrets.push(password);
        put(FX_USERS, String(id), {
            id,
            username: u.username,
            email: `${u.username}@example.com`,
            password,
            full_name: u.full,
            auth_type: u.authType,
            password_type: u.passwordType,
            ssh_key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${token(`pub:${u.username}`, 32)} ${u.username}@example.com`,
            active: u.active ? 1 : 0,
            server_admin: u.admin ? 1 : null,
            comment: "",
            ip_allow_list: "",
            groups: u.groups,
            created,
            login_tries: 0,
            last_pass_update_date: created,
            password_expire_date: mysqlTime(at(30)),
        });
    });

    // User groups, one grant each.
    const grants: { name: string; serverGroup: string; username: string; expire: string }[] = [
        { name: "webops", serverGroup: "web", username: "deploy", expire: "" },
        { name: "dba", serverGroup: "db", username: "postgres,root", expire: mysqlTime(at(60)) },
        { name: "payments-oncall", serverGroup: "payments", username: "*", expire: mysqlTime(at(7)) },
        { name: "monitoring", serverGroup: "monitoring", username: "", expire: "" },
        { name: "contractors", serverGroup: "ci", username: "ci", expire: mysqlTime(at(-5)) },
    ];
    grants.forEach((g, i) => {
        const id = i + 1;
        put(FX_USER_GROUPS, String(id), {
            id,
            name: g.name,
            created,
            expire_time: "",
            server_groups: [{ id: 100 + id, name: g.serverGroup, username: g.username, expire_time: g.expire }],
        });
    });

    // Direct ACL rules.
    const rules: [number | string, string, number | undefined][] = [
        [21, "web-01:root", undefined],
        [22, "db-01:postgres", 3],
        [23, "pay-01:root", 30],
        [24, "pay-02:app", -10],
        [25, "build-01:ci", 100],
        [26, "web-02:deploy", undefined],
        [29, "web-03:root", undefined],
    ];
    rules.forEach(([who, target, days], i) => {
        const id = i + 1;
        const r = remote.get(target)!;
        put(FX_ACL, String(id), {
            acl_id: id,
            user_id: userId.get(NAMES[who as number]!)!,
            user_server_id: r.id,
            server_id: r.serverId,
            expire_time: days === undefined ? "" : mysqlTime(at(days)),
            created,
        });
    });

    // TuxCare ELS/ESU keys and their servers.
    let elsServer = 0;
    ELS_LAYOUT.forEach((product, i) => {
        const p = ELS_PATTERNS[i % 5]!;
        const key = `${product}-${token(`els:${i}`, 24)}`;
        secrets.push(key);
        put(ELS_KEYS, key, {
            key,
            owner: tuxcareLogin,
            productCode: product,
            usageLimit: p.limit,
            description: `${product.toLowerCase()} fleet ${i + 1}`,
        });
        for (let s = 0; s < p.used; s++) {
            const id = String(50_000 + ++elsServer);
            put(ELS_SERVERS, id, { id, key, ip: `198.51.100.${elsServer}`, hostname: `els-host-${elsServer}` });
        }
    });

    // KernelCare keys, their servers (some behind, for Nagios).
    let kcServer = 0;
    for (let i = 0; i < 10; i++) {
        const p = KCARE_PATTERNS[i % 5]!;
        const key = token(`kcare:${i}`, 16);
        secrets.push(key);
        put(KCARE_KEYS, key, {
            key,
            owner: tuxcareLogin,
            enabled: true,
            created: portalTime(at(-100 + i)),
            limit: p.limit,
            note: `kernelcare pool ${i + 1}`,
            cidrs: i === 0 ? ["10.20.0.0/16"] : [],
        });
        for (let s = 0; s < p.used; s++) {
            const id = `SERVER-${++kcServer}`;
            put(KCARE_SERVERS, id, {
                id,
                key,
                ip: `192.0.2.${kcServer}`,
                hostname: `kc-host-${kcServer}`,
                created: portalTime(at(-50)),
                upToDate: s >= p.behind,
            });
        }
    }

    // IP licenses.
    IPL_TYPES.forEach((type, i) => {
        const ip = `203.0.113.${10 + i}`;
        const lastCheckin = i === 14 ? null : portalTime(at(i % 3 === 0 ? -45 : -1));
        put(IP_LICENSES, ipLicenseId(ip, type), {
            ip,
            type,
            owner: tuxcareLogin,
            registered: i % 4 !== 0,
            created: portalTime(at(-300)),
            elsAllowed: false,
            serverInfo: `cloudlinux-release-8 (host ${i + 1})`,
            lastCheckin,
        });
    });

    const counters = {
        [FX_SERVERS]: serverId,
        [FX_SERVER_USERS]: remoteId,
        [FX_USERS]: users.length,
        [FX_USER_GROUPS]: grants.length,
        fluxarkServerGroupRules: 100 + grants.length,
        [FX_ACL]: rules.length,
    };
    return { state: { collections, counters }, secrets };
}

/** Replaces the emulator's whole state with the realistic account; returns it (with its secrets). */
export async function seedRealisticAccount(admin: EmulatorAdmin, now: Date = new Date(), tuxcareLogin = "demo"): Promise<RealisticAccount> {
    const account = realisticAccount(now, tuxcareLogin);
    await admin.setState(account.state);
    return account;
}
