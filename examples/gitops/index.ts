/** The stack the drift gate keeps true: one ESU key and one FluxArk server. */
import { ElsKey, FluxarkServer } from "pulumi-tuxcare-fluxark";

const esu = new ElsKey("alma-esu", { productCode: "ESU", limit: 25, note: "AlmaLinux 8 fleet" });
const bastion = new FluxarkServer("bastion", { name: "bastion", ipAddr: "10.0.0.2", isJump: true, groups: ["infra"] });

export const esuKeyId = esu.id;
export const bastionId = bastion.serverId;
