/**
 * What each resource returns beyond its inputs, for the native schema: the outputs the handlers
 * build, with their types and docs. (The input side comes from each resource's zod schema.)
 */
import { z } from "zod";

const licenseServer = z.object({ id: z.string(), ip: z.string(), hostname: z.string() }).meta({ id: "Server", description: "A server registered with a license key." });

export const RESOURCE_OUTPUTS: Record<string, z.ZodObject> = {
    "tuxcare:ElsKey": z.object({
        key: z.string().describe("The license key (secret)."),
        usageLimit: z.number().int().describe("The key's server limit as the portal holds it (0: unlimited)."),
        servers: z.array(licenseServer).describe("Servers registered under the key."),
    }),
    "tuxcare:IpLicense": z.object({
        registered: z.boolean().describe("Whether the server was registered in CLN with this license."),
        created: z.string().optional().describe("When the license was created, ISO-8601."),
        serverInfo: z.string().optional().describe("OS, version and kernel of the server, from server.json at the last create or update."),
        lastCheckin: z.string().optional().describe("The server's last check-in, ISO-8601, from the last create or update."),
    }),
    "tuxcare:KcareKey": z.object({
        key: z.string().describe("The license key (secret)."),
        enabled: z.boolean().describe("Whether the key is enabled."),
        created: z.string().describe("When the key was created."),
        servers: z.array(licenseServer.extend({ created: z.string() }).meta({ id: "KcareServer", description: "A server registered with a KernelCare key." })).describe("Servers registered with the key, as last read."),
    }),
    "tuxcare:ServerGroup": z.object({
        servers: z
            .array(z.object({ id: z.string(), hostName: z.string(), ip: z.string(), type: z.string() }).meta({ id: "GroupServer", description: "A member of a server group." }))
            .describe("The group's members."),
    }),
    "fluxark:FluxarkServer": z.object({
        serverId: z.number().int().describe("FluxArk's id of the server."),
        created: z.string().describe("When the server was created (UTC)."),
    }),
    "fluxark:FluxarkServerUser": z.object({
        userServerId: z.number().int().describe("FluxArk's id of the remote user (what ACL rules point at)."),
        hasPassword: z.boolean().describe("Whether a password is set."),
    }),
    "fluxark:FluxarkUser": z.object({
        userId: z.number().int().describe("FluxArk's id of the user."),
        created: z.string().describe("When the user was created (UTC)."),
    }),
    "fluxark:FluxarkAcl": z.object({
        aclId: z.number().int().describe("FluxArk's id of the rule."),
        serverId: z.number().int().describe("The server the remote user belongs to."),
        expiresAt: z.string().describe('The absolute expiry FluxArk holds, UTC ("" for never).'),
        created: z.string().describe("When the rule was created (UTC)."),
    }),
    "fluxark:UserGroup": z.object({
        groupId: z.number().int().describe("FluxArk's id of the group."),
    }),
};
