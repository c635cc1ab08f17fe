/** A small FluxArk account for the access-file tests, made through the real client against the emulator. */
import type { Emulator } from "../../emulator";
import { fluxarkClientFor } from "./clients";

export interface AccessAccount {
    serverId: number;
    deployId: number;
    rootId: number;
    kimId: number;
    leeId: number;
    groupId: number;
}

/**
 * web-1 (server group "web") with remote users deploy and root; users kim (in group oncall) and
 * lee, who already reaches web-1 as deploy with no expiry; the user group oncall, with no grants.
 */
export async function seedAccessAccount(emulator: Emulator): Promise<AccessAccount> {
    const { client, transport } = fluxarkClientFor(emulator);
    try {
        const groupId = await client.createUserGroup("oncall");
        const serverId = await client.createServer({
            name: "web-1",
            ip_addr: "10.0.0.11",
            active: true,
            port: 22,
            is_jump: false,
            is_cron: false,
            is_api: false,
            groups: ["web"],
        });
        const deployId = await client.createServerUser(serverId, {
            username: "deploy",
            auth_method: "key",
            ssh_key: "k",
            active: true,
            port: 22,
        });
        const rootId = await client.createServerUser(serverId, {
            username: "root",
            auth_method: "key",
            ssh_key: "k",
            active: true,
            port: 22,
        });
        const user = (username: string, groups: string[]) =>
            client.createUser({
                username,
                email: `${username}@example.com`,
                password: "Example-Passw0rd",
                full_name: username,
                auth_type: "password",
                password_type: "password-token",
                active: true,
                groups,
            });
        const kimId = await user("kim", ["oncall"]);
        const leeId = await user("lee", []);
        await client.addAcl(leeId, { user_server_id: deployId });
        return { serverId, deployId, rootId, kimId, leeId, groupId };
    } finally {
        await transport.close();
    }
}
