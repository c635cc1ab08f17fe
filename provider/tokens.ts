/**
 * The tokens of the package's resources, and URNs: the one module that spells them. The catalog
 * declares each resource as `tuxcare:KcareKey`; the engine records a dynamic resource as
 * `pulumi-nodejs:dynamic/tuxcare:KcareKey` and the native package serves it as
 * `tuxcare:index:KcareKey`; a URN names its stack, project, type and name.
 *
 * It loads nothing of the provider: the policy pack and the report read it. The list of types comes
 * from the catalog, generated (resource-types.ts), so a new catalog entry reaches every table keyed
 * by `ResourceType` (discover's, the policy pack's, the report's) as a compile error until handled.
 */
import { RESOURCE_TYPES } from "./resource-types";

export { RESOURCE_TYPES };

/** A catalog entry's type token, `<package>:<Class>`. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export type PackageName = "tuxcare" | "fluxark";

export const PACKAGES: readonly PackageName[] = ["tuxcare", "fluxark"];

/** The class a type token names: `KcareKey` for `tuxcare:KcareKey`. */
export type ClassName<T extends string = ResourceType> = string extends T ? string : T extends `${string}:${infer Name}` ? Name : never;

export const isResourceType = (s: string): s is ResourceType => (RESOURCE_TYPES as readonly string[]).includes(s);

export const packageOf = (type: ResourceType): PackageName => type.slice(0, type.indexOf(":")) as PackageName;

export const className = <T extends string>(type: T): ClassName<T> => type.slice(type.indexOf(":") + 1) as ClassName<T>;

/** A member of a native package (a resource, a function, an object type): `tuxcare:index:<name>`. */
export const memberToken = (pkg: string, name: string): string => `${pkg}:index:${name}`;

/** The native package's token of a catalog type: `tuxcare:index:KcareKey`. */
export const nativeToken = (type: string): string => memberToken(type.slice(0, type.indexOf(":")), className(type));

/** The type the engine records for the dynamic resource of a catalog type. */
export const dynamicToken = (type: ResourceType): string => `pulumi-nodejs:dynamic/${type}`;

/**
 * The catalog type of a token the engine shows (native or dynamic, as in a preview, a stack export
 * or a policy pack's view); undefined for any other: a provider, another package's resource.
 */
export function resourceTypeOf(token: string): ResourceType | undefined {
    const m = /^pulumi-nodejs:dynamic\/([a-z]+:\w+)$/.exec(token) ?? /^([a-z]+):index:(\w+)$/.exec(token);
    const type = m?.[2] === undefined ? m?.[1] : `${m[1]}:${m[2]}`;
    return type !== undefined && isResourceType(type) ? type : undefined;
}

/** `urn:pulumi:<stack>::<project>::<[parent$]type>::<name>`, read as the engine reads it. */
export interface Urn {
    stack: string;
    project: string;
    /** The resource's own type (the last of the qualified `parent$type`). */
    type: string;
    /** Everything after the type: a name may itself hold `::`. */
    name: string;
}

export function parseUrn(urn: string): Urn | undefined {
    if (!urn.startsWith("urn:pulumi:")) return undefined;
    const [stack, project, qualified, ...name] = urn.slice("urn:pulumi:".length).split("::");
    if (project === undefined || qualified === undefined || name.length === 0) return undefined;
    return { stack: stack!, project, type: qualified.split("$").pop()!, name: name.join("::") };
}

export const makeUrn = ({ stack, project, type, name }: Urn): string => `urn:pulumi:${stack}::${project}::${type}::${name}`;

/** A resource's name in its URN, for messages and tables; the text itself when it is no URN. */
export const nameInUrn = (urn: string): string => parseUrn(urn)?.name || urn;
