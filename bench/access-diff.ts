/**
 * The access diff's time against the size of the preview: a synthetic FluxArk account and a
 * `pulumi preview --json` of N steps (new ACL rules, users moved between groups, servers regrouped,
 * rules removed), the account growing with N. Linear growth doubles the time when N doubles.
 * Pure: no engine, no emulator. `node dist/bench/access-diff.js [N ...]` prints the rows alone.
 */
import { accessDiffReport } from "../report/access-diff";
import { previewFromJson } from "../report/preview";
import type { FluxarkSnapshot } from "../report/snapshot";
import { makeUrn, nativeToken } from "../provider/tokens";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const ACL = nativeToken("fluxark:FluxarkAcl");
const USER = nativeToken("fluxark:FluxarkUser");
const SERVER = nativeToken("fluxark:FluxarkServer");
const urn = (type: string, name: string) => makeUrn({ stack: "bench", project: "fleet", type, name });

/**
 * An account of n/2 users in teams of 10, n/10 servers with two remote users each in server groups
 * of 5, each team granted one server group: it grows with n while each user's and each server's
 * reach stays the same, as a real organisation's does. And a preview of n steps on it.
 */
export function syntheticDiff(n: number): { account: FluxarkSnapshot; previewJson: string } {
    const users = Math.max(20, Math.floor(n / 2));
    const servers = Math.max(10, Math.floor(n / 10));
    const teams = Math.floor(users / 10);
    const serverGroups = Math.floor(servers / 5);
    const account: FluxarkSnapshot = {
        url: "https://fluxark.example",
        servers: Array.from({ length: servers }, (_, s) => ({
            id: s + 1,
            name: `srv${s}`,
            active: true,
            groups: [`sg${s % serverGroups}`],
            remoteUsers: [
                { id: 100_000 + 2 * s, username: "root", active: true },
                { id: 100_001 + 2 * s, username: "deploy", active: true },
            ],
        })),
        users: Array.from({ length: users }, (_, u) => ({
            id: u + 1,
            username: `user${u}`,
            active: true,
            groups: [`team${u % teams}`],
            acl: [
                {
                    aclId: 1_000_000 + u,
                    remoteUserId: 100_001 + 2 * (u % servers),
                    serverId: (u % servers) + 1,
                    expireTime: "2027-01-01 00:00:00",
                },
            ],
        })),
        groups: Array.from({ length: teams }, (_, g) => ({
            id: 500_000 + g,
            name: `team${g}`,
            expireTime: "",
            grants: [{ serverGroup: `sg${g % serverGroups}`, username: "deploy", expireTime: "" }],
        })),
    };
    const steps = Array.from({ length: n }, (_, i) => {
        const u = i % users;
        const s = i % servers;
        switch (i % 4) {
            case 0: // a new rule: the user gains root on a server, for a month
                return {
                    op: "create",
                    urn: urn(ACL, `acl-new-${i}`),
                    newState: { type: ACL, inputs: { userId: u + 1, userServerId: 100_000 + 2 * s, expireDays: 30 }, outputs: {} },
                };
            case 1: // a user moved to another team
                return {
                    op: "update",
                    urn: urn(USER, `user${u}-${i}`),
                    oldState: {
                        type: USER,
                        id: String(u + 1),
                        inputs: { username: `user${u}`, groups: [`team${u % teams}`] },
                        outputs: { userId: u + 1 },
                    },
                    newState: {
                        type: USER,
                        id: String(u + 1),
                        inputs: { username: `user${u}`, groups: [`team${(u + 1) % teams}`] },
                        outputs: { userId: u + 1 },
                    },
                };
            case 2: // a server regrouped
                return {
                    op: "update",
                    urn: urn(SERVER, `srv${s}-${i}`),
                    oldState: {
                        type: SERVER,
                        id: String(s + 1),
                        inputs: { name: `srv${s}`, groups: [`sg${s % serverGroups}`] },
                        outputs: {},
                    },
                    newState: {
                        type: SERVER,
                        id: String(s + 1),
                        inputs: { name: `srv${s}`, groups: [`sg${(s + 3) % serverGroups}`] },
                        outputs: {},
                    },
                };
            default: // a rule removed
                return {
                    op: "delete",
                    urn: urn(ACL, `acl-old-${u}`),
                    oldState: {
                        type: ACL,
                        id: String(1_000_000 + u),
                        inputs: { userId: u + 1, userServerId: 100_001 + 2 * (u % servers) },
                        outputs: { aclId: 1_000_000 + u },
                    },
                };
        }
    });
    return { account, previewJson: JSON.stringify({ steps }) };
}

/** `report diff` of previews of each size: the seconds it takes (parse and diff), and the growth from the previous size. */
export function accessDiffRows(sizes: readonly number[]): [string, string, string][] {
    const rows: [string, string, string][] = [];
    let previous: { n: number; secs: number } | undefined;
    // One untimed run first, so the first figure does not carry the JIT's warm-up.
    const warm = syntheticDiff(sizes[0] ?? 100);
    accessDiffReport(warm.account, previewFromJson(warm.previewJson, "preview.json"), {
        now: NOW,
        source: { kind: "snapshot", takenAt: new Date(NOW).toISOString() },
    });
    for (const n of sizes) {
        const { account, previewJson } = syntheticDiff(n);
        const started = process.hrtime.bigint();
        const report = accessDiffReport(account, previewFromJson(previewJson, "preview.json"), {
            now: NOW,
            source: { kind: "snapshot", takenAt: new Date(NOW).toISOString() },
        });
        const secs = Number(process.hrtime.bigint() - started) / 1e9;
        const growth = previous
            ? `${(secs / previous.secs).toFixed(1)}x the time of ${previous.n} steps (${(n / previous.n).toFixed(0)}x the steps)`
            : `${report.rows.length} access changes`;
        rows.push([
            `report diff of a ${(previewJson.length / 1024 / 1024).toFixed(1)} MiB preview, ${n} steps`,
            `${secs.toFixed(2)} s`,
            growth,
        ]);
        previous = { n, secs };
    }
    return rows;
}

if (require.main === module) {
    const sizes = process.argv
        .slice(2)
        .map(Number)
        .filter((n) => n > 0);
    for (const row of accessDiffRows(sizes.length ? sizes : [1000, 2000, 4000])) process.stdout.write(`${row.join(" | ")}\n`);
}
