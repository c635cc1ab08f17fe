/**
 * The native packages' type tokens beside the dynamic ones: the catalog declares
 * `tuxcare:KcareKey`, the native package serves it as `tuxcare:index:KcareKey`.
 */
export type PackageName = "tuxcare" | "fluxark";

export const PACKAGES: readonly PackageName[] = ["tuxcare", "fluxark"];

export function nativeToken(dynamicType: string): string {
    const [pkg, name] = dynamicType.split(":");
    return `${pkg}:index:${name}`;
}

/** The resource type named by a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeFromUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}
