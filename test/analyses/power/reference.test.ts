/**
 * Every entry of the reference file of published and exactly computed voting-power values, checked exactly by each
 * exact method. The file is vendored in test/fixtures/reference/voting-power.json (copied from the project steering
 * repository's shared/reference/voting-power.json on 2026-11-30).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/common/paths';
import { powerOfWeightedGame, type PowerResult } from '../../../src/analyses/power/index';
import { equals, parseRational, toNumber, type Rational } from '../../../src/analyses/power/rational';

const FILE = join(PACKAGE_ROOT, 'test', 'fixtures', 'reference', 'voting-power.json');

interface Entry {
  readonly name: string;
  readonly quota: number;
  readonly weights: number[];
  readonly players: string[];
  readonly index: string;
  readonly exact: string[];
  readonly values: number[];
  readonly rule: string;
}

const METHODS = ['brute-force', 'class-enumeration', 'sums-dp'] as const;

/** the reference index name → the values our result gives, one per player (or one for the body) */
const INDEX: Record<string, (r: PowerResult) => Rational[]> = {
  shapley_shubik: (r) => r.participants.map((m) => m.shapleyShubik),
  banzhaf_normalized: (r) => r.participants.map((m) => m.banzhafNormalized),
  banzhaf_absolute: (r) => r.participants.map((m) => m.banzhafAbsolute),
  banzhaf_swings: (r) => r.participants.map((m) => ({ num: m.swings, den: 1n })),
  coleman_power_to_act: (r) => [r.powerToAct],
  coleman_preventive: (r) => r.participants.map((m) => m.colemanPreventive),
  coleman_initiative: (r) => r.participants.map((m) => m.colemanInitiative),
};

/** the game conditions the reference states: a weight quota, optionally "at least m" yes voters */
function conditions(rule: string): { minMembers: number } | undefined {
  if (!/sum\(weights of yes-voters\) >= quota/.test(rule)) return undefined;
  const rest = rule.replace(/sum\(weights of yes-voters\) >= quota/, '').trim();
  if (rest === '') return { minMembers: 0 };
  const m = /^(?:and|AND|&&)\s+(?:at least\s+)?(?:count|number of yes-voters|yes-voters)?\s*>=?\s*(\d+)$|^and at least (\d+) (?:yes-voters|members)$/.exec(rest);
  return m ? { minMembers: Number(m[1] ?? m[2]) } : undefined;
}

const text = (values: readonly Rational[]): string[] => values.map((v) => (v.den === 1n ? String(v.num) : `${v.num}/${v.den}`));

describe('reference voting-power values (test/fixtures/reference/voting-power.json)', () => {
  const entries: Entry[] = (JSON.parse(readFileSync(FILE, 'utf8')) as { tests: Entry[] }).tests;

  it('the reference file has entries and every index it uses is known', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(Object.keys(INDEX), `${e.name}: index ${e.index}`).toContain(e.index);
  });

  for (const [i, entry] of entries.entries()) {
    const game = conditions(entry.rule);
    const title = `#${i} ${entry.name}: ${entry.index}`;
    if (!game) {
      it.skip(`${title} (rule "${entry.rule}" is not a weight quota this test can read)`, () => {});
      continue;
    }
    for (const method of METHODS) {
      if (method === 'brute-force' && entry.weights.length > 20) continue;
      it(`${title} (${method})`, () => {
        const result = powerOfWeightedGame(entry.weights, entry.quota, { minMembers: game.minMembers, names: entry.players, method });
        const ours = INDEX[entry.index](result);
        const expected = entry.exact.map(parseRational);
        expect(ours.length).toBe(expected.length);
        expect(text(ours)).toEqual(text(expected));
        expect(ours.every((v, k) => equals(v, expected[k]))).toBe(true);
        // the decimal values in the file agree with the exact ones as displayed
        ours.forEach((v, k) => expect(toNumber(v)).toBeCloseTo(entry.values[k], 8));
      });
    }
  }
});
