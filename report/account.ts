/**
 * A FluxArk snapshot with indexes, changed in place by a preview's steps (access-diff.ts): each
 * lookup and change costs the same whatever the account's size, so applying N steps is linear in N.
 * `snapshot()` gives the plain form back, in the order a filter-and-push would have left it.
 */
import type { FluxarkSnapshot, RemoteUser, SnapshotGroup, SnapshotServer, SnapshotUser } from "./snapshot";

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
    let set = index.get(key);
    if (!set) {
        set = new Set();
        index.set(key, set);
    }
    set.add(value);
}

export class Account {
    readonly url: string;
    private readonly users = new Map<number, SnapshotUser>();
    private readonly usersByName = new Map<string, SnapshotUser>();
    private readonly servers = new Map<number, SnapshotServer>();
    private readonly serversByName = new Map<string, SnapshotServer>();
    private readonly groups = new Map<number, SnapshotGroup>();
    private readonly groupsByName = new Map<string, SnapshotGroup>();
    /** Users by the group names they carry. */
    private readonly members = new Map<string, Set<SnapshotUser>>();
    /** The server of each remote user id. */
    private readonly remoteServer = new Map<number, SnapshotServer>();

    /** Takes the snapshot's objects as they are (no copy). */
    constructor(fx: FluxarkSnapshot) {
        this.url = fx.url;
        for (const s of fx.servers) this.addServer(s);
        for (const u of fx.users) this.addUser(u);
        for (const g of fx.groups) this.addGroup(g);
    }

    snapshot(): FluxarkSnapshot {
        return { url: this.url, servers: [...this.servers.values()], users: [...this.users.values()], groups: [...this.groups.values()] };
    }

    // Users.

    user(id: number | undefined, username?: string): SnapshotUser | undefined {
        return (id === undefined ? undefined : this.users.get(id)) ?? (username === undefined ? undefined : this.usersByName.get(username));
    }

    addUser(u: SnapshotUser): void {
        this.users.set(u.id, u);
        this.indexUser(u);
    }

    removeUser(u: SnapshotUser): void {
        if (this.users.get(u.id) === u) this.users.delete(u.id);
        this.unindexUser(u);
    }

    /** Changes a user's fields in place (its place in the list kept), keeping the indexes right. */
    patchUser(u: SnapshotUser, patch: Partial<SnapshotUser>): void {
        this.unindexUser(u);
        Object.assign(u, patch);
        this.indexUser(u);
    }

    private indexUser(u: SnapshotUser): void {
        if (!this.usersByName.has(u.username)) this.usersByName.set(u.username, u);
        for (const g of u.groups ?? []) addTo(this.members, g, u);
    }

    private unindexUser(u: SnapshotUser): void {
        if (this.usersByName.get(u.username) === u) this.usersByName.delete(u.username);
        for (const g of u.groups ?? []) this.members.get(g)?.delete(u);
    }

    // Servers and their remote users.

    server(id: number | undefined, name?: string): SnapshotServer | undefined {
        return (id === undefined ? undefined : this.servers.get(id)) ?? (name === undefined ? undefined : this.serversByName.get(name));
    }

    serverOfRemoteUser(remoteUserId: number): SnapshotServer | undefined {
        return this.remoteServer.get(remoteUserId);
    }

    addServer(s: SnapshotServer): void {
        this.servers.set(s.id, s);
        this.indexServer(s);
    }

    removeServer(s: SnapshotServer): void {
        if (this.servers.get(s.id) === s) this.servers.delete(s.id);
        this.unindexServer(s);
    }

    /** Changes a server's fields in place, keeping the indexes right (a new name, new remote users). */
    patchServer(s: SnapshotServer, patch: Partial<SnapshotServer>): void {
        this.unindexServer(s);
        Object.assign(s, patch);
        this.indexServer(s);
    }

    private indexServer(s: SnapshotServer): void {
        if (!this.serversByName.has(s.name)) this.serversByName.set(s.name, s);
        for (const r of s.remoteUsers ?? []) this.remoteServer.set(r.id, s);
    }

    private unindexServer(s: SnapshotServer): void {
        if (this.serversByName.get(s.name) === s) this.serversByName.delete(s.name);
        for (const r of s.remoteUsers ?? []) if (this.remoteServer.get(r.id) === s) this.remoteServer.delete(r.id);
    }

    setRemoteUsers(s: SnapshotServer, remoteUsers: RemoteUser[]): void {
        this.patchServer(s, { remoteUsers });
    }

    // User groups.

    group(id: number | undefined, name?: string): SnapshotGroup | undefined {
        return (id === undefined ? undefined : this.groups.get(id)) ?? (name === undefined ? undefined : this.groupsByName.get(name));
    }

    addGroup(g: SnapshotGroup): void {
        this.groups.set(g.id, g);
        if (!this.groupsByName.has(g.name)) this.groupsByName.set(g.name, g);
    }

    /** Removes the group, and its name from every user carrying it. */
    removeGroup(g: SnapshotGroup): void {
        if (this.groups.get(g.id) === g) this.groups.delete(g.id);
        if (this.groupsByName.get(g.name) === g) this.groupsByName.delete(g.name);
        for (const u of [...(this.members.get(g.name) ?? [])]) this.patchUser(u, { groups: u.groups?.filter((n) => n !== g.name) });
    }

    /** Sets a group's name and grants; a new name is carried over to every user carrying the old one. */
    patchGroup(g: SnapshotGroup, patch: Pick<SnapshotGroup, "name" | "grants">): void {
        const old = g.name;
        if (this.groupsByName.get(old) === g) this.groupsByName.delete(old);
        Object.assign(g, patch);
        if (!this.groupsByName.has(g.name)) this.groupsByName.set(g.name, g);
        if (old !== g.name)
            for (const u of [...(this.members.get(old) ?? [])])
                this.patchUser(u, { groups: u.groups?.map((n) => (n === old ? g.name : n)) });
    }
}
