/**
 * The headline of a comparison, for readers who read one paragraph: which rules change the outcome, one sentence each,
 * with intervals. A rule "changes the outcome" when the paired 95% interval of some outcome's difference excludes zero;
 * its sentence names the outcome that moved most.
 */
import type { Comparison, RuleComparison, RuleOutcome } from '../analyses/comparison';
import { pct, interval } from './table';

/** A human name for a rule in a comparison: the reform's title, else the rule's title; the baseline says so. */
export function ruleLabel(c: Comparison, index: number): string {
  const r = c.rules[index];
  const name = r.reform ? r.reform.title : r.title;
  return index === 0 ? `${name} (${r.sourceKind === 'scenario' || !c.rules.some((x) => x.sourceKind === 'scenario') ? 'rule in force' : 'baseline'})` : name;
}

/** Signed points, e.g. +12.5 or −3.0 (true minus sign). */
const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)}`;

export interface HeadlineLine {
  readonly rule: number;
  readonly changes: boolean;
  readonly text: string;
}

/** The outcome whose difference is largest among those whose interval excludes zero. */
export function mainShift(r: RuleComparison): RuleOutcome | undefined {
  const real = r.outcomes.filter((o) => o.differenceCi95[0] > 0 || o.differenceCi95[1] < 0);
  return real.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))[0];
}

export function headline(c: Comparison): { baseline: string; lines: HeadlineLine[]; unchanged: string[] } {
  const base = c.rules[0];
  const top = [...base.outcomes].sort((a, b) => b.count - a.count)[0];
  const baseline = top
    ? `Under ${ruleLabel(c, 0).replace(/ \((rule in force|baseline)\)$/, '')}, the rule ${base.sourceKind === 'scenario' ? 'in force' : 'the others are measured against'}, the most likely outcome is ${top.label}: ${pct(top.share)} of runs (95% interval ${interval(top.ci95)}).`
    : '';
  const lines: HeadlineLine[] = [];
  const unchanged: string[] = [];
  c.rules.forEach((r, i) => {
    if (i === 0) return;
    const shift = mainShift(r);
    if (!shift) {
      unchanged.push(ruleLabel(c, i));
      return;
    }
    const before = base.outcomes.find((o) => o.outcome === shift.outcome)!;
    lines.push({
      rule: i,
      changes: true,
      text: `${ruleLabel(c, i)}: ${shift.label} ${shift.difference > 0 ? 'rises' : 'falls'} from ${pct(before.share)} to ${pct(shift.share)} of runs (95% interval ${interval(shift.ci95)}), ${signed(shift.difference)} points (paired 95% interval ${signed(shift.differenceCi95[0])} to ${signed(shift.differenceCi95[1])}); the outcome differs from the baseline in ${pct(r.changed.share)} of runs.`,
    });
  });
  lines.sort((a, b) => Math.abs(mainShift(c.rules[b.rule])!.difference) - Math.abs(mainShift(c.rules[a.rule])!.difference) || a.rule - b.rule);
  return { baseline, lines, unchanged };
}
