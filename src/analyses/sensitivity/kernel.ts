/**
 * The one place the uncertainty analyses (two-level runs, sensitivity, calibration) call the Monte Carlo: a setting
 * (a scenario under a rule, compiled) simulated for runs [from, to) of a seed, counted per outcome, through the run
 * kernel (src/engine/kernel.ts: a job of one setting).
 */
import { runRange } from '../../engine/job';
import type { Tallies } from '../../engine/accumulator';
import { compileModel, type Model } from '../../floor/model';
import type { DecisionRule } from '../../rules/types';
import type { Scenario } from '../../scenario/types';

export interface Setting {
  readonly scenario: Scenario;
  readonly rule: DecisionRule;
}

export interface SettingResult {
  readonly model: Model;
  readonly tallies: Tallies;
}

/** Simulates runs [from, to) of `seed` for one setting. `shouldStop` is checked between runs (a partial result). */
export function simulateSetting(setting: Setting, seed: string, from: number, to: number, shouldStop?: () => boolean): SettingResult {
  const model = compileModel(setting.scenario, setting.rule);
  return { model, tallies: runRange(model, seed, from, to, shouldStop ? { shouldStop } : {}) };
}
