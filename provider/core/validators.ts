/**
 * Input rules shared by several resources, as zod schemas with messages that read well after
 * the property name ("cidrs[1]: 10.0.0.5/8 has host bits set ...").
 */
import { isIP } from "node:net";
import { z } from "zod";

/** A whole number >= 0; 0 is how both APIs spell "unlimited". */
export const limitSchema = z
    .number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") })
    .int("must be a whole number (0 means unlimited)")
    .min(0, "must be 0 (unlimited) or more");

export function noteSchema(max: number) {
    return z.string({ error: "must be a string" }).max(max, `must be at most ${max} characters`);
}

function ipv4ToBigInt(ip: string): bigint {
    return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
    let text = ip;
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4?.[1]) {
        const n = ipv4ToBigInt(v4[1]);
        text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
    }
    const [head, tail] = text.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
    return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The canonical text of an IP address: IPv4 as is, IPv6 compressed and lower-case. */
export function canonicalIp(ip: string): string {
    return isIP(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

/** A refused CIDR with host bits set carries the network it lies in ("127.0.0.1/24" -> "127.0.0.0/24"). */
export type CidrCheck = { ok: true; canonical: string } | { ok: false; reason: string; network?: string };

function bigIntToIp(value: bigint, family: 4 | 6): string {
    if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
    const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((value >> s) & 0xffffn).toString(16));
    return canonicalIp(groups.join(":"));
}

/** Validates an IPv4 or IPv6 CIDR (a bare address counts as /32 or /128) and gives its canonical text. */
export function checkCidr(input: string): CidrCheck {
    const text = input.trim();
    const [addr = "", prefixText, extra] = text.split("/");
    const family = isIP(addr);
    if (!family || extra !== undefined) return { ok: false, reason: `"${input}" is not an IPv4 or IPv6 CIDR (like 10.0.0.0/8 or 2001:db8::/32)` };
    const bits = family === 4 ? 32 : 128;
    if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: `"${input}" has an invalid prefix length` };
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (prefix > bits) return { ok: false, reason: `"${input}" has a prefix longer than ${bits} bits` };
    const value = family === 4 ? ipv4ToBigInt(addr) : ipv6ToBigInt(addr);
    const hostMask = (1n << BigInt(bits - prefix)) - 1n;
    if ((value & hostMask) !== 0n) {
        const network = `${bigIntToIp(value & ~hostMask, family === 4 ? 4 : 6)}/${prefix}`;
        return { ok: false, reason: `"${input}" has host bits set; did you mean ${network}?`, network };
    }
    return { ok: true, canonical: `${canonicalIp(addr)}/${prefix}` };
}

/** A set of CIDRs: validated, written canonically, de-duplicated and sorted, so order and spelling never cause a diff. */
export const cidrSetSchema = z
    .array(z.string({ error: "must be a string" }), { error: "must be a list of CIDR strings" })
    .transform((list, ctx) => {
        const out = new Set<string>();
        list.forEach((c, i) => {
            const r = checkCidr(c);
            if (r.ok) out.add(r.canonical);
            else ctx.addIssue({ code: "custom", message: r.reason, path: [i] });
        });
        return [...out].sort();
    });

/** An IPv4 address. */
export const ipv4Schema = z.string({ error: "must be a string" }).refine((s) => isIP(s) === 4, { error: (iss) => `"${String(iss.input)}" is not an IPv4 address` });
