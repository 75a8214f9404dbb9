/** `plenary compare`: one scenario under several rules on the same runs, a 'paired' job through the kernel. */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { DEFAULT_FLOOR_MODEL } from '../../floor/defaultModel';
import { defaultScenarioFile } from '../../common/paths';
import { summarizeComparison, type Comparison, type ReformInfo } from '../../analyses/comparison';
import { comparedRules as selectRules, parseGroupMap, type ComparedRules, type RuleSelection, type SkippedReform } from '../../analyses/comparedRules';
import { compareShardTallies, shardDocument, shardJson } from '../../analyses/shards';
import { renderComparison, type CompareFormat } from '../../report/compare';
import { renderRowsPart, type RowsFormat } from '../../report/rows';
import type { DecisionRule } from '../../rules/types';
import { loadScenario } from '../../scenario/load';
import type { Scenario } from '../../scenario/types';
import { jobOf } from '../../engine/kernel';
import { runJobAsync, type WorkerCount } from '../../engine/parallel';
import { shardRange, type Shard } from '../../engine/shard';
import { outcomeLabel } from '../../engine/summarize';
import { compileModel, type Model } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import { withChair } from '../../chair/registry';
import type { FloorModelName } from '../../scenario/schema';
import type { JobHooks, JobOutcome } from '../job';
import { shardInvocation, stampOf, unsplitInvocation, type Invocation } from '../stamp';

export type CompareCommandFormat = CompareFormat | RowsFormat;
export const COMPARE_COMMAND_FORMATS: readonly CompareCommandFormat[] = ['table', 'json', 'csv', 'markdown', 'html', 'rows', 'jsonl'];

export interface CompareOptions extends JobHooks {
  readonly scenario?: string;
  readonly rules?: string;
  readonly reforms?: boolean | string;
  /** --map-group entries, `reform-group=scenario-bloc` */
  readonly mapGroup?: readonly string[];
  readonly baseline?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  /** `--chair`: the simulated chair instead of the scenario's */
  readonly chair?: string;
  /** told each reform left out, one line (the CLI prints it on stderr) */
  readonly onSkipped?: (line: string) => void;
  readonly runs: number;
  readonly seed: string;
  readonly format: CompareCommandFormat;
  readonly shard?: Shard;
  readonly workers?: WorkerCount;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

/** The rules of a comparison (see analyses/comparedRules): the baseline first, then the alternatives and reforms. */
export function comparedRules(scenario: Scenario, options: RuleSelection & { mapGroup?: readonly string[] }): ComparedRules {
  return selectRules(scenario, { ...options, groupMap: options.groupMap ?? parseGroupMap(options.mapGroup ?? [], scenario) });
}

/** The comparison with the reforms left out noted (every format shows them). */
export const withSkipped = (c: Comparison, skipped: readonly SkippedReform[]): Comparison => (skipped.length > 0 ? { ...c, skipped } : c);

export function compileAll(scenario: Scenario, rules: readonly DecisionRule[]): Model[] {
  return rules.map((rule) => compileModel(scenario, rule));
}

/** The setting ids of a comparison in records: the reform id, or the rule spec. */
export const comparedSettingIds = (models: readonly Model[], reforms: readonly (ReformInfo | undefined)[]): string[] => models.map((m, r) => reforms[r]?.id ?? m.rule.spec);

export async function compareCommand(options: CompareOptions): Promise<JobOutcome> {
  const scenario = withChair(withFloorModel(loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides }), options.floor), options.chair);
  const { rules, reforms, skipped } = comparedRules(scenario, options);
  for (const s of skipped) options.onSkipped?.(`not compared: ${s.id}: ${s.reason}`);
  const models = compileAll(scenario, rules);
  options.onLabels?.(models[0].outcomes.map((o) => outcomeLabel(models[0], o)));
  const [from, to] = shardRange(options.runs, options.shard);
  const rows = options.format === 'rows' || options.format === 'jsonl';
  const job = jobOf(models, options.seed, rows ? 'records' : 'paired', comparedSettingIds(models, reforms));
  const t = await runJobAsync(job, from, to, { workers: options.workers, shouldStop: options.shouldStop, onProgress: options.onProgress });
  const partial = t.runs < to - from;
  if (rows) {
    // the header and the stamp (of the unsplit command) only in the first part, so that the parts concatenate
    const stamp = stampOf([scenario], options.seed, options.invocation && unsplitInvocation(options.invocation));
    return { text: renderRowsPart(t.records!, options.format as RowsFormat, options.shard, stamp), partial };
  }
  if (options.shard) {
    const doc = shardDocument(
      { command: 'compare', scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: rules.map((r) => r.spec), seed: options.seed, runs: options.runs, options: { model: scenario.model.name ?? DEFAULT_FLOOR_MODEL } },
      options.shard,
      { scenario, reforms: reforms.map((r) => r ?? null), skipped },
      compareShardTallies(t),
      stampOf([scenario], options.seed, options.invocation && shardInvocation(options.invocation)),
    );
    return { text: shardJson(doc), partial };
  }
  const stamp = stampOf([scenario], options.seed, options.invocation);
  const comparison = { ...withSkipped(summarizeComparison(models, t, options.seed, partial, reforms), skipped), ...(stamp ? { provenance: stamp } : {}) };
  return { text: renderComparison(comparison, options.format as CompareFormat), partial, marked: options.format === 'table' || options.format === 'markdown' || options.format === 'html' };
}
