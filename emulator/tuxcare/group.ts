/**
 * KernelCare server groups (`/api/group`). Every answer comes in the envelope, as documented.
 * There is no call to change a group's description or to delete a group.
 */
import type { Route } from "../http";
import { fail, ok, splitList, tokenRoute, type EmulatedTuxcare } from "./common";
import { KCARE_SERVERS, type KcareServerRow } from "./kcare";

export const SERVER_GROUPS = "serverGroups";

export interface ServerGroupRow extends Record<string, unknown> {
    id: string;
    name: string;
    owner: string;
    description: string;
    serverIds: string[];
}

const groupId = (owner: string, name: string) => `${owner}/${name}`;

export function groupRoutes(api: EmulatedTuxcare): Route[] {
    const { store } = api;
    const ANY = ["GET", "POST", "PUT", "DELETE"] as const;
    const enveloped = (data: unknown) => ok(api, data, true);
    const wireServer = (id: string) => {
        const s = store.get<KcareServerRow>(KCARE_SERVERS, id);
        return { id, hostName: s?.hostname ?? "", ip: s?.ip ?? "", type: "KC" };
    };
    const group = (login: string, name: string | undefined) =>
        name ? store.get<ServerGroupRow>(SERVER_GROUPS, groupId(login, name)) : undefined;

    return [
        tokenRoute(api, ANY, "/create.json", "group.create", (req, login) => {
            const name = (req.args.name ?? "").trim();
            if (!name) return fail("Group name is required");
            if (group(login, name)) return fail("Group already exists");
            const row = store.put<ServerGroupRow>(SERVER_GROUPS, groupId(login, name), {
                id: groupId(login, name),
                name,
                owner: login,
                description: req.args.description ?? "",
                serverIds: [],
            });
            return enveloped({ name: row.name, description: row.description });
        }),
        tokenRoute(api, ANY, "/list.json", "group.list", (_req, login) =>
            enveloped(
                store
                    .list<ServerGroupRow>(SERVER_GROUPS)
                    .filter((g) => g.owner === login)
                    .map((g) => ({ name: g.name, description: g.description })),
            ),
        ),
        tokenRoute(api, ANY, "/servers/list.json", "group.servers.list", (req, login) => {
            const g = group(login, req.args.name);
            return g ? enveloped(g.serverIds.map(wireServer)) : fail("Group not found");
        }),
        tokenRoute(api, ANY, "/servers/put.json", "group.servers.put", (req, login) => {
            const g = group(login, req.args.name);
            if (!g) return fail("Group not found");
            const ids = splitList(req.args.server_ids);
            const missing = ids.filter((id) => !store.get(KCARE_SERVERS, id));
            if (missing.length > 0) return fail(`Server not found: ${missing.join(",")}`);
            const added = ids.filter((id) => !g.serverIds.includes(id));
            g.serverIds = [...g.serverIds, ...added];
            return enveloped(added.map(wireServer));
        }),
        tokenRoute(api, ANY, "/servers/remove.json", "group.servers.remove", (req, login) => {
            const g = group(login, req.args.name);
            if (!g) return fail("Group not found");
            const ids = splitList(req.args.server_ids);
            const removed = g.serverIds.filter((id) => ids.includes(id));
            g.serverIds = g.serverIds.filter((id) => !ids.includes(id));
            return enveloped(removed.map(wireServer));
        }),
    ];
}
