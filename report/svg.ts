/**
 * Horizontal bar charts as inline SVG, drawn here rather than by a charting library: the charts
 * are bars with labels, a few dozen lines; inline SVG needs no script to show, scales and prints
 * sharply, and keeps the page one file with nothing to fetch. Colours come from the page's CSS
 * classes (tone-*), so the chart follows the page's print styles.
 */
import type { ChartView } from "./view";
import { escapeHtml } from "./escape";
import { showHidden } from "./hidden";

const WIDTH = 760;
const LABEL_WIDTH = 260;
const CAPTION_WIDTH = 110;
const BAR_AREA = WIDTH - LABEL_WIDTH - CAPTION_WIDTH;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 16;

/** Keeps a label inside its column (SVG text does not wrap). */
function clip(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function barChartSvg(chart: ChartView): string {
    // The scale of bars without a limit of their own (counts, unlimited keys): the chart's largest figure, limits included.
    const largest = Math.max(1, ...chart.bars.map((b) => (typeof b.of === "number" ? Math.max(b.of, b.value) : b.value)));
    const height = chart.bars.length * ROW_HEIGHT + 8;
    const rows = chart.bars.map((bar, i) => {
        const y = 4 + i * ROW_HEIGHT;
        const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
        // A flagged bar with nothing used (a key no server uses) still shows its tone, as an outline.
        const outline = bar.value === 0 && (bar.tone === "warning" || bar.tone === "critical") ? ` outline-${bar.tone}` : "";
        const track =
            bar.of === "unlimited"
                ? `<rect class="track" x="${LABEL_WIDTH}" y="${barY}" width="${BAR_AREA}" height="${BAR_HEIGHT}" rx="3" fill="url(#${escapeHtml(chart.id)}-hatch)"/>`
                : `<rect class="track${outline}" x="${LABEL_WIDTH}" y="${barY}" width="${BAR_AREA}" height="${BAR_HEIGHT}" rx="3"/>`;
        // A limited key's bar is its own limit; an unlimited key's (and a plain count's) is the chart's largest figure.
        const full = typeof bar.of === "number" ? bar.of : largest;
        const fraction = full > 0 ? Math.min(1, bar.value / full) : 0;
        const fillWidth = bar.value > 0 ? Math.max(2, Math.round(fraction * BAR_AREA)) : 0;
        const fill = fillWidth
            ? `<rect class="fill tone-${bar.tone}" x="${LABEL_WIDTH}" y="${barY}" width="${fillWidth}" height="${BAR_HEIGHT}" rx="3"/>`
            : "";
        const label = bar.detail
            ? `<text class="label" x="${LABEL_WIDTH - 10}" y="${y + 13}" text-anchor="end">${escapeHtml(clip(showHidden(bar.label), 34))}</text>` +
              `<text class="detail" x="${LABEL_WIDTH - 10}" y="${y + 25}" text-anchor="end">${escapeHtml(clip(showHidden(bar.detail), 40))}</text>`
            : `<text class="label" x="${LABEL_WIDTH - 10}" y="${y + ROW_HEIGHT / 2 + 4}" text-anchor="end">${escapeHtml(clip(showHidden(bar.label), 34))}</text>`;
        const caption = `<text class="caption" x="${LABEL_WIDTH + BAR_AREA + 10}" y="${y + ROW_HEIGHT / 2 + 4}">${escapeHtml(showHidden(bar.caption))}</text>`;
        return `<g><title>${escapeHtml(showHidden(`${bar.label}${bar.detail ? ` (${bar.detail})` : ""}: ${bar.caption}`))}</title>${label}${track}${fill}${caption}</g>`;
    });
    const hatch =
        `<defs><pattern id="${escapeHtml(chart.id)}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
        `<rect class="track" width="8" height="8"/><line class="hatch" x1="0" y1="0" x2="0" y2="8" stroke-width="3"/></pattern></defs>`;
    return (
        `<svg class="chart" role="img" aria-label="${escapeHtml(showHidden(chart.title))}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
        hatch +
        rows.join("") +
        `</svg>`
    );
}
