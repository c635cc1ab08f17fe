/** pulumi-tuxcare-fluxark: TuxCare portal licenses and FluxArk access rules as Pulumi resources. */
// The resources' Args, classes and object types are generated from their declarations (npm run generate).
export * from "./tuxcare/resources.generated";
export * from "./fluxark/resources.generated";
// Their names before they were generated: the SDKs call them Server and UserGroupGrant.
export type { Server as ElsServer } from "./tuxcare/resources.generated";
export type { UserGroupGrantArgs as ServerGroupGrantArgs } from "./fluxark/resources.generated";
export { ELS_PRODUCT_CODES } from "./tuxcare/els-key";
export type { ElsProductCode } from "./tuxcare/els-key";
export { IP_LICENSE_TYPES } from "./tuxcare/ip-license";
export type { IpLicenseTypeName } from "./tuxcare/ip-license";
export * from "./tuxcare/functions";
export { ApiError, InvalidArgumentError } from "./core/errors";
export type { ApiErrorKind } from "./core/errors";
export { accessRules, groupGrants, readAccessFile } from "./access/declare";
export type { AccessIds } from "./access/declare";
export { aclResourceName, parseAccessFile, parseDuration, accessFileJsonSchema, AccessFileError } from "./access/file";
export type { AccessEntry, AccessFile } from "./access/file";
