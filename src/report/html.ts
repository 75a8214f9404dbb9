/**
 * The shell of every HTML report (compare, run, backtest): one self-contained page, inline CSS, inline SVG, no scripts,
 * nothing fetched. Readable at 390 px (tables become stacked rows), printable on A4 portrait without shrinking (print
 * stylesheet, a page break before each section), accessible (captions, header scopes, SVG titles and descriptions,
 * every colour also carried by a number or a sign).
 */

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Links to http(s) URLs in a source text, everything else escaped; long URLs may wrap anywhere. */
export function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s)'"]+)/)
    .map((part, i) => (i % 2 === 1 ? `<a class="url" href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

const f1 = (x: number): string => (Math.round(x * 10) / 10).toString();
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A share as a bar with its 95% interval as a whisker, 0–100% across the cell. The number is printed beside it. */
export function shareBar(share: number, ci: readonly [number, number], title: string, description: string, tone: 'base' | 'alt' = 'alt'): string {
  const x = (v: number) => f1(clamp(v, 0, 1) * 100);
  return `<svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img"><title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc><rect class="track" x="0" y="3" width="100" height="6"/><rect class="${tone}" x="0" y="3" width="${x(share)}" height="6"/><path class="ci" d="M${x(ci[0])} 6H${x(ci[1])}M${x(ci[0])} 2V10M${x(ci[1])} 2V10" vector-effect="non-scaling-stroke"/></svg>`;
}

/** A paired difference (−1…+1) as a dot and its interval around a zero line. */
export function differenceMark(difference: number, ci: readonly [number, number], title: string, description: string): string {
  const x = (v: number) => f1(50 + clamp(v, -1, 1) * 50);
  const tone = ci[0] > 0 ? 'up' : ci[1] < 0 ? 'down' : 'flat';
  return `<svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img"><title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc><rect class="track" x="0" y="3" width="100" height="6"/><path class="zero" d="M50 0V12" vector-effect="non-scaling-stroke"/><path class="ci" d="M${x(ci[0])} 6H${x(ci[1])}" vector-effect="non-scaling-stroke"/><rect class="${tone}" x="${f1(Number(x(difference)) - 1.5)}" y="2" width="3" height="8"/></svg>`;
}

export interface HtmlColumn {
  /** plain text, escaped here */
  readonly header: string;
  readonly numeric?: boolean;
}

export interface HtmlRow {
  /** the row header (HTML) */
  readonly header: string;
  /** cells (HTML), one per column after the first */
  readonly cells: readonly string[];
  readonly className?: string;
  /** a full-width line below the row (HTML): a definition and its source, next to the numbers */
  readonly detail?: string;
}

/**
 * A table with caption and header scopes. On narrow screens each row becomes a block: its header first, then one line
 * per cell labelled with its column header (data-label), so nothing scrolls sideways.
 */
export function htmlTable(caption: string, columns: readonly HtmlColumn[], rows: readonly HtmlRow[]): string {
  const head = columns.map((c, i) => `<th scope="col"${c.numeric && i > 0 ? ' class="n"' : ''}>${escapeHtml(c.header)}</th>`).join('');
  const row = (r: HtmlRow) =>
    `<tr${r.className ? ` class="${r.className}"` : ''}><th scope="row">${r.header}</th>${r.cells
      .map((cell, i) => `<td data-label="${escapeHtml(columns[i + 1]?.header ?? '')}"${columns[i + 1]?.numeric ? ' class="n"' : ''}><div class="v">${cell}</div></td>`)
      .join('')}</tr>`;
  const grouped = rows.some((r) => r.detail !== undefined);
  // with details, each row is a group (kept together in print): the numbers, then the detail across the table
  const body = grouped
    ? rows.map((r) => `<tbody class="group${r.className ? ` ${r.className}` : ''}">\n${row(r)}\n${r.detail !== undefined ? `<tr class="detail"><td colspan="${columns.length}">${r.detail}</td></tr>\n` : ''}</tbody>`).join('\n')
    : `<tbody>\n${rows.map(row).join('\n')}\n</tbody>`;
  return `<table class="rt${grouped ? ' grouped' : ''}">\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n${body}\n</table>`;
}

export interface HtmlSection {
  readonly id: string;
  readonly title: string;
  /** HTML */
  readonly body: string;
  /** start this section on a new printed page (default true; the first section never does) */
  readonly pageBreak?: boolean;
}

const CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1d1d;background:#fff;max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem;overflow-wrap:break-word}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #d8d8d8}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p,li{max-width:44rem}
.meta{color:#4a4a4a;font-size:.92rem;margin:.2rem 0}
.headline{background:#f3f6fa;border-left:5px solid #1b5e9a;padding:.8rem 1rem;margin:1.2rem 0}
.headline h2{border:0;margin-top:0}
.headline ul{padding-left:1.1rem;margin:.4rem 0}.headline li{margin:.5rem 0}
.guide{background:#f7f6ef;border-left:5px solid #b3a64f;padding:.6rem .9rem;font-size:.92rem}
code{font:.88em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f1f1;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
a{color:#0b5394}a.url{overflow-wrap:anywhere;word-break:break-all}
small,.def{font-size:.85rem;color:#444}
.def{display:block;font-weight:400;margin-top:.25rem}
.src{display:block;font-size:.8rem;color:#555;font-weight:400;margin-top:.2rem}
table.rt{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.92rem;table-layout:auto}
.rt caption{text-align:left;font-weight:600;padding:.3rem 0;caption-side:top}
.rt th,.rt td{border-bottom:1px solid #e2e2e2;padding:.45rem .5rem;text-align:left;vertical-align:top}
.rt thead th{border-bottom:2px solid #bdbdbd;font-size:.85rem}
.rt tbody th{font-weight:600;width:34%}
.rt .n{text-align:right}
.rt .base{background:#f6f6f6}
.rt.grouped tr.detail td{padding-top:0;font-size:.85rem;color:#333}.rt.grouped tbody.group tr:first-child th,.rt.grouped tbody.group tr:first-child td{border-bottom:0}
.rt.grouped tbody.group{border-bottom:1px solid #cfcfcf}
.rt.grouped tbody th{width:auto}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ci-text{display:block;font-size:.8rem;color:#555}
svg.bar{display:block;width:100%;min-width:2.5rem;height:12px;margin-top:.2rem}
svg .track{fill:#ececec}svg .alt{fill:#1b5e9a}svg .base{fill:#6b6b6b}svg .ci{stroke:#111;stroke-width:1.5;fill:none}
svg .zero{stroke:#777;stroke-width:1}svg .up{fill:#1b6e3a}svg .down{fill:#b3261e}svg .flat{fill:#6b6b6b}
.up-t{color:#1b6e3a}.down-t{color:#b3261e}
ul.plain{padding-left:1.1rem}ul.plain li{margin:.35rem 0}
footer{margin-top:2.5rem;color:#555;font-size:.85rem;border-top:1px solid #ddd;padding-top:.6rem}
@media (max-width:40rem){
body{padding:1rem .75rem 2rem;font-size:15px}
h1{font-size:1.35rem}
table.rt,.rt tbody,.rt tr,.rt th,.rt td,.rt caption{display:block;width:100%}
.rt thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.rt tr{border:1px solid #dcdcdc;border-radius:6px;margin:0 0 .8rem;padding:.2rem .2rem .4rem}
.rt tbody th{width:100%;border-bottom:1px solid #e2e2e2}
.rt tbody.group{border:1px solid #dcdcdc;border-radius:6px;margin:0 0 .8rem;display:block}
.rt tbody.group tr{border:0;margin:0}
.rt tr.detail td{display:block}.rt tr.detail td::before{content:none}
.rt td{border:0;padding:.25rem .5rem;display:grid;grid-template-columns:minmax(0,45%) minmax(0,1fr);gap:.6rem;text-align:left}
.rt td.n{text-align:left}
.rt td::before{content:attr(data-label);font-weight:600;font-size:.82rem;color:#333}
.rt td .v{min-width:0}
}
@page{size:A4 portrait;margin:16mm 14mm}
@media print{
body{max-width:none;padding:0;font-size:10.5pt;color:#000}
h1{font-size:17pt}h2{font-size:13pt}
.rt th,.rt td{padding:.3rem .3rem}.rt{font-size:9.5pt}
section.page{break-before:page}
.rt tr,.rt tbody.group,.headline li,ul.plain li{break-inside:avoid}
.rt thead{display:table-header-group}
h2,h3,caption{break-after:avoid}
a{color:#000;text-decoration:none}
.headline,.guide,.rt tr.base{-webkit-print-color-adjust:exact;print-color-adjust:exact}
svg .track,svg .alt,svg .base,svg .up,svg .down,svg .flat{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

/** The whole page: header, sections (each a landmark with a heading; page breaks between them in print), footer. */
export function htmlPage(page: { title: string; meta: string; sections: readonly HtmlSection[]; footer: string }): string {
  const sections = page.sections
    .map((s, i) => `<section id="${s.id}" aria-labelledby="${s.id}-h"${i > 0 && s.pageBreak !== false ? ' class="page"' : ''}>\n<h2 id="${s.id}-h">${escapeHtml(s.title)}</h2>\n${s.body}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
${page.meta}
</header>
<main>
${sections}
</main>
<footer>${page.footer}</footer>
</body>
</html>
`;
}
