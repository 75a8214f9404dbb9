/** The `plenary run` report in four formats, all read from the same Summary. */
import type { Summary } from '../engine/summarize';
import { citationText } from '../rules/citation';
import { runHtml } from './runHtml';
import { csvRow, hoursText, interval, markdownTable, pct, textTable } from './table';
import { stampCsvRows, stampLines } from './provenance';
import { parameterSetText } from '../scenario/parameterOverrides';
import { escapeMarkdown } from './markdown';

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown', 'html'];

export function renderRun(summary: Summary, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(summary, null, 2)}\n`;
    case 'csv':
      return runCsv(summary);
    case 'markdown':
      return escapeMarkdown(runMarkdown(summary));
    case 'html':
      return runHtml(summary, summary.uncertainty ? uncertaintyLines(summary) : []);
    default:
      return runTable(summary);
  }
}

const plainOutcomeRows = (s: Summary) => s.outcomes.map((o) => [o.label, String(o.count), pct(o.share), interval(o.ci95)]);
const plainOutcomeColumns = [{ header: 'Outcome' }, { header: 'Runs', align: 'right' as const }, { header: 'Share', align: 'right' as const }, { header: '95% interval', align: 'right' as const }];

// ---- issue 14: two intervals (inputs, simulation) when the scenario has uncertain inputs; assumptions ----
const spreadOf = (s: Summary, outcome: string) => s.uncertainty?.outcomes.find((u) => u.outcome === outcome);
function outcomeRows(s: Summary): string[][] {
  if (!s.uncertainty) return plainOutcomeRows(s);
  return s.outcomes.map((o) => {
    const u = spreadOf(s, o.outcome);
    return [o.label, String(o.count), pct(o.share), u ? interval(u.inputs95) : '', u ? interval(u.simulation95) : interval(o.ci95), u ? pct(u.inputVarianceShare, 0) : ''];
  });
}
function outcomeColumnsOf(s: Summary) {
  if (!s.uncertainty) return plainOutcomeColumns;
  return [
    { header: 'Outcome' },
    { header: 'Runs', align: 'right' as const },
    { header: 'Share', align: 'right' as const },
    { header: 'Inputs 95%', align: 'right' as const },
    { header: 'Simulation 95%', align: 'right' as const },
    { header: 'From inputs', align: 'right' as const },
  ];
}

function uncertaintyLines(s: Summary): string[] {
  const u = s.uncertainty;
  if (!u) return [];
  const per = u.runsPerDraw.min === u.runsPerDraw.max ? `${u.runsPerDraw.min}` : `${u.runsPerDraw.min}–${u.runsPerDraw.max}`;
  return [
    `Uncertain inputs: ${u.inputs.length} drawn ${u.draws} times (${per} runs per draw). "Inputs 95%": where the share lies across plausible inputs; "Simulation 95%": how precisely the runs fix it; "From inputs": share of the outcome's variance due to the inputs.`,
    ...u.inputs.slice(0, 12).map((i) => `  ${i.label}: ${i.distribution}${i.source ? ` (source: ${i.source})` : ''}`),
    ...(u.inputs.length > 12 ? [`  ... and ${u.inputs.length - 12} more (see --format json)`] : []),
  ];
}

function assumptionLines(s: Summary): string[] {
  const a = s.assumptions;
  if (!a || a.inputs === 0) return [];
  const lines = [
    `Assumptions: ${a.assumption + a.assumedNumber + a.unsourced} of ${a.inputs} inputs that bear on the outcome rest on assumptions (${pct(a.restingOnAssumptions, 0)}: ${a.assumption} stated assumptions, ${a.assumedNumber} sourced directions with an assumed number, ${a.unsourced} unsourced; ${a.sourced} sourced).`,
  ];
  if (a.behind.length > 0) {
    lines.push('Inputs behind the result:');
    for (const b of a.behind) lines.push(`  ${b.label} [${b.status}]: ${b.why}. Source: ${b.source ?? 'none given'}`);
  }
  return lines;
}

function blockerRows(s: Summary, limit: number): string[][] {
  return s.blockers.slice(0, limit).map((b) => [b.name, pct(b.decisiveShare), Object.entries(b.byOption).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${pct(v)}`).join(', ')]);
}
const blockerColumns = [{ header: 'Participant' }, { header: 'Decisive in', align: 'right' as const }, { header: 'By option' }];

function agendaRows(s: Summary): string[][] {
  return s.agenda.map((a) => [a.name, hoursText(a.hours), pct(a.crowdedOutShare)]);
}
const agendaColumns = [{ header: 'Other agenda item' }, { header: 'Needs', align: 'right' as const }, { header: 'Crowded out in', align: 'right' as const }];

/** Which behaviour model produced the numbers, and what it means under this rule. */
export const floorLine = (s: Summary): string => `Floor model: ${s.floor.name} (${s.floor.title}): ${s.floor.behaviour}`;

/** The global parameters set with --param and what they replaced; none without --param. */
export const parameterLines = (s: Pick<Summary, 'floor'>): string[] => (s.floor.parameters ? [`Model parameters set on the command line: ${s.floor.parameters.map(parameterSetText).join(', ')}`] : []);

function header(s: Summary): string[] {
  return [
    `${s.scenario.title}`,
    `Rule: ${s.rule.title} (${s.rule.spec})  ·  ${s.runs.toLocaleString('en-US')} runs  ·  seed ${JSON.stringify(s.seed)}${s.partial ? '  ·  PARTIAL (interrupted)' : ''}`,
    floorLine(s),
    ...parameterLines(s),
  ];
}

function timeLines(s: Summary): string[] {
  return [
    `Time on this item: mean ${s.hours.mean.toFixed(1)} h (10–90%: ${s.hours.p10}–${s.hours.p90} h), ${s.rounds.mean.toFixed(1)} consultation rounds on average.`,
    `Time left for the rest of the agenda: mean ${s.timeLeft.meanHours.toFixed(1)} of ${s.timeLeft.sessionHours} h (in 1 run in 10: ${s.timeLeft.p10} h or less).`,
  ];
}

/** The ensemble's components side by side: how much the answer depends on the behaviour model. */
function spreadTable(s: Summary, md: boolean): string {
  const spread = s.modelSpread!;
  const label = (id: string) => s.outcomes.find((o) => o.outcome === id)?.label ?? id;
  const columns = [{ header: 'Outcome' }, ...spread.models.map((m) => ({ header: m, align: 'right' as const })), { header: 'Spread (max - min)', align: 'right' as const }];
  const rows = spread.outcomes.map((o) => [label(o.outcome), ...o.shares.map((x) => pct(x)), pct(o.max - o.min)]);
  return md ? markdownTable(columns, rows) : textTable(columns, rows);
}

const SPREAD_TITLE = (s: Summary) =>
  `Model uncertainty: each component of the ensemble alone, ${s.modelSpread!.runs.toLocaleString('en-US')} runs each on the same seed (the ensemble mixes them equally):`;

function runTable(s: Summary): string {
  const parts = [...header(s), '', textTable(outcomeColumnsOf(s), outcomeRows(s)), ''];
  if (s.modelSpread) parts.push(SPREAD_TITLE(s), spreadTable(s, false), '');
  if (s.uncertainty) parts.push(...uncertaintyLines(s), '');
  if (s.blockers.length > 0) {
    parts.push('Decisive objections (share of runs in which the participant\'s objection decided that an option failed):', textTable(blockerColumns, blockerRows(s, 12)));
    if (s.blockers.length > 12) parts.push(`... and ${s.blockers.length - 12} more (see --format json)`);
    parts.push('');
  } else parts.push('No decisive objections in any run.', '');
  parts.push(...timeLines(s));
  if (s.agenda.length > 0) parts.push('', textTable(agendaColumns, agendaRows(s)));
  if (s.assumptions) parts.push('', ...assumptionLines(s));
  if (s.provenance) parts.push('', ...stampLines(s.provenance));
  if (s.partial) parts.push('', 'PARTIAL RESULT: the job was interrupted; the figures cover only the runs completed.');
  return `${parts.join('\n')}\n`;
}

function runMarkdown(s: Summary): string {
  const parts = [
    `### ${s.scenario.title}`,
    '',
    `Rule: **${s.rule.title}** (\`${s.rule.spec}\`; source: ${citationText(s.rule)}). ${s.runs.toLocaleString('en-US')} simulated runs, seed \`${s.seed}\`${s.partial ? ' — **partial result (interrupted)**' : ''}.`,
    '',
    `${floorLine(s)}.`,
    '',
    ...parameterLines(s).flatMap((line) => [`${line}.`, '']),
    markdownTable(outcomeColumnsOf(s), outcomeRows(s)),
    '',
    ...(s.modelSpread ? [SPREAD_TITLE(s), '', spreadTable(s, true), ''] : []),
    ...(s.uncertainty ? [...uncertaintyLines(s).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)), ''] : []),
  ];
  if (s.blockers.length > 0) parts.push('Decisive objections:', '', markdownTable(blockerColumns, blockerRows(s, 20)), '');
  parts.push(...timeLines(s));
  if (s.agenda.length > 0) parts.push('', markdownTable(agendaColumns, agendaRows(s)));
  if (s.assumptions) parts.push('', ...assumptionLines(s).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)));
  if (s.provenance) parts.push('', ...stampLines(s.provenance).map((l) => `_${l}_  `));
  parts.push('', s.uncertainty ? '_Inputs 95%: the range of the share across the scenario\'s uncertain inputs; Simulation 95%: the precision of the share from the simulated runs (docs/uncertainty.md)._' : '_A 95% interval is the range of shares compatible with the simulated runs; it reflects simulation noise, not uncertainty in the scenario\'s inputs._');
  return `${parts.join('\n')}\n`;
}

function runCsv(s: Summary): string {
  const rows = [csvRow(['section', 'id', 'label', 'count', 'share', 'ci95_low', 'ci95_high'])];
  for (const o of s.outcomes) rows.push(csvRow(['outcome', o.outcome, o.label, o.count, o.share, o.ci95[0], o.ci95[1]]));
  for (const u of s.uncertainty?.outcomes ?? []) {
    rows.push(csvRow(['outcome-inputs95', u.outcome, 'range across uncertain inputs', '', u.mean, u.inputs95[0], u.inputs95[1]]));
    rows.push(csvRow(['outcome-simulation95', u.outcome, 'simulation precision', '', u.mean, u.simulation95[0], u.simulation95[1]]));
  }
  for (const b of s.blockers) rows.push(csvRow(['blocker', b.participant, b.name, '', b.decisiveShare, b.ci95[0], b.ci95[1]]));
  for (const a of s.agenda) rows.push(csvRow(['agenda', a.item, a.name, '', a.crowdedOutShare, '', '']));
  rows.push(csvRow(['hours', 'mean', 'hours on the item', '', s.hours.mean, '', '']));
  rows.push(csvRow(['hours', 'time-left', 'hours left for the agenda', '', s.timeLeft.meanHours, '', '']));
  if (s.assumptions) rows.push(csvRow(['assumptions', 'resting-share', `${s.assumptions.assumption + s.assumptions.assumedNumber + s.assumptions.unsourced} of ${s.assumptions.inputs} inputs`, s.assumptions.inputs, s.assumptions.restingOnAssumptions, '', '']));
  for (const b of s.assumptions?.behind ?? []) rows.push(csvRow(['input-behind', b.id, `${b.label} [${b.status}]: ${b.source ?? 'none given'}`, '', '', '', '']));
  if (s.provenance) rows.push(...stampCsvRows(s.provenance, 7));
  return `${rows.join('\n')}\n`;
}
