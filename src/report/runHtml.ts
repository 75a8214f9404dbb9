/**
 * The HTML report of `plenary run`: the most likely outcome first, then every outcome with its interval, who blocks,
 * time used and crowded out, and the rule with its source. Self-contained; see html.ts for layout and print.
 */
import { parameterSetText } from '../scenario/parameterOverrides';
import type { Summary } from '../engine/summarize';
import { citationText } from '../rules/citation';
import { escapeHtml, htmlPage, htmlTable, linkify, shareBar, type HtmlRow } from './html';
import { hoursText, interval, pct } from './table';
import { stampHtmlText } from './provenance';

/** `uncertainty`: the report's lines on input uncertainty, when the scenario gives ranges (see runReport.ts). */
export function runHtml(s: Summary, uncertainty: readonly string[] = []): string {
  const top = s.outcomes[0];
  const blockers = s.blockers.slice(0, 15);
  const headline = [
    top ? `<p>Under <strong>${escapeHtml(s.rule.title)}</strong>, the most likely outcome is <strong>${escapeHtml(top.label)}</strong>: ${pct(top.share)} of ${s.runs.toLocaleString('en-US')} simulated runs (95% interval ${interval(top.ci95)}).</p>` : '',
    s.blockers[0]
      ? `<p>The participant whose objection most often decided that an option failed: <strong>${escapeHtml(s.blockers[0].name)}</strong>, in ${pct(s.blockers[0].decisiveShare)} of runs (95% interval ${interval(s.blockers[0].ci95)}).</p>`
      : '<p>No objection decided the outcome in any run.</p>',
    `<p>The item took ${s.hours.mean.toFixed(1)} hours on average (10–90%: ${s.hours.p10}–${s.hours.p90} h), leaving ${s.timeLeft.meanHours.toFixed(1)} of ${s.timeLeft.sessionHours} hours for the rest of the agenda.</p>`,
  ].join('\n');
  const outcomeRows: HtmlRow[] = s.outcomes.map((o) => ({
    header: escapeHtml(o.label),
    cells: [`<span class="num">${pct(o.share)}</span>`, `<span class="num">${interval(o.ci95)}</span>${shareBar(o.share, o.ci95, `${o.label}: ${pct(o.share)}`, `Share of runs ${pct(o.share)}, 95% interval ${interval(o.ci95)}`)}`, `<span class="num">${o.count.toLocaleString('en-US')}</span>`],
  }));
  const blockerRows: HtmlRow[] = blockers.map((b) => ({
    header: escapeHtml(b.name),
    cells: [
      `<span class="num">${pct(b.decisiveShare)}</span><span class="ci-text">95%: ${interval(b.ci95)}</span>`,
      escapeHtml(
        Object.entries(b.byOption)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${s.outcomes.find((o) => o.outcome === k)?.label ?? k}: ${pct(v)}`)
          .join('; '),
      ),
    ],
  }));
  const agendaRows: HtmlRow[] = s.agenda.map((a) => ({ header: escapeHtml(a.name), cells: [`<span class="num">${hoursText(a.hours)}</span>`, `<span class="num">${pct(a.crowdedOutShare)}</span>`] }));
  const sections = [
    { id: 'headline', title: 'Headline', body: headline, pageBreak: false },
    {
      id: 'outcomes',
      title: 'Outcomes',
      pageBreak: false,
      body: `${uncertainty.length > 0 ? `<p>${uncertainty.map((l) => escapeHtml(l.trim())).join('<br>')}</p>\n` : ''}${htmlTable('Share of simulated runs ending in each outcome', [{ header: 'Outcome' }, { header: 'Share', numeric: true }, { header: '95% interval', numeric: true }, { header: 'Runs', numeric: true }], outcomeRows)}\n<p class="guide">The 95% interval is the range of shares compatible with the simulated runs; it reflects simulation noise only, not uncertainty in the scenario's assumptions.</p>`,
    },
    {
      id: 'objections',
      title: 'Who blocks',
      body:
        blockerRows.length > 0
          ? `${htmlTable(`Decisive objections: share of runs in which the participant's objection decided that an option failed${s.blockers.length > blockers.length ? ` (the first ${blockers.length} of ${s.blockers.length})` : ''}`, [{ header: 'Participant' }, { header: 'Decisive in', numeric: true }, { header: 'By option' }], blockerRows)}`
          : '<p>No decisive objection in any run.</p>',
    },
    {
      id: 'time',
      title: 'Time',
      pageBreak: false,
      body: `<p>Time on this item: mean ${s.hours.mean.toFixed(1)} h (10–90%: ${s.hours.p10}–${s.hours.p90} h), ${s.rounds.mean.toFixed(1)} consultation rounds on average. Time left for the rest of the agenda: mean ${s.timeLeft.meanHours.toFixed(1)} of ${s.timeLeft.sessionHours} h (in 1 run in 10: ${s.timeLeft.p10} h or less).</p>\n${agendaRows.length > 0 ? htmlTable('Other agenda items and how often they no longer fit in the session', [{ header: 'Agenda item' }, { header: 'Needs', numeric: true }, { header: 'Crowded out in', numeric: true }], agendaRows) : ''}`,
    },
    {
      id: 'rule',
      title: 'The rule, the behaviour model and the source',
      pageBreak: false,
      body: `<p><strong>${escapeHtml(s.rule.title)}</strong> <code>${escapeHtml(s.rule.spec)}</code>. ${escapeHtml(s.rule.description)}</p>\n<p>Floor model: ${escapeHtml(s.floor.name)} (${escapeHtml(s.floor.title)}): ${escapeHtml(s.floor.behaviour)}.</p>${s.floor.parameters ? `\n<p>Model parameters set on the command line: ${escapeHtml(s.floor.parameters.map(parameterSetText).join(', '))}.</p>` : ''}\n<p><small>Source: ${linkify(citationText(s.rule))}</small></p>${s.rule.sourceKind !== 'catalogue' ? `\n<p><small>Where the rule comes from in general: ${linkify(s.rule.origin)}</small></p>` : ''}`,
    },
  ];
  return htmlPage({
    title: s.scenario.title,
    meta: `<p class="meta">Scenario <code>${escapeHtml(s.scenario.id)}</code>${s.scenario.file && !s.scenario.file.startsWith('/') ? `, file <code>${escapeHtml(s.scenario.file)}</code>` : ''}. ${s.runs.toLocaleString('en-US')} simulated runs; seed <code>${escapeHtml(s.seed)}</code>.${s.partial ? ' <strong>Partial result: the job was interrupted.</strong>' : ''}</p>`,
    sections,
    footer: s.provenance
      ? `Generated by plenary. ${stampHtmlText(s.provenance)}`
      : `Generated by plenary. Reproduce with the same scenario, rule, seed (<code>${escapeHtml(s.seed)}</code>) and number of runs (${s.runs.toLocaleString('en-US')}).`,
  });
}
