/**
 * Entry point of a native provider plugin. Two ways in:
 * - `node main.js <tuxcare|fluxark> <engine address>`, started by the launchers in bin/;
 * - the self-contained executable `pulumi-resource-<tuxcare|fluxark>[.exe]` (this file bundled into
 *   a Node single-executable application by scripts/package-plugins.ts), started by the engine with
 *   only its own arguments: the package is the one the executable is named for.
 * Serves the package's ResourceProvider on a loopback port and prints the port, as the engine's
 * plugin protocol asks.
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { hostedPackage } from "./package";
import { providerService } from "./service";
import { PACKAGES } from "../tokens";
import { packageToServe } from "./served-package";

async function main(): Promise<void> {
    const name = packageToServe(process.argv.slice(2), process.execPath);
    if (!name) {
        process.stderr.write(
            `usage: main.js <${PACKAGES.join("|")}> <engine address>, or run as pulumi-resource-<${PACKAGES.join("|")}>\n`,
        );
        process.exit(2);
    }
    const server = new grpc.Server({ "grpc.max_receive_message_length": 1 << 30 });
    server.addService(ResourceProviderService, providerService(hostedPackage(name)));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    process.stdout.write(`${port}\n`);
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
