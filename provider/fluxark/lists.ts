/**
 * What each FluxArk client call does to the cached lists (their keys are in common.ts): a write
 * drops the lists of its kind, so no handler has to remember to.
 */
import type { ListEffects } from "../core/list-cache";
import type { FluxarkClient } from "./client";
import { aclCache, GROUPS_CACHE, SERVERS_CACHE, USERS_CACHE } from "./common";

// A server's own user list is under SERVERS_CACHE, and the server list carries each server's users:
// every server and remote-user write drops both.
const servers = { drops: () => [SERVERS_CACHE] };
const users = { drops: () => [USERS_CACHE] };
const groups = { drops: () => [GROUPS_CACHE] };

export const FLUXARK_LIST_EFFECTS: ListEffects<FluxarkClient> = {
    listServers: "read",
    createServer: servers,
    updateServer: servers,
    deleteServer: servers,

    listServerUsers: "read",
    createServerUser: servers,
    updateServerUser: servers,
    deleteServerUser: servers,

    listUsers: "read",
    createUser: users,
    updateUser: users,
    deleteUser: { drops: (id) => [USERS_CACHE, aclCache(id)] }, // the user's access rules go with it

    listAcl: "read",
    addAcl: { drops: (userId) => [aclCache(userId)] },
    deleteAcl: { drops: (userId) => [aclCache(userId)] },

    listUserGroups: "read",
    createUserGroup: groups,
    addServerGroupRule: groups,
    deleteServerGroupRule: groups,
    deleteUserGroup: { drops: () => [GROUPS_CACHE, USERS_CACHE] }, // members lose the group
};
