/** ELS and AlmaLinux ESU keys for a fleet: one key per product, sized from one table. */
import { ElsKey, type ElsProductCode } from "pulumi-tuxcare-fluxark";

const fleet: { product: ElsProductCode; servers: number; note: string }[] = [
    { product: "CELS", servers: 12, note: "CentOS 7 stragglers" },
    { product: "UELS18", servers: 4, note: "Ubuntu 18.04 appliances" },
    { product: "ESU", servers: 40, note: "AlmaLinux 8 fleet" },
];

// Head-room of 20% so a new server never waits for a key change.
const keys = fleet.map(
    (f) => new ElsKey(`els-${f.product.toLowerCase()}`, { productCode: f.product, limit: Math.ceil(f.servers * 1.2), note: f.note }),
);

export const keyIds = keys.map((k) => k.id);
export const esuKey = keys[2]!.key; // secret: hand it to the configuration management of the ESU hosts
