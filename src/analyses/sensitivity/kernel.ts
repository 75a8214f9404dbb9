/**
 * The one place the uncertainty analyses (two-level runs, sensitivity, calibration) call the Monte Carlo: a setting
 * (a scenario under a rule, compiled) simulated for runs [from, to) of a seed, counted per outcome, through the run
 * kernel (src/engine/kernel.ts: a job of one setting); or a batch of settings (the design points of a sensitivity
 * stage) as the settings of one job, on worker threads (src/engine/parallel.ts).
 */
import { jobOf, runSlice } from '../../engine/kernel';
import { runJobAsync, type WorkerCount } from '../../engine/parallel';
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

const compile = (setting: Setting): Model => compileModel(setting.scenario, setting.rule, setting.floor ? { floor: setting.floor } : {});

/** Simulates runs [from, to) of `seed` for one setting. `shouldStop` is checked between runs (a partial result). */
export function simulateSetting(setting: Setting, seed: string, from: number, to: number, shouldStop?: () => boolean): SettingResult {
  const model = compile(setting);
  const t = runSlice(jobOf([model], seed, 'tallies', ['setting']), from, to, shouldStop);
  return { model, tallies: t.tallies![0] };
}

/**
 * What a run reads of a scenario: without its input sites and source document (over half of its data; they serve
 * deriving scenarios and reports, neither of which a batch's models are used for), so that the job sent to each worker
 * thread is small to copy.
 */
const forRuns = ({ document: _document, ...scenario }: Scenario): Scenario => ({ ...scenario, inputs: [] });

export interface BatchOptions {
  /** threads (this one included); default `auto` (see src/engine/parallel.ts) */
  readonly workers?: WorkerCount;
  /** checked between slices of runs; when it returns true the batch stops (fewer `runs`, the same for every setting) */
  readonly shouldStop?: () => boolean;
  /** runs done so far (each run covers every setting of the batch) */
  readonly onProgress?: (runs: number) => void;
}

export interface BatchResult {
  /** runs done of every setting (less than asked when stopped) */
  readonly runs: number;
  /** per setting, per outcome of its model → runs */
  readonly outcomes: readonly (readonly number[])[];
}

/**
 * Simulates runs [0, runs) of `seed` for every setting of a batch, as the settings of one job on `workers` threads:
 * each setting's counts are those `simulateSetting` gives it alone (run k of every setting uses the generator of
 * (seed, k)), whatever the number of threads. Every setting's rule must be a registry rule (workers rebuild it from
 * its spec).
 */
export async function simulateSettings(settings: readonly Setting[], seed: string, runs: number, options: BatchOptions = {}): Promise<BatchResult> {
  const job = jobOf(settings.map((s) => compile({ ...s, scenario: forRuns(s.scenario) })), seed, 'outcomes', settings.map((_, i) => `point ${i}`));
  const t = await runJobAsync(job, 0, runs, {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.onProgress ? { onProgress: (p: { runs: number }) => options.onProgress!(p.runs) } : {}),
  });
  return { runs: t.runs, outcomes: t.outcomes! };
}
