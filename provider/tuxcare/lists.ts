/**
 * The TuxCare lists the provider caches (one list call per kind, shared by every read in the
 * process), and what each client call does to them: a write drops the lists of its kind, so no
 * handler has to remember to.
 */
import type { ListEffects } from "../core/list-cache";
import type { TuxcareClient } from "./client";

export const KCARE_KEYS = "tuxcare:kcare:keys";
const ELS_KEYS = "tuxcare:els:keys:";
const ELS_SERVERS = "tuxcare:els:servers:";
export const elsKeysOf = (product: string) => `${ELS_KEYS}${product}`;
export const elsServersOf = (product: string) => `${ELS_SERVERS}${product}`;
export const IP_LICENSES = "tuxcare:ipl:list";
export const SERVER_GROUPS = "tuxcare:group:list";

/** A write that no cached list shows. */
const dropsNothing = { drops: () => [] };

export const TUXCARE_LIST_EFFECTS: ListEffects<TuxcareClient> = {
    listKcareKeys: "read",
    createKcareKey: { writtenThrough: () => KCARE_KEYS },
    deleteKcareKey: { drops: () => [KCARE_KEYS] },
    // A key's servers and CIDRs are not part of the cached key list.
    listKcareKeyServers: "read",
    setKcareKeyCidrs: dropsNothing,
    removeKcareServer: dropsNothing,
    registerNagiosKey: dropsNothing,
    nagiosKeyStatus: "read",
    nagiosResellerStatus: "read",

    listElsKeys: "read",
    listElsServers: "read",
    createElsKey: { writtenThrough: (product) => elsKeysOf(product) }, // a new key has no servers
    // These name the key only, not its product: every product's lists go.
    updateElsKey: { drops: () => [ELS_KEYS, ELS_SERVERS] },
    removeElsKey: { drops: () => [ELS_KEYS, ELS_SERVERS] },
    removeElsServer: { drops: () => [ELS_SERVERS] },

    ipAvailability: "read",
    checkIp: "read",
    ipServer: "read",
    listIpLicenses: "read",
    registerIpLicense: { drops: () => [IP_LICENSES] },
    updateIpLicense: { drops: () => [IP_LICENSES] },
    removeIpLicense: { drops: () => [IP_LICENSES] },

    listServerGroups: "read",
    createServerGroup: { drops: () => [SERVER_GROUPS] },
    // A group's members are read from their own (uncached) call.
    listServerGroupServers: "read",
    addServerGroupServers: dropsNothing,
    removeServerGroupServers: dropsNothing,
};
