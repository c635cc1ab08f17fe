/**
 * Bad FluxArk inputs stop at preview with the property's name and the rule, before any API call.
 */
import { FluxarkAcl, FluxarkServer, FluxarkServerUser, FluxarkUser, UserGroup } from "../../provider";
import { cliSample, RESOURCE_TYPES, TUXCARE_RESOURCES, type ResourceName } from "../helpers/hostile-inputs";
import { describeBadInputs, fluxarkConfig, type BadInputCase } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

const user = { username: "ok", email: "ok@example.com", password: "Passw0rd-long", fullName: "Ok", authType: "password" as const };
const cases: BadInputCase[] = [
    ["username with special characters", "username", /unix rules/, () => void new FluxarkUser("r", { ...user, username: "bad$name" })],
    ["username over 32 characters", "username", /at most 32 characters/, () => void new FluxarkUser("r", { ...user, username: "a".repeat(33) })],
    ["invalid email", "email", /"not-an-email" is not an e-mail address/, () => void new FluxarkUser("r", { ...user, email: "not-an-email" })],
    ["unknown auth type", "authType", /"otp" is not an auth type/, () => void new FluxarkUser("r", { ...user, authType: "otp" as never })],
    ["key auth without a key", "sshKey", /required when authType is "key"/, () => void new FluxarkUser("r", { ...user, authType: "key" })],
    ["malformed IP allow list", "ipAllowList[1]", /"10.0.0.256" is not/, () => void new FluxarkUser("r", { ...user, ipAllowList: ["10.0.0.1", "10.0.0.256"] })],
    ["no password for a new user", "password", /is required to create a user/, () => void new FluxarkUser("r", { ...user, password: undefined })],
    ["server port 0", "port", /between 1 and 65535/, () => void new FluxarkServer("r", { name: "s", ipAddr: "10.0.0.1", port: 0 })],
    ["server port 70000", "port", /between 1 and 65535/, () => void new FluxarkServer("r", { name: "s", ipAddr: "10.0.0.1", port: 70000 })],
    ["server address", "ipAddr", /neither an IP address nor a host name/, () => void new FluxarkServer("r", { name: "s", ipAddr: "bad host!" })],
    ["remote user auth method", "authMethod", /"token" is not an auth method/, () => void new FluxarkServerUser("r", { serverId: 1, username: "root", authMethod: "token" as never })],
    ["expiry in the past", "expireTime", /is in the past/, () => void new FluxarkAcl("r", { userId: 1, userServerId: 1, expireTime: "2001-01-01 00:00:00" })],
    ["both expireTime and expireDays", "expireDays", /either expireTime or expireDays, not both/, () => void new FluxarkAcl("r", { userId: 1, userServerId: 1, expireTime: "2031-01-01 00:00:00", expireDays: 3 })],
    ["malformed expiry", "expireTime", /is not a time/, () => void new FluxarkAcl("r", { userId: 1, userServerId: 1, expireTime: "next tuesday" })],
    ["zero expireDays", "expireDays", /at least 1/, () => void new FluxarkAcl("r", { userId: 1, userServerId: 1, expireDays: 0 })],
    ["grant expiry in the past", "grants[0].expireTime", /is in the past/, () => void new UserGroup("r", { name: "g", grants: [{ serverGroup: "web", expireTime: "2001-01-01T00:00:00Z" }] })],
    ["a server group granted twice", "grants[1].serverGroup", /granted more than once/, () => void new UserGroup("r", { name: "g", grants: [{ serverGroup: "web" }, { serverGroup: "web", username: "*" }] })],
    // A rule across fields still holds when another field is computed by a resource not yet created.
    [
        "key auth without a key, server id not known until apply",
        "sshKey",
        /required when authMethod is "key"/,
        () => void new FluxarkServerUser("r", { serverId: new FluxarkServer("s", { name: "s", ipAddr: "10.0.0.1" }).serverId, username: "deploy", authMethod: "key" }),
    ],
    // A sample of the hostile-input table (test/unit/hostile-inputs.test.ts runs all of it through check).
    ...cliSample((Object.keys(RESOURCE_TYPES) as ResourceName[]).filter((r) => !TUXCARE_RESOURCES.includes(r))),
];

describeBadInputs("bad FluxArk inputs fail at preview", cases, (env) => fluxarkConfig(env));
