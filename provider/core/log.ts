/**
 * Debug logging of the provider process. Off unless PULUMI_TUXCARE_FLUXARK_DEBUG is set, so a
 * normal `pulumi up` stays quiet; every line goes through `redact` whatever the setting.
 * Lines go to stderr, which the engine records in its verbose logs (`-v=9 --logflow`).
 */
import { redact } from "./redact";

export const DEBUG_ENV = "PULUMI_TUXCARE_FLUXARK_DEBUG";

type Sink = (line: string) => void;
let sink: Sink | undefined;

/** Tests capture log lines here; otherwise they go to stderr when debugging is on. */
export function setLogSink(s: Sink | undefined): void {
    sink = s;
}

export function logDebug(message: string): void {
    const line = `[tuxcare-fluxark] ${redact(message)}`;
    if (sink) sink(line);
    else if (process.env[DEBUG_ENV]) process.stderr.write(`${line}\n`);
}
