/**
 * The HTML report of a comparison, written for an advocate to hand out: the headline first (which rules change the
 * outcome, with intervals), then the shares and differences with each rule's definition and source beside its numbers,
 * then what changed run by run, who blocks, and how to read it. Self-contained; see html.ts for layout and print.
 */
import type { Comparison } from '../analyses/comparison';
import { citationText } from '../rules/citation';
import { blockerSentence, changeSentence, inputsAtMeansLines, points, pointsInterval, shownOutcomes } from './comparePhrases';
import { headline, ruleLabel } from './headline';
import { differenceMark, escapeHtml, htmlPage, htmlTable, linkify, shareBar, type HtmlRow } from './html';
import { interval, pct } from './table';
import { stampHtmlText } from './provenance';

/** What the rule is and where it comes from, next to its numbers. */
function ruleDetail(c: Comparison, i: number): string {
  const r = c.rules[i];
  const who = r.reform ? `${escapeHtml(r.reform.proponent)}, ${escapeHtml(r.reform.date)}. ` : '';
  const mapping = r.reform?.mapping ? ` Groups mapped to this scenario's blocs: ${escapeHtml(r.reform.mapping)}.` : '';
  const origin = r.sourceKind === 'scenario' ? `<span class="src">Where the rule comes from in general: ${linkify(r.origin)}</span>` : '';
  const behaviour = `<span class="src">Behaviour (${escapeHtml(r.floor.name)} floor model): ${escapeHtml(r.floor.behaviour)}.</span>`;
  return `<span class="def">${who}${escapeHtml(r.description)}${mapping} <code>${escapeHtml(r.spec)}</code></span>${behaviour}<span class="src">Source: ${linkify(citationText(r))}</span>${origin}`;
}

export function compareHtml(c: Comparison): string {
  const shown = shownOutcomes(c);
  const { baseline, lines, unchanged } = headline(c);
  const baseName = ruleLabel(c, 0);
  const headlineBody = [
    `<p>${escapeHtml(baseline)}</p>`,
    c.rules.length > 1
      ? lines.length > 0
        ? `<p>Rules that change the outcome, largest change first:</p>\n<ul>\n${lines.map((l) => `<li>${escapeHtml(l.text)}</li>`).join('\n')}\n</ul>`
        : '<p>No rule compared changes the outcome beyond simulation noise.</p>'
      : '',
    unchanged.length > 0 ? `<p>No change beyond simulation noise under: ${unchanged.map(escapeHtml).join('; ')}.</p>` : '',
    (c.skipped ?? []).length > 0 ? `<p><small>Not compared: ${(c.skipped ?? []).map((s) => `${escapeHtml(s.id)}: ${escapeHtml(s.reason)}`).join('; ')}.</small></p>` : '',
  ].join('\n');

  const shareRows: HtmlRow[] = c.rules.map((r, i) => ({
    header: escapeHtml(ruleLabel(c, i)),
    detail: ruleDetail(c, i),
    className: i === 0 ? 'base' : undefined,
    cells: [
      ...shown.map((o) => {
        const x = r.outcomes[o];
        const label = c.outcomes[o].label;
        return `<span class="num">${pct(x.share)}</span><span class="ci-text">95%: ${interval(x.ci95)}</span>${shareBar(x.share, x.ci95, `${label} under ${ruleLabel(c, i)}: ${pct(x.share)}`, `Share of runs ${pct(x.share)}, 95% interval ${interval(x.ci95)}`, i === 0 ? 'base' : 'alt')}`;
      }),
      `<span class="num">${r.hours.mean.toFixed(1)} h</span><span class="ci-text">${r.timeLeft.meanHours.toFixed(1)} h left</span>`,
      i === 0 ? '—' : `<span class="num">${pct(r.changed.share)}</span>`,
    ],
  }));
  const shareTable = htmlTable(
    'Share of simulated runs ending in each outcome, with 95% intervals (bars: share; whiskers: interval)',
    [{ header: 'Rule' }, ...shown.map((o) => ({ header: c.outcomes[o].label, numeric: true })), { header: 'Hours on the item', numeric: true }, { header: 'Outcome differs from the baseline', numeric: true }],
    shareRows,
  );

  const diffRows: HtmlRow[] = c.rules.slice(1).map((r, k) => ({
    header: escapeHtml(ruleLabel(c, k + 1)),
    cells: shown.map((o) => {
      const d = r.outcomes[o];
      const tone = d.differenceCi95[0] > 0 ? 'up-t' : d.differenceCi95[1] < 0 ? 'down-t' : '';
      const word = d.differenceCi95[0] > 0 ? '▲ higher' : d.differenceCi95[1] < 0 ? '▼ lower' : 'within noise';
      return `<span class="num ${tone}">${points(d.difference)} pts</span><span class="ci-text">95%: ${escapeHtml(pointsInterval(d.differenceCi95))} · ${word}</span>${differenceMark(d.difference, d.differenceCi95, `${c.outcomes[o].label} under ${ruleLabel(c, k + 1)}: ${points(d.difference)} points against the baseline`, `Paired difference ${points(d.difference)} percentage points, 95% interval ${pointsInterval(d.differenceCi95)}, on a scale from −100 to +100 with zero in the middle`)}`;
    }),
  }));
  const diffTable = htmlTable(
    `Difference from ${baseName}, percentage points, on the same runs (paired 95% intervals; marks on a −100 to +100 scale, zero in the middle)`,
    [{ header: 'Rule' }, ...shown.map((o) => ({ header: c.outcomes[o].label, numeric: true }))],
    diffRows,
  );

  const sections = [
    { id: 'headline', title: 'Headline', body: headlineBody, pageBreak: false },
    {
      id: 'shares',
      title: 'Outcomes under each rule, with the rules and their sources',
      pageBreak: false,
      body: `${shareTable}\n<p class="guide">How to read this: each share is the fraction of simulated runs ending in that outcome. The 95% interval reflects simulation noise only, not uncertainty in the scenario's assumptions. Every rule is run on the same simulated meetings, so differences between rules come from the rules.</p>`,
    },
    ...(c.rules.length > 1
      ? [
          {
            id: 'differences',
            title: 'Difference from the baseline',
            body: `${diffTable}\n<h3>What changed, run by run</h3>\n<ul class="plain">\n${c.rules
              .slice(1)
              .map((r, k) => `<li><strong>${escapeHtml(ruleLabel(c, k + 1))}</strong>: ${escapeHtml(changeSentence(c, r))}.</li>`)
              .join('\n')}\n</ul>`,
          },
        ]
      : []),
    {
      id: 'objections',
      title: 'Who blocks',
      pageBreak: false,
      body: `<p>Share of runs in which a participant's objection decided that an option failed.</p>\n<ul class="plain">\n${c.rules.map((r, i) => `<li><strong>${escapeHtml(ruleLabel(c, i))}</strong>: ${escapeHtml(blockerSentence(r))}.</li>`).join('\n')}\n</ul>`,
    },
  ];
  const meta = `<p class="meta">Scenario: ${escapeHtml(c.scenario.title)} (<code>${escapeHtml(c.scenario.id)}</code>)${c.scenario.file && !c.scenario.file.startsWith('/') ? `, file <code>${escapeHtml(c.scenario.file)}</code>` : ''}. ${c.runs.toLocaleString('en-US')} simulated runs per rule, the same runs under every rule; seed <code>${escapeHtml(c.seed)}</code>. Baseline: ${escapeHtml(baseName)}.${c.partial ? ' <strong>Partial result: the job was interrupted.</strong>' : ''}</p>${inputsAtMeansLines(c).map((l) => `\n<p class="meta">${escapeHtml(l)}</p>`).join('')}`;
  return htmlPage({
    title: `${c.scenario.title}: how the decision changes under other rules`,
    meta,
    sections,
    footer: c.provenance
      ? `Generated by plenary. ${stampHtmlText(c.provenance)}`
      : `Generated by plenary. Reproduce with the same scenario, rules, seed (<code>${escapeHtml(c.seed)}</code>) and number of runs (${c.runs.toLocaleString('en-US')}).`,
  });
}
