/** pulumi-tuxcare-fluxark: TuxCare portal licenses and FluxArk access rules as Pulumi resources. */
export { KcareKey } from "./tuxcare/kcare-key";
export type { KcareKeyArgs, KcareServer } from "./tuxcare/kcare-key";
export { ApiError } from "./core/errors";
export type { ApiErrorKind } from "./core/errors";
