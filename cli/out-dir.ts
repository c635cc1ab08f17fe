/**
 * The folder `discover --out` writes into: new or empty, or any folder with --force. Checked
 * before anything is listed, so a refusal costs no API call and overwrites nothing.
 */
import { readdirSync, statSync } from "node:fs";
import { UsageError } from "./args";

/** Refuses (a usage error naming --out) a file, or a folder with anything in it unless forced. */
export function checkOutDir(dir: string, force: boolean): void {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new UsageError(`--out ${dir} is not a folder`);
    if (stat && !force) {
        const entries = readdirSync(dir);
        if (entries.length > 0) {
            const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, and ${entries.length - 5} more` : "");
            throw new UsageError(
                `--out ${dir} is not empty (it holds ${shown}); choose a new folder, or pass --force to write Pulumi.yaml, index.ts, package.json and README.md over what is there`,
            );
        }
    }
}
