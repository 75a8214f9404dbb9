/**
 * The `plenary backtest` report in five formats, all read from the same BacktestResult: a text table, JSON, CSV (one
 * row per case and model, then the summary rows), Markdown and a self-contained HTML page (src/report/backtestHtml.ts).
 * Every format carries the provenance stamp when there is one.
 */
import { DEFAULT_FLOOR_MODEL } from '../floor/defaultModel';
import type { BacktestResult, CaseResult } from '../analyses/backtest/backtest';
import { backtestHtml } from './backtestHtml';
import { LEAVE_ONE_OUT_FITTED, leaveOneOutLabel } from './leaveOneOut';
import { stampCsvRows, stampLines, stampMarkdownLines } from './provenance';
import { csvRow, markdownTable, pct, textTable, type Column } from './table';
import { escapeMarkdown } from './markdown';

export type BacktestFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export const BACKTEST_FORMATS: readonly BacktestFormat[] = ['table', 'json', 'csv', 'markdown', 'html'];

export interface Gate {
  readonly minHitRate: number;
  readonly passed: boolean;
}

export function renderBacktest(result: BacktestResult, format: BacktestFormat, gate?: Gate): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(gate ? { ...result, gate } : result, null, 2)}\n`;
    case 'markdown':
      return escapeMarkdown(backtestMarkdown(result, gate));
    case 'csv':
      return backtestCsv(result, gate);
    case 'html':
      return backtestHtml(result, { header: header(result), overall: overallLines(result, gate), comparisonTitle: COMPARISON_TITLE, modelLabel });
    default:
      return backtestTable(result, gate);
  }
}

/** A backtest in which no case records an outcome: the note instead of scores (the command exits 1), and the stamp. */
export function renderEmptyBacktest(result: BacktestResult, format: BacktestFormat, note: string): string {
  const stamp = result.provenance;
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...result, scored: 0, note }, null, 2)}\n`;
    case 'csv':
      return `${[csvRow(CSV_COLUMNS), csvRow(['note', ...new Array(CSV_COLUMNS.length - 2).fill(''), note]), ...(stamp ? stampCsvRows(stamp, CSV_COLUMNS.length) : [])].join('\n')}\n`;
    case 'markdown':
      return escapeMarkdown(`${[note, ...(stamp ? ['', ...stampMarkdownLines(stamp)] : [])].join('\n')}\n`);
    case 'html':
      return backtestHtml(result, { header: header(result), overall: [note], comparisonTitle: COMPARISON_TITLE, modelLabel });
    default:
      return `${[note, ...(stamp ? ['', ...stampLines(stamp)] : [])].join('\n')}\n`;
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
const modelLabel = (model: string): string => (model === 'as-named' ? `as each case names (default: ${DEFAULT_FLOOR_MODEL})` : model);

function comparisonRows(result: BacktestResult): string[][] {
  const row = (label: string, o: BacktestResult['overall'], fitted: string) => [label, `${o.hits}/${o.cases}`, pct(o.hitRate), num(o.meanPActual), num(o.brier), num(o.logScore), fitted];
  const loo = result.leaveOneOut;
  return [
    ...result.models.map((m) => row(modelLabel(m.model), m.overall, m.fitted)),
    ...(loo
      ? [
          [
            leaveOneOutLabel(loo),
            `${loo.hits}/${loo.cases}`,
            pct(loo.hitRate),
            loo.meanPActual === undefined ? '—' : num(loo.meanPActual),
            num(loo.brier),
            num(loo.logScore),
            LEAVE_ONE_OUT_FITTED,
          ],
        ]
      : []),
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
  if (result.provenance) parts.push('', ...stampLines(result.provenance));
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
    '_"Blockers found (missed: x 12%)": x is named as a blocker in the sources but decisively blocked the first tabled option in only 12% of simulated runs. Every case is simulated without its recorded outcome; the model parameters are the shared ones of scenarios/parameters/model.yaml (unless a case sets its own)._',
  );
  if (result.provenance) parts.push('', ...stampMarkdownLines(result.provenance));
  return `${parts.join('\n')}\n`;
}

/**
 * CSV: one row per case and model (every model asked for, then the baselines), with the predicted probabilities
 * (`outcome=p` pairs separated by `;`), the recorded outcome, hit (1/0), Brier and log score; then one `summary` row
 * per model and baseline, whose numbers are the means of its case rows (hit: the hit rate); then any skipped cases
 * and the provenance stamp. The `section` column tells the kinds of row apart.
 */
const CSV_COLUMNS = ['section', 'model', 'floor', 'case', 'date', 'rule', 'recorded', 'predicted', 'modal', 'p_modal', 'p_recorded', 'hit', 'brier', 'log_score', 'blockers_found', 'blockers_named', 'cases', 'note'];

function backtestCsv(result: BacktestResult, gate?: Gate): string {
  const rows = [csvRow(CSV_COLUMNS)];
  const blockersFound = (c: CaseResult['score']) => c.blockers.filter((b) => b.found).length;
  for (const m of result.models) {
    for (const c of m.cases) {
      const s = c.score;
      rows.push(csvRow(['case', m.model, c.floor, c.id, c.date ?? '', c.rule.spec, c.actual.inModel, c.outcomes.map((o) => `${o.outcome}=${o.share}`).join(';'), s.modal, s.modalShare, s.pActual, s.hit ? 1 : 0, s.brier, s.logScore, blockersFound(s), s.blockers.length, 1, c.actual.inModel === c.actual.outcome ? '' : `recorded as ${c.actual.outcome}`]));
    }
  }
  // the baselines are point forecasts: certain of one outcome
  for (const b of result.baselines) {
    b.scores.forEach((s, i) => {
      const c = result.cases[i];
      rows.push(csvRow(['case', `baseline:${b.name}`, '', c.id, c.date ?? '', c.rule.spec, c.actual.inModel, `${s.modal}=1`, s.modal, s.modalShare, s.pActual, s.hit ? 1 : 0, s.brier, s.logScore, '', '', 1, '']));
    });
  }
  const summary = (model: string, o: BacktestResult['overall'], note: string) =>
    csvRow(['summary', model, '', '', '', '', '', '', '', '', o.meanPActual, o.hitRate, o.brier, o.logScore, o.blockersFound, o.blockersNamed, o.cases, note]);
  for (const m of result.models) rows.push(summary(m.model, m.overall, `fitted to the cases: ${m.fitted}`));
  const loo = result.leaveOneOut;
  if (loo) rows.push(csvRow(['summary', `leave-one-out${loo.floor !== undefined ? `:${loo.floor}` : ''}`, loo.floor ?? '', '', '', '', '', '', '', '', loo.meanPActual ?? '', loo.hitRate, loo.brier, loo.logScore, '', '', loo.cases, `${leaveOneOutLabel(loo)}: ${LEAVE_ONE_OUT_FITTED}`]));
  for (const b of result.baselines) rows.push(summary(`baseline:${b.name}`, b.overall, b.title));
  if (gate) rows.push(csvRow(['gate', result.models[0]?.model ?? '', '', '', '', '', '', '', '', '', '', result.overall.hitRate, '', '', '', '', result.overall.cases, `--min-hit-rate ${gate.minHitRate}: ${gate.passed ? 'passed' : 'FAILED'}`]));
  for (const k of result.skipped) rows.push(csvRow(['skipped', '', '', k.id, '', '', '', '', '', '', '', '', '', '', '', '', 0, k.reason]));
  if (result.provenance) rows.push(...stampCsvRows(result.provenance, CSV_COLUMNS.length));
  return `${rows.join('\n')}\n`;
}
