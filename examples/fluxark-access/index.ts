/**
 * A FluxArk access model: two servers grouped by role, a remote account on each, an operations
 * team as a user group granted the "prod" server group, and temporary access (a contractor's
 * few days on one remote account, an on-call grant) read from the access file, access.yaml,
 * which pull requests change (`access request`, `access sweep`). Stack config: fluxark:url,
 * fluxark:apiKey (secret), the private key FluxArk logs in to the servers' remote accounts with
 * (fluxark-access:deployKey, secret, required), the user passwords as secrets
 * (fluxark-access:alicePassword, fluxark-access:contractorPassword), and the access file
 * (fluxark-access:accessFile, default access.yaml beside this program).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { accessRules, FluxarkServer, FluxarkServerUser, FluxarkUser, groupGrants, readAccessFile, UserGroup } from "pulumi-tuxcare-fluxark";

const config = new pulumi.Config();
// Passwords come from stack config as secrets; the defaults only serve the emulator demo.
const alicePassword = config.getSecret("alicePassword") ?? pulumi.secret("alice-Example-Passw0rd");
const contractorPassword = config.getSecret("contractorPassword") ?? pulumi.secret("contractor-Example-Passw0rd");
// A remote account's sshKey is the private key FluxArk itself logs in to the server with: a secret,
// only ever from secret config. (A portal user's sshKey, below, is that person's public key.)
const deployKey = config.requireSecret("deployKey");
const contractorPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnly contractor@laptop";
// Temporary access: read once, checked (a bad entry stops the program, naming the field).
const access = readAccessFile(path.resolve(__dirname, config.get("accessFile") ?? "access.yaml"));

const web = new FluxarkServer("web1", { name: "web1", ipAddr: "10.0.0.11", groups: ["web", "prod"] });
const db = new FluxarkServer("db1", { name: "db1", ipAddr: "db1.internal.example.com", groups: ["db", "prod"] });

const webRoot = new FluxarkServerUser("web1-root", {
    serverId: web.serverId,
    username: "root",
    authMethod: "key",
    sshKey: deployKey,
    defaultUser: true,
});
const dbDeploy = new FluxarkServerUser("db1-deploy", { serverId: db.serverId, username: "deploy", authMethod: "key", sshKey: deployKey });

// The operations team reaches every remote account on production servers until the end of 2031,
// plus what the access file grants it for now. A server group exists once a server carries it,
// so the grant waits for the servers.
const ops = new UserGroup(
    "ops",
    { name: "ops", grants: [{ serverGroup: "prod", username: "*", expireTime: "2031-12-31T23:59:59Z" }, ...groupGrants(access, "ops")] },
    { dependsOn: [web, db] },
);

const alice = new FluxarkUser("alice", {
    username: "alice",
    email: "alice@example.com",
    password: alicePassword,
    fullName: "Alice Ops",
    authType: "password",
    groups: [ops.name],
    ipAllowList: ["192.168.10.0/24"],
});

// The contractor: reaches servers only through the access file's entries; removed for good at destroy.
const contractor = new FluxarkUser("contractor", {
    username: "contractor",
    email: "contractor@partner.example",
    password: contractorPassword,
    fullName: "Contract Engineer",
    authType: "key",
    sshKey: contractorPublicKey,
    deletionPolicy: "delete",
});
// One FluxarkAcl per user entry of the file, named after its grant (access:contractor@db1:deploy).
const temporary = accessRules(access, {
    users: { alice: alice.userId, contractor: contractor.userId },
    remoteUsers: { web1: { root: webRoot.userServerId }, db1: { deploy: dbDeploy.userServerId } },
});

export const aliceId = alice.userId;
export const temporaryAccess = Object.fromEntries(Object.entries(temporary).map(([name, rule]) => [name, rule.expiresAt]));
