/** The emulator's public surface, for tests, scripts and users' own CI. */
export { startEmulator, DEFAULT_TUXCARE_ACCOUNT, DEFAULT_FLUXARK_API_KEY, TUXCARE_PREFIX, FLUXARK_PREFIX } from "./server";
export type { Emulator, EmulatorOptions, RequestLogEntry } from "./server";
export { EmulatorAdmin } from "./admin-client";
export type { FaultRule, FaultSettings } from "./faults";
