/** Phrases and columns shared by every rendering of a comparison (text, Markdown, HTML). */
import type { Comparison, RuleComparison } from '../analyses/comparison';
import { pct } from './table';

/** Signed percentage points, e.g. +12.5 pts. */
export const points = (x: number, digits = 1): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(digits)}`;
export const pointsInterval = (ci: readonly [number, number]): string => `${points(ci[0])} to ${points(ci[1])}`;

/** Outcomes that occur under at least one rule (an outcome no rule ever reaches only widens the table). */
export function shownOutcomes(c: Comparison): number[] {
  return c.outcomes.map((_, o) => o).filter((o) => c.rules.some((r) => r.outcomes[o].count > 0));
}

export const ruleName = (r: RuleComparison, i: number): string => `${r.reform ? r.reform.id : r.spec}${i === 0 ? ' (baseline)' : ''}`;

export function changeSentence(c: Comparison, r: RuleComparison, limit = 3): string {
  if (r.changes.length === 0) return 'same outcome as the baseline in every run';
  const label = (id: string) => c.outcomes.find((o) => o.id === id)!.label;
  const parts = r.changes.slice(0, limit).map((ch) => `${label(ch.from)} → ${label(ch.to)} in ${pct(ch.share)} of runs`);
  const more = r.changes.length > limit ? `; ${r.changes.length - limit} rarer change${r.changes.length - limit === 1 ? '' : 's'}` : '';
  return `${parts.join('; ')}${more}`;
}

export function blockerSentence(r: RuleComparison, limit = 4): string {
  if (r.blockers.length === 0) return 'no decisive objection in any run';
  return r.blockers.slice(0, limit).map((b) => `${b.name} ${pct(b.decisiveShare)}`).join(', ') + (r.blockers.length > limit ? `, +${r.blockers.length - limit} more` : '');
}

/** The one line saying that the scenario's ranges and distributions were simulated at their means, if it has any. */
export const inputsAtMeansLines = (c: Comparison): string[] =>
  c.inputsAtMeans
    ? [`Uncertain inputs: the scenario's ${c.inputsAtMeans} range${c.inputsAtMeans === 1 ? '' : 's'} or distribution${c.inputsAtMeans === 1 ? ' is' : 's are'} simulated at ${c.inputsAtMeans === 1 ? 'its mean' : 'their means'} under every rule, so the intervals leave out their spread; plenary run --rule <rule> draws them and shows it.`]
    : [];
