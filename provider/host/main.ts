/**
 * Entry point of a native provider plugin: `node main.js <tuxcare|fluxark> <engine address>`,
 * started by the launchers in bin/. Serves the package's ResourceProvider on a loopback port and
 * prints the port, as the engine's plugin protocol asks.
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { hostedPackage } from "./package";
import { providerService } from "./service";
import { PACKAGES, type PackageName } from "./tokens";

async function main(argv: string[]): Promise<void> {
    const name = argv[0] as PackageName;
    if (!PACKAGES.includes(name)) {
        process.stderr.write(`usage: main.js <${PACKAGES.join("|")}> <engine address>\n`);
        process.exit(2);
    }
    const server = new grpc.Server({ "grpc.max_receive_message_length": 1 << 30 });
    server.addService(ResourceProviderService, providerService(hostedPackage(name)));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    process.stdout.write(`${port}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
