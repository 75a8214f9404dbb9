/** `plenary merge`: the shard files of a run, compare or sweep, checked and merged into the unsplit job's result. */
import { readFileSync } from 'node:fs';
import { UserError } from '../../common/errors';
import { summarizeComparison, type ReformInfo } from '../../analyses/comparison';
import { compareShardTallies, fromCompareShard, fromSweepShard, mergeShardDocuments, parseShardDocument, sweepShardTallies, type CompareShardTallies, type SweepShardTallies } from '../../analyses/shards';
import { renderComparison, type CompareFormat } from '../../report/compare';
import { renderRun } from '../../report/runReport';
import { assumptionSummary } from '../../analyses/assumptions';
import { ruleOrThrow } from '../../rules/registry';
import type { DecisionRule } from '../../rules/types';
import type { Scenario } from '../../scenario/types';
import { mergeTallies, type Tallies } from '../../engine/accumulator';
import { mergeJobTallies } from '../../engine/kernel';
import { compileModel } from '../../floor/model';
import { summarize } from '../../engine/summarize';
import { compileAll, withSkipped } from './compare';
import type { SkippedReform } from '../../analyses/comparedRules';
import { noteInputRead } from '../../common/inputFiles';
import { renderSweepFromShard } from './sweep';

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
      const merged = mergeShardDocuments<CompareShardTallies>(docs, (a, b) => compareShardTallies(mergeJobTallies(fromCompareShard(a), fromCompareShard(b))));
      const context = merged.context as { scenario: Scenario; reforms: (ReformInfo | null)[]; skipped?: SkippedReform[] };
      const models = compileAll(context.scenario, merged.job.rules.map(ruleFromShard));
      return renderComparison(withSkipped(summarizeComparison(models, fromCompareShard(merged.tallies), merged.job.seed, false, context.reforms.map((r) => r ?? undefined)), context.skipped ?? []), format);
    }
    case 'sweep': {
      if (format === 'markdown' || format === 'html') throw formatError(['table', 'json', 'csv']);
      const merged = mergeShardDocuments<SweepShardTallies>(docs, (a, b) => sweepShardTallies(mergeJobTallies(fromSweepShard(a), fromSweepShard(b))));
      return renderSweepFromShard(merged.job, merged.context, fromSweepShard(merged.tallies), format);
    }
    default:
      throw new UserError(`${docs[0]?.name ?? 'merge'}: unknown shard command "${String(command)}"`);
  }
}


