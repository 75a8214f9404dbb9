/**
 * Model uncertainty: the same scenario, rule, seed and runs under each component model of the ensemble (ordinal,
 * spatial, compromise), so that an analyst sees how much of the answer depends on the behaviour model, beside the
 * simulation-noise intervals. Pure: scenario in, shares out.
 */
import type { Scenario } from '../scenario/types';
import type { DecisionRule } from '../rules/types';
import { compileModel } from '../floor/model';
import { ENSEMBLE_COMPONENTS } from '../floor/ensemble';
import { runJob } from '../engine/job';

export interface ModelSpread {
  readonly models: readonly string[];
  /** per outcome (the compiled model's order): its share under each model, and the spread max − min */
  readonly outcomes: readonly { readonly outcome: string; readonly shares: readonly number[]; readonly min: number; readonly max: number }[];
  readonly runs: number;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function modelSpread(scenario: Scenario, rule: DecisionRule, seed: string, runs: number, shouldStop?: () => boolean): ModelSpread {
  const results = ENSEMBLE_COMPONENTS.map((floor) => {
    const model = compileModel(scenario, rule, { floor });
    const t = runJob(model, seed, runs, shouldStop ? { shouldStop } : {});
    return { model, shares: t.outcomes.map((k) => (t.runs === 0 ? 0 : k / t.runs)) };
  });
  const outcomes = results[0].model.outcomes.map((outcome, o) => {
    const shares = results.map((r) => round6(r.shares[o]));
    return { outcome, shares, min: Math.min(...shares), max: Math.max(...shares) };
  });
  return { models: [...ENSEMBLE_COMPONENTS], outcomes, runs };
}
