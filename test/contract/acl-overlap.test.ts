/**
 * A renewal replaces a FluxArk rule create-before-delete, so for a moment two rules give one user
 * the same remote user. The document does not refuse that (it names no such error), so neither
 * does the emulator: both are listed, and deleting the old one leaves the new one.
 */
import { startEmulator, type Emulator } from "../../emulator";
import { fluxarkClientFor } from "../helpers/clients";
import { seedAccessAccount } from "../helpers/access";

let emulator: Emulator;
beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(async () => emulator?.close());

test("two rules for the same user and remote user at once, then the old one removed", async () => {
    const { kimId, deployId } = await seedAccessAccount(emulator);
    const { client, transport } = fluxarkClientFor(emulator);
    try {
        const old = await client.addAcl(kimId, { user_server_id: deployId, expire_time: "2099-01-01 04:00:00" });
        const renewed = await client.addAcl(kimId, { user_server_id: deployId, expire_time: "2099-01-01 10:00:00" });
        expect(renewed).not.toBe(old);
        expect((await client.listAcl(kimId)).map((a) => [a.acl_id, a.user_server_id, a.expire_time])).toEqual([
            [old, deployId, "2099-01-01 04:00:00"],
            [renewed, deployId, "2099-01-01 10:00:00"],
        ]);
        await client.deleteAcl(kimId, old);
        expect((await client.listAcl(kimId)).map((a) => a.acl_id)).toEqual([renewed]);
    } finally {
        await transport.close();
    }
});
