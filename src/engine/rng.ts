/**
 * Every random draw comes from a seeded generator passed in, never from Math.random. Run k's generator derives from
 * (master seed, k), so a run can be replayed alone and results never depend on batching or worker count.
 */
import seedrandom from 'seedrandom';

/** Uniform on [0, 1). */
export type Rng = () => number;

/** The generator for run `run` (0-based) of a job with master seed `seed`. Alea: fast to seed and to draw. */
export function runRng(seed: string, run: number): Rng {
  return seedrandom.alea(`${seed}#${run}`) as Rng;
}

export const DEFAULT_SEED = 'swakopmund-2009';
