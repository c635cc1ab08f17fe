/** Text into HTML (element content and quoted attribute values alike). */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text into a Markdown table cell: no line breaks, no cell-ending `|`, no HTML, and every
 * Markdown sign escaped, so a hostile name cannot add markup, links or @-mentions to a comment.
 * GitHub also links bare addresses (`https://…`, `www.…`) and references (`#12`, `:emoji:`) on its
 * own: an entity in the middle of each keeps the text as it reads but breaks the pattern.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\r\n\t]+/g, " ")
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
        .replace(/[&<@]|#(?=\w)|:(?=\/\/|[\w+-]+:)|(?<=\bwww)\./gi, (c) => MARKDOWN_ENTITY[c] ?? `&#${c.charCodeAt(0)};`);
}

const MARKDOWN_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;" };
