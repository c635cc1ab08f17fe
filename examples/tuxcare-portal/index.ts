/**
 * Every TuxCare portal resource in one program, plus the read-only lookups as stack outputs.
 * Stack config: tuxcare:login, tuxcare:secretKey (secret), and tuxcare:apiUrl for the emulator.
 */
import {
    checkIpOutput,
    ElsKey,
    getIpAvailabilityOutput,
    IpLicense,
    KcareKey,
    listElsKeysOutput,
    listServerGroupsOutput,
    ServerGroup,
} from "pulumi-tuxcare-fluxark";

// Extended support for the CentOS 7 stragglers and the AlmaLinux fleet.
const centos = new ElsKey("centos7-els", { productCode: "CELS", limit: 10, note: "CentOS 7 hosts" });
const alma = new ElsKey("alma-esu", { productCode: "ESU", limit: 0, note: "AlmaLinux fleet" });

// Per-server licenses, by type name or number.
const web1 = new IpLicense("web1-kernelcare", { ip: "198.51.100.11", type: "kernelcare" });
const web1Imunify = new IpLicense("web1-imunify", { ip: "198.51.100.11", type: "imunify360-unlimited" });

// A KernelCare key for the office network, and a group of its servers.
const office = new KcareKey("office", { limit: 20, note: "Office servers", cidrs: ["203.0.113.0/24"] });
const group = new ServerGroup("office-group", { name: "office", description: "Servers in the office" });

export const centosKeyId = centos.id;
export const almaKey = alma.key; // secret
export const licenses = [web1.id, web1Imunify.id];
export const officeKeyServers = office.servers;
export const groupName = group.name;

// Lookups: run in this program, with the same credentials.
export const web1Availability = web1.ip.apply((ip) => getIpAvailabilityOutput(ip));
export const web1Types = web1Imunify.ip.apply((ip) => checkIpOutput(ip));
export const esuKeyCount = alma.id.apply(() => listElsKeysOutput("ESU").apply((keys) => keys.length));
export const groups = group.id.apply(() => listServerGroupsOutput());
