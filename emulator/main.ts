/**
 * `npm run emulator`: starts the emulator of both APIs on 127.0.0.1 and prints how to point the
 * provider at it. Options: --port N, --state FILE (load at start, save on exit),
 * --idle-timeout SECONDS (stop by itself when unused), --bare (TuxCare answers without envelope).
 */
import { parseArgs } from "node:util";
import { DEFAULT_FLUXARK_API_KEY, DEFAULT_TUXCARE_ACCOUNT, startEmulator } from "./server";

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: "8787" },
            state: { type: "string" },
            "idle-timeout": { type: "string" },
            bare: { type: "boolean", default: false },
        },
    });
    const emulator = await startEmulator({
        port: Number(values.port),
        stateFile: values.state,
        tuxcareEnvelope: !values.bare,
        idleTimeoutMs: values["idle-timeout"] ? Number(values["idle-timeout"]) * 1000 : undefined,
    });
    process.stdout.write(
        [
            `Emulator listening on ${emulator.url}`,
            `  TuxCare portal API: ${emulator.tuxcareApiUrl}  (login "${DEFAULT_TUXCARE_ACCOUNT.login}", secret key "${DEFAULT_TUXCARE_ACCOUNT.secretKey}")`,
            `  FluxArk:            ${emulator.fluxarkUrl}  (API key "${DEFAULT_FLUXARK_API_KEY.key}")`,
            `  Admin:              ${emulator.url}/_admin/state`,
            "",
            "Point a stack at it:",
            `  pulumi config set tuxcare:apiUrl ${emulator.tuxcareApiUrl}`,
            `  pulumi config set tuxcare:login ${DEFAULT_TUXCARE_ACCOUNT.login}`,
            `  pulumi config set --secret tuxcare:secretKey ${DEFAULT_TUXCARE_ACCOUNT.secretKey}`,
            `  pulumi config set fluxark:url ${emulator.fluxarkUrl}`,
            `  pulumi config set --secret fluxark:apiKey ${DEFAULT_FLUXARK_API_KEY.key}`,
            "",
        ].join("\n"),
    );
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

void main();
