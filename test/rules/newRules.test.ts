import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRule, rulesOrThrow } from '../../src/rules/registry';
import { wins, type DecisionRule, type Tally } from '../../src/rules/types';
import { UserError } from '../../src/common/errors';

const rule = (spec: string): DecisionRule => {
  const r = parseRule(spec);
  if (typeof r === 'string') throw new Error(r);
  return r;
};

/** A tally with two groups: counts, then per member weight 1..5, groups drawn from the voters. */
const tallyArb: fc.Arbitrary<Tally> = fc
  .record({
    support: fc.nat(20),
    accept: fc.nat(20),
    abstain: fc.nat(20),
    object: fc.nat(20),
    yw: fc.integer({ min: 0, max: 100 }),
    nw: fc.integer({ min: 0, max: 100 }),
    aw: fc.integer({ min: 0, max: 100 }),
    g1: fc.tuple(fc.nat(10), fc.nat(10)),
    g2: fc.tuple(fc.nat(10), fc.nat(10)),
  })
  .map((r) => ({
    members: r.support + r.accept + r.abstain + r.object,
    support: r.support,
    accept: r.accept,
    abstain: r.abstain,
    object: r.object,
    yesWeight: r.yw,
    noWeight: r.nw,
    totalWeight: r.yw + r.nw + r.aw,
    groupYes: [r.g1[0], r.g2[0]],
    groupNo: [r.g1[1], r.g2[1]],
    groupSize: [r.g1[0] + r.g1[1], r.g2[0] + r.g2[1]],
  }));

/** One objector becomes a supporter (weights and groups move with them). */
const oneMoreYes = (t: Tally, w: number, group: number): Tally => ({
  ...t,
  support: t.support + 1,
  object: t.object - 1,
  yesWeight: t.yesWeight + w,
  noWeight: t.noWeight - w,
  groupYes: t.groupYes.map((y, k) => (k === group && t.groupNo[k] > 0 ? y + 1 : y)),
  groupNo: t.groupNo.map((n, k) => (k === group && n > 0 ? n - 1 : n)),
});

describe('consensus-then-vote', () => {
  it('is consensus first, with the stated vote as fallback', () => {
    const r = rule('consensus-then-vote:2/3');
    expect(r.mode).toBe('consensus-then-vote');
    expect(r.fallback?.spec).toBe('qualified-majority:2/3');
    expect(rule('consensus-then-vote:majority').fallback?.spec).toBe('simple-majority');
    expect(rule('consensus-then-vote:2/3:present').fallback?.spec).toBe('qualified-majority:2/3:present');
    expect(rule('consensus-then-vote:double-majority:2/3:a:b').groups).toEqual(['a', 'b']);
  });
  it('main check is "no formal objection"; the game is consensus or the vote', () => {
    const r = rule('consensus-then-vote:2/3');
    fc.assert(
      fc.property(tallyArb, (t) => {
        expect(r.adopts(t)).toBe(t.object === 0);
        const yes = t.support + t.accept;
        const cast = yes + t.object;
        expect(wins(r, t)).toBe(t.object === 0 || (cast > 0 && 3 * yes >= 2 * cast));
      }),
    );
  });
  it('"of those present" counts abstention against', () => {
    const f = rule('consensus-then-vote:2/3:present').fallback!;
    fc.assert(fc.property(tallyArb, (t) => { expect(f.adopts(t)).toBe(t.members > 0 && 3 * (t.support + t.accept) >= 2 * t.members); }));
  });
  it('rejects a non-voting fallback and bad thresholds', () => {
    expect(parseRule('consensus-then-vote:consensus')).toMatch(/must be a voting rule/);
    expect(parseRule('consensus-then-vote:3/2')).toMatch(/outside \(0, 1\]/);
    expect(parseRule('consensus-then-vote')).toMatch(/needs the vote/);
    expect(parseRule('consensus-then-vote:2/3:everyone')).toMatch(/only "present"/);
  });
});

describe('double-majority', () => {
  const r = rule('double-majority:2/3:north:south');
  it('needs the threshold overall and a majority of votes cast in every group', () => {
    fc.assert(
      fc.property(tallyArb, (t) => {
        const yes = t.support + t.accept;
        const cast = yes + t.object;
        const expected = cast > 0 && 3 * yes >= 2 * cast && t.groupYes[0] > t.groupNo[0] && t.groupYes[1] > t.groupNo[1];
        expect(r.adopts(t)).toBe(expected);
      }),
    );
  });
  it('is monotone: an objector turning supporter never defeats an adopted option', () => {
    fc.assert(
      fc.property(tallyArb, fc.integer({ min: 0, max: 1 }), (t, g) => {
        fc.pre(t.object > 0 && t.noWeight >= 1 && r.adopts(t));
        expect(r.adopts(oneMoreYes(t, 1, g))).toBe(true);
      }),
    );
  });
  it('declares its groups and uses', () => {
    expect(r.groups).toEqual(['north', 'south']);
    expect(r.uses).toEqual({ counts: true, weights: false, groups: true });
    expect(r.spec).toBe('double-majority:2/3:north:south');
  });
  it('rejects one group, repeated groups, bad ids and "+" between groups', () => {
    expect(parseRule('double-majority:2/3:north')).toMatch(/at least two groups/);
    expect(parseRule('double-majority:2/3:a:a')).toMatch(/named twice/);
    expect(parseRule('double-majority:2/3:A:b')).toMatch(/not a bloc id/);
    expect(parseRule('double-majority:2/3:a+b')).toMatch(/separated by ":"/);
  });
});

describe('weighted', () => {
  const r = rule('weighted:2/3');
  it('compares yes weight with the weight present and voting; abstainers left out', () => {
    fc.assert(fc.property(tallyArb, (t) => { expect(r.adopts(t)).toBe(t.yesWeight + t.noWeight > 0 && 3 * t.yesWeight >= 2 * (t.yesWeight + t.noWeight)); }));
  });
  it('is invariant to scaling every weight', () => {
    fc.assert(
      fc.property(tallyArb, fc.integer({ min: 1, max: 1000 }), (t, c) => {
        const scaled = { ...t, yesWeight: t.yesWeight * c, noWeight: t.noWeight * c, totalWeight: t.totalWeight * c };
        expect(r.adopts(scaled)).toBe(r.adopts(t));
      }),
    );
  });
  it('with unit weights it is the qualified majority of votes cast', () => {
    const qm = rule('qualified-majority:2/3');
    fc.assert(
      fc.property(tallyArb, (t) => {
        const unit = { ...t, yesWeight: t.support + t.accept, noWeight: t.object, totalWeight: t.members };
        expect(r.adopts(unit)).toBe(qm.adopts(unit));
      }),
    );
  });
  it('reads weights only', () => expect(r.uses).toEqual({ counts: false, weights: true, groups: false }));
  it('rejects malformed quotas', () => {
    expect(parseRule('weighted:abc')).toMatch(/weighted:abc: "abc" is not a fraction/);
    expect(parseRule('weighted:3/2')).toMatch(/outside/);
    expect(parseRule('weighted')).toMatch(/needs one parameter/);
  });
});

describe('written-procedure', () => {
  it('one written objection defeats it; silence (abstain) does not', () => {
    const r = rule('written-procedure:3');
    fc.assert(fc.property(tallyArb, (t) => { expect(r.adopts(t)).toBe(t.object === 0 && t.support + t.accept >= 3); }));
  });
  it('a fraction is of the participants present', () => {
    const r = rule('written-procedure:2/3');
    fc.assert(fc.property(tallyArb, (t) => { expect(r.adopts(t)).toBe(t.object === 0 && 3 * (t.support + t.accept) >= 2 * t.members); }));
    expect(r.mode).toBe('written');
  });
  it('needs its minimum', () => {
    expect(parseRule('written-procedure')).toMatch(/needs one parameter/);
    expect(parseRule('written-procedure:lots')).toMatch(/not a fraction/);
  });
});

describe('reverse-consensus', () => {
  const r = rule('reverse-consensus');
  it('the measure stands while one participant supports it', () => {
    fc.assert(fc.property(tallyArb, (t) => { expect(r.adopts(t)).toBe(t.support > 0); }));
    expect(r.mode).toBe('reverse');
  });
  it('is never harder to pass than consensus when someone supports', () => {
    const c = rule('consensus');
    fc.assert(fc.property(tallyArb, (t) => {
      fc.pre(t.support > 0);
      if (c.adopts(t)) expect(r.adopts(t)).toBe(true);
    }));
  });
});

describe('modifiers', () => {
  it('+observers gives observer groupings a vote where the rule votes, never in a consensus', () => {
    const r = rule('consensus-then-vote:2/3:present+observers');
    expect(r.electorate.observersVote).toBe(false);
    expect(r.fallback?.electorate.observersVote).toBe(true);
    expect(r.spec).toBe('consensus-then-vote:2/3:present+observers');
    expect(rule('qualified-majority:2/3+observers').electorate.observersVote).toBe(true);
  });
  it('+quorum only narrows what passes, and applies to the vote', () => {
    const inner = rule('qualified-majority:2/3');
    const q = rule('qualified-majority:2/3+quorum:1/2');
    fc.assert(
      fc.property(tallyArb, (t) => {
        const met = 2 * (t.support + t.accept + t.object) >= t.members && t.members > 0;
        expect(q.adopts(t)).toBe(inner.adopts(t) && met);
      }),
    );
    const ctv = rule('consensus-then-vote:2/3+quorum:1/2');
    expect(ctv.adopts).toBe(rule('consensus').adopts);
    expect(ctv.fallback?.spec).toBe('qualified-majority:2/3');
  });
  it('quorum on a rule without a vote is an error; unknown modifiers suggest', () => {
    expect(parseRule('consensus+quorum:1/2')).toMatch(/quorum applies to votes/);
    expect(parseRule('qualified-majority:2/3+observer')).toMatch(/Did you mean "observers"/);
    expect(parseRule('qualified-majority:2/3+quorum:2')).toMatch(/\(0, 1\]/);
  });
});

describe('registry', () => {
  const specs = fc.oneof(
    fc.constantFrom('consensus', 'simple-majority', 'reverse-consensus', 'consensus-minus-subject', 'consensus-then-vote:majority'),
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).filter(([a, b]) => a <= b).chain(([a, b]) =>
      fc.constantFrom(
        `qualified-majority:${a}/${b}`,
        `weighted:${a}/${b}`,
        `consensus-then-vote:${a}/${b}`,
        `consensus-then-vote:${a}/${b}:present`,
        `double-majority:${a}/${b}:x:y`,
        `written-procedure:${a}/${b}`,
        `consensus-then-vote:double-majority:${a}/${b}:x:y`,
      ),
    ),
  );
  it('a canonical spec parses back to itself, with or without modifiers', () => {
    fc.assert(
      fc.property(specs, fc.constantFrom('', '+observers', '+quorum:1/2', '+observers+quorum:2/3'), (spec, mod) => {
        const r = parseRule(spec + mod);
        fc.pre(typeof r !== 'string');
        const again = rule((r as DecisionRule).spec);
        expect(again.spec).toBe((r as DecisionRule).spec);
      }),
    );
  });
  it('rulesOrThrow reports every bad rule at once', () => {
    try {
      rulesOrThrow('consensus,qualified-majority:3/2,weighted:abc,nonsense');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems).toHaveLength(3);
    }
  });
});
