/**
 * The one place the uncertainty analyses (two-level runs, sensitivity, calibration) call the Monte Carlo: a setting
 * (a scenario under a rule, compiled) simulated for runs [from, to) of a seed, counted per outcome. When the run
 * kernel (settings × runs → per-run records) lands, this adapter switches to it; the analyses do not change.
 */
import { runRange } from '../../engine/monteCarlo';
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
