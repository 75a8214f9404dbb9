/**
 * The self-contained HTML report of a comparison: inline CSS and inline SVG charts, no scripts, no fonts or images
 * fetched, nothing from the network. Opens offline in any browser and prints cleanly.
 */
import type { Comparison } from '../analyses/comparison';
import { blockerSentence, changeSentence, points, pointsInterval, ruleName, shownOutcomes } from './comparePhrases';
import { interval, pct } from './table';
import { citationText } from '../rules/citation';

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Links to http(s) URLs in a source text, everything else escaped. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s)'"]+)/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

const PALETTE = ['#4d4d4d', '#1b6ca8', '#d1495b', '#2e8540', '#edae49', '#6a4c93', '#00798c', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const f1 = (x: number): string => x.toFixed(1);

/** Horizontal bars, one per rule, with the 95% interval as a whisker. */
function shareChart(c: Comparison, o: number): string {
  const labelWidth = 260;
  const plot = 380;
  const row = 22;
  const top = 26;
  const height = top + c.rules.length * row + 24;
  const x = (v: number) => labelWidth + v * plot;
  const parts: string[] = [];
  parts.push(`<text x="${labelWidth}" y="14" class="t">${escapeHtml(c.outcomes[o].label)}: share of runs</text>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${f1(x(tick))}" y1="${top - 4}" x2="${f1(x(tick))}" y2="${height - 20}" class="grid"/>`);
    parts.push(`<text x="${f1(x(tick))}" y="${height - 6}" class="tick" text-anchor="middle">${tick * 100}%</text>`);
  }
  c.rules.forEach((r, i) => {
    const y = top + i * row;
    const share = r.outcomes[o];
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" class="l" text-anchor="end">${escapeHtml(ruleName(r, i))}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${f1(share.share * plot)}" height="${row - 8}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeHtml(`${ruleName(r, i)}: ${pct(share.share)} (95% interval ${interval(share.ci95)})`)}</title></rect>`);
    const [lo, hi] = share.ci95;
    const mid = y + row / 2 - 1;
    parts.push(`<path d="M${f1(x(lo))} ${mid}H${f1(x(hi))}M${f1(x(lo))} ${mid - 4}V${mid + 4}M${f1(x(hi))} ${mid - 4}V${mid + 4}" class="ci"/>`);
    parts.push(`<text x="${f1(x(hi) + 6)}" y="${y + 14}" class="v">${pct(share.share)}</text>`);
  });
  return `<svg viewBox="0 0 ${labelWidth + plot + 70} ${height}" width="${labelWidth + plot + 70}" height="${height}" role="img" aria-label="${escapeHtml(c.outcomes[o].label)} by rule">${parts.join('')}</svg>`;
}

/** Paired differences from the baseline: a dot and its interval on a −100…+100 point axis around zero. */
function differenceChart(c: Comparison, o: number): string {
  const rules = c.rules.slice(1);
  const labelWidth = 260;
  const plot = 380;
  const row = 22;
  const top = 26;
  const height = top + rules.length * row + 24;
  const x = (v: number) => labelWidth + ((v + 1) / 2) * plot;
  const parts: string[] = [`<text x="${labelWidth}" y="14" class="t">${escapeHtml(c.outcomes[o].label)}: difference from the baseline (points)</text>`];
  for (const tick of [-1, -0.5, 0, 0.5, 1]) {
    parts.push(`<line x1="${f1(x(tick))}" y1="${top - 4}" x2="${f1(x(tick))}" y2="${height - 20}" class="${tick === 0 ? 'zero' : 'grid'}"/>`);
    parts.push(`<text x="${f1(x(tick))}" y="${height - 6}" class="tick" text-anchor="middle">${tick > 0 ? '+' : ''}${tick * 100}</text>`);
  }
  rules.forEach((r, i) => {
    const y = top + i * row;
    const d = r.outcomes[o];
    const mid = y + row / 2;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" class="l" text-anchor="end">${escapeHtml(ruleName(r, i + 1))}</text>`);
    parts.push(`<path d="M${f1(x(d.differenceCi95[0]))} ${mid}H${f1(x(d.differenceCi95[1]))}" class="ci"/>`);
    parts.push(`<circle cx="${f1(x(d.difference))}" cy="${mid}" r="4" fill="${PALETTE[(i + 1) % PALETTE.length]}"><title>${escapeHtml(`${ruleName(r, i + 1)}: ${points(d.difference)} points (paired 95% interval ${pointsInterval(d.differenceCi95)})`)}</title></circle>`);
  });
  return `<svg viewBox="0 0 ${labelWidth + plot + 40} ${height}" width="${labelWidth + plot + 40}" height="${height}" role="img" aria-label="difference from the baseline">${parts.join('')}</svg>`;
}

const CSS = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
.meta{color:#555}table{border-collapse:collapse;margin:.8em 0;font-size:.92em}th,td{border-bottom:1px solid #e5e5e5;padding:.3em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}code{font-size:.92em;background:#f4f4f4;padding:0 .2em}
svg{display:block;margin:.6em 0;max-width:100%;height:auto}svg .t{font-size:13px;font-weight:600}svg .l,svg .v{font-size:12px}svg .tick{font-size:11px;fill:#666}
svg .grid{stroke:#e3e3e3}svg .zero{stroke:#888}svg .ci{stroke:#111;stroke-width:1.4;fill:none}
.guide{background:#f7f7f2;border-left:4px solid #c9c28f;padding:.6em .9em}ul.rules li{margin-bottom:.5em}
@media print{body{margin:0}a{color:inherit}}`;

export function compareHtml(c: Comparison): string {
  const shown = shownOutcomes(c);
  const title = `${c.scenario.title}: decision rules compared`;
  const shareRows = c.rules
    .map(
      (r, i) =>
        `<tr><td><code>${escapeHtml(ruleName(r, i))}</code></td>${shown.map((o) => `<td class="n">${pct(r.outcomes[o].share)}<br><small>${interval(r.outcomes[o].ci95)}</small></td>`).join('')}<td class="n">${r.hours.mean.toFixed(1)} h</td><td class="n">${r.timeLeft.meanHours.toFixed(1)} h</td><td class="n">${i === 0 ? '—' : pct(r.changed.share)}</td></tr>`,
    )
    .join('\n');
  const diffRows = c.rules
    .slice(1)
    .map((r, i) => `<tr><td><code>${escapeHtml(ruleName(r, i + 1))}</code></td>${shown.map((o) => `<td class="n">${points(r.outcomes[o].difference)}<br><small>${escapeHtml(pointsInterval(r.outcomes[o].differenceCi95))}</small></td>`).join('')}</tr>`)
    .join('\n');
  const outcomeHeads = shown.map((o) => `<th class="n">${escapeHtml(c.outcomes[o].label)}</th>`).join('');
  const rules = c.rules
    .map(
      (r, i) =>
        `<li><code>${escapeHtml(ruleName(r, i))}</code> — ${r.reform ? `<strong>${escapeHtml(r.reform.title)}</strong> (${escapeHtml(r.reform.proponent)}, ${escapeHtml(r.reform.date)}). ` : ''}Rule <code>${escapeHtml(r.spec)}</code>: ${escapeHtml(r.title)}.<br>Behaviour (${escapeHtml(r.floor.name)} floor model): ${escapeHtml(r.floor.behaviour)}.<br><small>Source: ${linkify(citationText(r))}</small></li>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Scenario <code>${escapeHtml(c.scenario.id)}</code>${c.scenario.file && !c.scenario.file.startsWith('/') ? ` (<code>${escapeHtml(c.scenario.file)}</code>)` : ''} · ${c.runs.toLocaleString('en-US')} simulated runs per rule, the same runs under every rule (common random numbers) · seed <code>${escapeHtml(c.seed)}</code> · baseline <code>${escapeHtml(c.baseline)}</code>${c.partial ? ' · <strong>partial result (interrupted)</strong>' : ''}</p>
<p class="guide">How to read this: each share is the fraction of simulated runs ending in that outcome; the 95% interval is the range compatible with the runs and reflects simulation noise only, not uncertainty in the scenario's assumptions. Differences are measured on the same runs under each rule; a difference whose interval excludes zero is an effect of the rule within this scenario.</p>
<h2>Outcome shares by rule</h2>
${shown.map((o) => shareChart(c, o)).join('\n')}
<table>
<thead><tr><th>Rule</th>${outcomeHeads}<th class="n">Hours on item</th><th class="n">Time left</th><th class="n">Changed vs baseline</th></tr></thead>
<tbody>
${shareRows}
</tbody>
</table>
${
  c.rules.length > 1
    ? `<h2>Difference from the baseline</h2>
${shown.map((o) => differenceChart(c, o)).join('\n')}
<table>
<thead><tr><th>Rule</th>${outcomeHeads}</tr></thead>
<tbody>
${diffRows}
</tbody>
</table>
<h2>What changed, run by run</h2>
<ul>
${c.rules
  .slice(1)
  .map((r, i) => `<li><code>${escapeHtml(ruleName(r, i + 1))}</code>: ${escapeHtml(changeSentence(c, r))}.</li>`)
  .join('\n')}
</ul>`
    : ''
}
<h2>Decisive objections</h2>
<ul>
${c.rules.map((r, i) => `<li><code>${escapeHtml(ruleName(r, i))}</code>: ${escapeHtml(blockerSentence(r))}.</li>`).join('\n')}
</ul>
<h2>Rules compared</h2>
<ul class="rules">
${rules}
</ul>
<p class="meta"><small>Generated by plenary. Reproduce with the same scenario, rules, seed and number of runs.</small></p>
</body>
</html>
`;
  return html;
}
