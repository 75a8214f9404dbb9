/** The backtest scores: known answers, and properties that hold for every forecast. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actualOutcomeInModel, overallScore, scoreCase, type CaseForecast } from '../../../src/analyses/backtest/metrics';

const forecast = (counts: Record<string, number>, blockerShares: Record<string, number> = {}): CaseForecast => ({
  runs: Object.values(counts).reduce((a, b) => a + b, 0),
  outcomes: Object.entries(counts).map(([outcome, count]) => ({ outcome, label: outcome, count })),
  blockerShares,
});

describe('scoreCase', () => {
  it('a certain, right forecast: hit, p = 1, Brier 0, log score 0', () => {
    const s = scoreCase(forecast({ act: 100, 'no-decision': 0, deferred: 0 }), { outcome: 'act', blockers: [] });
    expect(s).toMatchObject({ modal: 'act', modalShare: 1, hit: true, pActual: 1, brier: 0, logScore: 0, blockerRecall: null });
  });

  it('a certain, wrong forecast: miss, p = 0, Brier 2, log score ln(runs + 1) (p floored at 1/(runs+1))', () => {
    const s = scoreCase(forecast({ act: 100, 'no-decision': 0, deferred: 0 }), { outcome: 'no-decision', blockers: [] });
    expect(s.hit).toBe(false);
    expect(s.pActual).toBe(0);
    expect(s.brier).toBe(2);
    expect(s.logScore).toBeCloseTo(Math.log(101), 12);
  });

  it('a split forecast: Brier = sum of squared differences over all outcomes', () => {
    const s = scoreCase(forecast({ act: 60, soft: 30, 'no-decision': 10, deferred: 0 }), { outcome: 'soft', blockers: [] });
    expect(s.modal).toBe('act');
    expect(s.hit).toBe(false);
    expect(s.pActual).toBeCloseTo(0.3, 12);
    expect(s.brier).toBeCloseTo(0.6 ** 2 + 0.7 ** 2 + 0.1 ** 2, 12);
    expect(s.logScore).toBeCloseTo(-Math.log(0.3), 12);
  });

  it('ties for the most likely outcome go to the first in the model order', () => {
    expect(scoreCase(forecast({ act: 50, 'no-decision': 50, deferred: 0 }), { outcome: 'no-decision', blockers: [] }).modal).toBe('act');
  });

  it('a recorded outcome the model cannot produce costs its full indicator term', () => {
    const s = scoreCase(forecast({ act: 100, 'no-decision': 0, deferred: 0 }), { outcome: 'unreachable', blockers: [] });
    expect(s.pActual).toBe(0);
    expect(s.brier).toBe(2); // (1 - 0)² for act + (0 - 1)² for the unreachable outcome
  });

  it('a recorded blocker is found when its decisive share reaches the threshold', () => {
    const f = forecast({ act: 0, 'no-decision': 10, deferred: 0 }, { a: 0.5, b: 0.49, c: 1 });
    const s = scoreCase(f, { outcome: 'no-decision', blockers: ['a', 'b', 'c', 'never'] });
    expect(s.blockers.map((b) => [b.participant, b.found])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      ['never', false],
    ]);
    expect(s.blockerRecall).toBe(0.5);
    expect(scoreCase(f, { outcome: 'no-decision', blockers: ['b'] }, 0.4).blockerRecall).toBe(1);
  });

  it('properties: 0 <= Brier <= 2, log score >= 0, a hit has p >= every other outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 2, maxLength: 6 }), fc.nat(10), (counts, pick) => {
        fc.pre(counts.some((c) => c > 0));
        const f = forecast(Object.fromEntries(counts.map((c, i) => [`o${i}`, c])));
        const actual = `o${pick % counts.length}`;
        const s = scoreCase(f, { outcome: actual, blockers: [] });
        expect(s.brier).toBeGreaterThanOrEqual(0);
        expect(s.brier).toBeLessThanOrEqual(2 + 1e-12);
        expect(s.logScore).toBeGreaterThanOrEqual(0);
        expect(s.logScore).toBeLessThanOrEqual(Math.log(f.runs + 1) + 1e-12);
        if (s.hit) for (const o of f.outcomes) expect(s.pActual).toBeGreaterThanOrEqual(o.count / f.runs);
        // the Brier score is lowest for the forecast that puts everything on what happened
        const certain = scoreCase(forecast(Object.fromEntries(counts.map((_, i) => [`o${i}`, `o${i}` === actual ? 1 : 0]))), { outcome: actual, blockers: [] });
        expect(certain.brier).toBeLessThanOrEqual(s.brier);
      }),
    );
  });
});

describe('overallScore', () => {
  it('averages per case and pools blockers', () => {
    const right = scoreCase(forecast({ act: 10, 'no-decision': 0, deferred: 0 }, {}), { outcome: 'act', blockers: [] });
    const blocked = scoreCase(forecast({ act: 0, 'no-decision': 10, deferred: 0 }, { a: 1, b: 0.1 }), { outcome: 'no-decision', blockers: ['a', 'b'] });
    const wrong = scoreCase(forecast({ act: 10, 'no-decision': 0, deferred: 0 }, {}), { outcome: 'no-decision', blockers: [] });
    const o = overallScore([right, blocked, wrong]);
    expect(o).toMatchObject({ cases: 3, hits: 2, blockersNamed: 2, blockersFound: 1, blockerRecall: 0.5 });
    expect(o.hitRate).toBeCloseTo(2 / 3, 12);
    expect(o.meanPActual).toBeCloseTo(2 / 3, 12);
    expect(o.brier).toBeCloseTo(2 / 3, 12);
    expect(o.logScore).toBeCloseTo(Math.log(11) / 3, 12);
  });

  it('no cases: zeros and no recall', () => {
    expect(overallScore([])).toMatchObject({ cases: 0, hits: 0, hitRate: 0, blockerRecall: null });
  });
});

describe('actualOutcomeInModel', () => {
  const options = [
    { id: 'act', tabled: true },
    { id: 'nothing', tabled: false },
    { id: 'other', tabled: false },
  ];
  it('maps the untabled status quo to no-decision and leaves everything else as recorded', () => {
    expect(actualOutcomeInModel('nothing', options, 'nothing')).toBe('no-decision');
    expect(actualOutcomeInModel('act', options, 'nothing')).toBe('act');
    expect(actualOutcomeInModel('other', options, 'nothing')).toBe('other');
    expect(actualOutcomeInModel('deferred', options, 'nothing')).toBe('deferred');
  });
});
