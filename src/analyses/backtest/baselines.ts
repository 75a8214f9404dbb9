/**
 * The two baselines every backtest prints beside the models (a model that cannot beat them says little):
 * - "nothing is adopted": the item ends without adopting anything (no decision, deferred: the event as a whole);
 *   it is scored as certain of the recorded non-adoption when nothing was adopted, and as certain of "no decision"
 *   otherwise, which gives it the benefit of the doubt between the kinds of non-adoption;
 * - "the first tabled option passes": certain of the first option the chair tables.
 * Both are point forecasts: scored with the same metrics as the models (metrics.ts), with `runs` as their notional
 * number of runs so that the log score's floor is the same.
 */
import type { Scenario } from '../../scenario/types';
import { DEFERRED, NO_DECISION } from '../../scenario/types';
import { actualOutcomeInModel, overallScore, scoreCase, type CaseForecast, type CaseScore, type OverallScore } from './metrics';

export type BaselineName = 'nothing-adopted' | 'first-tabled-passes';

export const BASELINES: readonly { readonly name: BaselineName; readonly title: string }[] = [
  { name: 'nothing-adopted', title: 'Baseline: nothing is adopted' },
  { name: 'first-tabled-passes', title: 'Baseline: the first tabled option passes' },
];

export interface BaselineResult {
  readonly name: BaselineName;
  readonly title: string;
  readonly scores: readonly CaseScore[];
  readonly overall: OverallScore;
}

/** The outcome space of a case, as the model has it: tabled options, then no decision, then deferred. */
function outcomeSpace(scenario: Scenario): string[] {
  return [...scenario.options.filter((o) => o.tabled).map((o) => o.id), NO_DECISION, DEFERRED];
}

/** The recorded outcome in the model's outcome space (throws if the case records none). */
export function recordedOutcome(scenario: Scenario): string {
  if (!scenario.actual) throw new Error(`scenario "${scenario.id}" records no actual outcome`);
  return actualOutcomeInModel(scenario.actual.outcome, scenario.options, scenario.statusQuo);
}

export function baselineForecast(name: BaselineName, scenario: Scenario, runs: number): CaseForecast {
  const space = outcomeSpace(scenario);
  const recorded = recordedOutcome(scenario);
  const adopted = scenario.options.some((o) => o.tabled && o.id === recorded);
  const certain =
    name === 'first-tabled-passes' ? space[0] : !adopted && (recorded === NO_DECISION || recorded === DEFERRED || !space.includes(recorded)) ? recorded : NO_DECISION;
  const outcomes = space.includes(certain) ? space : [...space, certain];
  return {
    runs,
    outcomes: outcomes.map((outcome) => ({ outcome, label: outcome, count: outcome === certain ? runs : 0 })),
    blockerShares: {},
  };
}

export function scoreBaseline(name: BaselineName, scenarios: readonly Scenario[], runs: number): BaselineResult {
  const scores = scenarios.map((s) => scoreCase(baselineForecast(name, s, runs), { outcome: recordedOutcome(s), blockers: [] }));
  return { name, title: BASELINES.find((b) => b.name === name)!.title, scores, overall: overallScore(scores) };
}
