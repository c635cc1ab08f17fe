/**
 * The report page's stylesheet and its one script, inlined into every HTML report. The script
 * adds sorting to tables and opens folded flag groups for printing: without it the page reads
 * the same, tables in the report's own order.
 */

export const REPORT_CSS = `
:root { --ink: #1d2330; --muted: #5d6678; --line: #dde1e8; --paper: #ffffff; --wash: #f5f7fa;
  --critical: #c62828; --critical-bg: #fdecea; --warning: #b26a00; --warning-bg: #fff4e0;
  --info: #1f5fa8; --info-bg: #e9f1fb; --ok: #2e7d4f; --neutral: #8a93a3; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin: 0; font-size: 26px; }
header p { margin: 4px 0 0; color: var(--muted); }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-top: 18px; }
section h2 { margin: 0 0 4px; font-size: 17px; }
section > p.note { margin: 0 0 10px; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin-top: 18px; }
.figure { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid var(--neutral); border-radius: 8px; padding: 10px 12px; }
.figure .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.figure .label { color: var(--muted); font-size: 12.5px; }
.figure.tone-critical { border-top-color: var(--critical); } .figure.tone-critical .value { color: var(--critical); }
.figure.tone-warning { border-top-color: var(--warning); } .figure.tone-warning .value { color: var(--warning); }
.figure.tone-info { border-top-color: var(--info); }
.figure.tone-ok { border-top-color: var(--ok); }
.charts { display: grid; grid-template-columns: 1fr; gap: 0; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart .label { font-size: 12.5px; fill: var(--ink); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
svg.chart .detail { font-size: 10.5px; fill: var(--muted); }
svg.chart .caption { font-size: 12.5px; fill: var(--ink); font-variant-numeric: tabular-nums; }
svg.chart .track { fill: #eceff3; }
svg.chart .hatch { stroke: #cfd5de; }
svg.chart .outline-warning { stroke: var(--warning); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .outline-critical { stroke: var(--critical); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .tone-critical { fill: var(--critical); } svg.chart .tone-warning { fill: var(--warning); }
svg.chart .tone-info { fill: var(--info); } svg.chart .tone-ok { fill: var(--ok); } svg.chart .tone-neutral { fill: var(--neutral); }
.omitted { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
ul.flags { list-style: none; margin: 6px 0 0; padding: 0; }
ul.flags li { padding: 6px 10px; border-left: 4px solid var(--neutral); margin: 4px 0; border-radius: 4px; background: var(--wash); }
ul.flags li.sev-critical { border-left-color: var(--critical); background: var(--critical-bg); }
ul.flags li.sev-warning { border-left-color: var(--warning); background: var(--warning-bg); }
ul.flags li.sev-info { border-left-color: var(--info); background: var(--info-bg); }
ul.flags a { color: inherit; }
details.flag-group { margin: 4px 0; }
details.flag-group > summary { cursor: pointer; padding: 6px 10px; border-radius: 4px; background: var(--wash); border-left: 4px solid var(--neutral); }
details.flag-group.sev-critical > summary { border-left-color: var(--critical); background: var(--critical-bg); }
details.flag-group.sev-warning > summary { border-left-color: var(--warning); background: var(--warning-bg); }
details.flag-group.sev-info > summary { border-left-color: var(--info); background: var(--info-bg); }
details.flag-group ul.flags { margin-left: 18px; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
mark.hidden-char { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; background: var(--warning-bg); color: var(--warning); border: 1px solid var(--warning); border-radius: 3px; padding: 0 2px; }
.badge { display: inline-block; min-width: 64px; font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .03em; margin-right: 8px; }
.sev-critical .badge { color: var(--critical); } .sev-warning .badge { color: var(--warning); } .sev-info .badge { color: var(--info); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; }
td:first-child, td[data-sort] { white-space: nowrap; }
tr.sev-critical td { background: var(--critical-bg); } tr.sev-critical td:first-child { box-shadow: inset 4px 0 var(--critical); }
tr.sev-warning td { background: var(--warning-bg); } tr.sev-warning td:first-child { box-shadow: inset 4px 0 var(--warning); }
tr.sev-info td:first-child { box-shadow: inset 4px 0 var(--info); }
tr:target td { outline: 2px solid var(--info); outline-offset: -2px; }
th button { all: inherit; cursor: pointer; padding: 0; }
th button::after { content: " \\2195"; opacity: .35; }
th[aria-sort="ascending"] button::after { content: " \\2191"; opacity: 1; }
th[aria-sort="descending"] button::after { content: " \\2193"; opacity: 1; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  section { border: none; padding: 0; margin-top: 14px; break-inside: auto; }
  .figures { grid-template-columns: repeat(5, 1fr); }
  tr, .figure, svg.chart, ul.flags li { break-inside: avoid; }
  thead { display: table-header-group; }
  th button::after { content: ""; }
  .table-wrap { overflow: visible; }
}
`;

/** Sorts every `table.sortable` by a clicked column (a cell's `data-sort` when present, else its text). */
export const PAGE_SCRIPT = `
(function () {
  function value(cell, numeric) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return numeric ? parseFloat(raw) : raw.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a.cells[index], numeric), y = value(b.cells[index], numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
`;
