/**
 * `plenary merge`: the shard files of a run, compare or sweep, checked and merged into the unsplit job's result.
 * A shard file is input like any other: it is checked in full (src/analyses/shardChecks.ts) before anything is
 * allocated from it or merged, and every refusal is exit 2 naming the file.
 */
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { UserError } from '../../common/errors';
import { cutForMessage } from '../../common/terminalText';
import { summarizeComparison, type ReformInfo } from '../../analyses/comparison';
import {
  compareShardTallies,
  fromCompareShard,
  fromSweepShard,
  mergeShardDocuments,
  mergeTwoLevelShardTallies,
  parseShardDocument,
  sweepShardTallies,
  type CompareShardTallies,
  type ShardDocument,
  type SweepShardTallies,
  type TwoLevelShardTallies,
} from '../../analyses/shards';
import {
  backtestContext,
  backtestTalliesSchema,
  checkTable,
  checkTallies,
  compareContext,
  compareTalliesSchema,
  MAX_SHARD_FILE_BYTES,
  MAX_SHARDS,
  parseOrRefuse,
  scenarioContext,
  sweepContext,
  sweepTalliesSchema,
  talliesSchema,
  twoLevelTalliesSchema,
  checkDraws,
  checkDrawCounts,
  type TallyShape,
} from '../../analyses/shardChecks';
import { twoLevelSummary } from '../../analyses/inputUncertainty';
import { renderComparison, type CompareFormat } from '../../report/compare';
import { renderRun } from '../../report/runReport';
import { assumptionSummary } from '../../analyses/assumptions';
import { ruleOrThrow } from '../../rules/registry';
import type { DecisionRule } from '../../rules/types';
import type { Scenario } from '../../scenario/types';
import { mergeTallies, type Tallies } from '../../engine/accumulator';
import { canonicalJobTallies, mergeJobTallies, type Job, type JobTallies } from '../../engine/kernel';
import { backtestJob, backtestOf } from '../../analyses/backtest/backtest';
import { renderBacktest } from '../../report/backtest';
import type { FloorModelName } from '../../scenario/floorModelNames';
import { backtestOptionsOf } from './backtest';
import type { Model } from '../../floor/model';
import { summarize } from '../../engine/summarize';
import { compileAll, withSkipped } from './compare';
import type { SkippedReform } from '../../analyses/comparedRules';
import { noteInputRead } from '../../common/inputFiles';
import { renderSweepFromShard } from './sweep';
import type { Stamp } from '../../engine/reportExtras';
import type { Invocation } from '../stamp';

export type MergeFormat = CompareFormat;

function ruleFromShard(spec: string): DecisionRule {
  return ruleOrThrow(spec, 'shard rule');
}

/** Reads one shard file: refused before reading when it is not a file or larger than MAX_SHARD_FILE_BYTES. */
function readShardFile(file: string): string {
  noteInputRead(file, 'a shard file');
  const stat = statSync(file);
  if (!stat.isFile()) throw new UserError(`${file}: is not a file (give the shard files written by --shard i/n)`);
  if (stat.size > MAX_SHARD_FILE_BYTES) throw new UserError(`${file}: is ${(stat.size / 1024 / 1024).toFixed(1)} MB; shard files are limited to ${MAX_SHARD_FILE_BYTES / 1024 / 1024} MB`);
  return readFileSync(file, 'utf8');
}

/**
 * Compiles the model(s) a merged job renders with, from the scenario in the shard context. The context is checked
 * in shape first; if it still cannot be compiled (a hand-edited cross-reference), that is the file's fault: exit 2.
 */
function compileFromContext(scenario: Scenario, rules: readonly DecisionRule[], name: string): Model[] {
  try {
    return compileAll(scenario, rules);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${name}: ${error.message}`);
    throw new UserError(`${name}: not a valid shard file: its scenario cannot be compiled (${cutForMessage(error instanceof Error ? error.message : String(error), 200)}); the file was changed or damaged after plenary wrote it`);
  }
}

const shapeOf = (m: Model): TallyShape => ({ outcomes: m.outcomes.length, members: m.size, options: m.options.length });

/** A check of one part's tallies: their shape (zod), then `check` with the part's run range. */
const eachPart =
  <T>(schema: z.ZodType<T>, check: (t: T, from: number, to: number, where: string) => void) =>
  (doc: ShardDocument, name: string): void =>
    check(parseOrRefuse(schema, doc.tallies, name, 'tallies'), doc.shard.from, doc.shard.to, name);

const coversPart = (t: { runs: number; from: number; to: number }, from: number, to: number, where: string): void => {
  if (t.runs !== to - from || t.from !== from || t.to !== to) throw new UserError(`${where}: the tallies do not add up: they cover runs ${t.from}..${t.to} (${t.runs}), the part is runs ${from}..${to}; the file was changed or damaged after plenary wrote it`);
};

/**
 * The merged result's stamp: the unsplit job's (recorded in every part, without --shard and --format) with the
 * format asked of merge, so that it names the command that prints this very output; dated by the merge when the CLI
 * calls it (an invocation is given), else by the parts.
 */
export function mergedStamp(stamp: Stamp | undefined, format: MergeFormat, invocation: Invocation | undefined): Stamp | undefined {
  if (!stamp) return undefined;
  return { ...stamp, command: format === 'table' ? stamp.command : `${stamp.command} --format ${format}`, ...(invocation ? { date: invocation.date } : {}) };
}

export interface MergeOptions {
  /** the merge's own invocation (dates the merged stamp) */
  readonly invocation?: Invocation;
}

/** The shards of a two-level run (a scenario with uncertain inputs): tallies and per-draw counts, checked and merged. */
function mergeTwoLevel(docs: readonly { doc: ShardDocument; name: string }[], scenario: Scenario, model: Model, format: MergeFormat, options: MergeOptions): string {
  const { runs, seed } = docs[0].doc.job;
  const draws = checkDraws(docs[0].doc.job.options.draws, runs, docs[0].name);
  const checkPart = eachPart(twoLevelTalliesSchema, (t, from, to, where) => {
    checkTallies(t as Tallies, shapeOf(model), from, to, where);
    checkDrawCounts(t.perDraw, t.outcomes, { draws, runs }, from, to, where);
  });
  const merged = mergeShardDocuments<TwoLevelShardTallies>(docs, mergeTwoLevelShardTallies, checkPart);
  const { perDraw, ...tallies } = merged.tallies;
  const summary = fromContext(docs[0].name, () => twoLevelSummary(scenario, { models: [model], seed }, { tallies: [tallies], perDraw: [perDraw] }, false));
  const stamp = mergedStamp(merged.provenance, format, options.invocation);
  return renderRun({ ...summary, ...(stamp ? { provenance: stamp } : {}) }, format);
}

/** A result computed from a shard's context; a failure is the file's fault (it was changed after plenary wrote it). */
function fromContext<T>(name: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${name}: ${error.message}`);
    throw new UserError(`${name}: not a valid shard file: its scenario's inputs cannot be drawn (${cutForMessage(error instanceof Error ? error.message : String(error), 200)}); the file was changed or damaged after plenary wrote it`);
  }
}

export function mergeCommand(files: readonly string[], format: MergeFormat, read: (file: string) => string = readShardFile, options: MergeOptions = {}): string {
  if (files.length > MAX_SHARDS) throw new UserError(`merge: ${files.length.toLocaleString('en-US')} files; at most ${MAX_SHARDS.toLocaleString('en-US')} shards can be merged`);
  const docs = files.map((name) => {
    let text: string;
    try {
      text = read(name);
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(`${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a shard file' : `cannot be read (${code ?? 'error'})`}`);
    }
    return { doc: parseShardDocument(text, name), name };
  });
  const command = docs[0]?.doc.job.command;
  const formatError = (allowed: readonly string[]) => new UserError(`merge: --format ${format} is not available for ${command} results (allowed: ${allowed.join(', ')})`);
  const first = docs[0]?.name ?? 'merge';
  switch (command) {
    case 'run': {
      const scenario = parseOrRefuse(scenarioContext, docs[0].doc.context, first, 'scenario') as unknown as Scenario;
      const [model] = compileFromContext(scenario, [ruleFromShard(docs[0].doc.job.rules[0])], first);
      if (docs[0].doc.job.options.draws !== undefined) return mergeTwoLevel(docs, scenario, model, format, options);
      const checkPart = eachPart(talliesSchema, (t, from, to, where) => checkTallies(t as Tallies, shapeOf(model), from, to, where));
      const merged = mergeShardDocuments<Tallies>(docs, mergeTallies, checkPart);
      const plain = summarize(model, merged.tallies, merged.job.seed, false);
      const stamp = mergedStamp(merged.provenance, format, options.invocation);
      return renderRun({ ...plain, assumptions: assumptionSummary(scenario, plain), ...(stamp ? { provenance: stamp } : {}) }, format);
    }
    case 'compare': {
      const context = parseOrRefuse(compareContext, docs[0].doc.context, first, 'context') as unknown as { scenario: Scenario; reforms: (ReformInfo | null)[]; skipped?: SkippedReform[] };
      const rules = docs[0].doc.job.rules.map(ruleFromShard);
      if (context.reforms.length !== rules.length) throw new UserError(`${first}: not a valid shard file: ${context.reforms.length} reform entries for ${rules.length} rules`);
      const models = compileFromContext(context.scenario, rules, first);
      const checkPart = eachPart(compareTalliesSchema, (t, from, to, where) => {
        coversPart(t, from, to, where);
        if (t.rules.length !== models.length || t.transitions.length !== models.length) throw new UserError(`${where}: the tallies have ${t.rules.length} rules and ${t.transitions.length} transition tables, the job ${models.length} rules`);
        t.rules.forEach((r, i) => checkTallies(r as Tallies, shapeOf(models[i]), from, to, `${where} (rule ${i + 1})`));
        t.transitions.forEach((m, r) => checkTable(m, models[0].outcomes.length, models[r].outcomes.length, to - from, where, `rule ${r + 1} transition`, { rows: t.rules[0].outcomes, columns: t.rules[r].outcomes }));
      });
      const merged = mergeShardDocuments<CompareShardTallies>(docs, (a, b) => compareShardTallies(mergeJobTallies(fromCompareShard(a), fromCompareShard(b))), checkPart);
      const stamp = mergedStamp(merged.provenance, format, options.invocation);
      const comparison = withSkipped(summarizeComparison(models, fromCompareShard(merged.tallies), merged.job.seed, false, context.reforms.map((r) => r ?? undefined)), context.skipped ?? []);
      return renderComparison({ ...comparison, ...(stamp ? { provenance: stamp } : {}) }, format);
    }
    case 'sweep': {
      if (format === 'html') throw formatError(['table', 'json', 'csv', 'markdown']);
      const context = parseOrRefuse(sweepContext, docs[0].doc.context, first, 'context');
      if (context.rules.length !== docs[0].doc.job.rules.length || context.settings.some((s) => s.length !== context.vary.length) || !context.outcomes.some((o) => o.id === context.outcome)) {
        throw new UserError(`${first}: not a valid shard file: its settings, rules and outcomes do not fit together`);
      }
      const checkPart = eachPart(sweepTalliesSchema, (t, from, to, where) => {
        coversPart(t, from, to, where);
        if (t.counts.length !== context.settings.length) throw new UserError(`${where}: the tallies have ${t.counts.length} settings, the job ${context.settings.length}`);
        t.counts.forEach((table) => checkTable(table, context.rules.length, context.outcomes.length, to - from, where, 'sweep count'));
      });
      const merged = mergeShardDocuments<SweepShardTallies>(docs, (a, b) => sweepShardTallies(mergeJobTallies(fromSweepShard(a), fromSweepShard(b)), context.rules.length), checkPart);
      return renderSweepFromShard(merged.job, merged.context, fromSweepShard(merged.tallies), format, mergedStamp(merged.provenance, format, options.invocation));
    }
    case 'backtest': {
      const context = parseOrRefuse(backtestContext, docs[0].doc.context, first, 'context') as unknown as { scenarios: Scenario[]; options: { blockerThreshold?: number; floor?: FloorModelName; models?: FloorModelName[] } };
      const { seed, runs } = docs[0].doc.job;
      const backtestOptions = backtestOptionsOf({ runs, seed, ...context.options });
      let job: Job;
      try {
        job = backtestJob(context.scenarios, backtestOptions);
      } catch (error) {
        throw new UserError(`${first}: not a valid shard file: its cases cannot be compiled (${cutForMessage(error instanceof Error ? error.message : String(error), 200)}); the file was changed or damaged after plenary wrote it`);
      }
      const checkPart = eachPart(backtestTalliesSchema, (t, from, to, where) => {
        coversPart(t, from, to, where);
        if (t.cases.length !== job.models.length) throw new UserError(`${where}: the tallies have ${t.cases.length} cases, the job ${job.models.length}`);
        t.cases.forEach((c, i) => checkTallies(c as Tallies, shapeOf(job.models[i]), from, to, `${where} (case ${i + 1})`));
      });
      type BacktestShardTallies = { runs: number; from: number; to: number; cases: Tallies[] };
      const toJob = (t: BacktestShardTallies): JobTallies => ({ runs: t.runs, from: t.from, to: t.to, tallies: t.cases });
      const merged = mergeShardDocuments<BacktestShardTallies>(docs, (a, b) => {
        const m = mergeJobTallies(toJob(a), toJob(b));
        return { runs: m.runs, from: m.from, to: m.to, cases: m.tallies! };
      }, checkPart);
      const stamp = mergedStamp(merged.provenance, format, options.invocation);
      return renderBacktest({ ...backtestOf(context.scenarios, job, canonicalJobTallies(toJob(merged.tallies)), backtestOptions), ...(stamp ? { provenance: stamp } : {}) }, format);
    }
    default:
      throw new UserError(`${docs[0]?.name ?? 'merge'}: unknown shard command "${String(command)}"`);
  }
}
