/**
 * A Monte Carlo job: runs 0..runs-1 of a model under a seed, optionally one shard of it. Results depend only on
 * (scenario, rule, seed, run indices), never on how the work is split.
 */
import { UserError } from '../common/errors';
import type { Tallies } from './accumulator';
import type { Model } from './model';
import { runRange, type RangeOptions } from './monteCarlo';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `i/n`, 1-based: shard 1/4 is the first quarter of the runs. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new UserError(`--shard ${text}: write i/n, e.g. --shard 2/4 for the second of four parts`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UserError(`--shard ${text}: i must be between 1 and n (received ${index}/${count})`);
  return { index, count };
}

/** The run indices [from, to) of a shard: contiguous, sizes differing by at most one. */
export function shardRange(runs: number, shard?: Shard): [number, number] {
  if (!shard) return [0, runs];
  const from = Math.floor(((shard.index - 1) * runs) / shard.count);
  const to = Math.floor((shard.index * runs) / shard.count);
  return [from, to];
}

export interface JobOptions extends RangeOptions {
  readonly shard?: Shard;
}

export function runJob(model: Model, seed: string, runs: number, options: JobOptions = {}): Tallies {
  const [from, to] = shardRange(runs, options.shard);
  return runRange(model, seed, from, to, options);
}
