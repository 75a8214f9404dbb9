/** The `plenary sweep` report: tidy CSV/JSON rows, and a terminal chart of one outcome against the varied parameter. */
import type { Sweep } from '../analyses/sweep';
import { csvRow, interval, pct, textTable } from './table';

export type SweepFormat = 'table' | 'json' | 'csv';
export const SWEEP_FORMATS: readonly SweepFormat[] = ['table', 'json', 'csv'];

export function renderSweep(s: Sweep, format: SweepFormat): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (format === 'csv') return sweepCsv(s);
  return sweepTable(s);
}

function sweepCsv(s: Sweep): string {
  const paths = s.vary.map((v) => v.path);
  const rows = [csvRow([...paths, 'rule', 'outcome', 'label', 'runs', 'count', 'share', 'ci95_low', 'ci95_high'])];
  for (const r of s.rows) rows.push(csvRow([...paths.map((p) => r.setting[p]), r.rule, r.outcome, r.label, s.runs, r.count, r.share, r.ci95[0], r.ci95[1]]));
  return `${rows.join('\n')}\n`;
}

const BAR = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/** A bar of `share` × 40 cells in eighths of a cell. */
export function bar(share: number): string {
  const eighths = Math.round(share * BAR * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function sweepTable(s: Sweep): string {
  const label = s.outcomes.find((o) => o.id === s.outcome)!.label;
  const main = s.rows.filter((r) => r.outcome === s.outcome);
  const settingText = (setting: Readonly<Record<string, number>>) => s.vary.map((v) => (s.vary.length === 1 ? String(setting[v.path]) : `${v.path}=${setting[v.path]}`)).join(' ');
  const parts = [
    s.scenario.title,
    `Sweep of ${s.vary.map((v) => `${v.path} from ${v.from} to ${v.to} step ${v.step}`).join(', ')} · ${s.rules.length} rule${s.rules.length === 1 ? '' : 's'} · ${s.runs.toLocaleString('en-US')} runs per setting (common random numbers) · seed ${JSON.stringify(s.seed)}${s.partial ? ' · PARTIAL (interrupted)' : ''}`,
    '',
    `Chance of "${label}"${s.vary.length === 1 ? ` against ${s.vary[0].path}` : ''}:`,
  ];
  const width = Math.max(...main.map((r) => settingText(r.setting).length));
  for (const rule of s.rules) {
    parts.push('', `  ${rule}`);
    for (const r of main.filter((x) => x.rule === rule)) {
      const b = bar(r.share);
      parts.push(`  ${settingText(r.setting).padStart(width)} │${b}${' '.repeat(Math.max(0, BAR + 1 - [...b].length))}${pct(r.share).padStart(6)}`);
    }
  }
  parts.push('', textTable([{ header: s.vary.length === 1 ? s.vary[0].path : 'Setting' }, ...s.rules.map((r) => ({ header: r, align: 'right' as const }))], s.settings.map((_, i) => {
    const rows = s.rules.map((rule) => main.filter((x) => x.rule === rule)[i]);
    return [settingText(rows[0].setting), ...rows.map((r) => `${pct(r.share)} (${interval(r.ci95)})`)];
  })));
  parts.push('', 'All outcomes as tidy rows: --format csv or --format json. Intervals: 95% (Wilson), simulation noise only.');
  return `${parts.join('\n')}\n`;
}
