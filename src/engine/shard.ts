/**
 * Splitting a job into n deterministic parts. Light on purpose (no engine imports): the CLI parses --shard at
 * start-up.
 */
import { UserError } from '../common/errors';

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
