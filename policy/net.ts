/** Address and CIDR arithmetic the rules need: the resources' own CIDR reader, and Node's BlockList. */
import { BlockList, isIP } from "node:net";
import { checkCidr, ipFamily } from "../provider/core/validators";

export interface Cidr {
    address: string;
    prefix: number;
    family: "ipv4" | "ipv6";
}

/** `10.0.0.0/8`, or a bare address (a /32 or /128), read as the resources read it (checkCidr); undefined for anything else. */
export function parseCidr(text: string): Cidr | undefined {
    const checked = checkCidr(text);
    if (!checked.ok) return undefined;
    const [address = "", prefix = ""] = checked.canonical.split("/");
    return { address, prefix: Number(prefix), family: ipFamily(address) === 4 ? "ipv4" : "ipv6" };
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
