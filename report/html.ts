/** The HTML form of a report (one self-contained page). Placeholder: built on its own branch. */
import type { Report } from "./model";

export function renderHtml(_report: Report): string {
    throw new Error("not built yet");
}
