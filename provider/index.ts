/** pulumi-tuxcare-fluxark: TuxCare portal licenses and FluxArk access rules as Pulumi resources. */
export { ElsKey, ELS_PRODUCT_CODES } from "./tuxcare/els-key";
export type { ElsKeyArgs, ElsProductCode, ElsServer } from "./tuxcare/els-key";
export { IpLicense, IP_LICENSE_TYPES } from "./tuxcare/ip-license";
export type { IpLicenseArgs, IpLicenseTypeName } from "./tuxcare/ip-license";
export { KcareKey } from "./tuxcare/kcare-key";
export type { KcareKeyArgs, KcareServer } from "./tuxcare/kcare-key";
export { ServerGroup } from "./tuxcare/server-group";
export type { ServerGroupArgs } from "./tuxcare/server-group";
export * from "./tuxcare/functions";
export { ApiError } from "./core/errors";
export type { ApiErrorKind } from "./core/errors";
