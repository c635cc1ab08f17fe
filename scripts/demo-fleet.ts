/**
 * What the demo's machines would do on their own, played through the emulator's admin interface:
 * servers register on the license keys, IP licenses check in (one long ago, one never), and one
 * KernelCare server falls behind. A Pulumi program declares keys and licenses; the servers that
 * use them are not its resources. Idempotent: every server has a fixed id.
 */
import type { EmulatorAdmin } from "../emulator";
import { ELS_KEYS, ELS_SERVERS, type ElsKeyRow } from "../emulator/tuxcare/els";
import { KCARE_KEYS, KCARE_SERVERS, type KcareKeyRow } from "../emulator/tuxcare/kcare";
import { IP_LICENSES, ipLicenseId } from "../emulator/tuxcare/ipl";
import { portalTime } from "../emulator/tuxcare/common";

const DAY_MS = 86_400_000;

/** How many servers use each key of index.ts, by the key's note; the last KernelCare server of "db" is out of date. */
export const DEMO_SEATS = {
    els: { "CentOS 7 web farm": 8, "Ubuntu 16.04 legacy apps": 3, "AlmaLinux batch hosts": 0 },
    kcare: { "Web servers": 12, "Database servers (unlimited)": 4 },
} as const;

/** Each IP license's check-in, in days ago (null: never checked in). */
export const DEMO_CHECKINS: Record<string, number | null> = {
    [ipLicenseId("198.51.100.11", 16)]: 0,
    [ipLicenseId("198.51.100.11", 1)]: 0,
    [ipLicenseId("198.51.100.12", 16)]: 45,
    [ipLicenseId("198.51.100.13", 41)]: null,
};

const slug = (note: string) =>
    note
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");

function missing(note: string): never {
    throw new Error(`the demo program's key "${note}" is not in the emulator: did \`pulumi up\` of index.ts run?`);
}

export async function simulateFleet(admin: EmulatorAdmin, now = Date.now()): Promise<void> {
    const created = portalTime(new Date(now - 30 * DAY_MS));
    const elsKeys = await admin.list<ElsKeyRow>(ELS_KEYS);
    for (const [note, count] of Object.entries(DEMO_SEATS.els)) {
        const key = elsKeys.find((k) => k.description === note) ?? missing(note);
        for (let i = 1; i <= count; i++) {
            const id = `demo-${slug(note)}-${i}`;
            await admin.put(ELS_SERVERS, id, { id, key: key.key, ip: `10.40.${count}.${i}`, hostname: `${slug(note)}-${i}.example.com` });
        }
    }
    const kcareKeys = await admin.list<KcareKeyRow>(KCARE_KEYS);
    for (const [note, count] of Object.entries(DEMO_SEATS.kcare)) {
        const key = kcareKeys.find((k) => k.note === note) ?? missing(note);
        const net = note.startsWith("Web") ? "10.10.1" : "10.20.1";
        for (let i = 1; i <= count; i++) {
            const id = `demo-${slug(note)}-${i}`;
            const upToDate = !(note.startsWith("Database") && i === count);
            await admin.put(KCARE_SERVERS, id, {
                id,
                key: key.key,
                ip: `${net}.${i}`,
                hostname: `${slug(note)}-${i}.example.com`,
                created,
                upToDate,
            });
        }
    }
    for (const [id, daysAgo] of Object.entries(DEMO_CHECKINS)) {
        const lastCheckin = daysAgo === null ? null : portalTime(new Date(now - daysAgo * DAY_MS - 3_600_000));
        await admin.patch(IP_LICENSES, id, {
            lastCheckin,
            registered: daysAgo !== null,
            serverInfo: daysAgo === null ? "" : "CloudLinux 8.10, kernel 4.18",
        });
    }
}
