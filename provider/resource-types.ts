// Generated from provider/catalog.ts by `npm run schema` (scripts/schema.ts): do not edit.
/** The type token of every resource in the catalog, in its order; read through provider/tokens.ts. */
export const RESOURCE_TYPES = [
    "tuxcare:ElsKey",
    "tuxcare:IpLicense",
    "tuxcare:KcareKey",
    "tuxcare:ServerGroup",
    "fluxark:FluxarkServer",
    "fluxark:FluxarkServerUser",
    "fluxark:FluxarkUser",
    "fluxark:FluxarkAcl",
    "fluxark:UserGroup",
] as const;
