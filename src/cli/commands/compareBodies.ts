/** Bodies of `plenary compare`, `reforms`, `merge`, `sweep` and `what-would-it-take`: plain functions returning text. */
import { readFileSync } from 'node:fs';
import { UserError } from '../../common/errors';
import { noteInputRead } from '../../common/inputFiles';
import { DEFAULT_SCENARIO } from '../../common/paths';
import { compareRange, mergeCompareTallies, summarizeComparison, type CompareTallies, type Comparison, type ReformInfo } from '../../analyses/comparison';
import { loadReforms } from '../../analyses/reforms';
import { comparedRules as selectRules, parseGroupMap, type ComparedRules, type RuleSelection, type SkippedReform } from '../../analyses/comparedRules';
import { canonicalTallies, mergeShardDocuments, parseShardDocument, shardDocument, shardJson, type ShardDocument } from '../../analyses/shards';
import { renderComparison, type CompareFormat } from '../../report/compare';
import { renderRun } from '../../report/runReport';
import { assumptionSummary } from '../../analyses/assumptions';
import { textTable } from '../../report/table';
import { ruleOrThrow } from '../../rules/registry';
import type { DecisionRule } from '../../rules/types';
import { loadScenario } from '../../scenario/load';
import type { Scenario } from '../../scenario/types';
import { mergeTallies, type Tallies } from '../../engine/accumulator';
import { shardRange, type Shard } from '../../engine/job';
import { compileModel, type Model } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import type { FloorModelName } from '../../scenario/schema';
import { summarize } from '../../engine/summarize';
import { mergeSweepTallies, renderSweepFromShard, type SweepTallies } from './sweepBody';

export interface CompareOptions {
  readonly scenario?: string;
  readonly rules?: string;
  readonly reforms?: boolean | string;
  /** --map-group entries, `reform-group=scenario-bloc` */
  readonly mapGroup?: readonly string[];
  readonly baseline?: string;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  /** told each reform left out, one line (the CLI prints it on stderr) */
  readonly onSkipped?: (line: string) => void;
  readonly runs: number;
  readonly seed: string;
  readonly format: CompareFormat;
  readonly shard?: Shard;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (tallies: Tallies) => void;
}

export interface CompareResult {
  readonly text: string;
  readonly partial: boolean;
}

/** The rules of a comparison (see analyses/comparedRules): the baseline first, then the alternatives and reforms. */
export function comparedRules(scenario: Scenario, options: RuleSelection & { mapGroup?: readonly string[] }): ComparedRules {
  return selectRules(scenario, { ...options, groupMap: options.groupMap ?? parseGroupMap(options.mapGroup ?? [], scenario) });
}

function compileAll(scenario: Scenario, rules: readonly DecisionRule[]): Model[] {
  return rules.map((rule) => compileModel(scenario, rule));
}

export function compareCommand(options: CompareOptions): CompareResult {
  const scenario = withFloorModel(loadScenario(options.scenario ?? DEFAULT_SCENARIO), options.floor);
  const { rules, reforms, skipped } = comparedRules(scenario, options);
  for (const s of skipped) options.onSkipped?.(`not compared: ${s.id}: ${s.reason}`);
  const models = compileAll(scenario, rules);
  const [from, to] = shardRange(options.runs, options.shard);
  const tallies = compareRange(models, options.seed, from, to, {
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
    progressEvery: options.onProgress ? 100 : 0,
  });
  const partial = tallies.runs < to - from;
  if (options.shard) {
    const doc = shardDocument(
      { command: 'compare', scenario: { id: scenario.id, ...(scenario.file ? { file: scenario.file } : {}) }, rules: rules.map((r) => r.spec), seed: options.seed, runs: options.runs, options: {} },
      options.shard,
      { scenario, reforms: reforms.map((r) => r ?? null), skipped },
      { ...tallies, rules: tallies.rules.map(canonicalTallies) },
    );
    return { text: shardJson(doc), partial };
  }
  const comparison = withSkipped(summarizeComparison(models, tallies, options.seed, partial, reforms), skipped);
  return { text: renderComparison(comparison, options.format), partial };
}

const withSkipped = (c: Comparison, skipped: readonly SkippedReform[]): Comparison => (skipped.length > 0 ? { ...c, skipped } : c);

/** `plenary reforms`: the bundled reform proposals. */
export function reformsCommand(): string {
  const reforms = loadReforms();
  const rows = reforms.map((r) => [r.id, r.rule, `${r.proponent}, ${r.date}`, r.kind === 'kp-proposal' ? 'KP proposal' : 'comparator']);
  return `${textTable([{ header: 'Reform' }, { header: 'Rule' }, { header: 'Proponent, date' }, { header: 'Kind' }], rows)}\n\nCompare them all on a scenario: plenary compare --reforms [scenario]\n`;
}

// ---- merge ------------------------------------------------------------------------------------------------------

export type MergeFormat = CompareFormat;

function ruleFromShard(spec: string): DecisionRule {
  return ruleOrThrow(spec, 'shard rule');
}

export function mergeCommand(files: readonly string[], format: MergeFormat, read: (file: string) => string = (f) => {
  noteInputRead(f, 'a shard file');
  return readFileSync(f, 'utf8');
}): string {
  const docs = files.map((name) => {
    let text: string;
    try {
      text = read(name);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(`${name}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`);
    }
    return { doc: parseShardDocument(text, name), name };
  });
  const command = docs[0]?.doc.job.command;
  const formatError = (allowed: readonly string[]) => new UserError(`merge: --format ${format} is not available for ${command} results (allowed: ${allowed.join(', ')})`);
  switch (command) {
    case 'run': {
      if (format === 'html') throw formatError(['table', 'json', 'csv', 'markdown']);
      const merged = mergeShardDocuments<Tallies>(docs, mergeTallies);
      const scenario = merged.context as Scenario;
      const model = compileModel(scenario, ruleFromShard(merged.job.rules[0]));
      const plain = summarize(model, merged.tallies, merged.job.seed, false);
      return renderRun({ ...plain, assumptions: assumptionSummary(scenario, plain) }, format);
    }
    case 'compare': {
      const merged = mergeShardDocuments<CompareTallies>(docs, mergeCompareTallies);
      const context = merged.context as { scenario: Scenario; reforms: (ReformInfo | null)[]; skipped?: SkippedReform[] };
      const models = compileAll(context.scenario, merged.job.rules.map(ruleFromShard));
      const comparison: Comparison = withSkipped(summarizeComparison(models, merged.tallies, merged.job.seed, false, context.reforms.map((r) => r ?? undefined)), context.skipped ?? []);
      return renderComparison(comparison, format);
    }
    case 'sweep': {
      if (format === 'markdown' || format === 'html') throw formatError(['table', 'json', 'csv']);
      const merged = mergeShardDocuments<SweepTallies>(docs, mergeSweepTallies);
      return renderSweepFromShard(merged.job, merged.context, merged.tallies, format);
    }
    default:
      throw new UserError(`${docs[0]?.name ?? 'merge'}: unknown shard command "${String(command)}"`);
  }
}

export type { ShardDocument };
