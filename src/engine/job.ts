/**
 * The Monte Carlo of one model (`plenary run`, the library's `simulate`): a job of one setting through the kernel,
 * its result the setting's `Tallies`. Runs 0..runs-1 under a seed, optionally one shard of them. Results depend only
 * on (scenario, rule, seed, run indices), never on how the work is split.
 */
import type { Tallies } from './accumulator';
import type { Model } from '../floor/model';
import { jobOf, runSlice, type JobTallies } from './kernel';
import { runJobAsync, type JobRunOptions } from './parallel';
import { shardRange, type Shard } from './shard';

export { parseShard, shardRange, type Shard } from './shard';

export interface JobOptions {
  readonly shard?: Shard;
  /** checked before every run; when it returns true the job stops early (a partial result) */
  readonly shouldStop?: () => boolean;
}

const onlySetting = (t: JobTallies): Tallies => t.tallies![0];

/** Runs [from, to) of one model. */
export function runRange(model: Model, seed: string, from: number, to: number, options: Pick<JobOptions, 'shouldStop'> = {}): Tallies {
  return onlySetting(runSlice(jobOf([model], seed, 'tallies'), from, to, options.shouldStop));
}

export function runJob(model: Model, seed: string, runs: number, options: JobOptions = {}): Tallies {
  const [from, to] = shardRange(runs, options.shard);
  return runRange(model, seed, from, to, options);
}

export interface ParallelJobOptions extends JobRunOptions {
  readonly shard?: Shard;
}

/**
 * `runJob` on threads, in slices that yield to the event loop (Ctrl-C, progress): the same tallies (histograms
 * sorted) whatever the number of threads. `model.rule` must be a registry rule (its spec parses back).
 */
export async function runJobParallel(model: Model, seed: string, runs: number, options: ParallelJobOptions = {}): Promise<Tallies> {
  const [from, to] = shardRange(runs, options.shard);
  return onlySetting(await runJobAsync(jobOf([model], seed, 'tallies'), from, to, options));
}
