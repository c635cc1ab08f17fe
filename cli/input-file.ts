/**
 * The report command's input files (a preview, a stack export, a snapshot), read whole: each is
 * parsed as one JSON document. A size cap keeps a wrong or runaway file (a preview of a whole
 * organisation's stacks, a log) from taking minutes and gigabytes before anything is said.
 */
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "./args";

/** The default cap on an input file, in MiB (--max-input-mb). */
export const DEFAULT_MAX_INPUT_MB = 64;
const MIB = 1024 * 1024;

const mib = (bytes: number) => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;

/** The file's text, or a usage error naming the option: unreadable, or larger than `maxMb` MiB (checked before reading). */
export function readInputFile(file: string, option: string, maxMb = DEFAULT_MAX_INPUT_MB): string {
    try {
        const size = statSync(file).size;
        if (size > maxMb * MIB) {
            throw new UsageError(
                `--${option} ${file}: ${mib(size)}, over the ${maxMb} MiB limit on input files; --max-input-mb N raises the limit (reading it takes memory several times its size)`,
            );
        }
        return readFileSync(file, "utf8");
    } catch (e) {
        if (e instanceof UsageError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        const why =
            code === "ENOENT"
                ? "no such file"
                : code === "EISDIR"
                  ? "a folder, not a file"
                  : code === "EACCES"
                    ? "permission denied"
                    : (code ?? (e as Error).message);
        throw new UsageError(`--${option} ${file}: cannot be read (${why})`);
    }
}

/** --max-input-mb: a number of MiB above 0 (fractions allowed), at most 4096. */
export function maxInputMb(raw: string | boolean | undefined): number {
    if (raw === undefined) return DEFAULT_MAX_INPUT_MB;
    const text = String(raw).trim();
    const n = Number(text);
    if (text === "" || !Number.isFinite(n) || n <= 0 || n > 4096)
        throw new UsageError(`--max-input-mb must be a number of MiB above 0 and at most 4096 (got ${JSON.stringify(raw)})`);
    return n;
}
