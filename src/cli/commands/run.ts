/** `plenary run`: the Monte Carlo on one scenario under one rule. */
import { compileModel } from '../../simulation/model';
import { runJob, type Shard } from '../../simulation/job';
import { summarize, type Summary } from '../../simulation/summarize';
import { loadScenario } from '../../scenario/load';
import { ruleOrThrow } from '../../rules/registry';
import { renderRun } from '../../report/run';
import type { ReportFormat } from '../options';
import { DEFAULT_SCENARIO } from '../../common/paths';
import type { Tallies } from '../../simulation/accumulator';

export interface RunCommandOptions {
  readonly scenario?: string;
  readonly runs: number;
  readonly seed: string;
  readonly rule?: string;
  readonly format: ReportFormat;
  readonly shard?: Shard;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (tallies: Tallies) => void;
}

export interface RunCommandResult {
  readonly text: string;
  readonly summary: Summary;
}

export function runCommand(options: RunCommandOptions): RunCommandResult {
  const scenario = loadScenario(options.scenario ?? DEFAULT_SCENARIO);
  const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
  const model = compileModel(scenario, rule);
  const tallies = runJob(model, options.seed, options.runs, {
    shard: options.shard,
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
    progressEvery: options.onProgress ? 500 : 0,
  });
  const [from, to] = [tallies.from, tallies.to];
  const expected = options.shard ? undefined : options.runs;
  const partial = expected !== undefined ? tallies.runs < expected : options.shouldStop?.() === true && to - from > tallies.runs;
  const summary = summarize(model, tallies, options.seed, partial);
  return { text: renderRun(summary, options.format), summary };
}
