import { Account } from "../../report/account";
import type { FluxarkSnapshot } from "../../report/snapshot";

const snapshot = (): FluxarkSnapshot => ({
    url: "https://fx.example",
    servers: [
        { id: 1, name: "web-1", groups: ["web"], remoteUsers: [{ id: 10, username: "root" }] },
        { id: 2, name: "db-1", groups: ["db"], remoteUsers: [{ id: 20, username: "postgres" }] },
    ],
    users: [
        { id: 1, username: "alice", groups: ["ops"], acl: [] },
        { id: 2, username: "bob", groups: ["ops", "dba"], acl: [] },
    ],
    groups: [
        { id: 7, name: "ops", grants: [] },
        { id: 8, name: "dba", grants: [] },
    ],
});

describe("the indexed account the access diff changes in place", () => {
    test("finds users, servers, groups and a remote user's server by id or name", () => {
        const fx = new Account(snapshot());
        expect(fx.user(2)?.username).toBe("bob");
        expect(fx.user(99, "alice")?.id).toBe(1);
        expect(fx.server(undefined, "db-1")?.id).toBe(2);
        expect(fx.serverOfRemoteUser(20)?.name).toBe("db-1");
        expect(fx.group(undefined, "dba")?.id).toBe(8);
    });

    test("renaming a group renames it on every member; removing it takes it off them", () => {
        const fx = new Account(snapshot());
        fx.patchGroup(fx.group(7)!, { name: "sre", grants: [] });
        expect(fx.snapshot().users.map((u) => u.groups)).toEqual([["sre"], ["sre", "dba"]]);
        expect(fx.group(undefined, "ops")).toBeUndefined();
        fx.removeGroup(fx.group(undefined, "sre")!);
        expect(fx.snapshot().users.map((u) => u.groups)).toEqual([[], ["dba"]]);
        // The membership index followed the renames: removing dba reaches bob.
        fx.removeGroup(fx.group(8)!);
        expect(fx.user(2)?.groups).toEqual([]);
    });

    test("a patched server is found by its new name and new remote users, in its place in the list", () => {
        const fx = new Account(snapshot());
        const web = fx.server(1)!;
        fx.patchServer(web, { name: "web-2" });
        fx.setRemoteUsers(web, [{ id: 11, username: "deploy" }]);
        expect(fx.server(undefined, "web-1")).toBeUndefined();
        expect(fx.server(undefined, "web-2")).toBe(web);
        expect(fx.serverOfRemoteUser(10)).toBeUndefined();
        expect(fx.serverOfRemoteUser(11)).toBe(web);
        expect(fx.snapshot().servers.map((s) => s.name)).toEqual(["web-2", "db-1"]);
    });

    test("users added and removed keep the list's order and the indexes", () => {
        const fx = new Account(snapshot());
        fx.removeUser(fx.user(1)!);
        fx.addUser({ id: -1, username: "carol", groups: ["dba"], acl: [] });
        fx.patchUser(fx.user(2)!, { groups: [] });
        expect(fx.snapshot().users.map((u) => u.username)).toEqual(["bob", "carol"]);
        expect(fx.user(undefined, "alice")).toBeUndefined();
        fx.removeGroup(fx.group(8)!);
        expect(fx.user(-1)?.groups).toEqual([]);
    });
});
