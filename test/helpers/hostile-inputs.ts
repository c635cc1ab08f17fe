/**
 * The hostile-input table: wrong inputs for every resource, each with the property its rejection
 * must name and the rule it must state; and the valid-per-document edge values that must pass.
 * The unit test runs every row through the resource's `check`; the e2e tests run the rows marked
 * `cli` through `pulumi preview`.
 */
import { ElsKey, FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, IpLicense, KcareKey, ServerGroup, UserGroup } from "../../provider";
import { UNKNOWN } from "../../provider/core/check";
import { fluxarkAcl } from "../../provider/fluxark/acl";
import { fluxarkServer } from "../../provider/fluxark/server";
import { fluxarkServerUser } from "../../provider/fluxark/server-user";
import { fluxarkUser } from "../../provider/fluxark/user";
import { userGroup } from "../../provider/fluxark/user-group";
import { elsKey } from "../../provider/tuxcare/els-key";
import { ipLicense } from "../../provider/tuxcare/ip-license";
import { kcareKey } from "../../provider/tuxcare/kcare-key";
import { serverGroup } from "../../provider/tuxcare/server-group";
import type { BadInputCase } from "./pulumi";

export const RESOURCE_TYPES = {
    ElsKey: elsKey.type,
    IpLicense: ipLicense.type,
    KcareKey: kcareKey.type,
    ServerGroup: serverGroup.type,
    FluxarkServer: fluxarkServer.type,
    FluxarkServerUser: fluxarkServerUser.type,
    FluxarkUser: fluxarkUser.type,
    FluxarkAcl: fluxarkAcl.type,
    UserGroup: userGroup.type,
} as const;
export type ResourceName = keyof typeof RESOURCE_TYPES;

export const TUXCARE_RESOURCES: readonly ResourceName[] = ["ElsKey", "IpLicense", "KcareKey", "ServerGroup"];
export type Props = Record<string, unknown>;

/** A valid set of inputs per resource; each row changes one thing in it. */
export const VALID: Record<ResourceName, Props> = {
    ElsKey: { productCode: "CELS", limit: 1 },
    IpLicense: { ip: "192.0.2.10", type: 16 },
    KcareKey: { limit: 5 },
    ServerGroup: { name: "web" },
    FluxarkServer: { name: "web1", ipAddr: "10.0.0.11" },
    FluxarkServerUser: { serverId: 1, username: "root", password: "Remote-Passw0rd" },
    FluxarkUser: { username: "alice", email: "alice@example.com", password: "Passw0rd-long", fullName: "Alice", authType: "password" },
    FluxarkAcl: { userId: 1, userServerId: 2 },
    UserGroup: { name: "ops" },
};

export interface HostileRow {
    resource: ResourceName;
    /** What is wrong, as a test name. */
    why: string;
    props: Props;
    /** The property the rejection must name, as the engine prints it (`grants[0].username`). */
    property: string;
    rule: RegExp;
    /** Also run through `pulumi preview` (a sample of the table). */
    cli?: boolean;
}

const row = (resource: ResourceName, why: string, change: Props, property: string, rule: RegExp, cli = false): HostileRow => ({ resource, why, props: { ...VALID[resource], ...change }, property, rule, cli });

const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnly alice@laptop";

export const HOSTILE: HostileRow[] = [
    // ElsKey
    row("ElsKey", "unknown product code", { productCode: "RHEL" }, "productCode", /"RHEL" is not a product code/),
    row("ElsKey", "product code in lower case", { productCode: "cels" }, "productCode", /not a product code/),
    row("ElsKey", "no product code", { productCode: undefined }, "productCode", /is required/),
    row("ElsKey", "negative limit", { limit: -1 }, "limit", /0 \(unlimited\) or more/),
    row("ElsKey", "fractional limit", { limit: 2.5 }, "limit", /whole number/),
    row("ElsKey", "limit of 2^31", { limit: 2 ** 31 }, "limit", /at most 2147483647/, true),
    row("ElsKey", "limit of 1e20", { limit: 1e20 }, "limit", /at most 2147483647/),
    row("ElsKey", "limit NaN", { limit: NaN }, "limit", /must be a number/),
    row("ElsKey", "limit Infinity", { limit: Infinity }, "limit", /must be a number/),
    row("ElsKey", "limit as a string", { limit: "5" }, "limit", /must be a number/),
    row("ElsKey", "no limit", { limit: undefined }, "limit", /is required/),
    row("ElsKey", "note of 256 characters", { note: "n".repeat(256) }, "note", /at most 255 characters/),
    row("ElsKey", "newline in the note", { note: "first\nsecond" }, "note", /control characters \(found U\+000A at character 6\)/, true),
    row("ElsKey", "BEL in the note", { note: "ring\u0007" }, "note", /U\+0007/),
    row("ElsKey", "lone surrogate in the note", { note: "broken \uD800 text" }, "note", /lone surrogate/),
    row("ElsKey", "note as a number", { note: 12 }, "note", /must be a string/),
    row("ElsKey", "misspelt input (notes)", { notes: "fleet" }, "notes", /not an input of this resource; did you mean note\?/),
    row("ElsKey", "blank adopt key", { adopt: "   " }, "adopt", /must not be empty/),
    row("ElsKey", "adopt key with a space", { adopt: "CELS-abc def" }, "adopt", /one word/),
    row("ElsKey", "adopt key too short (a key has 12 to 64 characters after the dash)", { adopt: "CELS-abc123" }, "adopt", /must be an ELS key: a product code, a dash, 12 to 64 letters and digits/),
    row("ElsKey", "adopt key without its product code", { adopt: "yUDxBd5ethmGO5d3hnAZEau0" }, "adopt", /must be an ELS key: a product code, a dash/),
    row("ElsKey", "adopt key with punctuation", { adopt: "ESU-yUDxBd5ethmGO5d3h.AZEau0" }, "adopt", /must be an ELS key/),
    row("ElsKey", "adopt a KernelCare key", { adopt: "WsTs821nSAtiastD" }, "adopt", /must be an ELS key/),

    // IpLicense
    row("IpLicense", "octet over 255", { ip: "300.1.1.1" }, "ip", /"300.1.1.1" is not an IPv4 address/),
    row("IpLicense", "IPv6 address", { ip: "2001:db8::1" }, "ip", /not an IPv4 address/),
    row("IpLicense", "three octets", { ip: "1.2.3" }, "ip", /not an IPv4 address/),
    row("IpLicense", "leading zero (octal to some parsers)", { ip: "010.0.0.1" }, "ip", /not an IPv4 address/),
    row("IpLicense", "trailing space", { ip: "192.0.2.1 " }, "ip", /not an IPv4 address/),
    row("IpLicense", "empty", { ip: "" }, "ip", /not an IPv4 address/),
    row("IpLicense", "number instead of text", { ip: 3232235777 }, "ip", /must be a string/),
    row("IpLicense", "0.0.0.0", { ip: "0.0.0.0" }, "ip", /this network/),
    row("IpLicense", "0.1.2.3", { ip: "0.1.2.3" }, "ip", /this network/),
    row("IpLicense", "broadcast", { ip: "255.255.255.255" }, "ip", /broadcast/, true),
    row("IpLicense", "loopback 127.0.0.1", { ip: "127.0.0.1" }, "ip", /loopback/, true),
    row("IpLicense", "loopback 127.1.2.3", { ip: "127.1.2.3" }, "ip", /loopback/),
    row("IpLicense", "link-local", { ip: "169.254.10.1" }, "ip", /link-local/),
    row("IpLicense", "multicast", { ip: "224.0.0.1" }, "ip", /multicast/),
    row("IpLicense", "multicast SSDP", { ip: "239.255.255.250" }, "ip", /multicast/),
    row("IpLicense", "reserved 240/4", { ip: "240.0.0.1" }, "ip", /reserved/),
    row("IpLicense", "IPv6 zone id", { ip: "fe80::1%eth0" }, "ip", /zone id/),
    row("IpLicense", "unknown type number", { type: 7 }, "type", /"7" is not a license type/),
    row("IpLicense", "unknown type name", { type: "kernelcare-pro" }, "type", /not a license type/),
    row("IpLicense", "fractional type", { type: 16.5 }, "type", /not a license type/),
    row("IpLicense", "the API's spelling (els_allowed)", { els_allowed: true }, "els_allowed", /did you mean elsAllowed\?/),
    row("IpLicense", "elsAllowed as text", { elsAllowed: "yes" }, "elsAllowed", /true or false/),
    row("IpLicense", "adopt as text", { adopt: "true" }, "adopt", /true or false/),

    // KcareKey
    row("KcareKey", "negative limit", { limit: -3 }, "limit", /0 \(unlimited\) or more/),
    row("KcareKey", "limit of 2^31", { limit: 2147483648 }, "limit", /at most 2147483647/),
    row("KcareKey", "fractional limit", { limit: 1.5 }, "limit", /whole number/),
    row("KcareKey", "note of 101 characters", { note: "n".repeat(101) }, "note", /at most 100 characters/),
    row("KcareKey", "tab in the note", { note: "a\tb" }, "note", /U\+0009/),
    row("KcareKey", "C1 control (NEL) in the note", { note: "a\u0085b" }, "note", /U\+0085/),
    row("KcareKey", "line separator in the note", { note: "a\u2028b" }, "note", /U\+2028/),
    row("KcareKey", "ANSI escape in the note", { note: "\u001b[31mred" }, "note", /U\+001B/),
    row("KcareKey", "five octets", { cidrs: ["10.0.0.0.0/8"] }, "cidrs[0]", /not an IPv4 or IPv6 CIDR/),
    row("KcareKey", "host bits set", { cidrs: ["10.0.0.0/8", "10.1.0.0/8"] }, "cidrs[1]", /did you mean 10.0.0.0\/8/),
    row("KcareKey", "prefix over 32", { cidrs: ["10.0.0.0/33"] }, "cidrs[0]", /prefix longer than 32/),
    row("KcareKey", "IPv6 zone id", { cidrs: ["fe80::%eth0/64"] }, "cidrs[0]", /zone id/, true),
    row("KcareKey", "IPv6 host bits", { cidrs: ["2001:db8::1/32"] }, "cidrs[0]", /host bits/),
    row("KcareKey", "empty prefix", { cidrs: ["10.0.0.0/"] }, "cidrs[0]", /invalid prefix/),
    row("KcareKey", "empty CIDR", { cidrs: [""] }, "cidrs[0]", /not an IPv4 or IPv6 CIDR/),
    row("KcareKey", "two CIDRs in one entry", { cidrs: ["10.0.0.0/8,10.1.0.0/16"] }, "cidrs[0]", /not an IPv4 or IPv6 CIDR/),
    row("KcareKey", "CIDRs as one string", { cidrs: "10.0.0.0/8" }, "cidrs", /list of CIDR strings/),
    row("KcareKey", "CIDR as a number", { cidrs: [10] }, "cidrs[0]", /must be a string/),
    row("KcareKey", "misspelt input (cidr)", { cidr: ["10.0.0.0/8"] }, "cidr", /did you mean cidrs\?/, true),
    row("KcareKey", "empty adopt key", { adopt: "" }, "adopt", /must not be empty/),
    row("KcareKey", "adopt key too short", { adopt: "WsTs821nSAt" }, "adopt", /must be a KernelCare key: 12 to 64 letters and digits/, true),
    row("KcareKey", "adopt key of 65 characters", { adopt: "a".repeat(65) }, "adopt", /must be a KernelCare key: 12 to 64 letters and digits/),
    row("KcareKey", "adopt an ELS key", { adopt: "ESU-yUDxBd5ethmGO5d3hnAZEau0" }, "adopt", /must be a KernelCare key/),
    row("KcareKey", "adopt a page", { adopt: "<html>Unauthorized</html>" }, "adopt", /must be a KernelCare key/),

    // ServerGroup
    row("ServerGroup", "blank name", { name: "   " }, "name", /must not be empty/),
    row("ServerGroup", "empty name", { name: "" }, "name", /must not be empty/),
    row("ServerGroup", "comma in the name", { name: "a,b" }, "name", /commas or semicolons/),
    row("ServerGroup", "semicolon in the name", { name: "a;b" }, "name", /commas or semicolons/),
    row("ServerGroup", "newline inside the name", { name: "we\nb" }, "name", /control characters/, true),
    row("ServerGroup", "NUL in the name", { name: "\u0000web" }, "name", /U\+0000/),
    row("ServerGroup", "newline in the description", { description: "line\nline" }, "description", /control characters/),
    row("ServerGroup", "duplicate server ids", { serverIds: ["S-1", "S-1"] }, "serverIds[1]", /listed more than once/),
    row("ServerGroup", "comma in a server id", { serverIds: ["S-1,S-2"] }, "serverIds[0]", /commas, semicolons or spaces/),
    row("ServerGroup", "space in a server id", { serverIds: ["S 1"] }, "serverIds[0]", /commas, semicolons or spaces/),
    row("ServerGroup", "empty server id", { serverIds: [""] }, "serverIds[0]", /must not be empty/),
    row("ServerGroup", "control character in a server id", { serverIds: ["S\u0001"] }, "serverIds[0]", /U\+0001/),
    row("ServerGroup", "server ids as one string", { serverIds: "S-1" }, "serverIds", /list of server ids/),

    // FluxarkServer
    row("FluxarkServer", "blank name", { name: "  " }, "name", /must not be empty/),
    row("FluxarkServer", "tab in the name", { name: "web\t1" }, "name", /U\+0009/),
    row("FluxarkServer", "@ in the name", { name: "web@prod" }, "name", /must not contain "@"/),
    row("FluxarkServer", "999.1.1.1 as a host name", { ipAddr: "999.1.1.1" }, "ipAddr", /numeric label/, true),
    row("FluxarkServer", "1.2.3 as a host name", { ipAddr: "1.2.3" }, "ipAddr", /numeric label/, true),
    row("FluxarkServer", "five octets", { ipAddr: "1.2.3.4.5" }, "ipAddr", /numeric label/),
    row("FluxarkServer", "a bare number", { ipAddr: "2130706433" }, "ipAddr", /numeric label/),
    row("FluxarkServer", "a hex number", { ipAddr: "0x7f000001" }, "ipAddr", /numeric label/),
    row("FluxarkServer", "IPv6 zone id", { ipAddr: "fe80::1%eth0" }, "ipAddr", /zone id/),
    row("FluxarkServer", "0.0.0.0", { ipAddr: "0.0.0.0" }, "ipAddr", /this network/),
    row("FluxarkServer", "broadcast", { ipAddr: "255.255.255.255" }, "ipAddr", /broadcast/),
    row("FluxarkServer", "multicast IPv4", { ipAddr: "224.0.0.5" }, "ipAddr", /multicast/),
    row("FluxarkServer", "multicast IPv6", { ipAddr: "ff02::1" }, "ipAddr", /multicast/),
    row("FluxarkServer", "unspecified IPv6", { ipAddr: "::" }, "ipAddr", /unspecified/),
    row("FluxarkServer", "space and !", { ipAddr: "bad host!" }, "ipAddr", /neither an IP address nor a host name/),
    row("FluxarkServer", "address with a port", { ipAddr: "10.0.0.1:22" }, "ipAddr", /neither an IP address nor a host name/),
    row("FluxarkServer", "IPv6 in brackets", { ipAddr: "[2001:db8::1]" }, "ipAddr", /neither an IP address nor a host name/),
    row("FluxarkServer", "label starting with a hyphen", { ipAddr: "-web.example.com" }, "ipAddr", /label "-web"/),
    row("FluxarkServer", "two dots in a row", { ipAddr: "web..example.com" }, "ipAddr", /empty label/),
    row("FluxarkServer", "label of 64 characters", { ipAddr: `${"a".repeat(64)}.example.com` }, "ipAddr", /at most 63 characters/),
    row("FluxarkServer", "name of 254 characters", { ipAddr: `${"a".repeat(50)}.`.repeat(5) + "abc" }, "ipAddr", /1 to 253 characters/),
    row("FluxarkServer", "underscore", { ipAddr: "under_score.example.com" }, "ipAddr", /label "under_score"/),
    row("FluxarkServer", "Unicode host name", { ipAddr: "bücher.example" }, "ipAddr", /write it as "xn--bcher-kva.example"/),
    row("FluxarkServer", "empty address", { ipAddr: "" }, "ipAddr", /neither an IP address nor a host name/),
    row("FluxarkServer", "newline in the address", { ipAddr: "web\nexample.com" }, "ipAddr", /control characters/),
    row("FluxarkServer", "port 0", { port: 0 }, "port", /between 1 and 65535/),
    row("FluxarkServer", "port 65536", { port: 65536 }, "port", /between 1 and 65535/),
    row("FluxarkServer", "fractional port", { port: 22.5 }, "port", /whole number/),
    row("FluxarkServer", "port as text", { port: "22" }, "port", /must be a number/),
    row("FluxarkServer", "empty group name", { groups: ["web", ""] }, "groups[1]", /must not be empty/),
    row("FluxarkServer", "slash in a group name", { groups: ["a/b"] }, "groups[0]", /no "\/"/),
    row("FluxarkServer", "group named ..", { groups: [".."] }, "groups[0]", /not "\." or "\.\."/),
    row("FluxarkServer", "control character in a group", { groups: ["w\u0000eb"] }, "groups[0]", /U\+0000/),
    row("FluxarkServer", "active as text", { active: "yes" }, "active", /true or false/),
    row("FluxarkServer", "adopt id 0", { adopt: 0 }, "adopt", /positive id/),
    row("FluxarkServer", "fractional adopt id", { adopt: 1.5 }, "adopt", /whole-number id/),
    row("FluxarkServer", "adopt id as a word", { adopt: "abc" }, "adopt", /numeric id/),
    row("FluxarkServer", "adopt id past 2^53", { adopt: "99999999999999999999" }, "adopt", /at most 9007199254740991/),

    // FluxarkServerUser
    row("FluxarkServerUser", "server id 0", { serverId: 0 }, "serverId", /positive id/),
    row("FluxarkServerUser", "server id as a word", { serverId: "web" }, "serverId", /numeric id/),
    row("FluxarkServerUser", "space in the user name", { username: "root user" }, "username", /unix user name/),
    row("FluxarkServerUser", "user name of 33 characters", { username: "a".repeat(33) }, "username", /at most 32 characters/),
    row("FluxarkServerUser", "user name starting with -", { username: "-root" }, "username", /unix user name/),
    row("FluxarkServerUser", "newline in the user name", { username: "ro\not" }, "username", /unix user name/),
    row("FluxarkServerUser", "authMethod key without sshKey, server id not known until apply", { serverId: UNKNOWN, authMethod: "key", password: undefined }, "sshKey", /required when authMethod is "key"/),
    row("FluxarkServerUser", "no password, server id not known until apply", { serverId: UNKNOWN, password: undefined }, "password", /required when authMethod is "password"/),
    row("FluxarkServerUser", "unknown auth method", { authMethod: "token" }, "authMethod", /"token" is not an auth method/),
    row("FluxarkServerUser", "authMethod key without sshKey", { authMethod: "key", password: undefined }, "sshKey", /required when authMethod is "key"/, true),
    row("FluxarkServerUser", "authMethod key with a blank sshKey", { authMethod: "key", sshKey: "  \n " }, "sshKey", /required when authMethod is "key"/),
    row("FluxarkServerUser", "authMethod key-pass without sshKey", { authMethod: "key-pass" }, "sshKey", /required when authMethod is "key-pass"/),
    row("FluxarkServerUser", "authMethod key-pass without password", { authMethod: "key-pass", sshKey: PRIVATE_KEY, password: undefined }, "password", /required when authMethod is "key-pass"/),
    row("FluxarkServerUser", "authMethod password without password", { password: undefined }, "password", /required when authMethod is "password"/),
    row("FluxarkServerUser", "empty password", { password: "" }, "password", /must not be empty/),
    row("FluxarkServerUser", "blank password", { password: "   " }, "password", /must not be empty/, true),
    row("FluxarkServerUser", "NUL in the password", { password: "pass\u0000word" }, "password", /U\+0000/),
    row("FluxarkServerUser", "BEL in the ssh key", { authMethod: "key", sshKey: "key\u0007" }, "sshKey", /other than line breaks/),
    row("FluxarkServerUser", "port 70000", { port: 70000 }, "port", /between 1 and 65535/),
    row("FluxarkServerUser", "defaultUser as text", { defaultUser: "1" }, "defaultUser", /true or false/),
    row("FluxarkServerUser", "negative adopt id", { adopt: -5 }, "adopt", /positive id/),

    // FluxarkUser
    row("FluxarkUser", "upper-case user name", { username: "Alice" }, "username", /unix rules/),
    row("FluxarkUser", "$ in the user name", { username: "bad$name" }, "username", /unix rules/),
    row("FluxarkUser", "user name of 33 characters", { username: "a".repeat(33) }, "username", /at most 32 characters/),
    row("FluxarkUser", "user name starting with a digit", { username: "1abc" }, "username", /unix rules/),
    row("FluxarkUser", "empty user name", { username: "" }, "username", /unix rules/),
    row("FluxarkUser", "no @", { email: "not-an-email" }, "email", /"not-an-email" is not an e-mail address/),
    row("FluxarkUser", "domain without a dot", { email: "alice@localhost" }, "email", /needs a dot/),
    row("FluxarkUser", "two @", { email: "alice@@example.com" }, "email", /cannot be the part before @/),
    row("FluxarkUser", "space in the address", { email: "al ice@example.com" }, "email", /cannot be the part before @/),
    row("FluxarkUser", "nothing before @", { email: "@example.com" }, "email", /not an e-mail address/),
    row("FluxarkUser", "nothing after @", { email: "alice@" }, "email", /not an e-mail address/),
    row("FluxarkUser", "two dots in the domain", { email: "alice@example..com" }, "email", /empty label/),
    row("FluxarkUser", "domain label starting with -", { email: "alice@-example.com" }, "email", /label "-example"/),
    row("FluxarkUser", "numeric top-level domain", { email: "alice@example.123" }, "email", /numeric label/),
    row("FluxarkUser", "IP literal as the domain", { email: "alice@192.0.2.1" }, "email", /numeric label/),
    row("FluxarkUser", "local part starting with a dot", { email: ".alice@example.com" }, "email", /cannot be the part before @/),
    row("FluxarkUser", "local part with two dots", { email: "al..ice@example.com" }, "email", /cannot be the part before @/),
    row("FluxarkUser", "local part of 65 characters", { email: `${"a".repeat(65)}@example.com` }, "email", /longer than 64 characters/),
    row("FluxarkUser", "newline after the address", { email: "alice@example.com\n" }, "email", /U\+000A/),
    row("FluxarkUser", "address in angle brackets", { email: "<alice@example.com>" }, "email", /cannot be the part before @|empty label|label/),
    row("FluxarkUser", "trailing dot in an e-mail domain", { email: "alice@example.com." }, "email", /empty label/),
    row("FluxarkUser", "no password for a new user", { password: undefined }, "password", /is required to create a user/),
    row("FluxarkUser", "empty password", { password: "" }, "password", /must not be empty/),
    row("FluxarkUser", "blank password", { password: " \t " }, "password", /must not be empty/, true),
    row("FluxarkUser", "newline in the password", { password: "pass\nword" }, "password", /U\+000A/),
    row("FluxarkUser", "blank full name", { fullName: "   " }, "fullName", /must not be empty/),
    row("FluxarkUser", "NUL in the full name", { fullName: "Al\u0000ice" }, "fullName", /U\+0000/),
    row("FluxarkUser", "unknown auth type", { authType: "otp" }, "authType", /"otp" is not an auth type/),
    row("FluxarkUser", "authType key without sshKey", { authType: "key" }, "sshKey", /required when authType is "key"/),
    row("FluxarkUser", "authType password-key with a blank sshKey", { authType: "password-key", sshKey: " \n" }, "sshKey", /required when authType is "password-key"/),
    row("FluxarkUser", "authType key without sshKey, groups not known until apply", { authType: "key", groups: [UNKNOWN] }, "sshKey", /required when authType is "key"/),
    row("FluxarkUser", "no password, e-mail address not known until apply", { email: UNKNOWN, password: undefined }, "password", /is required to create a user/),
    row("FluxarkUser", "wrong case (sshkey)", { sshkey: PUBLIC_KEY }, "sshkey", /did you mean sshKey\?/),
    row("FluxarkUser", "unknown password type", { passwordType: "2fa" }, "passwordType", /not a password type/),
    row("FluxarkUser", "private key as the sshKey", { authType: "key", sshKey: PRIVATE_KEY }, "sshKey", /holds a private key/, true),
    row("FluxarkUser", "sshKey that is not a key", { sshKey: "my key" }, "sshKey", /OpenSSH public key/),
    row("FluxarkUser", "control character in the sshKey", { sshKey: `${PUBLIC_KEY}\u0007` }, "sshKey", /U\+0007/),
    row("FluxarkUser", "newline in the comment", { comment: "a\nb" }, "comment", /control characters/),
    row("FluxarkUser", "ANSI escape in the comment", { comment: "\u001b[2J" }, "comment", /U\+001B/),
    row("FluxarkUser", "octet over 255 in the allow list", { ipAllowList: ["10.0.0.1", "10.0.0.256"] }, "ipAllowList[1]", /"10.0.0.256" is not/),
    row("FluxarkUser", "zone id in the allow list", { ipAllowList: ["fe80::%eth0/64"] }, "ipAllowList[0]", /zone id/),
    row("FluxarkUser", "host bits in the allow list", { ipAllowList: ["127.0.0.1/24"] }, "ipAllowList[0]", /did you mean 127.0.0.0\/24/),
    row("FluxarkUser", "wildcard in the allow list", { ipAllowList: ["*"] }, "ipAllowList[0]", /not an IPv4 or IPv6 address or CIDR/),
    row("FluxarkUser", "allow list as one string", { ipAllowList: "10.0.0.0/8" }, "ipAllowList", /list of IPs or CIDRs/),
    row("FluxarkUser", "empty group name", { groups: [""] }, "groups[0]", /must not be empty/),
    row("FluxarkUser", "tab in a group name", { groups: ["o\tps"] }, "groups[0]", /U\+0009/),
    row("FluxarkUser", "unknown deletion policy", { deletionPolicy: "destroy" }, "deletionPolicy", /deactivate, delete/),
    row("FluxarkUser", "serverAdmin as text", { serverAdmin: "true" }, "serverAdmin", /true or false/),
    row("FluxarkUser", "adopt id as a word", { adopt: "alice" }, "adopt", /numeric id/),

    // FluxarkAcl
    row("FluxarkAcl", "user id 0", { userId: 0 }, "userId", /positive id/),
    row("FluxarkAcl", "user id as a word", { userId: "u1" }, "userId", /numeric id/),
    row("FluxarkAcl", "fractional remote user id", { userServerId: 1.5 }, "userServerId", /whole-number id/),
    row("FluxarkAcl", "no remote user id", { userServerId: undefined }, "userServerId", /is required/),
    row("FluxarkAcl", "30 February", { expireTime: "2031-02-30 00:00:00" }, "expireTime", /February 2031 has 28 days/, true),
    row("FluxarkAcl", "30 February of a leap year", { expireTime: "2032-02-30 00:00:00" }, "expireTime", /February 2032 has 29 days/),
    row("FluxarkAcl", "31 April, ISO form", { expireTime: "2031-04-31T00:00:00Z" }, "expireTime", /April 2031 has 30 days/),
    row("FluxarkAcl", "month 13", { expireTime: "2031-13-01 00:00:00" }, "expireTime", /no month 13/),
    row("FluxarkAcl", "month 00", { expireTime: "2031-00-10 00:00:00" }, "expireTime", /no month 00/),
    row("FluxarkAcl", "day 00", { expireTime: "2031-01-00 00:00:00" }, "expireTime", /January 2031 has 31 days/),
    row("FluxarkAcl", "24:61:61", { expireTime: "2031-01-01 24:61:61" }, "expireTime", /not a time of day/, true),
    row("FluxarkAcl", "leap second", { expireTime: "2031-06-30 23:59:60" }, "expireTime", /not a time of day/),
    row("FluxarkAcl", "hour 24 in ISO form", { expireTime: "2031-01-01T24:00:00Z" }, "expireTime", /not a time of day/),
    row("FluxarkAcl", "year 0099", { expireTime: "0099-06-01 00:00:00" }, "expireTime", /from the year 1000 to 9999/, true),
    row("FluxarkAcl", "year 0000", { expireTime: "0000-01-01 00:00:00" }, "expireTime", /from the year 1000 to 9999/),
    row("FluxarkAcl", "five-digit year", { expireTime: "10000-01-01 00:00:00" }, "expireTime", /is not a time/),
    row("FluxarkAcl", "past 9999 once in UTC", { expireTime: "9999-12-31T23:00:00-05:00" }, "expireTime", /from the year 1000 to 9999/),
    row("FluxarkAcl", "zone offset +25:00", { expireTime: "2031-01-01T00:00:00+25:00" }, "expireTime", /impossible zone offset/),
    row("FluxarkAcl", "date only", { expireTime: "2031-01-01" }, "expireTime", /is not a time/),
    row("FluxarkAcl", "words", { expireTime: "next tuesday" }, "expireTime", /is not a time/),
    row("FluxarkAcl", "in the past", { expireTime: "2001-01-01 00:00:00" }, "expireTime", /is in the past/),
    row("FluxarkAcl", "unix time as a number", { expireTime: 1893456000 }, "expireTime", /date-time string/),
    row("FluxarkAcl", "zero expireDays", { expireDays: 0 }, "expireDays", /at least 1/),
    row("FluxarkAcl", "fractional expireDays", { expireDays: 1.5 }, "expireDays", /whole number of days/),
    row("FluxarkAcl", "expireDays past the year 9999", { expireDays: 3_000_000 }, "expireDays", /after the year 9999/, true),
    row("FluxarkAcl", "expireDays of 2^31", { expireDays: 2 ** 31 }, "expireDays", /after the year 9999/),
    row("FluxarkAcl", "both expiry inputs", { expireTime: "2031-01-01 00:00:00", expireDays: 3 }, "expireDays", /not both/),
    row("FluxarkAcl", "both expiry inputs, user id not known until apply", { userId: UNKNOWN, expireTime: "2031-01-01 00:00:00", expireDays: 3 }, "expireDays", /not both/),
    row("FluxarkAcl", "30 February, remote user id not known until apply", { userServerId: UNKNOWN, expireTime: "2031-02-30 00:00:00" }, "expireTime", /February 2031 has 28 days/),
    row("FluxarkAcl", "in the past, user id not known until apply", { userId: UNKNOWN, expireTime: "2001-01-01T00:00:00Z" }, "expireTime", /is in the past/),
    row("FluxarkAcl", "misspelt expireDays (the rule would never expire)", { expireDay: 3 }, "expireDay", /did you mean expireDays\?/, true),
    row("FluxarkAcl", "adopt id as a word", { adopt: "x" }, "adopt", /numeric id/),

    // UserGroup
    row("UserGroup", "empty name", { name: "" }, "name", /must not be empty/),
    row("UserGroup", "blank name", { name: " \t " }, "name", /must not be empty/),
    row("UserGroup", "NUL in the name", { name: "o\u0000ps" }, "name", /U\+0000/),
    row("UserGroup", "grants as one string", { grants: "web" }, "grants", /list of grants/),
    row("UserGroup", "a null grant", { grants: [null] }, "grants[0]", /must be a grant/),
    row("UserGroup", "empty server group", { grants: [{ serverGroup: "" }] }, "grants[0].serverGroup", /must not be empty/),
    row("UserGroup", "slash in a server group", { grants: [{ serverGroup: "a/b" }] }, "grants[0].serverGroup", /no "\/"/),
    row("UserGroup", "server group named ..", { grants: [{ serverGroup: ".." }] }, "grants[0].serverGroup", /not "\." or "\.\."/),
    row("UserGroup", "server group granted twice", { grants: [{ serverGroup: "web" }, { serverGroup: "web", username: "*" }] }, "grants[1].serverGroup", /granted more than once/),
    row("UserGroup", "space in a remote user name", { grants: [{ serverGroup: "web", username: "root user" }] }, "grants[0].username", /not a unix user name/),
    row("UserGroup", "empty name in a list", { grants: [{ serverGroup: "web", username: ["root", ""] }] }, "grants[0].username", /empty name/),
    row("UserGroup", "empty list of names", { grants: [{ serverGroup: "web", username: [] }] }, "grants[0].username", /at least one user/, true),
    row("UserGroup", "trailing comma", { grants: [{ serverGroup: "web", username: "root," }] }, "grants[0].username", /empty name/),
    row("UserGroup", "user name as a number", { grants: [{ serverGroup: "web", username: 5 }] }, "grants[0].username", /a list of user names/),
    row("UserGroup", "29 February 2031", { grants: [{ serverGroup: "web", expireTime: "2031-02-29 00:00:00" }] }, "grants[0].expireTime", /February 2031 has 28 days/),
    row("UserGroup", "grant in the past", { grants: [{ serverGroup: "web", expireTime: "2001-01-01T00:00:00Z" }] }, "grants[0].expireTime", /is in the past/),
    row("UserGroup", "misspelt key in a grant", { grants: [{ serverGroup: "web", usernames: ["root"] }] }, "grants[0]", /usernames/),
    row("UserGroup", "adopt id 0", { adopt: 0 }, "adopt", /positive id/),

    // Invisible format characters (Unicode Cf) and lengths the documents leave open.
    row("ElsKey", "bidi override U+202E in the note", { note: "fleet \u202Eevil" }, "note", /invisible format characters \(found U\+202E at character 7\)/, true),
    row("KcareKey", "zero-width space in the note", { note: "web\u200Bfleet" }, "note", /invisible format characters \(found U\+200B/),
    row("ServerGroup", "byte-order mark in the name", { name: "we\uFEFFb" }, "name", /invisible format characters \(found U\+FEFF at character 3\)/),
    row("ServerGroup", "name of 256 characters", { name: "g".repeat(256) }, "name", /at most 255 characters/),
    row("ServerGroup", "server id of 256 characters", { serverIds: ["s".repeat(256)] }, "serverIds[0]", /at most 255 characters/),
    row("ServerGroup", "description of 1025 characters", { description: "d".repeat(1025) }, "description", /at most 1024 characters/),
    row("FluxarkServer", "zero-width space in the name", { name: "web\u200B1" }, "name", /invisible format characters \(found U\+200B at character 4\)/),
    row("FluxarkServer", "name of 256 characters", { name: "w".repeat(256) }, "name", /at most 255 characters/),
    row("FluxarkServer", "server group name of 256 characters", { groups: ["p".repeat(256)] }, "groups[0]", /at most 255 characters/),
    row("FluxarkServerUser", "password of 1025 characters", { password: "P".repeat(1025) }, "password", /at most 1024 characters/),
    row("FluxarkUser", "zero-width space in the e-mail domain", { email: "alice@exa\u200Bmple.com" }, "email", /invisible format characters \(found U\+200B/),
    row("FluxarkUser", "bidi override in the full name", { fullName: "Alice \u202Enimda" }, "fullName", /invisible format characters \(found U\+202E/),
    row("FluxarkUser", "byte-order mark in the comment", { comment: "\uFEFFon call" }, "comment", /invisible format characters/),
    row("FluxarkUser", "full name of 256 characters", { fullName: "A".repeat(256) }, "fullName", /at most 255 characters/),
    row("FluxarkUser", "comment of 1025 characters", { comment: "c".repeat(1025) }, "comment", /at most 1024 characters/),
    row("FluxarkUser", "password of 1 MB", { password: "P4ss-".repeat(200_000) }, "password", /at most 1024 characters/),
    row("UserGroup", "zero-width space in the name", { name: "op\u200Bs" }, "name", /invisible format characters/),
    row("UserGroup", "name of 256 characters", { name: "o".repeat(256) }, "name", /at most 255 characters/),
];

export interface AcceptedRow {
    resource: ResourceName;
    /** Why the document allows it. */
    why: string;
    props: Props;
    /** The previous inputs, when the rule depends on them. */
    olds?: Props;
    /** Normalised values the check must give. */
    gives?: Props;
}

const ok = (resource: ResourceName, why: string, change: Props, gives?: Props, olds?: Props): AcceptedRow => ({ resource, why, props: { ...VALID[resource], ...change }, gives, olds });

export const ACCEPTED: AcceptedRow[] = [
    ...(Object.keys(VALID) as ResourceName[]).map((r) => ok(r, "the base inputs", {})),
    ok("ElsKey", "limit 0 means unlimited", { limit: 0 }),
    ok("ElsKey", "limit 2^31-1", { limit: 2147483647 }),
    ok("ElsKey", "ESU, the AlmaLinux product code", { productCode: "ESU" }),
    ok("ElsKey", "note of 255 characters", { note: "n".repeat(255) }),
    ok("ElsKey", "note of 255 emoji (255 characters, 510 UTF-16 units)", { note: "🔑".repeat(255) }),
    ok("ElsKey", "non-Latin note", { note: "Ключи для серверов ✓" }),
    ok("ElsKey", "adopt key read from a file (trailing newline)", { adopt: "ESU-yUDxBd5ethmGO5d3hnAZEau0\n" }, { adopt: "ESU-yUDxBd5ethmGO5d3hnAZEau0" }),
    ok("ElsKey", "adopt a key of another product code (the document shows only ESU keys)", { adopt: "PHP_ELS-a1B2c3D4e5F6g7H8" }),
    ok("KcareKey", "adopt the document's KernelCare key", { adopt: "CEGaUovC9Bi8ppH9" }),
    ok("IpLicense", "the document's example address 1.1.1.1", { ip: "1.1.1.1" }),
    ok("IpLicense", "private 10/8", { ip: "10.0.0.5" }),
    ok("IpLicense", "private 172.16/12", { ip: "172.16.0.1" }),
    ok("IpLicense", "private 192.168/16", { ip: "192.168.1.1" }),
    ok("IpLicense", "shared 100.64/10", { ip: "100.64.0.1" }),
    ok("IpLicense", "type by name", { type: "imunify360-unlimited" }, { type: 49 }),
    ok("IpLicense", "type 1002", { type: 1002 }),
    ok("KcareKey", "limit 0 means unlimited", { limit: 0 }),
    ok("KcareKey", "IPv6 CIDR", { cidrs: ["2001:DB8::/32"] }, { cidrs: ["2001:db8::/32"] }),
    ok("KcareKey", "everything, 0.0.0.0/0", { cidrs: ["0.0.0.0/0"] }),
    ok("KcareKey", "a bare address means /32", { cidrs: [" 203.0.113.7 "] }, { cidrs: ["203.0.113.7/32"] }),
    ok("KcareKey", "note of 100 characters", { note: "n".repeat(100) }),
    ok("ServerGroup", "a name with spaces", { name: " Web servers " }, { name: "Web servers" }),
    ok("ServerGroup", "Unicode description", { description: "Серверы — web ✓" }),
    ok("FluxarkServer", "a trailing dot (fully qualified)", { ipAddr: "server.example.com." }),
    ok("FluxarkServer", "the document's example host", { ipAddr: "server-gw.localhost.com" }),
    ok("FluxarkServer", "the document's example address 127.0.0.1", { ipAddr: "127.0.0.1" }),
    ok("FluxarkServer", "IPv6 (an IP address, per the document)", { ipAddr: "2001:db8::10" }),
    ok("FluxarkServer", "IPv6 loopback", { ipAddr: "::1" }),
    ok("FluxarkServer", "a single-label name", { ipAddr: "localhost" }),
    ok("FluxarkServer", "punycode name", { ipAddr: "xn--bcher-kva.example" }),
    ok("FluxarkServer", "upper case and digits in labels", { ipAddr: "WEB1.Example.COM" }),
    ok("FluxarkServer", "a label of 63 characters", { ipAddr: `${"a".repeat(63)}.example.com` }),
    ok("FluxarkServer", "the document's example name with a space", { name: "test API" }),
    ok("FluxarkServer", "ports 1 and 65535", { port: 65535 }),
    ok("FluxarkServerUser", "key with a multi-line private key and no password", { authMethod: "key", sshKey: PRIVATE_KEY, password: undefined }),
    ok("FluxarkServerUser", "key-pass with key and passphrase", { authMethod: "key-pass", sshKey: PRIVATE_KEY }),
    ok("FluxarkServerUser", "the document's example key text", { authMethod: "key-pass", sshKey: "Example working key with password" }),
    ok("FluxarkServerUser", "adopting: the account keeps its key", { authMethod: "key", password: undefined, adopt: 14 }),
    ok("FluxarkServerUser", "mixed-case user name with a dot", { username: "Deploy.User" }),
    ok("FluxarkUser", "international e-mail address (Latin)", { email: "josé@example.com" }),
    ok("FluxarkUser", "international e-mail address (Chinese)", { email: "用户@例子.广告" }),
    ok("FluxarkUser", "plus tag and sub-domains", { email: "first.last+tag@mail.example.co.uk" }),
    ok("FluxarkUser", "apostrophe in the local part", { email: "o'brien@example.ie" }),
    ok("FluxarkUser", "the document's example password 1234", { password: "1234" }),
    ok("FluxarkUser", "a passphrase with spaces", { password: " correct horse battery staple " }),
    ok("FluxarkUser", "key read from a .pub file (trailing newline)", { authType: "key", sshKey: `${PUBLIC_KEY}\n` }, { sshKey: PUBLIC_KEY }),
    ok("FluxarkUser", "two public keys", { authType: "password-key", sshKey: `${PUBLIC_KEY}\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== alice@desk` }),
    ok("FluxarkUser", "a security-key public key", { authType: "key", sshKey: "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t alice@yubikey" }),
    ok("FluxarkUser", "the document's allow-list addresses", { ipAllowList: ["192.168.0.100", "127.0.0.1"] }),
    ok("FluxarkUser", "IPv6 allow list", { ipAllowList: ["2001:db8::/48"] }),
    ok("FluxarkUser", "user name starting with _", { username: "_svc" }),
    ok("FluxarkUser", "user name of 32 characters", { username: "a".repeat(32) }),
    ok("FluxarkUser", "Unicode full name and comment", { fullName: "José Ñúñez 李", comment: "on call 🔔" }),
    ok("FluxarkUser", "adopting without a password", { password: undefined, adopt: 15 }),
    ok("FluxarkAcl", "29 February of a leap year", { expireTime: "2032-02-29 12:00:00" }),
    ok("FluxarkAcl", "ISO with an offset", { expireTime: "2031-06-01T00:00:00+05:30" }, { expireTime: "2031-05-31 18:30:00" }),
    ok("FluxarkAcl", "ISO with fractional seconds", { expireTime: "2031-06-01T00:00:00.123Z" }, { expireTime: "2031-06-01 00:00:00" }),
    ok("FluxarkAcl", "the last storable second", { expireTime: "9999-12-31 23:59:59" }),
    ok("FluxarkAcl", "without seconds", { expireTime: "2031-06-01 08:30" }, { expireTime: "2031-06-01 08:30:00" }),
    ok("FluxarkAcl", "one day", { expireDays: 1 }),
    ok("FluxarkAcl", "ten years", { expireDays: 3650 }),
    ok("FluxarkAcl", "a past expiry kept from the state (the rule may expire and stay declared)", { expireTime: "2001-01-01 00:00:00" }, undefined, { expireTime: "2001-01-01 00:00:00" }),
    ok("UserGroup", "every remote user", { grants: [{ serverGroup: "web", username: "*" }] }),
    ok("UserGroup", "the document's user1,user2", { grants: [{ serverGroup: "web", username: "user1,user2" }] }, { grants: [{ serverGroup: "web", username: "user1,user2" }] }),
    ok("UserGroup", "empty: the remote user named like each user", { grants: [{ serverGroup: "web", username: "" }] }),
    ok("UserGroup", "a list of names", { grants: [{ serverGroup: "web", username: ["root", "deploy"] }] }, { grants: [{ serverGroup: "web", username: "deploy,root" }] }),
    ok("UserGroup", "grant expiry in ISO form", { grants: [{ serverGroup: "web", expireTime: "2031-12-31T23:59:59Z" }] }),
    ok("ElsKey", "an emoji sequence joined by U+200D (ZWJ) in the note", { note: "on call 👨\u200D💻" }),
    ok("FluxarkUser", "a Persian name spelt with U+200C (ZWNJ)", { fullName: "می\u200Cخواهم" }),
    ok("FluxarkUser", "full name of 255 characters", { fullName: "A".repeat(255) }),
    ok("FluxarkUser", "comment of 1024 characters", { comment: "c".repeat(1024) }),
    ok("FluxarkUser", "password of 1024 characters", { password: "P4ss-word-".repeat(102) + "P4" }),
    ok("ServerGroup", "name of 255 characters", { name: "g".repeat(255) }),
    ok("ServerGroup", "a byte-order mark before the name is trimmed, as spaces are", { name: "\uFEFFweb" }, { name: "web" }),
];

const CLASSES: Record<ResourceName, new (name: string, args: never) => unknown> = { ElsKey, IpLicense, KcareKey, ServerGroup, FluxarkServer, FluxarkServerUser, FluxarkUser, FluxarkAcl, UserGroup };

/** The rows marked `cli` of the given resources, as programs for `describeBadInputs` (the real engine's preview). */
export function cliSample(resources: readonly ResourceName[]): BadInputCase[] {
    return HOSTILE.filter((r) => r.cli && resources.includes(r.resource)).map((r) => [`${r.resource}: ${r.why}`, r.property, r.rule, () => void new CLASSES[r.resource]("r", r.props as never)]);
}
