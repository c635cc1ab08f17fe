/**
 * Input rules shared by several resources, as zod schemas with messages that read well after
 * the property name ("cidrs[1]: 10.0.0.5/8 has host bits set ...").
 *
 * Messages about secret inputs (passwords, keys) never quote the value.
 */
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { z } from "zod";

/**
 * For a rule across fields (an object's superRefine): run it whenever the fields it reads are
 * valid, even if another is not. During preview an id computed by another resource is an
 * "unknown" that fails its own rule (the failure is dropped): the rule must still be checked.
 */
export const whenValid = (...fields: string[]) => ({
    when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
        payload.issues.every((issue) => !fields.includes(String(issue.path?.[0]))),
});

// Numbers.

/** The largest whole number both APIs take for a limit or a count (a signed 32-bit integer). */
export const INT32_MAX = 2_147_483_647;

export interface WholeNumberRule {
    min: number;
    /** A number, or a function for a bound that moves with time (read at every check). */
    max: number | (() => number);
    /** The message for a fraction (z.number() refuses NaN and infinities itself). */
    notWhole: string;
    tooSmall: string;
    tooBig: string | ((max: number) => string);
}

/** A whole number within [min, max], with one message per way of being wrong. */
export function wholeNumberSchema(rule: WholeNumberRule) {
    return (
        z
            .number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a number") })
            .superRefine((n, ctx) => {
                const max = typeof rule.max === "function" ? rule.max() : rule.max;
                const tooBig = () => (typeof rule.tooBig === "function" ? rule.tooBig(max) : rule.tooBig);
                const message = !Number.isInteger(n) ? rule.notWhole : n < rule.min ? rule.tooSmall : n > max ? tooBig() : undefined;
                if (message) ctx.addIssue({ code: "custom", message });
            })
            // The refinement is invisible to JSON Schema: say "integer", so the native schema and SDKs type it so.
            .meta({ type: "integer" })
    );
}

/** A whole number from 0 to 2^31-1; 0 is how both APIs spell "unlimited". */
export const limitSchema = wholeNumberSchema({
    min: 0,
    max: INT32_MAX,
    notWhole: "must be a whole number (0 means unlimited)",
    tooSmall: "must be 0 (unlimited) or more",
    tooBig: `must be at most ${INT32_MAX} (2^31-1); 0 means unlimited`,
});

// Text.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** The same, less the line breaks a multi-line value (a private key) is made of. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Invisible format characters (Unicode category Cf): a bidi override (U+202E) that shows a name
 * backwards, a zero-width space (U+200B) or BOM (U+FEFF) that makes two names look the same. The
 * zero-width joiner and non-joiner (U+200D, U+200C) are let through: Persian and Indic words and
 * emoji sequences are spelt with them.
 */
const FORMAT_CHARACTERS = /(?![\u200c\u200d])\p{Cf}/u;

/** `s` without the invisible format characters textProblem refuses (for a program written from live values). */
export const withoutFormatCharacters = (s: string): string => s.replace(new RegExp(FORMAT_CHARACTERS.source, "gu"), "");

/** A UTF-16 surrogate without its pair: no encoding can carry it (String.isWellFormed, which our TypeScript lib lacks). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value quoted for a message, control characters escaped (JSON.stringify), so a message stays one readable line. */
export const quoted = (s: string): string => JSON.stringify(s);

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `s` is not acceptable text, or undefined: a lone surrogate (not encodable, so it would read
 * back different) or a control character (tab, newline, NUL, ...), named by code point and position
 * so that the message never repeats the value.
 */
export function textProblem(s: string, { multiLine = false } = {}): string | undefined {
    if (LONE_SURROGATE.test(s)) return "is not valid Unicode text (it holds a lone surrogate)";
    const m = (multiLine ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS).exec(s);
    if (m)
        return `must not contain control characters${multiLine ? " other than line breaks" : ""} (found ${codePoint(m[0])} at character ${m.index + 1})`;
    const f = FORMAT_CHARACTERS.exec(s);
    if (f) return `must not contain invisible format characters (found ${codePoint(f[0])} at character ${f.index + 1})`;
    return undefined;
}

/** True when `s` is one word: not empty, without spaces, control characters or lone surrogates. */
export const isOneWord = (s: string): boolean =>
    s.length > 0 && !/\s/u.test(s) && !CONTROL_CHARACTERS.test(s) && !FORMAT_CHARACTERS.test(s) && !LONE_SURROGATE.test(s);

/** Whether a value put into a URL path as one segment could reach another URL ("/", "." or ".."). */
export const escapesPathSegment = (s: string): boolean => s.includes("/") || s === "." || s === "..";

/** Length as a person counts it: code points, so an emoji is one character, not two. */
export const characterCount = (s: string): number => [...s].length;

/**
 * Length limits where the documents give none (FluxArk's only one is the 32-character unix user
 * name; TuxCare's are its notes). Far beyond any real name or comment, they only keep a pasted file
 * or a runaway value (a 1 MB password) from being sent and stored.
 */
export const MAX_NAME_CHARACTERS = 255;
export const MAX_TEXT_CHARACTERS = 1024;

const tooLong = (s: string, max: number) => (characterCount(s) > max ? `must be at most ${max} characters` : undefined);

/** Single-line text: no control characters; at most `max` characters (1024 unless a document says less). */
export function textSchema(max = MAX_TEXT_CHARACTERS) {
    return z.string({ error: "must be a string" }).superRefine((s, ctx) => {
        const problem = textProblem(s) ?? tooLong(s, max);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A note or description of at most `max` characters. */

/** A name: single-line text, trimmed, not empty, at most 255 characters. */
export const nameSchema = z
    .string({ error: "must be a string" })
    .trim()
    .superRefine((s, ctx) => {
        const problem = s.length === 0 ? "must not be empty (or only spaces)" : (textProblem(s) ?? tooLong(s, MAX_NAME_CHARACTERS));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/**
 * A password: not blank, no control characters, at most 1024 characters, and at least `min`
 * characters (see PORTAL_PASSWORD_MIN); kept exactly as given (spaces count). Never quoted in a message.
 */
export const passwordSchema = (min = 1) =>
    z.string({ error: "must be a string" }).superRefine((s, ctx) => {
        const tooShort =
            characterCount(s) < min
                ? `must be at least ${min} characters (FluxArk refuses a password that fails its strength check)`
                : undefined;
        const problem =
            s.trim().length === 0 ? "must not be empty (or only spaces)" : (textProblem(s) ?? tooLong(s, MAX_TEXT_CHARACTERS) ?? tooShort);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/**
 * The shortest portal user password. FluxArk's document says only that a password "must pass the
 * strength check", without the rule: 8 characters is the floor of NIST SP 800-63B for a password a
 * person chooses, and the floor this provider holds, so a weak one fails at preview, not after a call.
 */
export const PORTAL_PASSWORD_MIN = 8;

/** An existing license key to adopt (secret): trimmed, one word of printable characters. Never quoted. */
export const licenseKeySchema = (what: string) =>
    z
        .string({ error: `must be ${what} string` })
        .trim()
        .superRefine((s, ctx) => {
            const problem =
                s.length === 0
                    ? "must not be empty"
                    : !isOneWord(s)
                      ? `must be ${what}: one word, without spaces or control characters`
                      : undefined;
            if (problem) ctx.addIssue({ code: "custom", message: problem });
        });

// IP addresses and CIDRs.

function ipv4ToBigInt(ip: string): bigint {
    return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
    let text = ip;
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4?.[1]) {
        const n = ipv4ToBigInt(v4[1]);
        text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
    }
    const [head, tail] = text.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
    return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The IP family of `s` (4, 6) or 0; an IPv6 zone id (`fe80::1%eth0`), which node accepts, counts as 0. */
export function ipFamily(s: string): 0 | 4 | 6 {
    return s.includes("%") ? 0 : (isIP(s) as 0 | 4 | 6);
}

/** The canonical text of an IP address: IPv4 as is, IPv6 compressed and lower-case. */
export function canonicalIp(ip: string): string {
    return ipFamily(ip) === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

const zoneIdReason = (input: string) =>
    `${quoted(input)} has an IPv6 zone id (the part after %): it names a network interface of one machine, so it cannot be used here`;

/** A refused CIDR with host bits set carries the network it lies in ("127.0.0.1/24" -> "127.0.0.0/24"). */
export type CidrCheck = { ok: true; canonical: string } | { ok: false; reason: string; network?: string };

function bigIntToIp(value: bigint, family: 4 | 6): string {
    if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
    const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((value >> s) & 0xffffn).toString(16));
    return canonicalIp(groups.join(":"));
}

/**
 * Validates an IPv4 or IPv6 CIDR (a bare address counts as /32 or /128) and gives its canonical text.
 * `entry` is what the refusal calls a valid entry ("address or CIDR" where bare addresses are usual).
 */
export function checkCidr(input: string, entry = "CIDR"): CidrCheck {
    const text = input.trim();
    if (text.includes("%")) return { ok: false, reason: zoneIdReason(input) };
    const [addr = "", prefixText, extra] = text.split("/");
    const family = ipFamily(addr);
    if (!family || extra !== undefined)
        return { ok: false, reason: `${quoted(input)} is not an IPv4 or IPv6 ${entry} (like 10.0.0.0/8 or 2001:db8::/32)` };
    const bits = family === 4 ? 32 : 128;
    if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))
        return { ok: false, reason: `${quoted(input)} has an invalid prefix length` };
    // "/008" is not "/8" everywhere: refused rather than guessed (as Python's ipaddress and Go's netip do).
    if (prefixText !== undefined && /^0\d/.test(prefixText))
        return { ok: false, reason: `${quoted(input)} has a prefix length with a leading zero; write /${Number(prefixText)}` };
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (prefix > bits) return { ok: false, reason: `${quoted(input)} has a prefix longer than ${bits} bits` };
    const value = family === 4 ? ipv4ToBigInt(addr) : ipv6ToBigInt(addr);
    const hostMask = (1n << BigInt(bits - prefix)) - 1n;
    if ((value & hostMask) !== 0n) {
        const network = `${bigIntToIp(value & ~hostMask, family === 4 ? 4 : 6)}/${prefix}`;
        return { ok: false, reason: `${quoted(input)} has host bits set; did you mean ${network}?`, network };
    }
    return { ok: true, canonical: `${canonicalIp(addr)}/${prefix}` };
}

export interface CidrSetOptions {
    /** What the list is, and what one entry may be, for the refusals. */
    list: string;
    entry: string;
    /** An address with host bits under its prefix ("127.0.0.1/24"): refused (the default), or read as its network. */
    hostBits?: "refuse" | "network";
}

/**
 * A set of CIDRs: validated, written canonically, de-duplicated and sorted, so order and spelling
 * never cause a diff.
 */
export function cidrSet(options: CidrSetOptions = { list: "a list of CIDR strings", entry: "CIDR" }) {
    return z.array(z.string({ error: "must be a string" }), { error: `must be ${options.list}` }).transform((list, ctx) => {
        const out = new Set<string>();
        list.forEach((c, i) => {
            const r = checkCidr(c, options.entry);
            if (r.ok) out.add(r.canonical);
            else if (r.network && options.hostBits === "network") out.add(r.network);
            else ctx.addIssue({ code: "custom", message: r.reason, path: [i] });
        });
        return [...out].sort();
    });
}

export const cidrSetSchema = cidrSet();

type SpecialRange = readonly [network: string, prefix: number, what: string];

/** Blocks (IANA special-purpose registry) no machine has as its own address, in any network. */
const NEVER_A_HOST: readonly SpecialRange[] = [
    ["0.0.0.0", 8, 'is in 0.0.0.0/8, which means "this network", not a machine'],
    ["224.0.0.0", 4, "is a multicast address, not a machine"],
    ["240.0.0.0", 4, "is reserved (240.0.0.0/4, which holds the broadcast address 255.255.255.255), not a machine"],
    ["::", 128, "is the unspecified address, not a machine"],
    ["ff00::", 8, "is a multicast address, not a machine"],
];
/** Blocks whose addresses mean "this machine" or "this link" wherever they are used. */
const ONLY_LOCAL: readonly SpecialRange[] = [
    ["127.0.0.0", 8, "is a loopback address (this machine)"],
    ["169.254.0.0", 16, "is a link-local address (valid on one network segment only)"],
];

function specialRange(ip: string, ranges: readonly SpecialRange[]): string | undefined {
    const family = ipFamily(ip);
    const value = family === 4 ? ipv4ToBigInt(ip) : ipv6ToBigInt(ip);
    const bits = family === 4 ? 32 : 128;
    for (const [network, prefix, what] of ranges) {
        if (ipFamily(network) !== family) continue;
        const shift = BigInt(bits - prefix);
        if (value >> shift === (family === 4 ? ipv4ToBigInt(network) : ipv6ToBigInt(network)) >> shift) return what;
    }
    return undefined;
}

/**
 * The IPv4 address an IP-based license is bound to: a server's own unicast address. Private
 * ranges (10/8, 172.16/12, 192.168/16, 100.64/10) are accepted: the portal document sets no rule
 * on them, and whether the portal can see a server by such an address depends on the customer's
 * network, which the provider cannot know. Refused are the addresses no server can have as its
 * own anywhere: 0/8, loopback, link-local, multicast, 240/4 and the broadcast address.
 */
export const licenseIpSchema = z.string({ error: "must be a string" }).superRefine((s, ctx) => {
    if (ipFamily(s) !== 4) {
        ctx.addIssue({ code: "custom", message: s.includes("%") ? zoneIdReason(s) : `${quoted(s)} is not an IPv4 address` });
        return;
    }
    const what = specialRange(s, [...NEVER_A_HOST, ...ONLY_LOCAL]);
    if (what) ctx.addIssue({ code: "custom", message: `${quoted(s)} ${what}; a license needs the server's own address` });
});

// Host names and e-mail addresses.

const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
/** What the C library (inet_aton) would read as a number: 1234, 0x7f, 017. */
const NUMERIC_LABEL = /^(0x[0-9a-f]*|\d+)$/i;

/**
 * Why `name` is not a DNS host name, or undefined. Labels of letters, digits and hyphens, at most
 * 63 characters each and 253 in all; a trailing dot (fully qualified) is accepted. The last label
 * must not be numeric (RFC 1123 2.1, RFC 3696 2): `1.2.3` or `999.1.1.1` would be read as a
 * (wrong) IP address by the resolver, never looked up as a name. With `unicode`, international
 * names are checked in their ASCII (punycode) form.
 */
export function hostNameProblem(name: string, { unicode = false, trailingDot = true, needsDot = false } = {}): string | undefined {
    let ascii = name;
    if (/[^\x21-\x7e]/.test(name)) {
        const punycode = isOneWord(name) ? domainToASCII(name) : "";
        if (!punycode) return "holds characters a host name cannot have";
        if (!unicode) return `is written in Unicode; write it as "${punycode}"`;
        ascii = punycode;
    }
    const bare = trailingDot && ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
    if (bare.length === 0 || bare.length > 253) return "must be 1 to 253 characters long";
    const labels = bare.split(".");
    if (needsDot && labels.length < 2) return "needs a dot, like example.com";
    const bad = labels.find((l) => !HOST_LABEL.test(l));
    if (bad !== undefined)
        return bad === ""
            ? "has an empty label (two dots in a row, or a dot at an end)"
            : `has the label "${bad}": labels are letters, digits and hyphens (not at either end), at most 63 characters`;
    if (NUMERIC_LABEL.test(labels[labels.length - 1]!))
        return "ends with a numeric label (the last label of a host name cannot be a number)";
    return undefined;
}

/**
 * An e-mail address, international ones included (`josé@example.com`, `用户@例子.广告`, RFC 6531):
 * a local part of at most 64 characters without spaces, control characters or the specials
 * `"(),:;<>[\]@`, no leading, trailing or doubled dot; then a host name with a dot. Quoted local
 * parts and address literals (`user@[192.0.2.1]`) are not accepted.
 */
export function emailProblem(s: string): string | undefined {
    const text = textProblem(s);
    if (text) return text;
    const at = s.lastIndexOf("@");
    const local = s.slice(0, Math.max(at, 0));
    const domain = s.slice(at + 1);
    if (at < 1 || !domain) return `${quoted(s)} is not an e-mail address (like name@example.com)`;
    if (characterCount(local) > 64) return `${quoted(s)} is not an e-mail address: the part before @ is longer than 64 characters`;
    if (/[\s"(),:;<>[\\\]@]/u.test(local) || /^\.|\.$|\.\./.test(local))
        return `${quoted(s)} is not an e-mail address: ${quoted(local)} cannot be the part before @`;
    const host = hostNameProblem(domain, { unicode: true, trailingDot: false, needsDot: true });
    return host ? `${quoted(s)} is not an e-mail address: the domain ${host}` : undefined;
}

export const emailSchema = z.string({ error: "must be a string" }).superRefine((s, ctx) => {
    const problem = emailProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * A server's address: an IP address (v4 or v6) a machine can have, or a host name. Loopback is
 * accepted (FluxArk's own example is 127.0.0.1); zone ids, multicast, 0.0.0.0/8 and 240/4 are not.
 */
export const serverAddressSchema = z
    .string({ error: "must be a string" })
    .trim()
    .superRefine((s, ctx) => {
        if (s.includes("%")) return void ctx.addIssue({ code: "custom", message: zoneIdReason(s) });
        const family = ipFamily(s);
        const what = family ? specialRange(s, NEVER_A_HOST) : undefined;
        if (what) return void ctx.addIssue({ code: "custom", message: `${quoted(s)} ${what}` });
        const problem = family ? undefined : (textProblem(s) ?? hostNameProblem(s));
        if (problem) ctx.addIssue({ code: "custom", message: `${quoted(s)} is neither an IP address nor a host name: it ${problem}` });
    });
