/**
 * `plenary sweep`: reads the scenario document (and its roster), derives and validates every setting, and runs
 * setting × rule as the settings of one kernel job ('outcomes', or 'records' for rows).
 */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { UserError } from '../../common/errors';
import { defaultScenarioFile } from '../../common/paths';
import { idOrThrow } from '../../common/typedIds';
import { shardDocument, shardJson, sweepShardTallies, type ShardJob } from '../../analyses/shards';
import { checkSweepWork, parseVary, resolveVary, setAtPath, summarizeSweep, sweepSettingId, sweepSettings, type SweepContext } from '../../analyses/sweep';
import { renderSweep, type SweepFormat } from '../../report/sweep';
import { renderRowsPart, type RowsFormat } from '../../report/rows';
import { jobOf, type JobTallies } from '../../engine/kernel';
import { runJobAsync, type WorkerCount } from '../../engine/parallel';
import { turnOrStop, type JobHooks, type JobOutcome } from '../job';
import { rulesOrThrow, ruleOrThrow } from '../../rules/registry';
import { loadScenario, scenarioDocument, validateData } from '../../scenario/load';
import { problemsMessage, renderProblem } from '../../scenario/problems';
import { shardRange, type Shard } from '../../engine/shard';
import { compileModel, type Model } from '../../floor/model';
import { outcomeLabel } from '../../engine/summarize';
import type { Stamp } from '../../engine/reportExtras';
import { shardInvocation, stampOf, unsplitInvocation, type Invocation } from '../stamp';

export type SweepCommandFormat = SweepFormat | RowsFormat;
export const SWEEP_COMMAND_FORMATS: readonly SweepCommandFormat[] = ['table', 'json', 'csv', 'markdown', 'rows', 'jsonl'];

export interface SweepOptions extends JobHooks {
  readonly scenario?: string;
  readonly vary: readonly string[];
  readonly rules?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  readonly outcome?: string;
  readonly runs: number;
  readonly seed: string;
  readonly format: SweepCommandFormat;
  readonly shard?: Shard;
  readonly workers?: WorkerCount;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

export async function sweepCommand(options: SweepOptions): Promise<JobOutcome> {
  if (options.vary.length === 0) throw new UserError('sweep: give at least one --vary <path>=<from>:<to>:<step>, e.g. --vary blocs.sadc.cohesion=0:1:0.1');
  const file = options.scenario ?? defaultScenarioFile();
  const typed = options.vary.map(parseVary);
  const base = loadScenario(file, { overrides: options.overrides });
  // the document exactly as run reads it: the roster chain (extends, remove) merged in by the one loader
  const doc = scenarioDocument(file);
  // ids typed in any case (or a participant's name) are spelled as the document spells them from here on
  const varies = typed.map((v) => resolveVary(doc, v));
  // a parameter fixed with --param cannot also be varied: the fixed value would win in every setting
  for (const v of varies) {
    const name = /^model\.(\w+)$/.exec(v.path)?.[1];
    if (name !== undefined && options.overrides?.[name as keyof ParameterOverrides] !== undefined) {
      throw new UserError(`--vary ${v.path} and --param ${name}=${options.overrides[name as keyof ParameterOverrides]} both set ${name}: vary it, or fix it with --param, not both`);
    }
  }
  const rules = options.rules ? rulesOrThrow(options.rules) : [ruleOrThrow(base.rule, `${file}: rule`)];
  const settings = sweepSettings(varies);
  checkSweepWork(settings.length, rules.length, base.participants.length);
  const models: Model[][] = [];
  for (const values of settings) {
    // validating thousands of derived scenarios takes a while: Ctrl-C is seen between them
    await turnOrStop(options.shouldStop);
    let derived: unknown = doc;
    varies.forEach((v, i) => (derived = setAtPath(derived, v.path, values[i])));
    const result = validateData(derived, file, undefined, { overrides: options.overrides });
    if (!result.scenario) {
      const what = varies.map((v, i) => `${v.path}=${values[i]}`).join(', ');
      const unknown = result.errors.find((p) => p.message.startsWith('unknown key'));
      if (unknown) throw new UserError(`--vary: the path does not exist in the scenario: ${renderProblem(unknown)}`);
      const lines = result.errors.map(renderProblem);
      throw new UserError(`--vary: with ${what} the scenario is not valid: ${problemsMessage(lines, file)}`, lines);
    }
    models.push(rules.map((rule) => compileModel(result.scenario!, rule)));
  }
  const first = models[0][0];
  const outcome = options.outcome === undefined ? first.outcomes[0] : idOrThrow(options.outcome, first.outcomes.map((id) => ({ id, name: outcomeLabel(first, id) })), { where: `--outcome ${options.outcome}`, kind: 'outcome', scope: 'this scenario' });
  const context: SweepContext = {
    scenario: { id: base.id, title: base.meeting.title, ...(base.file ? { file: base.file } : {}) },
    vary: varies.map(({ values: _values, ...v }) => v),
    settings,
    rules: rules.map((r) => r.spec),
    outcomes: first.outcomes.map((id) => ({ id, label: outcomeLabel(first, id) })),
    outcome,
  };
  const [from, to] = shardRange(options.runs, options.shard);
  options.onLabels?.(context.outcomes.map((o) => o.label));
  const rows = options.format === 'rows' || options.format === 'jsonl';
  const ids = settings.flatMap((values) => context.rules.map((rule) => sweepSettingId(context, values, rule)));
  const job = jobOf(models.flat(), options.seed, rows ? 'records' : 'outcomes', ids);
  const t = await runJobAsync(job, from, to, { workers: options.workers, shouldStop: options.shouldStop, onProgress: options.onProgress });
  const partial = t.runs < to - from;
  if (rows) {
    // the header and the stamp (of the unsplit command) only in the first part, so that the parts concatenate
    const stamp = stampOf([base], options.seed, options.invocation && unsplitInvocation(options.invocation));
    return { text: renderRowsPart(t.records!, options.format as RowsFormat, options.shard, stamp), partial };
  }
  if (options.shard) {
    const shardJob = { command: 'sweep' as const, scenario: context.scenario, rules: context.rules, seed: options.seed, runs: options.runs, options: { vary: context.vary, outcome } };
    const shardStamp = stampOf([base], options.seed, options.invocation && shardInvocation(options.invocation));
    return { text: shardJson(shardDocument(shardJob, options.shard, context, sweepShardTallies(t, context.rules.length), shardStamp)), partial };
  }
  const stamp = stampOf([base], options.seed, options.invocation);
  return { text: renderSweep(summarizeSweep(context, t, options.seed, partial), options.format as SweepFormat, stamp), partial, marked: options.format === 'table' || options.format === 'markdown' };
}

export function renderSweepFromShard(job: ShardJob, context: unknown, tallies: JobTallies, format: SweepFormat, stamp?: Stamp): string {
  return renderSweep(summarizeSweep(context as SweepContext, tallies, job.seed, false), format, stamp);
}

