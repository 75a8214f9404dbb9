/** The `plenary compare` report: terminal table, JSON, CSV, Markdown (HTML in html.ts), all read from one Comparison. */
import type { Comparison, RuleComparison } from '../analyses/comparison';
import { csvRow, interval, markdownTable, pct, textTable, type Column } from './table';
import { compareHtml } from './compareHtml';
import { headline } from './headline';
import { citationText } from '../rules/citation';
import { blockerSentence, changeSentence, inputsAtMeansLines, points, pointsInterval, ruleName, shownOutcomes } from './comparePhrases';
import { stampCsvRows, stampLines } from './provenance';
import { escapeMarkdown } from './markdown';

export { blockerSentence, changeSentence, points, pointsInterval, ruleName, shownOutcomes };

export type CompareFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'json', 'csv', 'markdown', 'html'];

export function renderComparison(c: Comparison, format: CompareFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(c, null, 2)}\n`;
    case 'csv':
      return compareCsv(c);
    case 'markdown':
      return escapeMarkdown(compareMarkdown(c));
    case 'html':
      return compareHtml(c);
    default:
      return compareTable(c);
  }
}

/** "the rule in force and 3 alternatives": never "1 rules". */
export const alternatives = (c: Comparison): string => `baseline and ${c.rules.length - 1} alternative rule${c.rules.length === 2 ? '' : 's'}`;

/** One line per reform left out of the comparison. */
export const skippedLines = (c: Comparison): string[] => (c.skipped ?? []).map((s) => `Not compared: ${s.id}: ${s.reason}`);

/** "Groups mapped: adpa → upstream" when --map-group applied. */
export const mappingNote = (r: RuleComparison): string => (r.reform?.mapping ? ` Groups mapped to this scenario's blocs: ${r.reform.mapping}.` : '');

function header(c: Comparison): string[] {
  return [
    c.scenario.title,
    `${alternatives(c)} · ${c.runs.toLocaleString('en-US')} runs, the same runs under every rule (common random numbers) · seed ${JSON.stringify(c.seed)}${c.partial ? ' · PARTIAL (interrupted)' : ''}`,
    `Baseline: ${c.baseline}`,
    ...inputsAtMeansLines(c),
  ];
}

function shareTable(c: Comparison, md: boolean): string {
  const shown = shownOutcomes(c);
  const columns: Column[] = [{ header: 'Rule' }, ...shown.map((o) => ({ header: md ? c.outcomes[o].label : c.outcomes[o].id, align: 'right' as const })), { header: 'Hours on item', align: 'right' }, { header: 'Time left', align: 'right' }, { header: 'Changed vs baseline', align: 'right' }];
  const rows = c.rules.map((r, i) => [
    md ? `\`${ruleName(r, i)}\`` : ruleName(r, i),
    ...shown.map((o) => `${pct(r.outcomes[o].share)} (${interval(r.outcomes[o].ci95)})`),
    `${r.hours.mean.toFixed(1)} h`,
    `${r.timeLeft.meanHours.toFixed(1)} h`,
    i === 0 ? '—' : pct(r.changed.share),
  ]);
  return md ? markdownTable(columns, rows) : textTable(columns, rows);
}

function differenceTable(c: Comparison, md: boolean): string {
  const shown = shownOutcomes(c);
  const columns: Column[] = [{ header: 'Rule' }, ...shown.map((o) => ({ header: md ? c.outcomes[o].label : c.outcomes[o].id, align: 'right' as const }))];
  const rows = c.rules.slice(1).map((r, i) => [md ? `\`${ruleName(r, i + 1)}\`` : ruleName(r, i + 1), ...shown.map((o) => `${points(r.outcomes[o].difference)} (${pointsInterval(r.outcomes[o].differenceCi95)})`)]);
  return md ? markdownTable(columns, rows) : textTable(columns, rows);
}

/** Which floor model, and how it makes participants behave under each rule (behaviour is simulated per rule). */
export function behaviourLines(c: Comparison): string[] {
  const first = c.rules[0]?.floor;
  if (first === undefined) return [];
  return [
    `Behaviour model: ${first.name} (${first.title}), simulated under each rule as it would be:`,
    ...c.rules.map((r, i) => `${ruleName(r, i)}: ${r.floor.behaviour}`),
  ];
}

function legend(c: Comparison): string[] {
  return c.rules.map((r, i) => {
    const who = r.reform ? `${r.reform.title} — ${r.reform.proponent}, ${r.reform.date}. ` : '';
    return `${ruleName(r, i)}: ${who}Rule ${r.spec} (${r.title}).${mappingNote(r)} Source: ${citationText(r)}`;
  });
}

const GUIDANCE =
  'A 95% interval is the range of values compatible with the simulated runs: it measures simulation noise only, not uncertainty in the scenario\'s assumptions. A difference whose interval excludes 0 is a real effect of the rule within this scenario; the same runs are used under every rule, so the differences are paired and tighter than separate intervals would suggest.';

function compareTable(c: Comparison): string {
  const parts = [
    ...header(c),
    `Outcomes: ${shownOutcomes(c).map((o) => `${c.outcomes[o].id} = ${c.outcomes[o].label}`).join('; ')}`,
    '',
    'Outcome shares (95% interval), time on the item and time left for the rest of the agenda (means):',
    shareTable(c, false),
    '',
  ];
  if (c.rules.length > 1) {
    parts.push('Difference from the baseline, percentage points, on the same runs (paired 95% interval):', differenceTable(c, false), '');
    parts.push('How the outcome changed against the baseline on the same run:');
    c.rules.slice(1).forEach((r, i) => parts.push(`  ${ruleName(r, i + 1)}: ${changeSentence(c, r)}`));
    parts.push('');
  }
  parts.push('Decisive objections (share of runs in which the participant\'s objection decided that an option failed):');
  c.rules.forEach((r, i) => parts.push(`  ${ruleName(r, i)}: ${blockerSentence(r)}`));
  const [behaviourTitle, ...behaviour] = behaviourLines(c);
  parts.push('', 'Rules:', ...legend(c).map((l) => `  ${l}`), ...skippedLines(c).map((l) => `  ${l}`));
  if (behaviourTitle !== undefined) parts.push('', behaviourTitle, ...behaviour.map((l) => `  ${l}`));
  parts.push('', GUIDANCE);
  if (c.provenance) parts.push('', ...stampLines(c.provenance));
  if (c.partial) parts.push('', 'PARTIAL RESULT: the job was interrupted; the figures cover only the runs completed.');
  return `${parts.join('\n')}\n`;
}

function headlineMarkdown(c: Comparison): string[] {
  const h = headline(c);
  const out = ['**Headline.** ' + h.baseline, ''];
  if (h.lines.length > 0) out.push(...h.lines.map((l) => `- ${l.text}`), '');
  if (h.unchanged.length > 0) out.push(`No change beyond simulation noise under: ${h.unchanged.join('; ')}.`, '');
  return out;
}

function compareMarkdown(c: Comparison): string {
  const parts = [
    `### ${c.scenario.title}: the decision under ${c.rules.length - 1} alternative rule${c.rules.length === 2 ? '' : 's'}`,
    '',
    `Scenario \`${c.scenario.id}\`${c.scenario.file && !c.scenario.file.startsWith('/') ? ` (\`${c.scenario.file}\`)` : ''}. ${c.runs.toLocaleString('en-US')} simulated runs per rule, the same runs under every rule (common random numbers), seed \`${c.seed}\`${c.partial ? ' — **partial result (interrupted)**' : ''}. Baseline: \`${c.baseline}\`.`,
    '',
    ...inputsAtMeansLines(c).flatMap((l) => [l, '']),
    ...headlineMarkdown(c),
    '**Rules compared**',
    '',
    ...c.rules.map((r, i) => `- \`${ruleName(r, i)}\` — ${r.reform ? `${r.reform.title} (${r.reform.proponent}, ${r.reform.date}). ` : ''}Rule \`${r.spec}\`: ${r.title}.${mappingNote(r)} Source: ${citationText(r)}`),
    ...skippedLines(c).map((l) => `- ${l}`),
    '',
    ...behaviourLines(c).map((l, i) => (i === 0 ? `**${l}**\n` : `- ${l}`)),
    '',
    '**Outcome shares** (95% interval), mean hours on the item, mean hours left for the rest of the agenda, and how often the outcome differed from the baseline on the same run:',
    '',
    shareTable(c, true),
    '',
  ];
  if (c.rules.length > 1) {
    parts.push('**Difference from the baseline**, percentage points (paired 95% interval):', '', differenceTable(c, true), '', '**What changed, run by run:**', '');
    c.rules.slice(1).forEach((r, i) => parts.push(`- \`${ruleName(r, i + 1)}\`: ${changeSentence(c, r)}.`));
    parts.push('');
  }
  parts.push('**Decisive objections** (share of runs):', '');
  c.rules.forEach((r, i) => parts.push(`- \`${ruleName(r, i)}\`: ${blockerSentence(r)}.`));
  parts.push('', `_${GUIDANCE}_`);
  if (c.provenance) parts.push('', ...stampLines(c.provenance).map((l) => `_${l}_  `));
  return `${parts.join('\n')}\n`;
}

function compareCsv(c: Comparison): string {
  const rows = [csvRow(['section', 'rule', 'reform', 'id', 'label', 'count', 'share', 'ci95_low', 'ci95_high', 'difference', 'difference_ci95_low', 'difference_ci95_high'])];
  for (const r of c.rules) {
    const reform = r.reform?.id ?? '';
    for (const o of r.outcomes) rows.push(csvRow(['outcome', r.spec, reform, o.outcome, o.label, o.count, o.share, o.ci95[0], o.ci95[1], o.difference, o.differenceCi95[0], o.differenceCi95[1]]));
    rows.push(csvRow(['changed', r.spec, reform, 'any', 'outcome differs from the baseline on the same run', r.changed.count, r.changed.share, r.changed.ci95[0], r.changed.ci95[1], '', '', '']));
    for (const ch of r.changes) rows.push(csvRow(['change', r.spec, reform, `${ch.from}>${ch.to}`, `${ch.from} → ${ch.to}`, ch.count, ch.share, '', '', '', '', '']));
    for (const b of r.blockers) rows.push(csvRow(['blocker', r.spec, reform, b.participant, b.name, '', b.decisiveShare, b.ci95[0], b.ci95[1], '', '', '']));
    rows.push(csvRow(['hours', r.spec, reform, 'mean', 'hours on the item', '', r.hours.mean, '', '', '', '', '']));
    rows.push(csvRow(['hours', r.spec, reform, 'time-left', 'hours left for the agenda', '', r.timeLeft.meanHours, '', '', '', '', '']));
  }
  for (const sk of c.skipped ?? []) rows.push(csvRow(['skipped', '', sk.id, sk.id, sk.reason, '', '', '', '', '', '', '']));
  for (const line of inputsAtMeansLines(c)) rows.push(csvRow(['inputs-at-means', '', '', 'uncertain-inputs', line, c.inputsAtMeans!, '', '', '', '', '', '']));
  if (c.provenance) rows.push(...stampCsvRows(c.provenance, 12));
  return `${rows.join('\n')}\n`;
}
