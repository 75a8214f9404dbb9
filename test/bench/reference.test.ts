/**
 * The plain-loop reference (bench/reference.ts) and the engine (XState procedure compiled, stance table, PlenaryRun)
 * implement the same model: for the same seeds they give identical tallies (outcomes, hours and rounds histograms,
 * decisive blockers, adoptions by vote) on several scenarios and rules. This ties `npm run bench`'s ratio to one
 * model, and guards the engine's optimisations: same seeds, same outcomes.
 */
import { describe, expect, it } from 'vitest';
import { referenceRange } from '../../bench/reference';
import { spatialReferenceRange } from '../../bench/spatialReference';
import { syntheticScenario } from '../../bench/synthetic';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario, validateData } from '../../src/scenario/load';
import type { Scenario } from '../../src/scenario/types';
import { compileModel } from '../../src/floor/model';
import { runRange } from '../../src/engine/job';
import { existsSync } from 'node:fs';

const fromData = (data: unknown): Scenario => {
  const v = validateData(data);
  if (!v.scenario) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
};

const COMMON_RULES = ['consensus', 'consensus-minus-subject', 'consensus-minus-n:2', 'qualified-majority:2/3', 'simple-majority', 'consensus-then-vote:2/3', 'weighted:2/3', 'written-procedure:2', 'reverse-consensus'];

const cases: { name: string; scenario: () => Scenario; rules: string[]; runs: number }[] = [
  { name: 'three-members fixture', scenario: () => loadScenario('test/fixtures/valid/three-members.yaml'), rules: ['consensus', 'qualified-majority:2/3', 'consensus-then-vote:majority'], runs: 500 },
  {
    name: 'synthetic 12 members, weighted',
    scenario: () => fromData(syntheticScenario({ members: 12, weighted: true, seed: 'test-12' })),
    rules: [...COMMON_RULES, 'double-majority:2/3:group-a:group-b', 'consensus-then-vote:double-majority:1/2:group-a:group-d', 'consensus-then-vote:weighted:3/4', 'qualified-majority:2/3+observers', 'consensus-then-vote:2/3+quorum:1/2'],
    runs: 1500,
  },
  { name: 'synthetic 30 members, short budget', scenario: () => fromData(syntheticScenario({ members: 30, seed: 'test-30', itemBudgetHours: 12 })), rules: COMMON_RULES, runs: 800 },
  { name: 'Swakopmund 2009', scenario: () => loadScenario('scenarios/kp-2009-swakopmund.yaml'), rules: [...COMMON_RULES, 'double-majority:2/3:adpa:western', 'consensus-then-vote:2/3:present+observers'], runs: 800 },
  { name: 'synthetic GA 193', scenario: () => loadScenario('scenarios/synthetic/ga-193.yaml'), rules: ['consensus', 'consensus-minus-n:3', 'qualified-majority:2/3', 'consensus-then-vote:2/3', 'weighted:1/2'], runs: 200 },
];

describe('plain-loop reference ≡ engine', () => {
  for (const c of cases) {
    describe(c.name, () => {
      for (const spec of c.rules) {
        it(`${spec}: identical tallies for the same seed`, () => {
          if (c.name === 'Swakopmund 2009' && !existsSync('scenarios/kp-2009-swakopmund.yaml')) return;
          const model = compileModel(c.scenario(), ruleOrThrow(spec), { floor: 'ordinal' });
          for (const seed of ['bench', '42']) {
            const engine = runRange(model, seed, 3, 3 + c.runs);
            const reference = referenceRange(model, seed, 3, 3 + c.runs);
            expect(reference).toEqual(engine);
          }
        });
        it(`${spec}: the spatial model's reference loop gives the engine's tallies`, () => {
          if (c.name === 'Swakopmund 2009' && !existsSync('scenarios/kp-2009-swakopmund.yaml')) return;
          const model = compileModel(c.scenario(), ruleOrThrow(spec), { floor: 'spatial' });
          const engine = runRange(model, 'spatial', 3, 3 + c.runs);
          expect(spatialReferenceRange(model, 'spatial', 3, 3 + c.runs)).toEqual(engine);
        });
      }
    });
  }

  it('the comparison is not vacuous: the cases reach every outcome kind and decisive blockers', () => {
    const seen = new Set<string>();
    let blockers = 0;
    for (const c of cases.slice(0, 4)) {
      for (const spec of c.rules) {
        const model = compileModel(c.scenario(), ruleOrThrow(spec), { floor: 'ordinal' });
        const t = referenceRange(model, 'bench', 0, 300);
        t.outcomes.forEach((k, i) => k > 0 && seen.add(i < model.options.length ? (t.adoptedByVote[i] > 0 ? 'adopted-by-vote' : 'adopted') : model.outcomes[i]));
        blockers += t.decisiveAny.reduce((a, b) => a + b, 0);
      }
    }
    expect([...seen].sort()).toEqual(['adopted', 'adopted-by-vote', 'deferred', 'no-decision']);
    expect(blockers).toBeGreaterThan(0);
  });
});
