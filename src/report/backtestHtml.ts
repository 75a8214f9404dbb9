/**
 * The HTML report of `plenary backtest`, for a reader who asks "can this model be trusted on cases like mine?": the
 * scores first (hit rate, Brier, log score, beside the two baselines), then every case with what was recorded, what
 * the model found most likely and the chance it gave the record, each with the source of the record next to it; then
 * the models and baselines side by side and how to read the scores. Self-contained; html.ts has the layout and print.
 */
import type { BacktestResult, CaseResult, LeaveOneOutNote } from '../analyses/backtest/backtest';
import { LEAVE_ONE_OUT_FITTED, leaveOneOutLabel } from './leaveOneOut';
import { wilson } from '../engine/statistics';
import { escapeHtml, htmlPage, htmlTable, linkify, shareBar, type HtmlRow } from './html';
import { stampHtmlText } from './provenance';
import { interval, pct } from './table';

/** The report's sentences shared with the text formats (src/report/backtest.ts), so that every format says the same. */
export interface BacktestWording {
  readonly header: string;
  /** the overall lines: hit rate, mean p, Brier, log score, blockers, gate (or the note of an empty backtest) */
  readonly overall: readonly string[];
  readonly comparisonTitle: string;
  readonly modelLabel: (model: string) => string;
}

const num = (x: number): string => x.toFixed(3);

const labelOf = (c: CaseResult, outcome: string): string => c.outcomes.find((o) => o.outcome === outcome)?.label ?? outcome;

function blockerText(c: CaseResult): string {
  const checks = c.score.blockers;
  if (checks.length === 0) return '<span class="ci-text">none named in the sources</span>';
  return checks.map((b) => `${escapeHtml(b.participant)}: ${b.found ? 'found' : '<strong>missed</strong>'} (decisive in ${pct(b.decisiveShare, 0)})`).join('<br>');
}

function caseRow(c: CaseResult, runs: number): HtmlRow {
  const s = c.score;
  // the chance given to the record, with its simulation interval (the runs are whole: share × runs)
  const ci = wilson(Math.round(s.pActual * c.runs), c.runs || runs);
  const recorded = c.actual.inModel === c.actual.outcome ? escapeHtml(c.actual.label) : `${escapeHtml(c.actual.label)} <span class="ci-text">recorded as ${escapeHtml(c.actual.outcome)}</span>`;
  return {
    header: `${escapeHtml(c.title)}<span class="src">${escapeHtml([c.date, c.id].filter(Boolean).join(' · '))}</span>`,
    className: s.hit ? undefined : 'miss',
    cells: [
      recorded,
      `${escapeHtml(labelOf(c, s.modal))} <span class="num">${pct(s.modalShare)}</span>`,
      `<span class="num">${pct(s.pActual)}</span><span class="ci-text">95%: ${interval(ci)}</span>${shareBar(s.pActual, ci, `${c.title}: chance given to the recorded outcome ${pct(s.pActual)}`, `The model gave the recorded outcome ${pct(s.pActual)} of ${c.runs.toLocaleString('en-US')} runs, 95% interval ${interval(ci)}`)}`,
      s.hit ? '✓ yes' : '✗ <strong>no</strong>',
      blockerText(c),
    ],
    detail: `<span class="src">Rule in force: ${escapeHtml(c.rule.title)} <code>${escapeHtml(c.rule.spec)}</code> · floor model ${escapeHtml(c.floor)}. Record: ${c.actual.source ? linkify(c.actual.source) : 'no source given'}</span>`,
  };
}

export function backtestHtml(r: BacktestResult, wording: BacktestWording): string {
  const scored = r.cases.length > 0;
  const o = r.overall;
  const baselines = r.baselines.map((b) => `${escapeHtml(b.title.replace(/^Baseline: /, ''))}: Brier ${num(b.overall.brier)}, hit rate ${pct(b.overall.hitRate)}`);
  const headline = scored
    ? [
        `<p>Simulated blind, the model's most likely outcome was the recorded one in <strong>${o.hits} of ${o.cases}</strong> cases (${pct(o.hitRate)}); Brier score <strong>${num(o.brier)}</strong> (0 best, 2 worst), log score ${num(o.logScore)}.</p>`,
        r.leaveOneOut
          ? `<p><strong>In sample</strong> for ${r.leaveOneOut.inSample} of these cases: the global parameters were fitted on them. Out of sample (leave-one-out, each case scored by a fit without it; plenary calibrate): <strong>${r.leaveOneOut.hits} of ${r.leaveOneOut.cases}</strong>, Brier <strong>${num(r.leaveOneOut.brier)}</strong>, log score ${num(r.leaveOneOut.logScore)}.</p>`
          : '',
        baselines.length > 0 ? `<p>The baselines on the same cases: ${baselines.join('; ')}. A model that does not beat them says little.</p>` : '',
        `<p>In detail:</p>\n<ul>\n${wording.overall.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`,
      ].join('\n')
    : `<p>${wording.overall.map(escapeHtml).join(' ')}</p>`;
  const skipped = r.skipped.length > 0 ? `<h3>Not scored</h3>\n<ul class="plain">\n${r.skipped.map((k) => `<li><code>${escapeHtml(k.id)}</code>: ${escapeHtml(k.reason)}</li>`).join('\n')}\n</ul>` : '';

  const caseTable = htmlTable(
    'Each case simulated without its recorded outcome: what was recorded, what the model found most likely, and the chance it gave the record (bars: chance; whiskers: 95% interval)',
    [{ header: 'Case' }, { header: 'Recorded' }, { header: 'Model: most likely' }, { header: 'Chance of the record', numeric: true }, { header: 'Hit' }, { header: 'Recorded blockers' }],
    r.cases.map((c) => caseRow(c, r.runs)),
  );
  const comparison = htmlTable(
    wording.comparisonTitle.replace(/:$/, ''),
    [{ header: 'Model' }, { header: 'Hits', numeric: true }, { header: 'Hit rate', numeric: true }, { header: 'Mean chance of the record', numeric: true }, { header: 'Brier', numeric: true }, { header: 'Log score', numeric: true }, { header: 'Fitted to the cases' }],
    [
      ...r.models.map((m) => ({ model: wording.modelLabel(m.model), overall: m.overall as LeaveOneOutNote | BacktestResult['overall'], fitted: m.fitted, className: undefined as string | undefined })),
      ...(r.leaveOneOut ? [{ model: leaveOneOutLabel(r.leaveOneOut), overall: r.leaveOneOut, fitted: LEAVE_ONE_OUT_FITTED, className: undefined }] : []),
      ...r.baselines.map((b) => ({ model: b.title, overall: b.overall, fitted: 'nothing', className: 'base' })),
    ].map((x) => ({
      header: escapeHtml(x.model),
      ...(x.className ? { className: x.className } : {}),
      cells: [`<span class="num">${x.overall.hits}/${x.overall.cases}</span>`, `<span class="num">${pct(x.overall.hitRate)}</span>`, `<span class="num">${x.overall.meanPActual === undefined ? '—' : num(x.overall.meanPActual)}</span>`, `<span class="num">${num(x.overall.brier)}</span>`, `<span class="num">${num(x.overall.logScore)}</span>`, escapeHtml(x.fitted)],
    })),
  );
  const sections = [
    { id: 'headline', title: 'Headline', body: scored ? headline : `${headline}\n${skipped}`, pageBreak: false },
    ...(scored
      ? [
          { id: 'cases', title: 'The cases', pageBreak: false, body: caseTable },
          {
            id: 'models',
            title: 'Models and baselines',
            body: `${comparison}\n<p class="guide">How to read this: a <strong>hit</strong> is a case whose most likely simulated outcome is the recorded one. The <strong>Brier score</strong> is the squared distance between the simulated chances and the record (0 best, 2 worst), averaged over the cases; the <strong>log score</strong> is the mean of −ln(chance of the record), the chance floored at 1/(runs+1). Lower is better for both. Every case is simulated without its recorded outcome; the intervals reflect simulation noise only. A recorded blocker is found when its objection decided that the first tabled option failed in at least ${pct(r.blockerThreshold, 0)} of runs.</p>\n${skipped}`,
          },
        ]
      : []),
  ];
  return htmlPage({
    title: 'Backtest: the model against what was actually decided',
    meta: `<p class="meta">${escapeHtml(wording.header)}.${r.cases.some((c) => c.partial) ? ' <strong>Partial result: the job was interrupted.</strong>' : ''}</p>`,
    sections,
    footer: `Generated by plenary.${r.provenance ? `<br><small>${stampHtmlText(r.provenance)}</small>` : ` Reproduce with the same cases, seed (<code>${escapeHtml(r.seed)}</code>) and number of runs (${r.runs.toLocaleString('en-US')}).`}`,
  });
}
