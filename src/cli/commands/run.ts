/** `plenary run`: the Monte Carlo on one scenario under one rule. */
import { compileModel } from '../../floor/model';
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

export interface RunCommandOptions {
  readonly scenario?: string;
  readonly runs: number;
  readonly seed: string;
  readonly rule?: string;
  readonly format: ReportFormat;
  readonly shard?: Shard;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (tallies: Tallies) => void;
  /** called once the model is compiled (a progress display reads the outcome labels) */
  readonly onModel?: (model: Model) => void;
  /** worker threads for the async command (default auto: 1 below 20,000 runs); the result is the same */
  readonly workers?: WorkerCount;
}

export interface RunCommandResult {
  readonly text: string;
  readonly summary: Summary;
}

export function runCommand(options: RunCommandOptions): RunCommandResult {
  const { scenario, rule, model } = prepareRun(options);
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
    return finishRun(options, scenario, rule, model, await runJobParallel(model, options.seed, options.runs, { ...jobOptions(options), workers: options.workers, prestarted }));
  } finally {
    prestarted.dispose();
  }
}

function prepareRun(options: RunCommandOptions) {
  const scenario = loadScenario(options.scenario ?? DEFAULT_SCENARIO);
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
  const summary = summarize(model, tallies, options.seed, partial);
  if (options.shard) {
    // a shard writes its raw tallies whatever the format; plenary merge renders the whole job
    const job = { command: 'run' as const, scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: [rule.spec], seed: options.seed, runs: options.runs, options: {} };
    return { text: shardJson(shardDocument(job, options.shard, scenario, canonicalTallies(tallies))), summary };
  }
  return { text: renderRun(summary, options.format), summary };
}
