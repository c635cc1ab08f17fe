/** Which native package a plugin process serves. */
import { PACKAGES, type PackageName } from "../tokens";

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
