/** IP licenses for every server listed in servers.json: add a line, `pulumi up`, done. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { IpLicense, type IpLicenseTypeName } from "pulumi-tuxcare-fluxark";

interface Server {
    name: string;
    ip: string;
    licenses: IpLicenseTypeName[];
}

const servers: Server[] = JSON.parse(readFileSync(path.join(__dirname, "servers.json"), "utf8"));

const licenses = servers.flatMap((s) => s.licenses.map((type) => new IpLicense(`${s.name}-${type}`, { ip: s.ip, type })));

export const licenseIds = licenses.map((l) => l.id);
export const licenseCount = licenses.length;
