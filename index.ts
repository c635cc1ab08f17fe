/**
 * The demo program: a small company's TuxCare licenses and FluxArk SSH access. `npm run demo`
 * runs it against the local emulator; with real accounts, `pulumi up` runs it against the TuxCare
 * portal and your FluxArk (set tuxcare:login, fluxark:url, and as secrets tuxcare:secretKey and
 * fluxark:apiKey; and, required, demo:userPassword and demo:deployKey as secrets).
 *
 * `demo:followUp` (true/false) turns on the change a pull request would make: the on-call team
 * gains the payments servers, and the contractor's ACL rule goes. The demo previews it for its
 * access-diff report.
 *
 * It is an account as found, not as the policy pack (policy/) would have it, so that the reports
 * have something to flag: it breaks the mandatory rules tuxcare-no-unlimited-license (db-fleet),
 * fluxark-grant-expires (every grant) and fluxark-no-root-via-wildcard (ops reaches root on pay-db-1).
 */
import * as pulumi from "@pulumi/pulumi";
import { ElsKey, FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, IpLicense, KcareKey, UserGroup } from "pulumi-tuxcare-fluxark";

const config = new pulumi.Config("demo");
const followUp = config.getBoolean("followUp") ?? false;
// Required, with no default: a default would give real accounts a password anyone can read here.
const userPassword = config.requireSecret("userPassword");
const deployKey = config.requireSecret("deployKey");

// ─── TuxCare: licenses ─────────────────────────────────────────────────────────────────────

// Extended lifecycle support for the CentOS 7 web farm and the last Ubuntu 16.04 hosts.
export const centosKey = new ElsKey("centos7-web", { productCode: "CELS", limit: 8, note: "CentOS 7 web farm" }).id;
export const ubuntuKey = new ElsKey("ubuntu16-legacy", { productCode: "UELS16", limit: 4, note: "Ubuntu 16.04 legacy apps" }).id;
// Bought for the AlmaLinux batch hosts, which are not migrated yet.
export const almaKey = new ElsKey("alma-batch", { productCode: "ESU", limit: 5, note: "AlmaLinux batch hosts" }).id;

// KernelCare: web servers may only register from the office and data-centre ranges; databases without limit.
const webFleet = new KcareKey("web-fleet", { limit: 20, note: "Web servers", cidrs: ["10.10.0.0/16", "2001:db8:10::/48"] });
const dbFleet = new KcareKey("db-fleet", { limit: 0, note: "Database servers (unlimited)" });
export const webFleetKeyId = webFleet.id;
export const webFleetCidrs = webFleet.cidrs;
export const dbFleetKeyId = dbFleet.id;

// Per-server licenses for the hosting boxes.
export const ipLicenses = [
    new IpLicense("host-1-kernelcare", { ip: "198.51.100.11", type: "kernelcare" }),
    new IpLicense("host-2-kernelcare", { ip: "198.51.100.12", type: "kernelcare" }),
    new IpLicense("host-1-cloudlinux", { ip: "198.51.100.11", type: "cloudlinux" }),
    new IpLicense("host-3-imunify", { ip: "198.51.100.13", type: "imunify360-single" }),
].map((l) => l.id);

// ─── FluxArk: SSH access ───────────────────────────────────────────────────────────────────

const servers = {
    "pay-db-1": { ipAddr: "10.20.0.11", groups: ["payments", "prod"] },
    "pay-db-2": { ipAddr: "10.20.0.12", groups: ["payments", "prod"] },
    "web-1": { ipAddr: "10.10.0.21", groups: ["web", "prod"] },
    "web-2": { ipAddr: "10.10.0.22", groups: ["web", "prod"] },
    "build-1": { ipAddr: "10.30.0.5", groups: ["ci"] },
};
const server = Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, new FluxarkServer(name, { name, ...s })]));

// The remote accounts FluxArk logs in as, by private key (a secret).
const remote = (serverName: string, username: string) =>
    new FluxarkServerUser(`${serverName}-${username}`, {
        serverId: server[serverName]!.serverId,
        username,
        authMethod: "key",
        sshKey: deployKey,
    });
for (const name of Object.keys(servers)) remote(name, "deploy");
remote("pay-db-1", "root");
remote("pay-db-1", "postgres");
remote("pay-db-2", "postgres");
const web1Deploy = remote("web-1", "deploy-ro");
remote("build-1", "runner");

// Teams as user groups. A server group exists once a server carries it, so grants wait for the servers.
const everyServer = { dependsOn: Object.values(server) };
const ops = new UserGroup(
    "ops",
    { name: "ops", grants: [{ serverGroup: "prod", username: "*", expireTime: "2031-12-31T23:59:59Z" }] },
    everyServer,
);
const dba = new UserGroup("dba", { name: "dba", grants: [{ serverGroup: "payments", username: "postgres" }] }, everyServer);
const oncallGrants = [{ serverGroup: "web", username: "deploy" }];
if (followUp) oncallGrants.push({ serverGroup: "payments", username: "deploy" });
const oncall = new UserGroup("oncall", { name: "oncall", grants: oncallGrants }, everyServer);
const ci = new UserGroup("ci", { name: "ci", grants: [{ serverGroup: "ci", username: "runner" }] }, everyServer);

const person = (
    username: string,
    fullName: string,
    groups: pulumi.Input<string>[],
    more: Partial<{ authType: "password" | "key"; passwordType: "password" | "password-token"; serverAdmin: boolean }> = {},
) =>
    new FluxarkUser(username, {
        username,
        email: `${username}@example.com`,
        fullName,
        password: userPassword,
        authType: more.authType ?? "key",
        sshKey:
            more.authType === "password" ? undefined : `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoOnlyKeyFor${username} ${username}@laptop`,
        passwordType: more.passwordType ?? "password-token",
        serverAdmin: more.serverAdmin ?? false,
        groups,
        deletionPolicy: "delete",
    });
export const users = [
    person("alice", "Alice Martin", [ops.name], { serverAdmin: true }),
    person("bruno", "Bruno Costa", [ops.name, oncall.name]),
    person("chen", "Chen Wei", [dba.name]),
    person("dana", "Dana Levi", [dba.name, oncall.name], { authType: "password", passwordType: "password" }),
    person("erik", "Erik Berg", [oncall.name]),
    person("farah", "Farah Haddad", [ci.name]),
].map((u) => u.username);

// The contractor: one remote account on one web server, for two weeks.
const contractor = person("contractor", "Contract Engineer", []);
export const contractorAccess = followUp
    ? undefined
    : new FluxarkAcl("contractor-web-1", { userId: contractor.userId, userServerId: web1Deploy.userServerId, expireDays: 14 }).expiresAt;
