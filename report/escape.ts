/** Text into HTML (element content and quoted attribute values alike). */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text into a Markdown table cell: no line breaks, no cell-ending `|`, no HTML, and every
 * Markdown sign escaped, so a hostile name cannot add markup, links or @-mentions to a comment.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\r\n\t]+/g, " ")
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/@/g, "&#64;");
}
