/** `plenary sweep`: the parts that read files (the scenario document and its roster); the rest is pure. */
import { dirname, resolve } from 'node:path';
import { UserError } from '../../common/errors';
import { DEFAULT_SCENARIO } from '../../common/paths';
import { listOf } from '../../common/suggest';
import { shardDocument, shardJson, type ShardJob } from '../../analyses/shards';
import { mergeSweepTallies, parseVary, setAtPath, summarizeSweep, sweepRange, sweepSettings, type SweepContext, type SweepTallies } from '../../analyses/sweep';
import { renderSweep, type SweepFormat } from '../../report/sweep';
import { rulesOrThrow, ruleOrThrow } from '../../rules/registry';
import { loadScenario, validateData } from '../../scenario/load';
import { renderProblem } from '../../scenario/problems';
import { parseYaml, readText } from '../../scenario/source';
import { shardRange, type Shard } from '../../engine/job';
import { compileModel } from '../../floor/model';
import { outcomeLabel } from '../../engine/summarize';

export { mergeSweepTallies, type SweepTallies };

export interface SweepOptions {
  readonly scenario?: string;
  readonly vary: readonly string[];
  readonly rules?: string;
  readonly outcome?: string;
  readonly runs: number;
  readonly seed: string;
  readonly format: SweepFormat;
  readonly shard?: Shard;
  readonly shouldStop?: () => boolean;
}

const mergeById = (base: { id: string }[], own: { id: string }[]) => {
  const out = base.map((x) => ({ ...x }));
  for (const item of own) {
    const i = out.findIndex((x) => x.id === item.id);
    if (i >= 0) out[i] = { ...out[i], ...item };
    else out.push(item);
  }
  return out;
};

/** The scenario document with its roster merged in (as validation merges it), so that paths reach roster entries. */
function effectiveDocument(file: string): Record<string, unknown> {
  loadScenario(file); // the file and its include are valid (and the include stays inside the scenario tree)
  const read = (f: string) => {
    const text = readText(f);
    if (!text.ok) throw new UserError(text.problems.map(renderProblem).join('\n'));
    const yaml = parseYaml(f, text.value);
    if (!yaml.ok) throw new UserError(yaml.problems.map(renderProblem).join('\n'));
    return yaml.value.data as Record<string, unknown>;
  };
  const doc = read(file);
  if (typeof doc.roster !== 'string') return doc;
  const roster = read(resolve(dirname(resolve(file)), doc.roster));
  const { roster: _roster, ...rest } = doc;
  const list = (x: unknown) => (Array.isArray(x) ? (x as { id: string }[]) : []);
  return { ...rest, participants: mergeById(list(roster.participants), list(doc.participants)), blocs: mergeById(list(roster.blocs), list(doc.blocs)) };
}

export function sweepCommand(options: SweepOptions): { text: string; partial: boolean } {
  if (options.vary.length === 0) throw new UserError('sweep: give at least one --vary <path>=<from>:<to>:<step>, e.g. --vary blocs.sadc.cohesion=0:1:0.1');
  const file = options.scenario ?? DEFAULT_SCENARIO;
  const varies = options.vary.map(parseVary);
  const base = loadScenario(file);
  const doc = effectiveDocument(file);
  const rules = options.rules ? rulesOrThrow(options.rules) : [ruleOrThrow(base.rule, `${file}: rule`)];
  const settings = sweepSettings(varies);
  const models = settings.map((values) => {
    let derived: unknown = doc;
    varies.forEach((v, i) => (derived = setAtPath(derived, v.path, values[i])));
    const result = validateData(derived, file);
    if (!result.scenario) {
      const what = varies.map((v, i) => `${v.path}=${values[i]}`).join(', ');
      const unknown = result.errors.find((p) => p.message.startsWith('unknown key'));
      if (unknown) throw new UserError(`--vary: the path does not exist in the scenario: ${renderProblem(unknown)}`);
      throw new UserError(`--vary: with ${what} the scenario is not valid:\n${result.errors.map(renderProblem).join('\n')}`);
    }
    return rules.map((rule) => compileModel(result.scenario!, rule));
  });
  const first = models[0][0];
  const outcome = options.outcome ?? first.outcomes[0];
  if (!first.outcomes.includes(outcome)) throw new UserError(`--outcome ${outcome}: not an outcome of this scenario (outcomes: ${listOf([...first.outcomes])})`);
  const context: SweepContext = {
    scenario: { id: base.id, title: base.meeting.title, ...(base.file ? { file: base.file } : {}) },
    vary: varies.map(({ values: _values, ...v }) => v),
    settings,
    rules: rules.map((r) => r.spec),
    outcomes: first.outcomes.map((id) => ({ id, label: outcomeLabel(first, id) })),
    outcome,
  };
  const [from, to] = shardRange(options.runs, options.shard);
  const tallies = sweepRange(models, options.seed, from, to, { shouldStop: options.shouldStop });
  const partial = tallies.runs < to - from;
  if (options.shard) {
    const job = { command: 'sweep' as const, scenario: context.scenario, rules: context.rules, seed: options.seed, runs: options.runs, options: { vary: context.vary, outcome } };
    return { text: shardJson(shardDocument(job, options.shard, context, tallies)), partial };
  }
  return { text: renderSweep(summarizeSweep(context, tallies, options.seed, partial), options.format), partial };
}

export function renderSweepFromShard(job: ShardJob, context: unknown, tallies: SweepTallies, format: SweepFormat): string {
  return renderSweep(summarizeSweep(context as SweepContext, tallies, job.seed, false), format);
}

