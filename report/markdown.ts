/** The Markdown form of a report (a pull-request comment). Placeholder: built on its own branch. */
import type { Report } from "./model";

export function renderMarkdown(_report: Report): string {
    throw new Error("not built yet");
}
