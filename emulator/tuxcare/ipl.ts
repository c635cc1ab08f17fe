/**
 * IP-based licenses (`/api/ipl`): a license is an (ip, type) pair owned by one account.
 */
import { isIP } from "node:net";
import type { Route } from "../http";
import { fail, intArg, ok, portalTime, tokenRoute, type EmulatedTuxcare } from "./common";

export const IPL_TYPES = [1, 4, 5, 1002, 16, 17, 40, 41, 42, 43, 49] as const;
export const IP_LICENSES = "ipLicenses";

export interface IpLicenseRow extends Record<string, unknown> {
    ip: string;
    type: number;
    owner: string;
    registered: boolean;
    created: string;
    elsAllowed: boolean;
    serverInfo: string;
    lastCheckin: string | null;
}

export const ipLicenseId = (ip: string, type: number) => `${ip}:${type}`;
const wire = (l: IpLicenseRow) => ({ ip: l.ip, type: l.type, registered: l.registered, created: l.created });
const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

export function iplRoutes(api: EmulatedTuxcare): Route[] {
    const { store } = api;
    const atIp = (ip: string) => store.list<IpLicenseRow>(IP_LICENSES).filter((l) => l.ip === ip);
    const GET = ["GET", "POST"] as const;
    const requireIp = (ip: string | undefined) => (ip && isIP(ip) ? ip : undefined);
    const typeArg = (v: string | undefined) => {
        const t = intArg(v);
        return t !== undefined && (IPL_TYPES as readonly number[]).includes(t) ? t : undefined;
    };

    return [
        tokenRoute(api, GET, "/availability.json", "ipl.availability", (req, login) => {
            const ip = requireIp(req.args.ip);
            if (!ip) return fail("Invalid IP address");
            const taken = atIp(ip);
            return ok(api, {
                available: IPL_TYPES.filter((t) => !taken.some((l) => l.type === t)),
                owned: taken.filter((l) => l.owner === login).map((l) => l.type),
            });
        }),
        tokenRoute(api, GET, "/check.json", "ipl.check", (req) => {
            const ip = requireIp(req.args.ip);
            if (!ip) return fail("Invalid IP address");
            return ok(
                api,
                atIp(ip).map((l) => l.type),
            );
        }),
        tokenRoute(api, GET, "/register.json", "ipl.register", (req, login) => {
            const ip = requireIp(req.args.ip);
            const type = typeArg(req.args.type);
            if (!ip) return fail("Invalid IP address");
            if (type === undefined) return fail("Invalid license type");
            const existing = store.get<IpLicenseRow>(IP_LICENSES, ipLicenseId(ip, type));
            if (existing && existing.owner !== login) return fail("IP license is already registered by another customer");
            if (existing) return ok(api, wire(existing));
            const row = store.put<IpLicenseRow>(IP_LICENSES, ipLicenseId(ip, type), {
                ip,
                type,
                owner: login,
                registered: false,
                created: portalTime(api.now()),
                elsAllowed: truthy(req.args.els_allowed),
                serverInfo: "",
                lastCheckin: null,
            });
            return ok(api, wire(row));
        }),
        tokenRoute(api, GET, "/remove.json", "ipl.remove", (req, login) => {
            const ip = req.args.ip ?? "";
            const type = req.args.type ? intArg(req.args.type) : undefined;
            const mine = atIp(ip).filter((l) => l.owner === login && (type === undefined || l.type === type));
            for (const l of mine) store.remove(IP_LICENSES, ipLicenseId(l.ip, l.type));
            return ok(api, mine.length > 0);
        }),
        tokenRoute(api, GET, "/list.json", "ipl.list", (_req, login) =>
            ok(
                api,
                store
                    .list<IpLicenseRow>(IP_LICENSES)
                    .filter((l) => l.owner === login)
                    .map(wire),
            ),
        ),
        tokenRoute(api, GET, "/server.json", "ipl.server", (req, login) =>
            ok(
                api,
                atIp(req.args.ip ?? "")
                    .filter((l) => l.owner === login)
                    .map((l) => ({ server_info: l.serverInfo, ...wire(l), last_checkin: l.lastCheckin })),
            ),
        ),
        tokenRoute(api, GET, "/update.json", "ipl.update", (req, login) => {
            const ip = req.args.ip ?? "";
            const type = req.args.type ? intArg(req.args.type) : undefined;
            const mine = atIp(ip).filter((l) => l.owner === login && (type === undefined || l.type === type));
            for (const l of mine) l.elsAllowed = truthy(req.args.els_allowed);
            return ok(api, mine.length > 0);
        }),
    ];
}
