/**
 * The `plenary sweep` report: tidy CSV/JSON rows, a terminal chart of one outcome against the varied parameter, and
 * Markdown for a briefing (a table per rule of the outcome's chance with its interval against the varied values).
 * Every format carries the provenance stamp when there is one (src/report/provenance.ts).
 */
import type { Sweep, SweepRow } from '../analyses/sweep';
import { parseRule } from '../rules/registry';
import { stampCsvRows, stampLines, stampMarkdownLines, type Stamp } from './provenance';
import { csvRow, interval, markdownTable, pct, textTable } from './table';
import { escapeMarkdown } from './markdown';

export type SweepFormat = 'table' | 'json' | 'csv' | 'markdown';
export const SWEEP_FORMATS: readonly SweepFormat[] = ['table', 'json', 'csv', 'markdown'];

export function renderSweep(s: Sweep, format: SweepFormat, stamp?: Stamp): string {
  if (format === 'json') return `${JSON.stringify(stamp ? { ...s, provenance: stamp } : s, null, 2)}\n`;
  if (format === 'csv') return sweepCsv(s, stamp);
  if (format === 'markdown') return escapeMarkdown(sweepMarkdown(s, stamp));
  return sweepTable(s, stamp);
}

function sweepCsv(s: Sweep, stamp: Stamp | undefined): string {
  const paths = s.vary.map((v) => v.path);
  const header = [...paths, 'rule', 'outcome', 'label', 'runs', 'count', 'share', 'ci95_low', 'ci95_high'];
  const rows = [csvRow(header)];
  for (const r of s.rows) rows.push(csvRow([...paths.map((p) => r.setting[p]), r.rule, r.outcome, r.label, s.runs, r.count, r.share, r.ci95[0], r.ci95[1]]));
  // the stamp as rows of the same width: the first column says provenance (where a varied value is otherwise)
  if (stamp) rows.push(...stampCsvRows(stamp, header.length));
  return `${rows.join('\n')}\n`;
}

/** The charted outcome's rows of one rule, in setting order. */
const chartedRows = (s: Sweep, rule: string): SweepRow[] => s.rows.filter((r) => r.outcome === s.outcome && r.rule === rule);

const ruleTitle = (spec: string): string => {
  const rule = parseRule(spec);
  return typeof rule === 'string' ? spec : rule.title;
};

const stepText = (s: Sweep): string => s.vary.map((v) => `${v.path} from ${v.from} to ${v.to} in steps of ${v.step}`).join(', and ');

function sweepMarkdown(s: Sweep, stamp: Stamp | undefined): string {
  const label = s.outcomes.find((o) => o.id === s.outcome)!.label;
  const parts = [
    `### ${s.scenario.title}`,
    '',
    `Chance of **${label}** as ${stepText(s)}${s.rules.length > 1 ? `, under ${s.rules.length} rules` : ''}. ${s.runs.toLocaleString('en-US')} simulated runs per setting and rule, the same runs at every setting (common random numbers), seed \`${s.seed}\`${s.partial ? ' — **partial result (interrupted)**' : ''}.`,
  ];
  const columns = [...s.vary.map((v) => ({ header: v.path })), { header: 'Chance', align: 'right' as const }, { header: '95% interval', align: 'right' as const }];
  for (const rule of s.rules) {
    const rows = chartedRows(s, rule).map((r) => [...s.vary.map((v) => String(r.setting[v.path])), pct(r.share), interval(r.ci95)]);
    parts.push('', `#### Under ${ruleTitle(rule)} (\`${rule}\`)`, '', markdownTable(columns, rows));
  }
  if (stamp) parts.push('', ...stampMarkdownLines(stamp));
  parts.push('', '_Chance: the share of simulated runs ending in the outcome. A 95% interval (Wilson) is the range of shares compatible with the simulated runs; it reflects simulation noise, not uncertainty in the scenario\'s inputs. Every outcome at every setting: --format csv or --format json._');
  return `${parts.join('\n')}\n`;
}

const BAR = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/** A bar of `share` × 40 cells in eighths of a cell. */
export function bar(share: number): string {
  const eighths = Math.round(share * BAR * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function sweepTable(s: Sweep, stamp: Stamp | undefined): string {
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
  if (stamp) parts.push('', ...stampLines(stamp));
  return `${parts.join('\n')}\n`;
}
