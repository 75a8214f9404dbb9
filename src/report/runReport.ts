/** The `plenary run` report in four formats, all read from the same Summary. */
import type { ReportFormat } from '../cli/options';
import type { Summary } from '../engine/summarize';
import { citationText } from '../rules/citation';
import { csvRow, hoursText, interval, markdownTable, pct, textTable } from './table';

export function renderRun(summary: Summary, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(summary, null, 2)}\n`;
    case 'csv':
      return runCsv(summary);
    case 'markdown':
      return runMarkdown(summary);
    default:
      return runTable(summary);
  }
}

const outcomeRows = (s: Summary) => s.outcomes.map((o) => [o.label, String(o.count), pct(o.share), interval(o.ci95)]);
const outcomeColumns = [{ header: 'Outcome' }, { header: 'Runs', align: 'right' as const }, { header: 'Share', align: 'right' as const }, { header: '95% interval', align: 'right' as const }];

function blockerRows(s: Summary, limit: number): string[][] {
  return s.blockers.slice(0, limit).map((b) => [b.name, pct(b.decisiveShare), Object.entries(b.byOption).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${pct(v)}`).join(', ')]);
}
const blockerColumns = [{ header: 'Participant' }, { header: 'Decisive in', align: 'right' as const }, { header: 'By option' }];

function agendaRows(s: Summary): string[][] {
  return s.agenda.map((a) => [a.name, hoursText(a.hours), pct(a.crowdedOutShare)]);
}
const agendaColumns = [{ header: 'Other agenda item' }, { header: 'Needs', align: 'right' as const }, { header: 'Crowded out in', align: 'right' as const }];

function header(s: Summary): string[] {
  return [
    `${s.scenario.title}`,
    `Rule: ${s.rule.title} (${s.rule.spec})  ·  ${s.runs.toLocaleString('en-US')} runs  ·  seed ${JSON.stringify(s.seed)}${s.partial ? '  ·  PARTIAL (interrupted)' : ''}`,
  ];
}

function timeLines(s: Summary): string[] {
  return [
    `Time on this item: mean ${s.hours.mean.toFixed(1)} h (10–90%: ${s.hours.p10}–${s.hours.p90} h), ${s.rounds.mean.toFixed(1)} consultation rounds on average.`,
    `Time left for the rest of the agenda: mean ${s.timeLeft.meanHours.toFixed(1)} of ${s.timeLeft.sessionHours} h (in 1 run in 10: ${s.timeLeft.p10} h or less).`,
  ];
}

function runTable(s: Summary): string {
  const parts = [...header(s), '', textTable(outcomeColumns, outcomeRows(s)), ''];
  if (s.blockers.length > 0) {
    parts.push('Decisive objections (share of runs in which the participant\'s objection decided that an option failed):', textTable(blockerColumns, blockerRows(s, 12)));
    if (s.blockers.length > 12) parts.push(`... and ${s.blockers.length - 12} more (see --format json)`);
    parts.push('');
  } else parts.push('No decisive objections in any run.', '');
  parts.push(...timeLines(s));
  if (s.agenda.length > 0) parts.push('', textTable(agendaColumns, agendaRows(s)));
  if (s.partial) parts.push('', 'PARTIAL RESULT: the job was interrupted; the figures cover only the runs completed.');
  return `${parts.join('\n')}\n`;
}

function runMarkdown(s: Summary): string {
  const parts = [
    `### ${s.scenario.title}`,
    '',
    `Rule: **${s.rule.title}** (\`${s.rule.spec}\`; source: ${citationText(s.rule)}). ${s.runs.toLocaleString('en-US')} simulated runs, seed \`${s.seed}\`${s.partial ? ' — **partial result (interrupted)**' : ''}.`,
    '',
    markdownTable(outcomeColumns, outcomeRows(s)),
    '',
  ];
  if (s.blockers.length > 0) parts.push('Decisive objections:', '', markdownTable(blockerColumns, blockerRows(s, 20)), '');
  parts.push(...timeLines(s));
  if (s.agenda.length > 0) parts.push('', markdownTable(agendaColumns, agendaRows(s)));
  parts.push('', '_A 95% interval is the range of shares compatible with the simulated runs; it reflects simulation noise, not uncertainty in the scenario\'s inputs._');
  return `${parts.join('\n')}\n`;
}

function runCsv(s: Summary): string {
  const rows = [csvRow(['section', 'id', 'label', 'count', 'share', 'ci95_low', 'ci95_high'])];
  for (const o of s.outcomes) rows.push(csvRow(['outcome', o.outcome, o.label, o.count, o.share, o.ci95[0], o.ci95[1]]));
  for (const b of s.blockers) rows.push(csvRow(['blocker', b.participant, b.name, '', b.decisiveShare, b.ci95[0], b.ci95[1]]));
  for (const a of s.agenda) rows.push(csvRow(['agenda', a.item, a.name, '', a.crowdedOutShare, '', '']));
  rows.push(csvRow(['hours', 'mean', 'hours on the item', '', s.hours.mean, '', '']));
  rows.push(csvRow(['hours', 'time-left', 'hours left for the agenda', '', s.timeLeft.meanHours, '', '']));
  return `${rows.join('\n')}\n`;
}
