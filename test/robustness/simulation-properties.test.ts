/**
 * Every valid scenario simulates to completion with outcome shares summing to 1, under every rule that applies;
 * and a job's result does not depend on how its runs are split into shards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleOrThrow } from '../../src/rules/registry';
import { validateData } from '../../src/scenario/load';
import { mergeTallies, type Tallies } from '../../src/engine/accumulator';
import { runJob } from '../../src/engine/job';
import { compileModel } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun } from '../../src/engine/plenaryRun';
import { summarize } from '../../src/engine/summarize';
import { validScenario } from './arbitraries';

const modelOf = (doc: unknown, rule: string) => {
  const { scenario, errors } = validateData(doc);
  expect(errors).toEqual([]);
  return compileModel(scenario!, ruleOrThrow(rule));
};

describe('random valid scenarios', () => {
  it('simulate to completion; outcome counts sum to the runs and shares to 1', () => {
    fc.assert(
      fc.property(validScenario, fc.string({ maxLength: 8 }), ({ doc, rule }, seed) => {
        const model = modelOf(doc, rule);
        const bound = model.options.length * (3 + 3 * model.procedure.maxRoundsPerOption + 1) + 1;
        for (let k = 0; k < 5; k++) {
          const run = new PlenaryRun(model, runRng(seed, k));
          let chairMoves = 0;
          while (!run.done) {
            const floor = run.floorNext;
            expect(run.step()).toBe(true);
            if (!floor) chairMoves++;
            expect(chairMoves + 1).toBeLessThanOrEqual(bound * 2); // chair moves and floor answers alternate
          }
          const result = run.result();
          expect(result.outcome).toBeGreaterThanOrEqual(0);
          expect(result.outcome).toBeLessThan(model.outcomes.length);
          expect(result.hours).toBeLessThanOrEqual(model.procedure.itemBudgetHours + 1e-9);
          expect(result.rounds).toBeLessThanOrEqual(model.options.length * model.procedure.maxRoundsPerOption);
        }
        const tallies = runJob(model, seed, 20);
        expect(tallies.runs).toBe(20);
        expect(tallies.outcomes.reduce((a, b) => a + b, 0)).toBe(20);
        const summary = summarize(model, tallies, seed);
        const total = summary.outcomes.reduce((s, o) => s + o.share, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-5); // shares are rounded to 6 decimals
        for (const o of summary.outcomes) expect(o.ci95[0]).toBeLessThanOrEqual(o.share + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

describe('same seed, same output, however the runs are split', () => {
  it('merging the shards of any split gives the unsplit tallies and summary, byte for byte', () => {
    fc.assert(
      fc.property(validScenario, fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), ({ doc, rule }, seed, runs, count, reverse) => {
        const model = modelOf(doc, rule);
        const whole = runJob(model, seed, runs);
        const parts: Tallies[] = Array.from({ length: count }, (_, i) => runJob(model, seed, runs, { shard: { index: i + 1, count } }));
        expect(parts.reduce((s, p) => s + p.runs, 0)).toBe(runs);
        const merged = (reverse ? [...parts].reverse() : parts).reduce((a, b) => mergeTallies(a, b));
        expect(JSON.stringify(summarize(model, merged, seed))).toBe(JSON.stringify(summarize(model, whole, seed)));
        expect(merged.outcomes).toEqual(whole.outcomes);
        expect(merged.decisive).toEqual(whole.decisive);
        expect(merged.hours).toEqual(whole.hours);
      }),
      { numRuns: 150 },
    );
  });
});
