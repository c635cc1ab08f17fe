/**
 * One entry point for every output form. JSON is the documented, versioned shape of model.ts,
 * pretty-printed; Markdown and HTML are drawn from the same object.
 */
import type { Report } from "./model";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";

export const REPORT_FORMATS = ["json", "md", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderJson(report: Report): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReport(report: Report, format: ReportFormat): string {
    switch (format) {
        case "json":
            return renderJson(report);
        case "md":
            return renderMarkdown(report);
        case "html":
            return renderHtml(report);
    }
}
