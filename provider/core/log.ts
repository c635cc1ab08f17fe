/**
 * Debug logging of the provider process. Off unless PULUMI_TUXCARE_FLUXARK_DEBUG is set, so a
 * normal `pulumi up` stays quiet; every line goes through `redact` whatever the setting.
 * Lines go to stderr, which the engine records in its verbose logs (`-v=9 --logflow`).
 */
import { redact } from "./redact";

export const DEBUG_ENV = "PULUMI_TUXCARE_FLUXARK_DEBUG";

export function logDebug(message: string): void {
    if (process.env[DEBUG_ENV]) process.stderr.write(`[tuxcare-fluxark] ${redact(message)}\n`);
}
