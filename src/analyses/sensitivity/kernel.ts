/**
 * The one place the uncertainty analyses (two-level runs, sensitivity, calibration) call the Monte Carlo: a setting
 * (a scenario under a rule, compiled) simulated for runs [from, to) of a seed, counted per outcome, through the run
 * kernel (src/engine/kernel.ts: a job of one setting).
 */
import { jobOf, runSlice } from '../../engine/kernel';
import type { Tallies } from '../../engine/accumulator';
import { compileModel, type Model } from '../../floor/model';
import type { DecisionRule } from '../../rules/types';
import type { Scenario } from '../../scenario/types';
import type { FloorModelName } from '../../scenario/schema';

export interface Setting {
  readonly scenario: Scenario;
  readonly rule: DecisionRule;
  /** overrides the scenario's floor model */
  readonly floor?: FloorModelName;
}

export interface SettingResult {
  readonly model: Model;
  readonly tallies: Tallies;
}

/** Simulates runs [from, to) of `seed` for one setting. `shouldStop` is checked between runs (a partial result). */
export function simulateSetting(setting: Setting, seed: string, from: number, to: number, shouldStop?: () => boolean): SettingResult {
  const model = compileModel(setting.scenario, setting.rule, setting.floor ? { floor: setting.floor } : {});
  const t = runSlice(jobOf([model], seed, 'tallies', ['setting']), from, to, shouldStop);
  return { model, tallies: t.tallies![0] };
}
