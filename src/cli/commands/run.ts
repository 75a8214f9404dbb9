/** `plenary run`: the Monte Carlo on one scenario under one rule, a job of one setting through the kernel. */
import { DEFAULT_SCENARIO } from '../../common/paths';
import { loadScenario } from '../../scenario/load';
import { ruleOrThrow } from '../../rules/registry';
import { compileModel } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import { withChair } from '../../chair/registry';
import { modelSpread } from '../../analyses/modelSpread';
import type { FloorModelName } from '../../scenario/schema';
import { jobOf } from '../../engine/kernel';
import { prestartWorkers, resolveWorkers, runJobAsync, type WorkerCount } from '../../engine/parallel';
import { shardRange, type Shard } from '../../engine/shard';
import { outcomeLabel, summarize, type Summary } from '../../engine/summarize';
import { canonicalTallies, shardDocument, shardJson } from '../../analyses/shards';
import { renderRun, type ReportFormat } from '../../report/runReport';
import { renderRowsPart, type RowsFormat } from '../../report/rows';
import type { JobHooks, JobOutcome } from '../job';
import { UserError } from '../../common/errors';
import { assumptionSummary } from '../../analyses/assumptions';
import { runTwoLevelAsync } from '../../analyses/inputUncertainty';
import { declaredSites } from '../../scenario/inputs';
import { describeDistribution } from '../../scenario/distributions';
import type { UncertaintySummary } from '../../engine/reportExtras';
import type { Scenario } from '../../scenario/types';
import type { DecisionRule } from '../../rules/types';
import { shardInvocation, stampOf, unsplitInvocation, type Invocation } from '../stamp';

export type RunFormat = ReportFormat | RowsFormat;
export const RUN_FORMATS: readonly RunFormat[] = ['table', 'json', 'csv', 'markdown', 'html', 'rows', 'jsonl'];

export interface RunCommandOptions extends JobHooks {
  readonly scenario?: string;
  readonly runs: number;
  readonly seed: string;
  readonly rule?: string;
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
  /** undefined for rows */
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
    const scenario = withChair(withFloorModel(loadScenario(options.scenario ?? DEFAULT_SCENARIO), options.floor), options.chair);
    const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
    const model = compileModel(scenario, rule);
    options.onLabels?.(model.outcomes.map((o) => outcomeLabel(model, o)));
    if (declaredSites(scenario.inputs).length > 0) return await runUncertain(options, scenario, rule);
    const rows = isRows(options.format);
    const job = jobOf([model], options.seed, rows ? 'records' : 'tallies');
    const t = await runJobAsync(job, from, to, { workers: options.workers, shouldStop: options.shouldStop, onProgress: options.onProgress, prestarted });
    const partial = t.runs < to - from;
    if (rows) {
      // rows of a shard are the rows of its runs; the header and the stamp (of the unsplit command) only in the first part, so that the parts concatenate
      const stamp = stampOf([scenario], options.seed, options.invocation && unsplitInvocation(options.invocation));
      return { text: renderRowsPart(t.records!, options.format as RowsFormat, options.shard, stamp), partial };
    }
    const tallies = t.tallies![0];
    const plain = summarize(model, tallies, options.seed, partial);
    // the ensemble reports its components' spread as model uncertainty (the same runs under each model)
    const spread = model.floor === 'ensemble' && !options.shard && !partial ? modelSpread(scenario, rule, options.seed, options.runs, options.shouldStop) : undefined;
    const stamp = stampOf([scenario], options.seed, options.invocation);
    const summary = { ...plain, assumptions: assumptionSummary(scenario, plain), ...(spread ? { modelSpread: spread } : {}), ...(stamp ? { provenance: stamp } : {}) };
    if (options.shard) {
      // a shard writes its raw tallies whatever the format; plenary merge renders the whole job
      const shardJob = { command: 'run' as const, scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: [rule.spec], seed: options.seed, runs: options.runs, options: { model: model.floor, ...(scenario.procedure.chair !== undefined ? { chair: scenario.procedure.chair } : {}) } }; // shards of different floor models never merge
      const shardStamp = stampOf([scenario], options.seed, options.invocation && shardInvocation(options.invocation));
      return { text: shardJson(shardDocument(shardJob, options.shard, scenario, canonicalTallies(tallies), shardStamp)), partial, summary };
    }
    return { text: renderRun(summary, options.format), partial, marked: markedFormat(options.format), summary };
  } finally {
    prestarted.dispose();
  }
}

/**
 * A scenario with uncertain inputs: the two-level Monte Carlo (input draws × runs; src/analyses/inputUncertainty.ts),
 * in this thread. Its report gives each outcome two intervals, inputs and simulation.
 */
async function runUncertain(options: RunCommandOptions, scenario: Scenario, rule: DecisionRule): Promise<RunCommandResult> {
  if (options.shard) throw new UserError(`--shard: scenario "${scenario.id}" has uncertain inputs (ranges or distributions); shards of a two-level run are not supported yet, run it whole`);
  if (isRows(options.format)) throw new UserError(`--format ${options.format}: scenario "${scenario.id}" has uncertain inputs (ranges or distributions); rows of a two-level run are not supported yet`);
  const result = await runTwoLevelAsync(scenario, rule, { runs: options.runs, seed: options.seed, draws: options.draws, shouldStop: options.shouldStop });
  const plain = summarize(result.model, result.tallies, options.seed, result.partial);
  const uncertainty: UncertaintySummary = {
    method: 'two-level Monte Carlo: input draws from (seed, "inputs", draw), runs from (seed, run); inputs interval = 2.5-97.5% of per-draw probabilities net of simulation noise; simulation interval = mean ± 1.96 standard errors over draws (docs/uncertainty.md)',
    draws: result.draws,
    runsPerDraw: result.runsPerDraw,
    inputs: result.sites.map((s) => ({ id: s.id, label: s.label, distribution: describeDistribution(s.declared!), ...(s.source !== undefined ? { source: s.source } : {}) })),
    outcomes: result.outcomes,
    influence: result.influence,
  };
  const stamp = stampOf([scenario], options.seed, options.invocation);
  const summary = { ...plain, uncertainty, assumptions: assumptionSummary(scenario, plain, uncertainty), ...(stamp ? { provenance: stamp } : {}) };
  return { text: renderRun(summary, options.format), partial: result.partial, marked: markedFormat(options.format), summary };
}
