/** Address and CIDR arithmetic the rules need, on Node's own parser (node:net). */
import { BlockList, isIP } from "node:net";

export interface Cidr {
    address: string;
    prefix: number;
    family: "ipv4" | "ipv6";
}

/** `10.0.0.0/8`, or a bare address (a /32 or /128); undefined for anything else. */
export function parseCidr(text: string): Cidr | undefined {
    const [address = "", prefixText, extra] = text.trim().split("/");
    const version = isIP(address);
    if (version === 0 || extra !== undefined) return undefined;
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return undefined;
    return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** The entries of `list` wider than the narrowest prefixes allowed (say, 0.0.0.0/0 against /8). */
export function tooBroad(list: readonly string[], minPrefixV4: number, minPrefixV6: number): string[] {
    return list.filter((text) => {
        const c = parseCidr(text);
        return c !== undefined && c.prefix < (c.family === "ipv4" ? minPrefixV4 : minPrefixV6);
    });
}

/** A set of ranges to test addresses against. */
export function rangeSet(cidrs: readonly string[]): { has(address: string): boolean } {
    const list = new BlockList();
    for (const text of cidrs) {
        const c = parseCidr(text);
        if (c) list.addSubnet(c.address, c.prefix, c.family);
    }
    return {
        has(address) {
            const version = isIP(address);
            return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
        },
    };
}

/** Ranges that are not public: RFC 1918, shared address space (RFC 6598) and benchmarking (RFC 2544). */
export const PRIVATE_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "198.18.0.0/15"];
