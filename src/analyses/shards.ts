/**
 * Shards: with `--shard i/n`, run, compare and sweep write a shard document (the raw mergeable tallies of their part
 * of the runs, plus what is needed to render the result); `plenary merge` checks that the parts belong together and
 * renders exactly what the unsplit command would have printed. Pure: no I/O here.
 */
import { UserError } from '../common/errors';
import { cutForMessage } from '../common/terminalText';
import { parseOrRefuse, shardEnvelope } from './shardChecks';
import { shardRange, type Shard } from '../engine/job';
import { mergeTallies, sortHist, type Tallies } from '../engine/accumulator';
import { mergeDrawCounts, type DrawCounts } from '../engine/inputDraws';
import type { JobTallies } from '../engine/kernel';
import type { Stamp } from '../engine/reportExtras';

export type ShardCommand = 'run' | 'compare' | 'sweep' | 'backtest';

export interface ShardJob {
  readonly command: ShardCommand;
  readonly scenario: { readonly id: string; readonly file?: string };
  readonly rules: readonly string[];
  readonly seed: string;
  readonly runs: number;
  readonly shards: number;
  /** command options that change the result (e.g. reforms compared, sweep settings) */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ShardDocument<T = unknown> {
  readonly kind: 'plenary-shard';
  readonly version: 1;
  readonly job: ShardJob;
  readonly shard: { readonly index: number; readonly count: number; readonly from: number; readonly to: number };
  /** data the renderer needs (normalized scenario, labels), identical in every part */
  readonly context: unknown;
  readonly tallies: T;
  /**
   * the stamp of the unsplit job (its command without --shard and --format), the same in every part but the date;
   * merge refuses parts whose stamps disagree and stamps the merged result with it
   */
  readonly provenance?: Stamp;
}

/** The tallies of a compare shard file: per rule the tallies, and the transitions from the baseline. */
export interface CompareShardTallies {
  readonly runs: number;
  readonly from: number;
  readonly to: number;
  readonly rules: Tallies[];
  readonly transitions: number[][][];
}

/** The tallies of a sweep shard file: [setting][rule][outcome] → runs. */
export interface SweepShardTallies {
  readonly runs: number;
  readonly from: number;
  readonly to: number;
  readonly counts: number[][][];
}

export const fromCompareShard = (t: CompareShardTallies): JobTallies => ({ runs: t.runs, from: t.from, to: t.to, tallies: t.rules, transitions: t.transitions });
export const compareShardTallies = (t: JobTallies): CompareShardTallies => ({ runs: t.runs, from: t.from, to: t.to, rules: t.tallies!, transitions: t.transitions! });
export const fromSweepShard = (t: SweepShardTallies): JobTallies => ({ runs: t.runs, from: t.from, to: t.to, outcomes: t.counts.flat() });
/** Sweep outcome counts per job setting (setting-major) as [setting][rule][outcome], given the number of rules. */
export const sweepShardTallies = (t: JobTallies, rules = 0): SweepShardTallies => {
  const flat = t.outcomes!;
  const per = rules > 0 ? rules : 1;
  const counts: number[][][] = [];
  for (let i = 0; i < flat.length; i += per) counts.push(flat.slice(i, i + per));
  return { runs: t.runs, from: t.from, to: t.to, counts };
};

/** The tallies of a two-level run's shard file: its tallies and the outcome counts of each draw its runs met. */
export type TwoLevelShardTallies = Tallies & { readonly perDraw: DrawCounts };

export const twoLevelShardTallies = (t: Tallies, perDraw: DrawCounts): TwoLevelShardTallies => ({ ...canonicalTallies(t), perDraw });

/** Exact merge of two parts of a two-level run. */
export const mergeTwoLevelShardTallies = (a: TwoLevelShardTallies, b: TwoLevelShardTallies): TwoLevelShardTallies => {
  const { perDraw: x, ...ta } = a;
  const { perDraw: y, ...tb } = b;
  return { ...mergeTallies(ta, tb), perDraw: mergeDrawCounts(x, y) };
};

/** Histograms in value order so that shard files are deterministic. */
export function canonicalTallies(t: Tallies): Tallies {
  return { ...t, hours: sortHist(t.hours), rounds: sortHist(t.rounds) };
}

export function shardDocument<T>(job: Omit<ShardJob, 'shards'>, shard: Shard, context: unknown, tallies: T, stamp?: Stamp): ShardDocument<T> {
  const [from, to] = shardRange(job.runs, shard);
  return { kind: 'plenary-shard', version: 1, job: { ...job, shards: shard.count }, shard: { index: shard.index, count: shard.count, from, to }, context, tallies, ...(stamp ? { provenance: stamp } : {}) };
}

export const shardJson = (doc: ShardDocument): string => `${JSON.stringify(doc)}\n`;

/** Parses one part; `name` is the file name for messages. */
export function parseShardDocument(text: string, name: string): ShardDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`${name}: not a shard file (not JSON); shard files are written by plenary run/compare/sweep --shard i/n`);
  }
  const d = data as Partial<ShardDocument>;
  if (d === null || typeof d !== 'object' || d.kind !== 'plenary-shard') {
    throw new UserError(`${name}: not a shard file (no "kind": "plenary-shard"); shard files are written by plenary run/compare/sweep --shard i/n`);
  }
  if (d.version !== 1) throw new UserError(`${name}: shard format version ${cutForMessage(String(JSON.stringify(d.version)), 40)} is not supported (this plenary reads version 1)`);
  if (!d.job || !d.shard || d.tallies === undefined) throw new UserError(`${name}: incomplete shard file (job, shard or tallies missing)`);
  // every field's shape and limit (shards, runs, seed), before anything is allocated from them
  return parseOrRefuse(shardEnvelope, data, name, 'job and part') as ShardDocument;
}

const describeJob = (j: ShardJob) =>
  `${j.command} of ${j.scenario.file ?? j.scenario.id} under ${j.rules.join(', ')}, seed ${JSON.stringify(j.seed)}, ${j.runs} runs${typeof j.options.draws === 'number' ? ` among ${j.options.draws} input draws` : ''} in ${j.shards} shards`;

/**
 * Checks that the parts are the shards 1..n of one job, each exactly once, and merges their tallies in shard order.
 * Every problem is a UserError naming the file.
 */
export function mergeShardDocuments<T>(
  docs: readonly { doc: ShardDocument; name: string }[],
  merge: (a: T, b: T) => T,
  /** checks one part's tallies once the parts are known to belong together (throws a UserError) */
  checkPart?: (doc: ShardDocument, name: string) => void,
): { job: ShardJob; context: unknown; tallies: T; provenance?: Stamp } {
  if (docs.length === 0) throw new UserError('merge: no shard files given');
  const first = docs[0];
  const jobKey = JSON.stringify(first.doc.job);
  const contextKey = JSON.stringify(first.doc.context);
  const seen = new Map<number, string>();
  const problems: string[] = [];
  for (const { doc, name } of docs) {
    if (JSON.stringify(doc.job) !== jobKey) {
      problems.push(`${name}: belongs to a different job (${describeJob(doc.job)}) than ${first.name} (${describeJob(first.doc.job)})`);
      continue;
    }
    if (JSON.stringify(doc.context) !== contextKey) problems.push(`${name}: was made from a different version of the scenario (or other --param values) than ${first.name}`);
    const stamps = stampDisagreement(doc.provenance, first.doc.provenance);
    if (stamps !== undefined) problems.push(`${name}: its provenance stamp disagrees with ${first.name}'s: ${stamps}; the parts of one job come from the same scenario files, seed and arguments (only --shard differs)`);
    const [from, to] = shardRange(doc.job.runs, { index: doc.shard.index, count: doc.shard.count });
    if (doc.shard.count !== doc.job.shards || doc.shard.from !== from || doc.shard.to !== to) problems.push(`${name}: shard ${doc.shard.index}/${doc.shard.count} has an inconsistent run range`);
    const previous = seen.get(doc.shard.index);
    if (previous !== undefined) problems.push(`${name}: shard ${doc.shard.index}/${doc.shard.count} is given twice (also ${previous})`);
    else seen.set(doc.shard.index, name);
  }
  const job = first.doc.job;
  const missing = Array.from({ length: job.shards }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (problems.length === 0 && missing.length > 0) problems.push(`merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${job.shards}`).join(', ')} missing (have ${[...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${job.shards}`).join(', ')})`);
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
  if (checkPart) for (const { doc, name } of docs) checkPart(doc, name);
  const ordered = [...docs].sort((a, b) => a.doc.shard.index - b.doc.shard.index);
  let tallies = ordered[0].doc.tallies as T;
  for (const { doc } of ordered.slice(1)) tallies = merge(tallies, doc.tallies as T);
  return { job, context: first.doc.context, tallies, ...(first.doc.provenance ? { provenance: first.doc.provenance } : {}) };
}

/** What two parts' stamps disagree on (all but the date, which may differ), or undefined when they agree. */
function stampDisagreement(a: Stamp | undefined, b: Stamp | undefined): string | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) return `${a === undefined ? 'it has' : 'the other has'} no stamp (written by a library call or an older plenary)`;
  const short = (h: string) => `${h.slice(0, 16)}…`;
  const diffs = [
    a.scenarioSha256 !== b.scenarioSha256 ? `scenario sha256 ${short(a.scenarioSha256)} vs ${short(b.scenarioSha256)} (the scenario or a roster changed between the parts)` : '',
    a.seed !== b.seed ? `seed ${JSON.stringify(a.seed)} vs ${JSON.stringify(b.seed)}` : '',
    a.command !== b.command ? `command "${cutForMessage(a.command, 120)}" vs "${cutForMessage(b.command, 120)}"` : '',
    a.plenary !== b.plenary ? `plenary ${a.plenary} vs ${b.plenary}` : '',
    JSON.stringify(a.files) !== JSON.stringify(b.files) ? `files ${cutForMessage(a.files.join(' '), 120)} vs ${cutForMessage(b.files.join(' '), 120)}` : '',
  ].filter((d) => d !== '');
  return diffs.length > 0 ? diffs.join('; ') : undefined;
}
