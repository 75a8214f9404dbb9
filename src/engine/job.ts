/**
 * A Monte Carlo job: runs 0..runs-1 of a model under a seed, optionally one shard of it. Results depend only on
 * (scenario, rule, seed, run indices), never on how the work is split.
 */
import type { Tallies } from './accumulator';
import type { Model } from '../floor/model';
import { runRange, type RangeOptions } from './monteCarlo';
import { shardRange, type Shard } from './shard';

export { parseShard, shardRange, type Shard } from './shard';

export interface JobOptions extends RangeOptions {
  readonly shard?: Shard;
}

export function runJob(model: Model, seed: string, runs: number, options: JobOptions = {}): Tallies {
  const [from, to] = shardRange(runs, options.shard);
  return runRange(model, seed, from, to, options);
}
