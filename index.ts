/**
 * The demo program: a small fleet's KernelCare keys. `npm run demo` runs it against the local
 * emulator; with a real account, `pulumi up` runs it against the TuxCare portal (set
 * tuxcare:login and, as a secret, tuxcare:secretKey).
 */
import { KcareKey } from "pulumi-tuxcare-fluxark";

// Web servers may only register from the office and data-centre ranges.
const web = new KcareKey("web-fleet", {
    limit: 50,
    note: "Web servers",
    cidrs: ["10.10.0.0/16", "2001:db8:10::/48"],
});

// Databases: no server limit.
const databases = new KcareKey("db-fleet", { limit: 0, note: "Database servers (unlimited)" });

export const webFleetKeyId = web.id;
export const webFleetKey = web.key; // a secret: shown as [secret] unless asked for
export const webFleetCidrs = web.cidrs;
export const dbFleetKeyId = databases.id;
export const dbFleetServers = databases.servers;
