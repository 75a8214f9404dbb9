/** `plenary run`: the Monte Carlo on one scenario under one rule. */
import { compileModel } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import type { FloorModelName } from '../../scenario/schema';
import { runJob, type Shard } from '../../engine/job';
import { summarize, type Summary } from '../../engine/summarize';
import { loadScenario } from '../../scenario/load';
import { ruleOrThrow } from '../../rules/registry';
import { renderRun } from '../../report/runReport';
import type { ReportFormat } from '../options';
import { DEFAULT_SCENARIO } from '../../common/paths';
import type { Tallies } from '../../engine/accumulator';
import { shardRange } from '../../engine/job';
import { prestartWorkers, resolveWorkers, runJobParallel, type WorkerCount } from '../../engine/parallel';
import type { Model } from '../../floor/model';
import type { Scenario } from '../../scenario/types';
import type { DecisionRule } from '../../rules/types';
import { canonicalTallies, shardDocument, shardJson } from '../../analyses/shards';
import { UserError } from '../../common/errors';
import { assumptionSummary } from '../../analyses/assumptions';
import { runTwoLevel } from '../../analyses/inputUncertainty';
import { declaredSites } from '../../scenario/inputs';
import { describeDistribution } from '../../scenario/distributions';
import type { UncertaintySummary } from '../../engine/reportExtras';

export interface RunCommandOptions {
  readonly scenario?: string;
  readonly runs: number;
  readonly seed: string;
  readonly rule?: string;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  readonly format: ReportFormat;
  readonly shard?: Shard;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (tallies: Tallies) => void;
  /** called once the model is compiled (a progress display reads the outcome labels) */
  readonly onModel?: (model: Model) => void;
  /** worker threads for the async command (default auto: 1 below 20,000 runs); the result is the same */
  readonly workers?: WorkerCount;
  /** input draws of a scenario with uncertain inputs (two-level Monte Carlo; default 100) */
  readonly draws?: number;
}

export interface RunCommandResult {
  readonly text: string;
  readonly summary: Summary;
}

export function runCommand(options: RunCommandOptions): RunCommandResult {
  const { scenario, rule, model } = prepareRun(options);
  if (declaredSites(scenario.inputs).length > 0) return runUncertain(options, scenario, rule);
  return finishRun(options, scenario, rule, model, runJob(model, options.seed, options.runs, jobOptions(options)));
}

/**
 * `runCommand` for the CLI: the job runs in slices that yield to the event loop, so Ctrl-C is seen within a slice
 * (a partial result) and progress displays get a turn. The result is identical to `runCommand`'s.
 */
export async function runCommandAsync(options: RunCommandOptions): Promise<RunCommandResult> {
  // a long job's helper threads start now, loading the engine while this thread reads the scenario
  const [from, to] = shardRange(options.runs, options.shard);
  const prestarted = prestartWorkers(resolveWorkers(options.workers, to - from) - 1);
  try {
    const { scenario, rule, model } = prepareRun(options);
    options.onModel?.(model);
    if (declaredSites(scenario.inputs).length > 0) return runUncertain(options, scenario, rule);
    return finishRun(options, scenario, rule, model, await runJobParallel(model, options.seed, options.runs, { ...jobOptions(options), workers: options.workers, prestarted }));
  } finally {
    prestarted.dispose();
  }
}

function prepareRun(options: RunCommandOptions) {
  const scenario = withFloorModel(loadScenario(options.scenario ?? DEFAULT_SCENARIO), options.floor);
  const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
  return { scenario, rule, model: compileModel(scenario, rule) };
}

const jobOptions = (options: RunCommandOptions) => ({
  shard: options.shard,
  shouldStop: options.shouldStop,
  onProgress: options.onProgress,
  progressEvery: options.onProgress ? 500 : 0,
});

function finishRun(options: RunCommandOptions, scenario: Scenario, rule: DecisionRule, model: Model, tallies: Tallies): RunCommandResult {
  const [from, to] = shardRange(options.runs, options.shard);
  const partial = tallies.runs < to - from;
  const plain = summarize(model, tallies, options.seed, partial);
  const summary = { ...plain, assumptions: assumptionSummary(scenario, plain) };
  if (options.shard) {
    // a shard writes its raw tallies whatever the format; plenary merge renders the whole job
    const job = { command: 'run' as const, scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: [rule.spec], seed: options.seed, runs: options.runs, options: {} };
    return { text: shardJson(shardDocument(job, options.shard, scenario, canonicalTallies(tallies))), summary };
  }
  return { text: renderRun(summary, options.format), summary };
}

/**
 * A scenario with uncertain inputs: the two-level Monte Carlo (input draws × runs; src/analyses/inputUncertainty.ts),
 * in this thread. Its report gives each outcome two intervals, inputs and simulation.
 */
function runUncertain(options: RunCommandOptions, scenario: Scenario, rule: DecisionRule): RunCommandResult {
  if (options.shard) throw new UserError(`--shard: scenario "${scenario.id}" has uncertain inputs (ranges or distributions); shards of a two-level run are not supported yet, run it whole`);
  const result = runTwoLevel(scenario, rule, { runs: options.runs, seed: options.seed, draws: options.draws, shouldStop: options.shouldStop });
  const plain = summarize(result.model, result.tallies, options.seed, result.partial);
  const uncertainty: UncertaintySummary = {
    method: 'two-level Monte Carlo: input draws from (seed, "inputs", draw), runs from (seed, run); inputs interval = 2.5-97.5% of per-draw probabilities net of simulation noise; simulation interval = mean ± 1.96 standard errors over draws (docs/uncertainty.md)',
    draws: result.draws,
    runsPerDraw: result.runsPerDraw,
    inputs: result.sites.map((s) => ({ id: s.id, label: s.label, distribution: describeDistribution(s.declared!), ...(s.source !== undefined ? { source: s.source } : {}) })),
    outcomes: result.outcomes,
    influence: result.influence,
  };
  const summary = { ...plain, uncertainty, assumptions: assumptionSummary(scenario, plain, uncertainty) };
  return { text: renderRun(summary, options.format), summary };
}
