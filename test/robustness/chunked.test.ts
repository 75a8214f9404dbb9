/** Slicing a job (in this thread) changes when the work happens, never what it computes; stopping gives a partial result. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleOrThrow } from '../../src/rules/registry';
import { validateData } from '../../src/scenario/load';
import { sortHist, type Tallies } from '../../src/engine/accumulator';
import { defaultSliceRuns } from '../../src/engine/parallel';
import { runJob, runJobParallel, type ParallelJobOptions } from '../../src/engine/job';
import type { Model } from '../../src/floor/model';
import { compileModel } from '../../src/floor/model';
import { summarize } from '../../src/engine/summarize';
import { validScenario } from './arbitraries';

/** the job in this thread only, in slices */
const runJobChunked = (model: Model, seed: string, runs: number, options: ParallelJobOptions) => runJobParallel(model, seed, runs, { ...options, workers: 1 });
const canonical = (t: Tallies) => JSON.stringify({ ...t, hours: sortHist(t.hours), rounds: sortHist(t.rounds) });

describe('a job sliced in this thread', () => {
  it('gives exactly the tallies and summary of runJob, for any slice size and shard', async () => {
    await fc.assert(
      fc.asyncProperty(
        validScenario,
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 30 }),
        fc.option(fc.integer({ min: 1, max: 4 }).chain((count) => fc.record({ index: fc.integer({ min: 1, max: count }), count: fc.constant(count) })), { nil: undefined }),
        async ({ doc, rule }, seed, runs, sliceRuns, shard) => {
          const model = compileModel(validateData(doc).scenario!, ruleOrThrow(rule));
          const whole = runJob(model, seed, runs, { shard });
          const sliced = await runJobChunked(model, seed, runs, { shard, sliceRuns });
          expect(canonical(sliced)).toBe(canonical(whole));
          expect(JSON.stringify(summarize(model, sliced, seed))).toBe(JSON.stringify(summarize(model, whole, seed)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('yields to the event loop between slices: a flag set by a timer or signal handler stops the job', async () => {
    const { doc, rule } = fc.sample(validScenario, { numRuns: 1, seed: 7 })[0];
    const model = compileModel(validateData(doc).scenario!, ruleOrThrow(rule));
    let stop = false;
    let slices = 0;
    setImmediate(() => (stop = true)); // runs only if the job gives the event loop a turn
    const tallies = await runJobChunked(model, 's', 1000, { sliceRuns: 10, shouldStop: () => stop, onProgress: () => slices++ });
    expect(slices).toBeGreaterThanOrEqual(1);
    expect(tallies.runs).toBeLessThan(1000);
    expect(tallies.runs % 10).toBe(0);
    // the partial result is the first runs of the job, exactly
    expect(canonical(tallies)).toBe(canonical(runJob(model, 's', tallies.runs)));
  });

  it('slices are small for big scenarios and large for small ones', () => {
    const m = (size: number, options: number, rounds: number) => ({ size, options: new Array(options), procedure: { maxRoundsPerOption: rounds } }) as never;
    expect(defaultSliceRuns([m(3, 2, 2)])).toBe(5000);
    expect(defaultSliceRuns([m(51, 2, 3)])).toBe(2450);
    expect(defaultSliceRuns([m(10_000, 30, 100)])).toBe(1);
    // a job of several settings: the work of all of them
    expect(defaultSliceRuns([m(51, 2, 3), m(51, 2, 3)])).toBe(1225);
  });
});
