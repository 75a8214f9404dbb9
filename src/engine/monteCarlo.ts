/**
 * The Monte Carlo: runs [from, to) of a job, each with its own generator derived from (seed, run index),
 * aggregated as they finish. Pure apart from the optional progress callback and stop check.
 */
import { addRun, emptyTallies, type Tallies } from './accumulator';
import type { Model } from '../floor/model';
import { runRng } from './rng';
import { simulateRun } from './plenaryRun';

export interface RangeOptions {
  /** called every `progressEvery` runs with the tallies so far */
  readonly onProgress?: (tallies: Tallies) => void;
  readonly progressEvery?: number;
  /** checked between runs; when it returns true the range stops early (a partial result) */
  readonly shouldStop?: () => boolean;
}

export function runRange(model: Model, seed: string, from: number, to: number, options: RangeOptions = {}): Tallies {
  const tallies = emptyTallies(model, from);
  const every = options.progressEvery ?? 0;
  for (let k = from; k < to; k++) {
    if (options.shouldStop?.()) break;
    addRun(tallies, simulateRun(model, runRng(seed, k)), k);
    if (every > 0 && (k - from + 1) % every === 0) options.onProgress?.(tallies);
  }
  return tallies;
}
