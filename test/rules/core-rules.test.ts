import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consensusRule } from '../../src/rules/consensus';
import { consensusMinusNRule } from '../../src/rules/consensusMinusN';
import { consensusMinusSubjectRule } from '../../src/rules/consensusMinusSubject';
import { parseFraction, parseThreshold } from '../../src/rules/fraction';
import { qualifiedMajorityRule } from '../../src/rules/qualifiedMajority';
import { parseRule, RULES } from '../../src/rules/registry';
import { simpleMajorityRule } from '../../src/rules/simpleMajority';
import type { DecisionRule, Tally } from '../../src/rules/types';
import { tally } from '../helpers';

const counts = fc.record({
  support: fc.nat(60),
  accept: fc.nat(60),
  abstain: fc.nat(60),
  object: fc.nat(60),
});

describe('consensus', () => {
  it.each([
    [{ support: 48, object: 1 }, false],
    [{ support: 1, abstain: 47 }, true],
    [{ accept: 49 }, true],
    [{ abstain: 49 }, true],
    [{ object: 1 }, false],
  ])('%o adopts: %s', (c, expected) => {
    expect(consensusRule.adopts(tally(c))).toBe(expected);
  });

  it('adopts if and only if nobody present formally objects', () => {
    fc.assert(fc.property(counts, (c) => consensusRule.adopts(tally(c)) === (c.object === 0)));
  });

  it('excludes the subject only in the consensus-minus-subject variant', () => {
    expect(consensusRule.electorate.excludeSubject).toBe(false);
    expect(consensusMinusSubjectRule.electorate.excludeSubject).toBe(true);
    expect(consensusMinusSubjectRule.adopts(tally({ support: 47, abstain: 1 }))).toBe(true);
  });
});

describe('consensus-minus-n', () => {
  it('tolerates exactly n objections', () => {
    fc.assert(
      fc.property(counts, fc.nat(10), (c, n) => consensusMinusNRule(n).adopts(tally(c)) === c.object <= n),
    );
  });
  it('with n = 0 is consensus', () => {
    fc.assert(fc.property(counts, (c) => consensusMinusNRule(0).adopts(tally(c)) === consensusRule.adopts(tally(c))));
  });
});

describe('qualified-majority', () => {
  const twoThirds = qualifiedMajorityRule({ num: 2, den: 3 });
  it.each([
    [{ support: 32, object: 16 }, true], // exactly 2/3
    [{ support: 31, object: 16 }, false], // 31/47 < 2/3
    [{ support: 2, object: 1, abstain: 46 }, true], // abstentions are not counted
    [{ abstain: 49 }, false], // no votes cast: nothing passes
    [{ support: 20, accept: 12, object: 16 }, true], // accept votes yes
  ])('2/3: %o adopts: %s', (c, expected) => {
    expect(twoThirds.adopts(tally(c))).toBe(expected);
  });

  it('compares in exact integers (no floating-point edge at the threshold)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (den, numRaw) => {
        const num = Math.min(numRaw, den);
        const rule = qualifiedMajorityRule({ num, den });
        // yes/cast exactly at the threshold passes; one fewer yes fails
        const yes = num;
        const no = den - num;
        return rule.adopts(tally({ support: yes, object: no })) && (yes === 0 || !rule.adopts(tally({ support: yes - 1, object: no + 1 })));
      }),
    );
  });

  it('simple majority: more yes than no; a tie fails', () => {
    expect(simpleMajorityRule.adopts(tally({ support: 10, object: 10 }))).toBe(false);
    expect(simpleMajorityRule.adopts(tally({ support: 11, object: 10, abstain: 28 }))).toBe(true);
    fc.assert(fc.property(counts, (c) => simpleMajorityRule.adopts(tally(c)) === c.support + c.accept > c.object));
  });
});

/** Every rule in the registry, built from its example. */
function everyRule(): DecisionRule[] {
  return RULES.map((r) => {
    const rule = parseRule(r.example);
    if (typeof rule === 'string') throw new Error(`${r.name} example does not parse: ${rule}`);
    return rule;
  });
}

/** A tally with groups sized for any rule's groups. */
function withGroups(rule: DecisionRule, t: Tally): Tally {
  const g = rule.groups.length;
  if (g === 0) return t;
  // split the floor evenly over the groups (both groups see every yes/no in proportion)
  const share = (x: number) => Math.floor(x / g);
  return { ...t, groupYes: new Array(g).fill(share(t.support + t.accept)), groupNo: new Array(g).fill(share(t.object)), groupSize: new Array(g).fill(share(t.members)) };
}

describe('every registered rule', () => {
  it('is monotone: turning an objector into a supporter never turns adoption into rejection', () => {
    for (const rule of everyRule()) {
      fc.assert(
        fc.property(counts, (c) => {
          fc.pre(c.object > 0);
          const before = withGroups(rule, tally(c));
          const after = withGroups(rule, tally({ ...c, object: c.object - 1, support: c.support + 1 }));
          const wins = (t: Tally) => rule.adopts(t) || (rule.fallback?.adopts(t) ?? false);
          return !wins(before) || wins(after);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('has a canonical spec that parses back to the same rule', () => {
    for (const rule of everyRule()) {
      const again = parseRule(rule.spec);
      expect(typeof again === 'string' ? again : again.spec).toBe(rule.spec);
    }
  });

  it('explains every decision in one sentence', () => {
    for (const rule of everyRule()) {
      fc.assert(fc.property(counts, (c) => rule.explain(withGroups(rule, tally(c))).length > 0 && !rule.explain(withGroups(rule, tally(c))).includes('\n')));
    }
  });
});

describe('rule syntax', () => {
  it.each([
    ['qualified-majority:3/2', /outside \(0, 1\]/],
    ['qualified-majority:0', /outside \(0, 1\]/],
    ['qualified-majority:abc', /not a fraction/],
    ['qualified-majority', /needs one parameter/],
    ['consensus:2', /takes no parameters/],
    ['consensus-minus-n:-1', /not a whole number/],
    ['consenus', /unknown rule "consenus".*Did you mean "consensus"/],
    ['', /empty rule/],
  ])('%s is refused with a clear message', (spec, message) => {
    const rule = parseRule(spec);
    expect(typeof rule).toBe('string');
    expect(rule).toMatch(message);
  });

  it('parses fractions exactly', () => {
    expect(parseFraction('2/3')).toEqual({ num: 2, den: 3 });
    expect(parseFraction('0.75')).toEqual({ num: 75, den: 100 });
    expect(parseThreshold('1')).toEqual({ num: 1, den: 1 });
    expect(parseThreshold('1/0')).toMatch(/divides by zero/);
  });
});
