/**
 * Bad inputs for every resource stop at preview with the property's name and the rule, before
 * any API call (the emulator's request log stays empty).
 */
import { ElsKey, IpLicense, KcareKey, ServerGroup } from "../../provider";
import { cliSample, TUXCARE_RESOURCES } from "../helpers/hostile-inputs";
import { describeBadInputs, tuxcareConfig, type BadInputCase } from "../helpers/pulumi";

jest.setTimeout(10 * 60_000);

const cases: BadInputCase[] = [
    ["ElsKey: unknown product code", "productCode", /"RHEL" is not a product code/, () => void new ElsKey("r", { productCode: "RHEL" as never, limit: 1 })],
    ["ElsKey: negative limit", "limit", /0 \(unlimited\) or more/, () => void new ElsKey("r", { productCode: "CELS", limit: -3 })],
    ["ElsKey: fractional limit", "limit", /whole number/, () => void new ElsKey("r", { productCode: "CELS", limit: 2.5 })],
    ["ElsKey: note too long", "note", /at most 255 characters/, () => void new ElsKey("r", { productCode: "CELS", limit: 1, note: "n".repeat(256) })],
    ["IpLicense: invalid IP", "ip", /"300.1.1.1" is not an IPv4 address/, () => void new IpLicense("r", { ip: "300.1.1.1", type: 1 })],
    ["IpLicense: IPv6 is not accepted", "ip", /not an IPv4 address/, () => void new IpLicense("r", { ip: "2001:db8::1", type: 1 })],
    ["IpLicense: unknown license type", "type", /"7" is not a license type/, () => void new IpLicense("r", { ip: "192.0.2.1", type: 7 })],
    ["IpLicense: unknown license type name", "type", /"kernelcare-pro" is not a license type/, () => void new IpLicense("r", { ip: "192.0.2.1", type: "kernelcare-pro" as never })],
    ["KcareKey: note too long", "note", /at most 100 characters/, () => void new KcareKey("r", { limit: 1, note: "n".repeat(101) })],
    ["KcareKey: malformed CIDR", "cidrs[0]", /not an IPv4 or IPv6 CIDR/, () => void new KcareKey("r", { limit: 1, cidrs: ["10.0.0.0.0/8"] })],
    ["ServerGroup: empty name", "name", /must not be empty/, () => void new ServerGroup("r", { name: "  " })],
    ["ServerGroup: duplicate server ids", "serverIds[1]", /"S-1" is listed more than once/, () => void new ServerGroup("r", { name: "g", serverIds: ["S-1", "S-1"] })],
    ["ServerGroup: id with a comma", "serverIds[0]", /must not contain commas/, () => void new ServerGroup("r", { name: "g", serverIds: ["S-1,S-2"] })],
    // A sample of the hostile-input table (test/unit/hostile-inputs.test.ts runs all of it through check).
    ...cliSample(TUXCARE_RESOURCES),
];

describeBadInputs("bad inputs fail at preview", cases, (env) => tuxcareConfig(env));
