/**
 * A Monte Carlo job run in slices, yielding to the event loop between slices so that Ctrl-C, progress displays
 * and pipes get a turn during a long job. The result is exactly that of the unsliced job: every run depends only on
 * (seed, run index) and tallies merge exactly, so slicing changes when the work happens, never what it computes.
 */
import { emptyTallies, mergeTallies, sortHist, type Tallies } from './accumulator';
import { shardRange, type JobOptions } from './job';
import type { Model } from '../floor/model';
import { runRange } from './monteCarlo';

export interface ChunkedOptions extends JobOptions {
  /** runs per slice; default: about a tenth of a second of work, from the size of the model */
  readonly sliceRuns?: number;
}

/** Runs per slice so that a slice is short (a few hundred milliseconds at most) whatever the scenario's size. */
export function defaultSliceRuns(model: Pick<Model, 'size' | 'options' | 'procedure'>): number {
  const work = Math.max(1, model.size) * Math.max(1, model.options.length) * (model.procedure.maxRoundsPerOption + 1);
  return Math.max(1, Math.min(5000, Math.floor(1_000_000 / work)));
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `runJob`, sliced. Stops early (a partial result, fewer runs than asked) when `shouldStop` returns true; it is
 * checked before every run, and between slices the event loop runs, so a signal handler can set it.
 * `onProgress` is called after every slice with the tallies so far.
 */
export async function runJobChunked(model: Model, seed: string, runs: number, options: ChunkedOptions = {}): Promise<Tallies> {
  const [from, to] = shardRange(runs, options.shard);
  const slice = Math.max(1, Math.floor(options.sliceRuns ?? defaultSliceRuns(model)));
  let total = emptyTallies(model, from);
  for (let start = from; start < to; start += slice) {
    if (options.shouldStop?.()) break;
    const end = Math.min(to, start + slice);
    const part = runRange(model, seed, start, end, { shouldStop: options.shouldStop });
    total = mergeTallies(total, part);
    options.onProgress?.(total);
    if (part.runs < end - start) break; // stopped within the slice
    if (end < to) await nextTurn();
  }
  return { ...total, hours: sortHist(total.hours), rounds: sortHist(total.rounds) };
}
