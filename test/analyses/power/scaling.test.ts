/**
 * The quick form as typed: decimal weights scaled exactly by 10^d, a quota that is a weight (whole or decimal, rounded
 * up to a whole scaled weight) or a share p/q of the total weight ("at least p/q", as qualified-majority:p/q counts).
 * Known answers worked out by hand, and the property that scaling every weight and the quota leaves the indices alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleWeightedGame } from '../../../src/analyses/power/scaling';
import { powerOfWeightedGame, type PowerResult } from '../../../src/analyses/power/index';
import { fractionString } from '../../../src/analyses/power/rational';
import { powerCommand } from '../../../src/cli/commands/power';
import { parseRule } from '../../../src/rules/registry';
import { wins, type DecisionRule, type Tally } from '../../../src/rules/types';

const INDICES = ['banzhafAbsolute', 'banzhafNormalized', 'shapleyShubik', 'colemanPreventive', 'colemanInitiative'] as const;
/** the indices of every player as exact fractions (weights left out: scaling changes them, not the power) */
const indices = (r: PowerResult): string[] => [`act ${fractionString(r.powerToAct)}`, ...r.participants.map((m) => `${m.id}: ${m.swings} ${INDICES.map((k) => fractionString(m[k])).join(' ')} veto ${m.veto} dummy ${m.dummy}`)];
const powerOf = (weights: string, quota: string) => {
  const g = scaleWeightedGame(weights, quota);
  return powerOfWeightedGame(g.weights, g.quota);
};

describe('decimal weights and fractional quotas, known answers by hand', () => {
  it('1.5,2.25,3 with quota 2/3: ×100 → [450; 150, 225, 300], the game [6; 2, 3, 4]', () => {
    const g = scaleWeightedGame('1.5,2.25,3', '2/3');
    expect(g).toMatchObject({ weights: [150, 225, 300], quota: 450, scale: 100n, total: 675 });
    expect(g.note).toMatch(/weights × 100 \(1\.5, 2\.25, 3 → 150, 225, 300; total 675\); quota 2\/3 of the total 675: at least 450/);
    // by hand: of 2,3,4 the coalitions reaching 6 are {1,3} (6), {2,3} (7), {1,2,3} (9); {1,2} has 5
    // swings: p1 1 ({3}), p2 1 ({3}), p3 3 ({1}, {2}, {1,2}); Shapley: p3 pivotal in 4 of the 6 orders
    const r = powerOf('1.5,2.25,3', '2/3');
    expect(r.winning).toBe(3n);
    expect(r.participants.map((m) => fractionString(m.banzhafAbsolute))).toEqual(['1/4', '1/4', '3/4']);
    expect(r.participants.map((m) => fractionString(m.shapleyShubik))).toEqual(['1/6', '1/6', '2/3']);
    expect(r.participants.map((m) => m.veto)).toEqual([false, false, true]);
    expect(indices(r)).toEqual(indices(powerOfWeightedGame([2, 3, 4], 6)));
  });

  it('1.5,1.5,3 with quota 2/3 is the game 1,1,2 with quota ⌈2/3 × 4⌉ = ⌈8/3⌉ = 3', () => {
    const g = scaleWeightedGame('1.5,1.5,3', '2/3');
    expect(g).toMatchObject({ weights: [15, 15, 30], quota: 40, total: 60 });
    expect(indices(powerOf('1.5,1.5,3', '2/3'))).toEqual(indices(powerOfWeightedGame([1, 1, 2], 3)));
    const whole = scaleWeightedGame('1,1,2', '2/3');
    expect(whole).toMatchObject({ weights: [1, 1, 2], quota: 3, scale: 1n });
    expect(whole.note).toMatch(/at least 8\/3, so 3/);
  });

  it('a decimal quota is a weight, rounded up to a whole scaled weight: 4.5 on 1,2,3,4 is 5; 4.55 on 1.5,2,3 is 46 of ×10', () => {
    expect(scaleWeightedGame('1,2,3,4', '4.5')).toMatchObject({ weights: [1, 2, 3, 4], quota: 5 });
    expect(indices(powerOf('1,2,3,4', '4.5'))).toEqual(indices(powerOfWeightedGame([1, 2, 3, 4], 5)));
    expect(scaleWeightedGame('1.5,2,3', '4.5')).toMatchObject({ weights: [15, 20, 30], quota: 45 });
    expect(scaleWeightedGame('1.5,2,3', '4.55')).toMatchObject({ quota: 46 });
    // trailing zeros are not decimal places; a whole quota and whole weights need no note
    expect(scaleWeightedGame('1.50,2', '2')).toMatchObject({ weights: [15, 20], quota: 20, scale: 10n });
    expect(scaleWeightedGame('4,4,4,2,2,1', '12').note).toBeUndefined();
  });

  it('"2/3" means at least two thirds, as qualified-majority:2/3 does: a coalition wins exactly when the rule adopts', () => {
    const rule = parseRule('qualified-majority:2/3') as DecisionRule;
    for (const n of [3, 4, 5, 6, 7, 9, 12]) {
      const g = scaleWeightedGame(Array(n).fill('1').join(','), '2/3');
      for (let yes = 0; yes <= n; yes++) {
        const tally: Tally = { members: n, support: yes, accept: 0, abstain: 0, object: n - yes, yesWeight: yes, noWeight: n - yes, totalWeight: n, groupYes: [], groupNo: [], groupSize: [] };
        expect(yes >= g.quota, `${yes} of ${n}`).toBe(wins(rule, tally));
      }
    }
    // a half: a tie reaches it
    expect(scaleWeightedGame('1,1,1,1', '1/2').quota).toBe(2);
  });

  it('the whole form is unchanged: the EEC of 1958', () => {
    expect(JSON.parse(powerCommand({ weights: '4,4,4,2,2,1', quota: '12', format: 'json' })).rule).toBe('[12; 4, 4, 4, 2, 2, 1]');
  });

  it('refuses what cannot be meant, each with what is allowed', () => {
    const refused: [string, string, RegExp][] = [
      ['1,-1', '1', /weight 2 is "-1" \(weights cannot be negative\)/],
      ['1e3,1', '1', /weight 1 is "1e3" \(write it out, without an exponent\)/],
      ['0,0', '1', /add up to 0/],
      ['1,2', '4/3', /4\/3 is more than the whole of the total weight/],
      ['1,2', '0/3', /0\/3 of the total weight is 0/],
      ['1,2', '1/0', /divides by zero/],
      ['1,2', '3.5', /3\.5 is above the total weight 3/],
      ['1.5,2', '3.6', /3\.6 is above the total weight 3\.5 \(35 scaled\)/],
      ['1,2', '-1', /a quota cannot be negative/],
      ['1,2', '0', /reached by every coalition/],
      ['1,2', 'two', /"two" \(not a number\)/],
      ['0.000000000000000001,1', '1', /with 18 decimal places .* beyond what is counted exactly \(2\^53\); give fewer decimals/],
      ['9007199254740993', '1', /beyond what is counted exactly/],
    ];
    for (const [weights, quota, message] of refused) expect(() => scaleWeightedGame(weights, quota), `${weights} ${quota}`).toThrow(message);
  });
});

/** n written with d decimal places: 1234, 2 → "12.34" (exact, from the digits) */
const decimalText = (n: number, d: number): string => {
  if (d === 0) return String(n);
  const s = String(n).padStart(d + 1, '0');
  return `${s.slice(0, -d)}.${s.slice(-d)}`;
};

describe('scaling leaves the power alone (property)', () => {
  it('all weights and the quota × k: the same Banzhaf, Shapley-Shubik and Coleman values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 60 }), (weights, q, k) => {
        const total = weights.reduce((a, b) => a + b, 0);
        fc.pre(total >= 1);
        const quota = 1 + (q % total);
        expect(indices(powerOfWeightedGame(weights.map((w) => w * k), quota * k))).toEqual(indices(powerOfWeightedGame(weights, quota)));
      }),
      { numRuns: 200 },
    );
  });

  it('the same weights typed as decimals (÷ 10^d) give the same values, for a share quota and for a weight quota', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (weights, d, p, den) => {
        const total = weights.reduce((a, b) => a + b, 0);
        fc.pre(total >= 1 && p <= den);
        const typed = weights.map((w) => decimalText(w, d)).join(',');
        // a share of the total: the game does not depend on how the weights are written
        expect(indices(powerOf(typed, `${p}/${den}`))).toEqual(indices(powerOf(weights.join(','), `${p}/${den}`)));
        // a weight quota written with the same decimals
        const quota = 1 + ((p * 7919) % total);
        expect(indices(powerOf(typed, decimalText(quota, d)))).toEqual(indices(powerOfWeightedGame(weights, quota)));
      }),
      { numRuns: 200 },
    );
  });
});
