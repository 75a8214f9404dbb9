/**
 * Comparing rules on one scenario with common random numbers: a job of one setting per rule through the kernel with
 * the 'paired' reduction (src/engine/kernel.ts), so run k uses the generator (seed, k) under every rule and
 * differences between rules come from the rules, not from noise. Per rule the mergeable integer `Tallies`, plus the
 * baseline → rule outcome transition matrix; nothing per run is kept. This file only reads them: pure.
 */
import type { FloorStatement } from '../floor/models';
import type { Model } from '../floor/model';
import type { JobTallies } from '../engine/kernel';
import type { Stamp } from '../engine/reportExtras';
import { pairedDifference, round6, wilson } from '../engine/statistics';
import { declaredSites } from '../scenario/inputs';
import { summarize, type BlockerShare } from '../engine/summarize';
import { citeRule, type CitationKind } from '../rules/citation';

// ---- the comparison every output format reads ------------------------------------------------------------------

export interface RuleOutcome {
  readonly outcome: string;
  readonly label: string;
  readonly count: number;
  readonly share: number;
  readonly ci95: readonly [number, number];
  /** rule minus baseline on the same runs, with a paired 95% interval; 0 for the baseline */
  readonly difference: number;
  readonly differenceCi95: readonly [number, number];
}

export interface OutcomeChange {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly share: number;
}

export interface RuleComparison {
  /** the floor model and how participants behave under this rule (behaviour is simulated per rule) */
  readonly floor: FloorStatement;
  readonly spec: string;
  readonly title: string;
  readonly description: string;
  /** the source cited for the rule: the reform's, the scenario's own ruleSource for the rule in force, else the catalogue's */
  readonly source: string;
  readonly sourceKind: CitationKind;
  /** the rule catalogue's general note on where the rule comes from */
  readonly origin: string;
  /** the reform this rule stands for (compare --reforms) */
  readonly reform?: {
    readonly id: string;
    readonly title: string;
    readonly proponent: string;
    readonly date: string;
    readonly source: string;
    /** how the reform's groups were mapped to the scenario's blocs (--map-group), e.g. `adpa → upstream` */
    readonly mapping?: string;
  };
  /** in scenario order of outcomes */
  readonly outcomes: readonly RuleOutcome[];
  readonly hours: { readonly mean: number; readonly p90: number };
  readonly timeLeft: { readonly meanHours: number; readonly p10: number };
  readonly rounds: number;
  /** share of runs in which the adopted option passed by a vote */
  readonly adoptedByVote: number;
  readonly blockers: readonly BlockerShare[];
  /** runs whose outcome differs from the baseline's on the same run */
  readonly changed: { readonly count: number; readonly share: number; readonly ci95: readonly [number, number] };
  /** baseline outcome → this rule's outcome, off the diagonal, most frequent first */
  readonly changes: readonly OutcomeChange[];
}

export interface Comparison {
  readonly kind: 'comparison';
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly runs: number;
  readonly seed: string;
  readonly partial: boolean;
  readonly baseline: string;
  readonly outcomes: readonly { readonly id: string; readonly label: string }[];
  readonly rules: readonly RuleComparison[];
  /** reforms left out, one line each saying why (a reform needs groups the scenario lacks) */
  readonly skipped?: readonly { readonly id: string; readonly reason: string }[];
  /** the provenance stamp (src/report/provenance.ts), when the CLI made it */
  readonly provenance?: Stamp;
  /**
   * the scenario's uncertain inputs (ranges or distributions), which a comparison simulates at their means: its
   * intervals leave their spread out (plenary run draws them); absent when there are none
   */
  readonly inputsAtMeans?: number;
}

export type ReformInfo = NonNullable<RuleComparison['reform']>;

/** The comparison of a 'paired' job's tallies (the first model is the baseline). */
export function summarizeComparison(models: readonly Model[], job: JobTallies, seed: string, partial = false, reforms: readonly (ReformInfo | undefined)[] = []): Comparison {
  if (!job.tallies || !job.transitions) throw new Error('summarizeComparison: the job was not run with the paired reduction');
  const t = { rules: job.tallies, transitions: job.transitions };
  const n = job.runs;
  const base = summarize(models[0], t.rules[0], seed, partial);
  const ids = models[0].outcomes;
  const label = (id: string) => base.outcomes.find((o) => o.outcome === id)!.label;
  const ci = (k: number): [number, number] => {
    const [lo, hi] = wilson(k, n);
    return [round6(lo), round6(hi)];
  };
  const rules = models.map((model, r): RuleComparison => {
    const s = r === 0 ? base : summarize(model, t.rules[r], seed, partial);
    const m = t.transitions[r];
    const outcomes = ids.map((id, o): RuleOutcome => {
      const count = t.rules[r].outcomes[o];
      let plus = 0;
      let minus = 0;
      for (let x = 0; x < ids.length; x++) {
        if (x === o) continue;
        plus += m[x][o];
        minus += m[o][x];
      }
      const d = pairedDifference(plus, minus, n);
      return { outcome: id, label: label(id), count, share: n === 0 ? 0 : round6(count / n), ci95: ci(count), difference: round6(d.difference), differenceCi95: [round6(d.ci95[0]), round6(d.ci95[1])] };
    });
    const changes: (OutcomeChange & { order: number })[] = [];
    let changed = 0;
    ids.forEach((from, i) =>
      ids.forEach((to, j) => {
        if (i === j || m[i][j] === 0) return;
        changed += m[i][j];
        changes.push({ from, to, count: m[i][j], share: round6(m[i][j] / n), order: i * ids.length + j });
      }),
    );
    changes.sort((a, b) => b.count - a.count || a.order - b.order);
    const voted = t.rules[r].adoptedByVote.reduce((a, b) => a + b, 0);
    const reform = reforms[r];
    return {
      ...citeRule(model.rule, model.scenario, reform?.source),
      ...(reform ? { reform } : {}),
      outcomes,
      hours: { mean: s.hours.mean, p90: s.hours.p90 },
      timeLeft: { meanHours: s.timeLeft.meanHours, p10: s.timeLeft.p10 },
      rounds: s.rounds.mean,
      adoptedByVote: n === 0 ? 0 : round6(voted / n),
      floor: s.floor,
      blockers: s.blockers,
      changed: { count: changed, share: n === 0 ? 0 : round6(changed / n), ci95: ci(changed) },
      changes: changes.map(({ order: _order, ...rest }) => rest),
    };
  });
  const uncertain = declaredSites(models[0].scenario.inputs).length;
  return {
    kind: 'comparison',
    scenario: base.scenario,
    runs: n,
    seed,
    partial,
    baseline: models[0].rule.spec,
    outcomes: ids.map((id) => ({ id, label: label(id) })),
    rules,
    ...(uncertain > 0 ? { inputsAtMeans: uncertain } : {}),
  };
}
