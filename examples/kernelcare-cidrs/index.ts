/**
 * KernelCare keys locked to network ranges: servers can register with a key only from its
 * CIDRs. A server group collects the KernelCare servers of the data centre.
 */
import { KcareKey, ServerGroup } from "pulumi-tuxcare-fluxark";

const dataCentre = new KcareKey("dc-key", { limit: 100, note: "Data centre", cidrs: ["203.0.113.0/24", "2001:db8:100::/48"] });
const office = new KcareKey("office-key", { limit: 10, note: "Office", cidrs: ["192.0.2.0/25"] });

// Members are KernelCare server ids (as the portal lists them); empty until servers register.
const group = new ServerGroup("dc-group", { name: "data-centre", description: "Servers in the data centre", serverIds: [] });

export const dataCentreKey = dataCentre.key; // secret
export const officeCidrs = office.cidrs;
export const dataCentreServers = dataCentre.servers;
export const groupName = group.name;
