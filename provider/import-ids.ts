/**
 * How each resource is named for `pulumi import` (native plugins): the id a user passes, and the
 * state a read needs to find the object from that id alone. A license key is a credential, so a
 * key is never an import id: keys are imported by their fingerprint, the resource id the provider
 * gives them (`discover` and the list functions show it).
 */
import { fluxark, tuxcare } from "./context";
import { fingerprintId } from "./core/ids";
import type { Props } from "./core/resource";
import { ELS_PRODUCT_CODES } from "./tuxcare/els-key";

export interface ImportId {
    /** The id's form, for the docs and the schema. */
    format: string;
    /** The canonical resource id and the state its read needs; undefined when no such object exists. */
    resolve(id: string): Promise<{ id: string; state: Props } | undefined>;
}

const numeric = (id: string) => (/^\d+$/.test(id.trim()) ? Number(id.trim()) : undefined);

/** An object found by its numeric id alone: the read needs nothing else. */
const byNumericId = (defaults: Props = {}): ImportId => ({
    format: "the numeric FluxArk id",
    async resolve(id) {
        const n = numeric(id);
        return n === undefined ? undefined : { id: String(n), state: { ...defaults } };
    },
});

export const IMPORT_IDS: Record<string, ImportId> = {
    "tuxcare:ElsKey": {
        format: "els-<fingerprint>: the key's resource id (never the key itself)",
        async resolve(id) {
            const client = await tuxcare.client();
            for (const productCode of ELS_PRODUCT_CODES) {
                const key = (await client.listElsKeys(productCode)).find((k) => fingerprintId("els", k.key) === id.trim());
                if (key) return { id: id.trim(), state: { productCode, key: key.key } };
            }
            return undefined;
        },
    },
    "tuxcare:KcareKey": {
        format: "kcare-<fingerprint>: the key's resource id (never the key itself)",
        async resolve(id) {
            const key = (await (await tuxcare.client()).listKcareKeys()).find((k) => fingerprintId("kcare", k.key) === id.trim());
            return key && { id: id.trim(), state: { key: key.key, cidrs: [] } };
        },
    },
    "tuxcare:IpLicense": {
        format: "<ip>:<type number>, e.g. 203.0.113.10:16",
        async resolve(id) {
            const m = /^([^:]+):(\d+)$/.exec(id.trim());
            return m ? { id: `${m[1]}:${m[2]}`, state: { ip: m[1], type: Number(m[2]), elsAllowed: false } } : undefined;
        },
    },
    "tuxcare:ServerGroup": {
        format: "the group's name",
        async resolve(id) {
            return id ? { id, state: { name: id } } : undefined;
        },
    },
    "fluxark:FluxarkServer": byNumericId(),
    "fluxark:FluxarkServerUser": {
        format: "the remote user's numeric id (userServerId)",
        async resolve(id) {
            const n = numeric(id);
            if (n === undefined) return undefined;
            const client = await fluxark.client();
            const servers = await client.listServers();
            let server = servers.find((s) => s.users?.some((u) => u.id === n));
            // An installation whose server list leaves out the users: ask each server in turn.
            for (const s of servers.filter((x) => x.users === undefined)) {
                if (server) break;
                if ((await client.listServerUsers(s.id)).some((u) => u.id === n)) server = s;
            }
            return server && { id: String(n), state: { serverId: server.id } };
        },
    },
    "fluxark:FluxarkUser": byNumericId({ deletionPolicy: "deactivate" }),
    "fluxark:FluxarkAcl": {
        format: "<userId>/<aclId>: the portal user's id and the rule's id",
        async resolve(id) {
            const m = /^(\d+)\/(\d+)$/.exec(id.trim());
            return m ? { id: m[2]!, state: { userId: Number(m[1]) } } : undefined;
        },
    },
    "fluxark:UserGroup": byNumericId({ grants: [] }),
};
