/**
 * Characters a reader cannot see, in names the reports print: `admin` + U+200B (zero-width space)
 * reads as `admin`, and `prod-db` + U+202E (right-to-left override) + `gnp.exe` reads reversed.
 * The HTML and Markdown forms show each one as its code point, marked, and the report flags every
 * row that holds one; the JSON form keeps the real strings.
 */
import type { ReportFlag } from "./model";

/**
 * Format characters (bidi controls, zero-width space, joiners, BOM, tags), controls (tab, newline,
 * NUL, ...), the line and paragraph separators, and the Hangul fillers that draw as blanks.
 */
const HIDDEN = /[\p{Cf}\p{Cc}\u2028\u2029\u115F\u1160\u3164\uFFA0]/u;
const JOINERS = new Set(["\u200C", "\u200D"]);
const isAscii = (c: string | undefined) => c !== undefined && c.charCodeAt(0) < 0x80;

export const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export interface Segment {
    text: string;
    /** Set when the segment is one hidden character: its code point, `U+200B`. */
    hidden?: string;
}

/**
 * The text cut into visible runs and hidden characters. A joiner (U+200D, U+200C) between two
 * characters outside ASCII is spelling (an emoji sequence, a Persian word) and stays as it is;
 * next to ASCII, or at either end, it hides.
 */
export function segments(text: string): Segment[] {
    const out: Segment[] = [];
    let run = "";
    const chars = [...text];
    chars.forEach((c, i) => {
        const spelling =
            JOINERS.has(c) &&
            i > 0 &&
            i < chars.length - 1 &&
            !isAscii(chars[i - 1]) &&
            !isAscii(chars[i + 1]) &&
            !HIDDEN.test(chars[i - 1]!) &&
            !HIDDEN.test(chars[i + 1]!);
        if (!HIDDEN.test(c) || spelling) {
            run += c;
            return;
        }
        if (run) out.push({ text: run });
        run = "";
        out.push({ text: c, hidden: codePoint(c) });
    });
    if (run) out.push({ text: run });
    return out;
}

/** The hidden characters of a text, as code points, each once. */
export function hiddenCharacters(text: string): string[] {
    return [...new Set(segments(text).flatMap((s) => (s.hidden ? [s.hidden] : [])))];
}

/** The text with each hidden character written as `<U+200B>` (for places that cannot mark it: SVG text, titles). */
export function showHidden(text: string): string {
    return segments(text)
        .map((s) => (s.hidden ? `<${s.hidden}>` : s.text))
        .join("");
}

export const HIDDEN_CHARACTERS_CODE = "hidden-characters";

/** Every string of a row, by field (`user`, `groups[1]`, `servers[0].hostname`), but its key (made of the others) and flag codes. */
function strings(value: unknown, path: string, depth = 0): [string, string][] {
    if (typeof value === "string") return [[path, value]];
    if (depth > 2 || value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`, depth + 1));
    return Object.entries(value).flatMap(([k, v]) =>
        depth === 0 && (k === "key" || k === "flagCodes") ? [] : strings(v, path ? `${path}.${k}` : k, depth + 1),
    );
}

/**
 * A warning for every row, of every table given, whose text holds a hidden character, naming the
 * fields and the characters; the code is added to the row's own `flagCodes` where it has them.
 */
export function hiddenCharacterFlags<Table extends string>(
    tables: Partial<Record<Table, readonly { key: string }[]>>,
): ReportFlag<typeof HIDDEN_CHARACTERS_CODE, Table>[] {
    const flags: ReportFlag<typeof HIDDEN_CHARACTERS_CODE, Table>[] = [];
    for (const [table, rows] of Object.entries(tables) as [Table, readonly { key: string; flagCodes?: string[] }[]][]) {
        for (const row of rows ?? []) {
            const found = strings(row, "").flatMap(([field, text]) => {
                const hidden = hiddenCharacters(text);
                return hidden.length ? [{ field, hidden }] : [];
            });
            if (found.length === 0) continue;
            const characters = [...new Set(found.flatMap((f) => f.hidden))].join(", ");
            row.flagCodes?.push(HIDDEN_CHARACTERS_CODE);
            flags.push({
                code: HIDDEN_CHARACTERS_CODE,
                severity: "warning",
                message: `${row.key}: ${found.map((f) => f.field).join(", ")} ${found.length > 1 ? "hold" : "holds"} invisible or bidirectional characters (${characters}), so it may read as another name`,
                row: { table, key: row.key },
            });
        }
    }
    return flags;
}
