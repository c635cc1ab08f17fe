import { segments } from "./hidden";

/** Text into HTML (element content and quoted attribute values alike); hidden characters stay as they are. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text into HTML element content, each hidden character (a zero-width space, a bidi override: see
 * hidden.ts) shown as its code point in a <mark>, so it can be seen and cannot reorder the text.
 */
export function htmlText(text: string): string {
    return segments(text)
        .map((s) =>
            s.hidden
                ? `<mark class="hidden-char" title="an invisible character, ${s.hidden}">&lt;${s.hidden}&gt;</mark>`
                : escapeHtml(s.text),
        )
        .join("");
}

/**
 * Text into a Markdown table cell: no line breaks, no cell-ending `|`, no HTML, and every
 * Markdown sign escaped, so a hostile name cannot add markup, links or @-mentions to a comment.
 * GitHub also links bare addresses (`https://…`, `www.…`) and references (`#12`, `:emoji:`) on its
 * own: an entity in the middle of each keeps the text as it reads but breaks the pattern. A hidden
 * character (a newline or tab included) is shown as its code point in a code span: `<U+200B>`.
 */
export function escapeMarkdown(text: string): string {
    return segments(text)
        .map((s) => (s.hidden ? `\`<${s.hidden}>\`` : escapeMarkdownText(s.text)))
        .join("");
}

function escapeMarkdownText(text: string): string {
    return text
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
        .replace(/[&<@]|#(?=\w)|:(?=\/\/|[\w+-]+:)|(?<=\bwww)\./gi, (c) => MARKDOWN_ENTITY[c] ?? `&#${c.charCodeAt(0)};`);
}

const MARKDOWN_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;" };
