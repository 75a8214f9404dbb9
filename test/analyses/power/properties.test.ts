/**
 * Properties of the exact power analysis: the fast methods agree exactly with brute-force enumeration on random
 * small games (weighted games and every rule of the registry), and the indices obey their defining identities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES, parseRule } from '../../../src/rules/registry';
import type { DecisionRule } from '../../../src/rules/types';
import { gameOfRule, plan, powerOfGame, powerOfWeightedGame, weightedGame, type BodyMember, type PowerResult } from '../../../src/analyses/power/index';
import { add, equals, fractionString, ONE, ZERO, type Rational } from '../../../src/analyses/power/rational';

const METHODS = ['class-enumeration', 'sums-dp'] as const;
const INDICES = ['banzhafAbsolute', 'banzhafNormalized', 'shapleyShubik', 'colemanPreventive', 'colemanInitiative'] as const;

/** everything a result says, as exact text (for exact comparison and readable diffs) */
function fingerprint(r: PowerResult): string[] {
  return [
    `act ${fractionString(r.powerToAct)} winning ${r.winning} voters ${r.voters}`,
    ...r.participants.map((m) => `${m.id}: swings ${m.swings} ${INDICES.map((k) => fractionString(m[k])).join(' ')} veto ${m.veto} dummy ${m.dummy}`),
  ];
}

const sum = (values: readonly Rational[]): Rational => values.reduce(add, ZERO);

/** random registry rules: every example, parameterised variants and the quorum modifier */
const ruleSpec = fc.oneof(
  fc.constantFrom(...RULES.map((r) => r.example)),
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('qualified-majority:', 'weighted:', 'consensus-then-vote:', 'double-majority:', 'consensus-then-vote-present'))
    .map(([a, b, kind]) => {
      const f = `${Math.min(a, b)}/${Math.max(a, b)}`;
      if (kind === 'double-majority:') return `double-majority:${f}:g1:g2`;
      if (kind === 'consensus-then-vote-present') return `consensus-then-vote:${f}:present`;
      return `${kind}${f}`;
    }),
  fc.integer({ min: 0, max: 5 }).map((n) => `consensus-minus-n:${n}`),
  fc.constantFrom('qualified-majority:1/2+quorum:2/3', 'consensus-then-vote:majority', 'weighted:1/2+quorum:1/2'),
);

/** a small body: weights in quarters (exact in binary, so brute force sums them without rounding) and groups */
const body = (groups: number) =>
  fc.array(
    fc.record({
      quarters: fc.integer({ min: 0, max: 12 }),
      groups: fc.array(fc.boolean(), { minLength: groups, maxLength: groups }),
    }),
    { minLength: 0, maxLength: 8 },
  );

function ruleGame(rule: DecisionRule, members: { quarters: number; groups: boolean[] }[], noVote: number, wholeWeights: boolean) {
  const body: BodyMember[] = members.map((m, i) => ({
    id: `m${i + 1}`,
    name: `Member ${i + 1}`,
    weight: wholeWeights ? m.quarters : m.quarters / 4,
    votes: i !== noVote,
    ...(i === noVote ? { note: 'no vote under this rule' } : {}),
    groups: m.groups,
  }));
  return gameOfRule(rule, body);
}

describe('exact methods agree with brute force', () => {
  it('on random weighted games [q; w] with a minimum number of members', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 10 }),
        (weights, q, m) => {
          const total = weights.reduce((a, b) => a + b, 0);
          fc.pre(total >= 1);
          const quota = 1 + (q % total);
          const minMembers = m % (weights.length + 1);
          const oracle = fingerprint(powerOfWeightedGame(weights, quota, { minMembers, method: 'brute-force' }));
          for (const method of METHODS) expect(fingerprint(powerOfWeightedGame(weights, quota, { minMembers, method }))).toEqual(oracle);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on random rules from the registry over random small bodies (weights, groups, a member without a vote)', () => {
    fc.assert(
      fc.property(ruleSpec, body(2), fc.integer({ min: -1, max: 8 }), fc.boolean(), (spec, members, noVote, wholeWeights) => {
        const rule = parseRule(spec);
        expect(typeof rule, `${spec}: ${String(rule)}`).toBe('object');
        if (typeof rule === 'string') return;
        const game = ruleGame(rule, members.map((m) => ({ ...m, groups: m.groups.slice(0, rule.groups.length) })), noVote, wholeWeights);
        const oracle = fingerprint(powerOfGame(game, { method: 'brute-force' }));
        for (const method of METHODS) expect(fingerprint(powerOfGame(game, { method })), `${spec} by ${method}`).toEqual(oracle);
      }),
      { numRuns: 400 },
    );
  });

  it('every registry rule is exercised by name (the examples parse and run)', () => {
    for (const definition of RULES) {
      const rule = parseRule(definition.example);
      expect(typeof rule, definition.example).toBe('object');
      if (typeof rule === 'string') continue;
      const game = ruleGame(rule, [0, 1, 2, 3, 4].map((i) => ({ quarters: 4 + i, groups: rule.groups.map((_, g) => (i + g) % 2 === 0) })), -1, true);
      expect(fingerprint(powerOfGame(game))).toEqual(fingerprint(powerOfGame(game, { method: 'brute-force' })));
    }
  });

  it('decimal weights are scaled exactly: a predicate on absolute yes weight sees the true weights', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 40 }), (quarters, threshold) => {
        const game = {
          spec: 'yes weight >= threshold',
          title: 'absolute threshold',
          uses: { counts: false, weights: true, groups: false },
          groupIds: [],
          members: quarters.map((q, i) => ({ id: `m${i}`, name: `m${i}`, weight: q / 4, votes: true, groups: [] })),
          adopts: (t: { yesWeight: number }) => t.yesWeight >= threshold / 4,
        };
        const oracle = fingerprint(powerOfGame(game, { method: 'brute-force' }));
        for (const method of METHODS) expect(fingerprint(powerOfGame(game, { method }))).toEqual(oracle);
      }),
      { numRuns: 200 },
    );
  });

  it('the two fast methods agree on larger bodies, where counts need several primes (n > 51)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 2, 5), { minLength: 52, maxLength: 130 }), fc.integer({ min: 0, max: 1000 }), (weights, q) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const quota = 1 + (q % total);
        const a = powerOfWeightedGame(weights, quota, { method: 'class-enumeration' });
        const b = powerOfWeightedGame(weights, quota, { method: 'sums-dp' });
        expect(fingerprint(b)).toEqual(fingerprint(a));
      }),
      { numRuns: 15 },
    );
  });
});

describe('index identities', () => {
  const anyResult = fc.tuple(ruleSpec, body(2), fc.integer({ min: -1, max: 8 })).map(([spec, members, noVote]) => {
    const rule = parseRule(spec) as DecisionRule;
    return powerOfGame(ruleGame(rule, members.map((m) => ({ ...m, groups: m.groups.slice(0, rule.groups.length) })), noVote, true));
  });

  it('normalised Banzhaf and Shapley–Shubik each sum to exactly 1 when any swing exists; dummies and non-voters have 0', () => {
    fc.assert(
      fc.property(anyResult, (r) => {
        const swings = r.participants.some((m) => m.swings > 0n);
        const expected = swings ? ONE : ZERO;
        expect(fractionString(sum(r.participants.map((m) => m.banzhafNormalized)))).toBe(fractionString(expected));
        expect(fractionString(sum(r.participants.map((m) => m.shapleyShubik)))).toBe(fractionString(expected));
        for (const m of r.participants.filter((p) => p.dummy)) for (const k of INDICES) expect(equals(m[k], ZERO)).toBe(true);
        for (const m of r.participants.filter((p) => !p.votes)) expect(m.dummy).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a veto player's preventive power is 1", () => {
    fc.assert(
      fc.property(anyResult, (r) => {
        for (const m of r.participants.filter((p) => p.veto)) expect(equals(m.colemanPreventive, ONE)).toBe(true);
      }),
      { numRuns: 200 },
    );
    // and the check is not vacuous: under consensus everybody is a veto player
    const r = powerOfWeightedGame([1, 1, 1], 3);
    expect(r.participants.every((m) => m.veto && equals(m.colemanPreventive, ONE))).toBe(true);
  });

  it('unanimity on n voters: absolute Banzhaf 1/2^(n-1), power to act 1/2^n, everyone a veto player', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const consensus = parseRule('consensus') as DecisionRule;
        const members = Array.from({ length: n }, (_, i) => ({ quarters: 4, groups: [] }));
        for (const r of [powerOfGame(ruleGame(consensus, members, -1, true)), powerOfWeightedGame(new Array<number>(n).fill(1), n)]) {
          expect(r.powerToAct).toEqual({ num: 1n, den: 1n << BigInt(n) });
          for (const m of r.participants) {
            expect(m.banzhafAbsolute).toEqual({ num: 1n, den: 1n << BigInt(n - 1) });
            expect(m.shapleyShubik).toEqual({ num: 1n, den: BigInt(n) });
            expect(m.veto).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('symmetric players (same weight, groups and vote) get equal values, by brute force and by the fast methods', () => {
    fc.assert(
      fc.property(ruleSpec, body(2), fc.nat(7), (spec, members, twin) => {
        const rule = parseRule(spec) as DecisionRule;
        fc.pre(members.length > 0);
        const withTwin = [...members, members[twin % members.length]].map((m) => ({ ...m, groups: m.groups.slice(0, rule.groups.length) }));
        const game = ruleGame(rule, withTwin, -1, false);
        const a = twin % members.length;
        const b = withTwin.length - 1;
        for (const method of ['brute-force', ...METHODS] as const) {
          const r = powerOfGame(game, { method });
          const [x, y] = [r.participants[a], r.participants[b]];
          expect(x.swings).toBe(y.swings);
          for (const k of INDICES) expect(fractionString(x[k])).toBe(fractionString(y[k]));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scaling every weight and the quota by the same factor changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 9 }), fc.nat(), fc.integer({ min: 2, max: 1000 }), (weights, q, c) => {
        const total = weights.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const quota = 1 + (q % total);
        const names = weights.map((_, i) => `p${i + 1}`);
        const scaled = powerOfWeightedGame(weights.map((w) => w * c), quota * c, { names });
        expect(fingerprint(scaled).slice(1)).toEqual(fingerprint(powerOfWeightedGame(weights, quota, { names })).slice(1));
      }),
      { numRuns: 100 },
    );
  });
});

describe('limits', () => {
  it('a 200-member weighted body is computed exactly (sums to 1, equal weights equal power)', () => {
    const weights = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % 10));
    const total = weights.reduce((a, b) => a + b, 0);
    const r = powerOfWeightedGame(weights, Math.ceil((2 * total) / 3));
    expect(r.voters).toBe(200);
    expect(fractionString(sum(r.participants.map((m) => m.shapleyShubik)))).toBe('1');
    expect(fractionString(sum(r.participants.map((m) => m.banzhafNormalized)))).toBe('1');
    const byWeight = new Map<number, string>();
    r.participants.forEach((m, i) => {
      const key = fractionString(m.shapleyShubik);
      if (byWeight.has(weights[i])) expect(key).toBe(byWeight.get(weights[i]));
      byWeight.set(weights[i], key);
    });
    // more weight, at least as much power (weighted games are monotone in weight)
    const order = [...byWeight.entries()].sort((x, y) => x[0] - y[0]).map(([w]) => r.participants[weights.indexOf(w)].swings);
    for (let i = 1; i < order.length; i++) expect(order[i] >= order[i - 1]).toBe(true);
  });

  it('a body too large for both exact methods is refused with a message saying why, before any work', () => {
    const weights = Array.from({ length: 3000 }, (_, i) => 1 + ((i * 7919) % 997));
    const verdict = plan(weightedGame(weights, 1_000_000));
    expect(typeof verdict).toBe('string');
    expect(verdict).toMatch(/too large to compute here: 3000 voters/);
    expect(() => powerOfWeightedGame(new Array<number>(6000).fill(1), 3000)).toThrow(/limited to 5000 voters/);
  });

  it('weights that are not short decimals are refused for weight-reading rules, with a suggestion', () => {
    const rule = parseRule('weighted:2/3') as DecisionRule;
    const members = [1 / 3, 1, 2].map((weight, i) => ({ id: `m${i}`, name: `m${i}`, weight, votes: true, groups: [] }));
    expect(() => powerOfGame(gameOfRule(rule, members))).toThrow(/participant "m0" has weight 0\.333.*scale all weights/);
    // the same body under a rule that reads no weights is fine
    expect(powerOfGame(gameOfRule(parseRule('consensus') as DecisionRule, members)).voters).toBe(3);
  });

  it('a one-member-one-vote body of thousands is exact by class enumeration', () => {
    const r = powerOfWeightedGame(new Array<number>(2000).fill(1), 1001);
    expect(r.method).toBe('class-enumeration');
    expect(r.participants[0].shapleyShubik).toEqual({ num: 1n, den: 2000n });
  });
});
