/**
 * The native packages' type tokens beside the dynamic ones: the catalog declares
 * `tuxcare:KcareKey`, the native package serves it as `tuxcare:index:KcareKey`.
 */
export type PackageName = "tuxcare" | "fluxark";

export const PACKAGES: readonly PackageName[] = ["tuxcare", "fluxark"];

const isPackage = (s: string | undefined): s is PackageName => PACKAGES.includes(s as PackageName);

/**
 * The package a plugin process serves: its first argument (the launchers in bin/ pass it), else the
 * one its executable is named for (`pulumi-resource-tuxcare[.exe]`, the self-contained plugin, which
 * the engine starts with its own arguments only).
 */
export function packageToServe(args: readonly string[], executable: string): PackageName | undefined {
    if (isPackage(args[0])) return args[0];
    const named = /^pulumi-resource-([a-z]+)(\.exe)?$/i.exec(executable.split(/[\\/]/).pop() ?? "")?.[1]?.toLowerCase();
    return isPackage(named) ? named : undefined;
}

export function nativeToken(dynamicType: string): string {
    const [pkg, name] = dynamicType.split(":");
    return `${pkg}:index:${name}`;
}

/** The resource type named by a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeFromUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}
