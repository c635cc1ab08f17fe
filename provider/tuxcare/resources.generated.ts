/**
 * The public types of the tuxcare resources: generated from their declarations by scripts/public-types.ts;
 * do not edit by hand. Change a resource's declaration (its schema, field table or outputs) and run
 * `npm run generate`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Agreed, ArgsAgree, ClassAgrees, StateOf } from "../core/public-types";
import { elsKey } from "./els-key";
import { ipLicense } from "./ip-license";
import { kcareKey } from "./kcare-key";
import { serverGroup } from "./server-group";

/** The inputs of ElsKey (tuxcare:ElsKey). */
export interface ElsKeyArgs {
    /** The product; a change replaces the key. */
    productCode: pulumi.Input<"CELS" | "OELS" | "UELS16" | "CELS_8" | "UELS18" | "PHP_ELS" | "PYTHON_ELS" | "ESU">;
    /** Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited); updated in place (key/update). */
    limit: pulumi.Input<number>;
    /** Description, at most 255 characters, without control or invisible format characters (default empty); updated in place. */
    note?: pulumi.Input<string>;
    /** An existing key to take over instead of creating one (secret): an ELS key, a product code, a dash, 12 to 64 letters and digits. Used only at creation; its limit and note are then updated to the inputs. */
    adopt?: pulumi.Input<string>;
}

/** An ELS or AlmaLinux ESU license key (/api/els). */
export class ElsKey extends elsKey.Resource<ElsKeyArgs> {
    /** The product; a change replaces the key. */
    declare readonly productCode: pulumi.Output<"CELS" | "OELS" | "UELS16" | "CELS_8" | "UELS18" | "PHP_ELS" | "PYTHON_ELS" | "ESU">;
    /** Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited); updated in place (key/update). */
    declare readonly limit: pulumi.Output<number>;
    /** Description, at most 255 characters, without control or invisible format characters (default empty); updated in place. */
    declare readonly note: pulumi.Output<string>;
    /** An existing key to take over instead of creating one (secret): an ELS key, a product code, a dash, 12 to 64 letters and digits. Used only at creation; its limit and note are then updated to the inputs. */
    declare readonly adopt: pulumi.Output<string | undefined>;
    /** The license key (secret). */
    declare readonly key: pulumi.Output<string>;
    /** The key's server limit as the portal holds it (0: unlimited). */
    declare readonly usageLimit: pulumi.Output<number>;
    /** Servers registered under the key. */
    declare readonly servers: pulumi.Output<Server[]>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _ElsKeyAgrees = [Agreed<ArgsAgree<ElsKeyArgs, typeof elsKey>>, Agreed<ClassAgrees<ElsKey, typeof elsKey>>];

/** The inputs of IpLicense (tuxcare:IpLicense). */
export interface IpLicenseArgs {
    /** The server's IPv4 address; not 0.0.0.0/8, loopback, link-local, multicast, 240.0.0.0/4 or broadcast (private ranges are accepted: the portal sets no rule on them). A change replaces the license. */
    ip: pulumi.Input<string>;
    /** License type: 1, 4, 5, 1002, 16, 17, 40, 41, 42, 43, 49, or a name: cloudlinux, cloudlinux-solo, cloudlinux-admin, cloudlinux-shared-pro, kernelcare, kernelcare-plus, imunifyav-plus, imunify360-single, imunify360-30, imunify360-250, imunify360-unlimited. A number written as text ("16", as Pulumi YAML and stack config give it) is that number, but "016" and "16.0" are refused. Stored as the number. A change replaces the license. */
    type: pulumi.Input<number | string>;
    /** Allow CloudLinux 6 registration; updated in place (update.json). Not readable back, so unset it is never sent: a new license gets the portal's default (false), an adopted one keeps its setting. */
    elsAllowed?: pulumi.Input<boolean>;
    /** Take over the license the account already holds for (ip, type). Used only at creation. */
    adopt?: pulumi.Input<boolean>;
}

/** An IP-based license (/api/ipl), identified by (ip, type). */
export class IpLicense extends ipLicense.Resource<IpLicenseArgs> {
    /** The server's IPv4 address; not 0.0.0.0/8, loopback, link-local, multicast, 240.0.0.0/4 or broadcast (private ranges are accepted: the portal sets no rule on them). A change replaces the license. */
    declare readonly ip: pulumi.Output<string>;
    /** License type: 1, 4, 5, 1002, 16, 17, 40, 41, 42, 43, 49, or a name: cloudlinux, cloudlinux-solo, cloudlinux-admin, cloudlinux-shared-pro, kernelcare, kernelcare-plus, imunifyav-plus, imunify360-single, imunify360-30, imunify360-250, imunify360-unlimited. A number written as text ("16", as Pulumi YAML and stack config give it) is that number, but "016" and "16.0" are refused. Stored as the number. A change replaces the license. */
    declare readonly type: pulumi.Output<StateOf<typeof ipLicense>["type"]>;
    /** Allow CloudLinux 6 registration; updated in place (update.json). Not readable back, so unset it is never sent: a new license gets the portal's default (false), an adopted one keeps its setting. */
    declare readonly elsAllowed: pulumi.Output<boolean | undefined>;
    /** Take over the license the account already holds for (ip, type). Used only at creation. */
    declare readonly adopt: pulumi.Output<boolean>;
    /** Whether the server was registered in CLN with this license. */
    declare readonly registered: pulumi.Output<boolean>;
    /** When the license was created, ISO-8601. */
    declare readonly created: pulumi.Output<string | undefined>;
    /** OS, version and kernel of the server, from server.json at the last create or update. */
    declare readonly serverInfo: pulumi.Output<string | undefined>;
    /** The server's last check-in, ISO-8601, from the last create or update. */
    declare readonly lastCheckin: pulumi.Output<string | undefined>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _IpLicenseAgrees = [Agreed<ArgsAgree<IpLicenseArgs, typeof ipLicense>>, Agreed<ClassAgrees<IpLicense, typeof ipLicense>>];

/** The inputs of KcareKey (tuxcare:KcareKey). */
export interface KcareKeyArgs {
    /** Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited). The portal cannot change it: a change replaces the key. */
    limit: pulumi.Input<number>;
    /** Description, at most 100 characters, without control characters (tab, newline, ...) or invisible format characters (U+200B, U+202E, ...) (default empty). A change replaces the key. */
    note?: pulumi.Input<string>;
    /** IPv4/IPv6 CIDRs allowed to register: order, spacing and IPv6 spelling do not matter; a bare address means /32 or /128; no zone ids (%eth0), no host bits (10.1.2.3/8: did you mean 10.0.0.0/8?), no leading zeros in the prefix (/008, which some read as /8 and others refuse). Set in place with key/set_cidr, which replaces the whole list ([] clears them). Not readable back from the portal, so unset it is never sent: a new key has none, an adopted one keeps its own. */
    cidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** An existing key to take over instead of creating one (secret): a KernelCare key, 12 to 64 letters and digits. Used only at creation; limit and note must match the key (the portal cannot change them); declared cidrs are set, unset ones leave the key's CIDRs as they are. */
    adopt?: pulumi.Input<string>;
}

/** A KernelCare license key (/api/kcare). */
export class KcareKey extends kcareKey.Resource<KcareKeyArgs> {
    /** Servers the key may register: a whole number, 0 to 2147483647 (0 = unlimited). The portal cannot change it: a change replaces the key. */
    declare readonly limit: pulumi.Output<number>;
    /** Description, at most 100 characters, without control characters (tab, newline, ...) or invisible format characters (U+200B, U+202E, ...) (default empty). A change replaces the key. */
    declare readonly note: pulumi.Output<string>;
    /** IPv4/IPv6 CIDRs allowed to register: order, spacing and IPv6 spelling do not matter; a bare address means /32 or /128; no zone ids (%eth0), no host bits (10.1.2.3/8: did you mean 10.0.0.0/8?), no leading zeros in the prefix (/008, which some read as /8 and others refuse). Set in place with key/set_cidr, which replaces the whole list ([] clears them). Not readable back from the portal, so unset it is never sent: a new key has none, an adopted one keeps its own. */
    declare readonly cidrs: pulumi.Output<StateOf<typeof kcareKey>["cidrs"]>;
    /** An existing key to take over instead of creating one (secret): a KernelCare key, 12 to 64 letters and digits. Used only at creation; limit and note must match the key (the portal cannot change them); declared cidrs are set, unset ones leave the key's CIDRs as they are. */
    declare readonly adopt: pulumi.Output<string | undefined>;
    /** The license key (secret). */
    declare readonly key: pulumi.Output<string>;
    /** Whether the key is enabled. */
    declare readonly enabled: pulumi.Output<boolean>;
    /** When the key was created. */
    declare readonly created: pulumi.Output<string>;
    /** Servers registered with the key, as last read. */
    declare readonly servers: pulumi.Output<KcareServer[]>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _KcareKeyAgrees = [Agreed<ArgsAgree<KcareKeyArgs, typeof kcareKey>>, Agreed<ClassAgrees<KcareKey, typeof kcareKey>>];

/** The inputs of ServerGroup (tuxcare:ServerGroup). */
export interface ServerGroupArgs {
    /** Group name: not empty, at most 255 characters, no commas, semicolons, control or invisible format characters. A change creates the new group and empties the old one (groups cannot be deleted). */
    name: pulumi.Input<string>;
    /** Description, at most 1024 characters, without control or invisible format characters (default empty), set at creation. The portal cannot change it: a change fails at preview. */
    description?: pulumi.Input<string>;
    /** Member KernelCare server ids, a set (order does not matter, duplicates are refused); members are added and removed individually (servers/put, servers/remove). */
    serverIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A KernelCare server group (/api/group) and its members. */
export class ServerGroup extends serverGroup.Resource<ServerGroupArgs> {
    /** Group name: not empty, at most 255 characters, no commas, semicolons, control or invisible format characters. A change creates the new group and empties the old one (groups cannot be deleted). */
    declare readonly name: pulumi.Output<string>;
    /** Description, at most 1024 characters, without control or invisible format characters (default empty), set at creation. The portal cannot change it: a change fails at preview. */
    declare readonly description: pulumi.Output<string>;
    /** Member KernelCare server ids, a set (order does not matter, duplicates are refused); members are added and removed individually (servers/put, servers/remove). */
    declare readonly serverIds: pulumi.Output<StateOf<typeof serverGroup>["serverIds"]>;
    /** The group's members. */
    declare readonly servers: pulumi.Output<GroupServer[]>;
}

// Compile-time checks: the Args and the class agree with the declaration.
type _ServerGroupAgrees = [Agreed<ArgsAgree<ServerGroupArgs, typeof serverGroup>>, Agreed<ClassAgrees<ServerGroup, typeof serverGroup>>];

/** A server registered with a license key. */
export interface Server {
    id: string;
    ip: string;
    hostname: string;
}

/** A server registered with a KernelCare key. */
export interface KcareServer {
    id: string;
    ip: string;
    hostname: string;
    created: string;
}

/** A member of a server group. */
export interface GroupServer {
    id: string;
    hostName: string;
    ip: string;
    type: string;
}
