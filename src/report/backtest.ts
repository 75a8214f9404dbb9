/** The `plenary backtest` report in three formats, all read from the same BacktestResult. */
import { DEFAULT_FLOOR_MODEL } from '../floor/defaultModel';
import type { BacktestResult, CaseResult } from '../analyses/backtest/backtest';
import { markdownTable, pct, textTable, type Column } from './table';

export type BacktestFormat = 'table' | 'json' | 'markdown';
export const BACKTEST_FORMATS: readonly BacktestFormat[] = ['table', 'json', 'markdown'];

export interface Gate {
  readonly minHitRate: number;
  readonly passed: boolean;
}

export function renderBacktest(result: BacktestResult, format: BacktestFormat, gate?: Gate): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(gate ? { ...result, gate } : result, null, 2)}\n`;
    case 'markdown':
      return backtestMarkdown(result, gate);
    default:
      return backtestTable(result, gate);
  }
}

const columns: Column[] = [
  { header: 'Case' },
  { header: 'Date' },
  { header: 'Rule' },
  { header: 'Recorded' },
  { header: 'Model: most likely' },
  { header: 'p(recorded)', align: 'right' },
  { header: 'Hit' },
  { header: 'Blockers found' },
];

const num = (x: number, digits = 3): string => x.toFixed(digits);

function blockerCell(c: CaseResult): string {
  const checks = c.score.blockers;
  if (checks.length === 0) return '—';
  const found = checks.filter((b) => b.found).length;
  const missed = checks.filter((b) => !b.found).map((b) => `${b.participant} ${pct(b.decisiveShare, 0)}`);
  return `${found}/${checks.length}${missed.length > 0 ? ` (missed: ${missed.join(', ')})` : ''}`;
}

function rows(result: BacktestResult): string[][] {
  return result.cases.map((c) => [
    c.id,
    c.date ?? '',
    c.rule.spec,
    c.actual.inModel === c.actual.outcome ? c.actual.outcome : `${c.actual.outcome} (= ${c.actual.inModel})`,
    `${c.score.modal} ${pct(c.score.modalShare)}`,
    num(c.score.pActual),
    c.score.hit ? 'yes' : 'NO',
    blockerCell(c),
  ]);
}

function overallLines(result: BacktestResult, gate?: Gate): string[] {
  const o = result.overall;
  const lines = [
    `Hit rate (most likely simulated outcome = recorded outcome): ${o.hits} of ${o.cases} (${pct(o.hitRate)})`,
    `Mean p(recorded outcome): ${num(o.meanPActual)}`,
    `Brier score (multi-class, 0 best, 2 worst): ${num(o.brier)}`,
    `Log score (mean -ln p, p floored at 1/(runs+1) = ${num(1 / (result.runs + 1), 6)}): ${num(o.logScore)}`,
    o.blockerRecall === null
      ? 'Recorded blockers: none named in these cases'
      : `Recorded blockers found (decisive on the first tabled option in >= ${pct(result.blockerThreshold, 0)} of runs): ${o.blockersFound} of ${o.blockersNamed} (${pct(o.blockerRecall)})`,
  ];
  if (gate) lines.push(`Gate --min-hit-rate ${gate.minHitRate}: ${gate.passed ? 'passed' : 'FAILED'}`);
  return lines;
}

const comparisonColumns: Column[] = [
  { header: 'Model' },
  { header: 'Hits', align: 'right' },
  { header: 'Hit rate', align: 'right' },
  { header: 'Mean p(recorded)', align: 'right' },
  { header: 'Brier', align: 'right' },
  { header: 'Log score', align: 'right' },
  { header: 'Fitted to the cases' },
];

/** Every model asked for, then the two baselines, scored on the same cases. */
function comparisonRows(result: BacktestResult): string[][] {
  const row = (label: string, o: BacktestResult['overall'], fitted: string) => [label, `${o.hits}/${o.cases}`, pct(o.hitRate), num(o.meanPActual), num(o.brier), num(o.logScore), fitted];
  return [
    ...result.models.map((m) => row(m.model === 'as-named' ? `as each case names (default: ${DEFAULT_FLOOR_MODEL})` : m.model, m.overall, m.fitted)),
    ...result.baselines.map((b) => row(b.title, b.overall, 'nothing')),
  ];
}

const COMPARISON_TITLE = 'Models and baselines on the same cases (the last column says what, if anything, was fitted to these cases):';

function skippedLines(result: BacktestResult): string[] {
  return result.skipped.map((s) => `skipped: ${s.file ?? s.id}: ${s.reason}`);
}

function header(result: BacktestResult): string {
  const shown = result.models[0]?.model;
  const model = shown === undefined || shown === 'as-named' ? '' : `, floor model ${shown}`;
  return `Backtest: ${result.cases.length} historical case${result.cases.length === 1 ? '' : 's'}, ${result.runs.toLocaleString('en-US')} runs each, seed ${JSON.stringify(result.seed)}${model}`;
}

function backtestTable(result: BacktestResult, gate?: Gate): string {
  const parts = [header(result), ''];
  if (result.cases.length > 0) parts.push(textTable(columns, rows(result)), '');
  parts.push(...overallLines(result, gate));
  if (result.cases.length > 0) parts.push('', COMPARISON_TITLE, '', textTable(comparisonColumns, comparisonRows(result)));
  const skipped = skippedLines(result);
  if (skipped.length > 0) parts.push('', ...skipped);
  return `${parts.join('\n')}\n`;
}

function backtestMarkdown(result: BacktestResult, gate?: Gate): string {
  const parts = [`### ${header(result)}`, ''];
  if (result.cases.length > 0) parts.push(markdownTable(columns, rows(result)), '');
  parts.push(...overallLines(result, gate).map((l) => `- ${l}`));
  if (result.cases.length > 0) parts.push('', COMPARISON_TITLE, '', markdownTable(comparisonColumns, comparisonRows(result)));
  const skipped = skippedLines(result);
  if (skipped.length > 0) parts.push('', ...skipped.map((l) => `- ${l}`));
  parts.push(
    '',
    '_"Blockers found (missed: x 12%)": x is named as a blocker in the sources but decisively blocked the first tabled option in only 12% of simulated runs. Every case is simulated without its recorded outcome; the model parameters are the shared defaults._',
  );
  return `${parts.join('\n')}\n`;
}
