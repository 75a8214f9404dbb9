/** `plenary run`: the Monte Carlo on one scenario under one rule, a job of one setting through the kernel. */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { defaultScenarioFile } from '../../common/paths';
import { loadScenario } from '../../scenario/load';
import { ruleOrThrow } from '../../rules/registry';
import { compileModel, type Model } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import { withChair } from '../../chair/registry';
import { modelSpread } from '../../analyses/modelSpread';
import type { FloorModelName } from '../../scenario/schema';
import { jobOf } from '../../engine/kernel';
import { prestartWorkers, resolveWorkers, runJobAsync, type WorkerCount } from '../../engine/parallel';
import { shardRange, type Shard } from '../../engine/shard';
import { outcomeLabel, summarize, type Summary } from '../../engine/summarize';
import { canonicalTallies, shardDocument, shardJson, twoLevelShardTallies } from '../../analyses/shards';
import { renderRun, type ReportFormat } from '../../report/runReport';
import { renderRowsPart, type RowsFormat } from '../../report/rows';
import type { JobHooks, JobOutcome } from '../job';
import { assumptionSummary } from '../../analyses/assumptions';
import { twoLevelJob, twoLevelSummary } from '../../analyses/inputUncertainty';
import { declaredSites } from '../../scenario/inputs';
import { shardInvocation, stampOf, unsplitInvocation, type Invocation } from '../stamp';
import type { Scenario } from '../../scenario/types';
import type { Tallies } from '../../engine/accumulator';

export type RunFormat = ReportFormat | RowsFormat;
export const RUN_FORMATS: readonly RunFormat[] = ['table', 'json', 'csv', 'markdown', 'html', 'rows', 'jsonl'];

export interface RunCommandOptions extends JobHooks {
  readonly scenario?: string;
  readonly runs: number;
  readonly seed: string;
  readonly rule?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  /** `--chair`: the simulated chair instead of the scenario's */
  readonly chair?: string;
  readonly format: RunFormat;
  readonly shard?: Shard;
  /** threads (default auto: 1 below 20,000 runs); the result is the same */
  readonly workers?: WorkerCount;
  /** input draws of a scenario with uncertain inputs (two-level Monte Carlo; default 100) */
  readonly draws?: number;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

export interface RunCommandResult extends JobOutcome {
  /** undefined for rows and shards */
  readonly summary?: Summary;
}

const isRows = (format: RunFormat): format is RowsFormat => format === 'rows' || format === 'jsonl';
/** formats a person reads, which say PARTIAL (printed when interrupted); JSON, CSV and rows print nothing then */
const markedFormat = (format: RunFormat): boolean => format === 'table' || format === 'markdown' || format === 'html';

export async function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const [from, to] = shardRange(options.runs, options.shard);
  // a long job's helper threads start now, loading the engine while this thread reads the scenario
  const prestarted = prestartWorkers(resolveWorkers(options.workers, to - from) - 1);
  try {
    const scenario = withChair(withFloorModel(loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides }), options.floor), options.chair);
    const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
    const model = compileModel(scenario, rule);
    options.onLabels?.(model.outcomes.map((o) => outcomeLabel(model, o)));
    const rows = isRows(options.format);
    // a scenario with uncertain inputs (ranges or distributions) runs as a two-level job: input draws × runs
    // (src/analyses/inputUncertainty.ts), on the same kernel, threads and shards; its report has two intervals
    const uncertain = declaredSites(scenario.inputs).length > 0;
    const reduction = rows ? 'records' : 'tallies';
    const job = uncertain ? twoLevelJob(model, options, reduction) : jobOf([model], options.seed, reduction);
    const t = await runJobAsync(job, from, to, { workers: options.workers, shouldStop: options.shouldStop, onProgress: options.onProgress, prestarted });
    const partial = t.runs < to - from;
    if (rows) {
      // rows of a shard are the rows of its runs; the header and the stamp (of the unsplit command) only in the first part, so that the parts concatenate
      const stamp = stampOf([scenario], options.seed, options.invocation && unsplitInvocation(options.invocation));
      return { text: renderRowsPart(t.records!, options.format as RowsFormat, options.shard, stamp, uncertain), partial };
    }
    const tallies = t.tallies![0];
    if (options.shard) {
      // a shard writes its raw tallies whatever the format (a two-level run's with the outcome counts of each draw);
      // plenary merge renders the whole job. Shards of different floor models or draws never merge.
      const shardOptions = { model: model.floor, ...(scenario.procedure.chair !== undefined ? { chair: scenario.procedure.chair } : {}), ...(job.inputs ? { draws: job.inputs.draws } : {}) };
      const shardJob = { command: 'run' as const, scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: [rule.spec], seed: options.seed, runs: options.runs, options: shardOptions };
      const shardTallies = job.inputs ? twoLevelShardTallies(tallies, t.perDraw![0]) : canonicalTallies(tallies);
      const shardStamp = stampOf([scenario], options.seed, options.invocation && shardInvocation(options.invocation));
      return { text: shardJson(shardDocument(shardJob, options.shard, scenario, shardTallies, shardStamp)), partial };
    }
    const stamp = stampOf([scenario], options.seed, options.invocation);
    const summary: Summary = { ...(uncertain ? twoLevelSummary(scenario, job, t, partial) : plainSummary(scenario, model, tallies, options, partial)), ...(stamp ? { provenance: stamp } : {}) };
    return { text: renderRun(summary, options.format), partial, marked: markedFormat(options.format), summary };
  } finally {
    prestarted.dispose();
  }
}

/** The summary of a run without uncertain inputs: outcomes, blockers, time, assumptions (an ensemble's model spread). */
function plainSummary(scenario: Scenario, model: Model, tallies: Tallies, options: RunCommandOptions, partial: boolean): Summary {
  const plain = summarize(model, tallies, options.seed, partial);
  // the ensemble reports its components' spread as model uncertainty (the same runs under each model)
  const spread = model.floor === 'ensemble' && !partial ? modelSpread(scenario, model.rule, options.seed, options.runs, options.shouldStop) : undefined;
  return { ...plain, assumptions: assumptionSummary(scenario, plain), ...(spread ? { modelSpread: spread } : {}) };
}
