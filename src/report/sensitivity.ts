/**
 * The `plenary sensitivity` report in five formats (table, JSON, CSV, Markdown, self-contained HTML with a tornado
 * chart in inline SVG), all read from the same SensitivityResult. "Where research pays" comes first: the inputs whose
 * uncertainty moves the answer most, each with its source or "assumption".
 */
import { whereResearchPays, type FactorResult, type SensitivityResult } from '../analyses/sensitivity/analysis';
import type { Stamp } from '../engine/reportExtras';
import { escapeHtml } from './html';
import { csvRow, markdownTable, pct, textTable } from './table';
import { stampLines, stampHtml, stampCsvRows } from './provenance';
import { escapeMarkdown } from './markdown';

export type SensitivityFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export const SENSITIVITY_FORMATS: readonly SensitivityFormat[] = ['table', 'json', 'csv', 'markdown', 'html'];

const n3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
const sourceText = (f: FactorResult) => (f.status === 'sourced' ? (f.source ?? '') : f.source ? (f.status === 'assumption' ? f.source : `${f.source} [number assumed]`) : 'assumption (no source given)');
const outcomeLabel = (r: SensitivityResult, o: string) => r.outcomes.find((x) => x.id === o)?.label ?? o;

/** The outcome the report centres on: the one asked for, else the most likely at the point values. */
export function targetOutcome(r: SensitivityResult, asked?: string): string {
  if (asked !== undefined) return asked;
  return [...r.outcomes].sort((a, b) => b.point - a.point)[0]?.id ?? '';
}

function researchLines(r: SensitivityResult, o: string): string[] {
  return whereResearchPays(r, o).map((f, i) => {
    const s = f.sobol?.[o];
    const sw = f.swing?.[o];
    const effect = s ? `total-order index ${n3(s.total)} (first-order ${n3(s.first)})` : `Morris μ* ${n3(f.morris[o]?.muStar)} (screened out of the Sobol stage)`;
    const move = sw ? `; across its range (${f.ends[0]} to ${f.ends[1]}) p moves from ${pct(sw[0])} to ${pct(sw[1])}` : '';
    return `${i + 1}. ${f.label} — ${effect}${move}. Source: ${sourceText(f)}`;
  });
}

const columns = [
  { header: 'Input' },
  { header: 'Range' },
  { header: 'μ*', align: 'right' as const },
  { header: 'S1', align: 'right' as const },
  { header: 'ST', align: 'right' as const },
  { header: 'Swing', align: 'right' as const },
  { header: 'Source' },
];

function factorRows(r: SensitivityResult, o: string, limit: number): string[][] {
  const ranked = [...r.factors].sort((a, b) => (b.sobol?.[o]?.total ?? -1) - (a.sobol?.[o]?.total ?? -1) || (b.morris[o]?.muStar ?? 0) - (a.morris[o]?.muStar ?? 0) || a.id.localeCompare(b.id));
  return ranked.slice(0, limit).map((f) => {
    const sw = f.swing?.[o];
    return [f.label, `${f.ends[0]} … ${f.ends[1]}`, n3(f.morris[o]?.muStar), n3(f.sobol?.[o]?.first), n3(f.sobol?.[o]?.total), sw ? `${pct(sw[0])}→${pct(sw[1])}` : '', f.status === 'sourced' ? 'sourced' : f.status];
  });
}

const groupColumns = [{ header: 'Group' }, { header: 'Inputs', align: 'right' as const }, { header: 'Σ μ*', align: 'right' as const }, { header: 'Σ ST', align: 'right' as const }];
function groupRows(r: SensitivityResult, o: string, kind: 'participant' | 'bloc', limit: number): string[][] {
  return r.groups
    .filter((g) => g.kind === kind || (kind === 'participant' && g.kind === 'other'))
    .sort((a, b) => (b.total[o] ?? 0) - (a.total[o] ?? 0) || (b.muStar[o] ?? 0) - (a.muStar[o] ?? 0) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((g) => [g.kind === 'other' ? `(${g.id})` : g.id, String(g.inputs), n3(g.muStar[o]), n3(g.total[o])]);
}

function headerLines(r: SensitivityResult): string[] {
  const d = r.design;
  return [
    `Sensitivity: ${r.scenario.title}`,
    `Rule ${r.rule} · floor model ${r.floor} · seed ${JSON.stringify(r.seed)} · ${r.runs} runs per design point, the same runs at every point (common random numbers)${r.partial ? ' · PARTIAL (interrupted)' : ''}`,
    `Design: ${d.factors} inputs screened (Morris, ${d.trajectories} trajectories, ${d.morrisPoints} points); ${d.sobolFactors} carried to Sobol (Saltelli, ${d.sobolRows} rows, ${d.sobolPoints} points); ${d.tornadoPoints} swing points; ${d.simulatedRuns.toLocaleString('en-US')} simulated runs.`,
    `At the point values: ${r.outcomes.map((o) => `${o.label} ${pct(o.point)}`).join(' · ')}`,
  ];
}

function renderTable(r: SensitivityResult, target: string, stamp?: Stamp): string {
  const parts = [...headerLines(r), ''];
  parts.push(`Where research pays: the inputs whose uncertainty moves p(${outcomeLabel(r, target)}) most`, ...researchLines(r, target), '');
  for (const o of [target, ...r.outcomes.map((x) => x.id).filter((x) => x !== target)]) {
    const rows = factorRows(r, o, o === target ? 12 : 5);
    if (rows.every((row) => row[2] === '0.000')) continue;
    parts.push(`p(${outcomeLabel(r, o)}):`, textTable(columns.slice(0, 6), rows.map((row) => row.slice(0, 6))), '');
  }
  parts.push(`By participant (and other sections), p(${outcomeLabel(r, target)}):`, textTable(groupColumns, groupRows(r, target, 'participant', 10)), '');
  parts.push(`By bloc (its own inputs and its members'), p(${outcomeLabel(r, target)}):`, textTable(groupColumns, groupRows(r, target, 'bloc', 10)), '');
  parts.push(...methodLines());
  if (stamp) parts.push('', ...stampLines(stamp));
  if (r.partial) parts.push('', 'PARTIAL RESULT: interrupted; indices cover only the design points completed (missing stages show —).');
  return `${parts.join('\n')}\n`;
}

const methodLines = () => [
  'μ*: Morris mean absolute elementary effect (per unit of the input\'s range); S1, ST: Sobol first- and total-order indices (share of the',
  'variance of p over the inputs\' ranges; ST includes interactions); Swing: p with the input at the low and the high end of its range.',
  'Ranges: as declared in the file, else ±0.2 around an assumed number (±0.1 if sourced), ±25% hours (±10%), objection odds ×/÷3 (1.5). See docs/uncertainty.md.',
];

function renderMarkdown(r: SensitivityResult, target: string, stamp?: Stamp): string {
  const [title, ...meta] = headerLines(r);
  const parts = [`### ${title}`, '', ...meta.map((m) => `${m}  `), '', `**Where research pays** — the inputs whose uncertainty moves p(${outcomeLabel(r, target)}) most:`, '', ...researchLines(r, target), ''];
  parts.push(markdownTable(columns, factorRows(r, target, 12)), '');
  parts.push(`By participant:`, '', markdownTable(groupColumns, groupRows(r, target, 'participant', 10)), '', 'By bloc:', '', markdownTable(groupColumns, groupRows(r, target, 'bloc', 10)), '');
  parts.push(`_${methodLines().join(' ')}_`);
  if (stamp) parts.push('', ...stampLines(stamp).map((l) => `_${l}_`));
  return `${parts.join('\n')}\n`;
}

function renderCsv(r: SensitivityResult, stamp?: Stamp): string {
  const rows = [csvRow(['outcome', 'input', 'label', 'owner', 'status', 'low', 'high', 'mu_star', 'mu', 'sigma', 's1', 's1_low', 's1_high', 'st', 'st_low', 'st_high', 'p_at_low', 'p_at_high', 'source'])];
  for (const o of r.outcomes) {
    for (const f of r.factors) {
      const m = f.morris[o.id];
      const s = f.sobol?.[o.id];
      const sw = f.swing?.[o.id];
      rows.push(csvRow([o.id, f.id, f.label, `${f.owner.kind}:${f.owner.id}`, f.status, f.ends[0], f.ends[1], m?.muStar ?? '', m?.mu ?? '', m?.sigma ?? '', s?.first ?? '', s?.firstCi95[0] ?? '', s?.firstCi95[1] ?? '', s?.total ?? '', s?.totalCi95[0] ?? '', s?.totalCi95[1] ?? '', sw?.[0] ?? '', sw?.[1] ?? '', f.source ?? '']));
    }
  }
  if (stamp) rows.push(...stampCsvRows(stamp, 19));
  return `${rows.join('\n')}\n`;
}

/** Tornado: p(outcome) with each leading input at the low and the high end of its range, around the point value. */
export function tornadoSvg(r: SensitivityResult, o: string): string {
  const point = r.outcomes.find((x) => x.id === o)?.point ?? 0;
  const bars = r.factors.filter((f) => f.swing?.[o]).sort((a, b) => Math.abs(b.swing![o][1] - b.swing![o][0]) - Math.abs(a.swing![o][1] - a.swing![o][0]));
  const labelWidth = 330;
  const plot = 380;
  const row = 24;
  const top = 30;
  const height = top + bars.length * row + 28;
  const x = (v: number) => labelWidth + v * plot;
  const f1 = (v: number) => v.toFixed(1);
  const parts: string[] = [`<text x="${labelWidth}" y="14" class="t">p(${escapeHtml(outcomeLabel(r, o))}): each input from the low (light) to the high (dark) end of its range</text>`];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${f1(x(tick))}" y1="${top - 6}" x2="${f1(x(tick))}" y2="${height - 22}" class="grid"/>`);
    parts.push(`<text x="${f1(x(tick))}" y="${height - 8}" class="tick" text-anchor="middle">${tick * 100}%</text>`);
  }
  parts.push(`<line x1="${f1(x(point))}" y1="${top - 6}" x2="${f1(x(point))}" y2="${height - 22}" class="zero"/>`);
  bars.forEach((f, i) => {
    const [lo, hi] = f.swing![o];
    const y = top + i * row;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" class="l" text-anchor="end">${escapeHtml(f.label)}</text>`);
    for (const [v, fill] of [
      [lo, '#9ecae1'],
      [hi, '#1b6ca8'],
    ] as const) {
      const a = Math.min(point, v);
      const w = Math.abs(v - point);
      parts.push(`<rect x="${f1(x(a))}" y="${y + 4}" width="${f1(Math.max(1, w * plot))}" height="${row - 9}" fill="${fill}" opacity="0.85"><title>${escapeHtml(`${f.label} at its ${v === lo ? 'low' : 'high'} end (${v === lo ? f.ends[0] : f.ends[1]}): ${pct(v)}`)}</title></rect>`);
    }
    parts.push(`<text x="${f1(x(Math.max(lo, hi, point)) + 6)}" y="${y + 15}" class="v">${pct(lo, 0)}→${pct(hi, 0)}</text>`);
  });
  return `<svg viewBox="0 0 ${labelWidth + plot + 90} ${height}" width="${labelWidth + plot + 90}" height="${height}" role="img" aria-label="tornado chart">${parts.join('')}</svg>`;
}

const CSS = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1000px;margin:2em auto;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}.meta{color:#555}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}th,td{border-bottom:1px solid #e5e5e5;padding:.3em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}svg{display:block;margin:.6em 0;max-width:100%;height:auto}svg .t{font-size:13px;font-weight:600}
svg .l,svg .v{font-size:12px}svg .tick{font-size:11px;fill:#666}svg .grid{stroke:#e3e3e3}svg .zero{stroke:#333;stroke-dasharray:3 2}
ol li{margin-bottom:.5em}.guide{background:#f7f7f2;border-left:4px solid #c9c28f;padding:.6em .9em}`;

function renderHtml(r: SensitivityResult, target: string, stamp?: Stamp): string {
  const table = (cols: typeof columns | typeof groupColumns, rows: string[][]) =>
    `<table><thead><tr>${cols.map((c) => `<th${'align' in c && c.align === 'right' ? ' class="n"' : ''}>${escapeHtml(c.header)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell, i) => `<td${'align' in cols[i] && (cols[i] as { align?: string }).align === 'right' ? ' class="n"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
  const [title, ...meta] = headerLines(r);
  const others = r.outcomes.filter((o) => o.id !== target && r.factors.some((f) => f.swing?.[o.id] && f.swing[o.id][0] !== f.swing[o.id][1]));
  return `<!DOCTYPE html>
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
${meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join('\n')}
<h2>Where research pays</h2>
<p>The inputs whose uncertainty moves p(${escapeHtml(outcomeLabel(r, target))}) most, with their sources:</p>
<ol>
${whereResearchPays(r, target)
  .map((f) => {
    const s = f.sobol?.[target];
    const sw = f.swing?.[target];
    return `<li><strong>${escapeHtml(f.label)}</strong> — ${s ? `total-order index ${n3(s.total)} (first-order ${n3(s.first)})` : `Morris μ* ${n3(f.morris[target]?.muStar)}`}${sw ? `; from ${pct(sw[0])} to ${pct(sw[1])} across its range (${escapeHtml(f.ends[0])} to ${escapeHtml(f.ends[1])})` : ''}.<br><small>Source: ${escapeHtml(sourceText(f))}</small></li>`;
  })
  .join('\n')}
</ol>
<h2>Tornado</h2>
${tornadoSvg(r, target)}
${others.map((o) => tornadoSvg(r, o.id)).join('\n')}
<h2>Indices, p(${escapeHtml(outcomeLabel(r, target))})</h2>
${table(columns, factorRows(r, target, 20))}
<h2>By participant</h2>
${table(groupColumns, groupRows(r, target, 'participant', 15))}
<h2>By bloc</h2>
${table(groupColumns, groupRows(r, target, 'bloc', 15))}
<p class="guide">${escapeHtml(methodLines().join(' '))}</p>
${stamp ? stampHtml(stamp) : ''}
</body>
</html>
`;
}

export function renderSensitivity(r: SensitivityResult, format: SensitivityFormat, options: { outcome?: string; stamp?: Stamp } = {}): string {
  const target = targetOutcome(r, options.outcome);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...r, target, whereResearchPays: whereResearchPays(r, target).map((f) => ({ id: f.id, label: f.label, source: f.source ?? 'assumption', status: f.status })), ...(options.stamp ? { provenance: options.stamp } : {}) }, null, 2)}\n`;
    case 'csv':
      return renderCsv(r, options.stamp);
    case 'markdown':
      return escapeMarkdown(renderMarkdown(r, target, options.stamp));
    case 'html':
      return renderHtml(r, target, options.stamp);
    default:
      return renderTable(r, target, options.stamp);
  }
}
