/** The emulator's public surface, for tests, scripts and users' own CI. */
export { startEmulator, DEFAULT_TUXCARE_ACCOUNT, DEFAULT_FLUXARK_API_KEY, TUXCARE_PREFIX, FLUXARK_PREFIX } from "./server";
export type { AuthErrorStatus, Emulator, EmulatorOptions } from "./server";
export { requestLogKey, type RequestLogEntry } from "./request-log";
export { EmulatorAdmin, type EmulatorAdminOptions } from "./admin-client";
export type { FaultRule, FaultSettings } from "./faults";
export { realisticAccount, seedRealisticAccount, type RealisticAccount } from "./seed/realistic-account";
