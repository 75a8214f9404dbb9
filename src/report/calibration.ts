/**
 * The `plenary calibrate` report (table, JSON, Markdown) and the parameters file it writes: fitted values with their
 * provenance (cases, date, scores in and out of sample, baselines, plenary version, command). Pure.
 */
import { stringify } from 'yaml';
import type { CalibrationResult, Fit } from '../analyses/calibrate/calibrate';
import type { OverallScore } from '../analyses/backtest/metrics';
import type { Stamp } from '../engine/reportExtras';
import { markdownTable, pct, textTable } from './table';
import { stampLines } from './provenance';
import { escapeMarkdown } from './markdown';

export type CalibrationFormat = 'table' | 'json' | 'markdown';
export const CALIBRATION_FORMATS: readonly CalibrationFormat[] = ['table', 'json', 'markdown'];

const columns = [
  { header: 'Parameters' },
  { header: 'Hits', align: 'right' as const },
  { header: 'Hit rate', align: 'right' as const },
  { header: 'Mean p(actual)', align: 'right' as const },
  { header: 'Brier', align: 'right' as const },
  { header: 'Log score', align: 'right' as const },
];
const row = (name: string, o: OverallScore): string[] => [name, `${o.hits}/${o.cases}`, pct(o.hitRate, 0), o.meanPActual.toFixed(3), o.brier.toFixed(3), o.logScore.toFixed(3)];
const fixedText = (r: CalibrationResult): string => Object.entries(r.fixed ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
const values = (f: Fit) => Object.entries(f.values).map(([k, v]) => `${k} ${v}`).join(', ');

function rows(r: CalibrationResult): string[][] {
  return [
    row(`Current (scenarios/parameters/model.yaml${r.fixed ? `; ${fixedText(r)} from --param` : ''})`, r.current.overall),
    row('Fitted, in sample', r.inSample.overall),
    row('Fitted, leave-one-out (out of sample)', r.leaveOneOut.overall),
    ...r.baselines.map((b) => row(b.title, b.overall)),
  ];
}

function lines(r: CalibrationResult): { head: string[]; tail: string[] } {
  const changed = Object.entries(r.inSample.values).filter(([k, v]) => r.current.values[k] !== v);
  const stable = r.leaveOneOut.perCase.filter((c) => Object.entries(c.values).every(([k, v]) => r.inSample.values[k] === v)).length;
  return {
    head: [
      `Calibration of the global parameters on ${r.cases.length} cases · floor model ${r.floor} · ${r.runs} runs per case and grid point (the same runs everywhere) · seed ${JSON.stringify(r.seed)}${r.partial ? ' · PARTIAL (interrupted)' : ''}`,
      `Grid (${r.gridPoints} points): ${Object.entries(r.grid).map(([k, v]) => `${k} ${v.join('/')}`).join(' × ')}; fitted by mean ${r.score === 'log' ? 'log score' : 'Brier score'}.`,
      ...(r.fixed ? [`Fixed with --param in every row (not fitted): ${fixedText(r)}.`] : []),
    ],
    tail: [
      `Current values: ${values(r.current)}`,
      `Fitted values:  ${values(r.inSample)}${changed.length === 0 ? ' (no change)' : ''}`,
      `Leave-one-out: ${stable} of ${r.leaveOneOut.perCase.length} fits without the case chose the same values as the fit on all cases.`,
      ...(r.noEffect.length > 0 ? [`No effect on these cases (every value tried scores the same; kept at the current value): ${r.noEffect.join(', ')}.`] : []),
      ...r.edges.map((e) => `Edge of the grid: the fitted ${e.name} ${e.value} is the ${e.value === Math.min(...r.grid[e.name]) ? 'lowest' : 'highest'} value tried, but its range is ${e.range[0]}..${e.range[1]}: a better value may lie outside the grid.`),
      'Honesty: the fitted values are judged by the leave-one-out row (each case scored by a fit that never saw it), beside the trivial baselines.',
    ],
  };
}

export function renderCalibration(r: CalibrationResult, format: CalibrationFormat, stamp?: Stamp): string {
  if (format === 'json') return `${JSON.stringify({ ...r, ...(stamp ? { provenance: stamp } : {}) }, null, 2)}\n`;
  const { head, tail } = lines(r);
  if (format === 'markdown') {
    return escapeMarkdown(`${[`### Calibration`, '', ...head.map((l) => `${l}  `), '', markdownTable(columns, rows(r)), '', ...tail.map((l) => `${l}  `), ...(stamp ? ['', ...stampLines(stamp).map((l) => `_${l}_  `)] : [])].join('\n')}\n`);
  }
  const parts = [...head, '', textTable(columns, rows(r)), '', ...tail];
  if (stamp) parts.push('', ...stampLines(stamp));
  if (r.partial) parts.push('', 'PARTIAL RESULT: interrupted; the scores cover only the grid points completed.');
  return `${parts.join('\n')}\n`;
}

const score3 = (o: OverallScore) => ({ hits: o.hits, cases: o.cases, hitRate: Number(o.hitRate.toFixed(4)), meanPActual: Number(o.meanPActual.toFixed(4)), brier: Number(o.brier.toFixed(4)), logScore: Number(o.logScore.toFixed(4)) });

/** The parameters file with the fitted values and where they come from (version: the previous file's + 1). */
export function parametersYaml(r: CalibrationResult, previous: Readonly<Record<string, number>>, previousVersion: number, stamp: Stamp): string {
  const parameters = { ...previous, ...r.inSample.values };
  const loo = r.leaveOneOut.overall;
  const doc = {
    version: previousVersion + 1,
    parameters,
    source: `fitted by plenary calibrate on ${r.cases.length} cases of the case library (${r.score === 'log' ? 'log score' : 'Brier score'}; leave-one-out Brier ${loo.brier.toFixed(3)}, hit rate ${loo.hits}/${loo.cases}), ${stamp.date}`,
    provenance: {
      method: `grid search (${r.gridPoints} points: ${Object.entries(r.grid).map(([k, v]) => `${k} ${v.join('/')}`).join(' × ')}), ${r.runs} runs per case and point, seed ${r.seed}, floor model ${r.floor}; scored out of sample by leave-one-out (docs/uncertainty.md)`,
      floor: r.floor,
      cases: r.cases.map((c) => c.file ?? c.id),
      date: stamp.date,
      plenary: stamp.plenary,
      score: {
        inSampleHits: `${r.inSample.overall.hits}/${r.inSample.overall.cases}`,
        inSampleMeanP: score3(r.inSample.overall).meanPActual,
        inSampleBrier: score3(r.inSample.overall).brier,
        inSampleLog: score3(r.inSample.overall).logScore,
        leaveOneOutHits: `${loo.hits}/${loo.cases}`,
        leaveOneOutMeanP: score3(loo).meanPActual,
        leaveOneOutBrier: score3(loo).brier,
        leaveOneOutLog: score3(loo).logScore,
        previousHits: `${r.current.overall.hits}/${r.current.overall.cases}`,
        previousBrier: score3(r.current.overall).brier,
        previousLog: score3(r.current.overall).logScore,
      },
      baseline: Object.fromEntries(r.baselines.map((b) => [b.name, `${b.overall.hits}/${b.overall.cases} hits, Brier ${b.overall.brier.toFixed(3)}`])),
      command: stamp.command,
    },
  };
  return `# The model's global parameters: what every scenario uses for a \`model:\` value it does not set itself.
# Written by \`plenary calibrate\` (docs/uncertainty.md); a scenario may override any of them in \`model:\` with a sourced
# value. Do not edit by hand: re-run the command in provenance.command.
${stringify(doc, { lineWidth: 0 })}`;
}
