/** Which rules a comparison runs: the rule in force as baseline, reforms for any body, reform ids in --rules. */
import { describe, expect, it } from 'vitest';
import { comparedRules, compareCommand } from '../../src/cli/commands/compare';
import { mapGroups } from '../../src/analyses/comparedRules';
import { UserError } from '../../src/common/errors';
import { DEFAULT_SCENARIO } from '../../src/common/paths';
import { loadScenario } from '../../src/scenario/load';

const council = loadScenario('test/fixtures/council/river-council.yaml');
const swakopmund = loadScenario(DEFAULT_SCENARIO);
const specs = (c: ReturnType<typeof comparedRules>) => c.rules.map((r) => r.spec);

describe('the rule in force is always the baseline', () => {
  it('--rules lists alternatives; the rule in force goes first and is never compared with itself', () => {
    expect(specs(comparedRules(swakopmund, { rules: 'qualified-majority:2/3' }))).toEqual(['consensus', 'qualified-majority:2/3']);
    expect(specs(comparedRules(swakopmund, { rules: 'consensus,qualified-majority:2/3,qualified-majority:2/3' }))).toEqual(['consensus', 'qualified-majority:2/3']);
  });

  it('only the rule in force: a usage error saying what to give, never a comparison of a rule with itself', () => {
    expect(() => comparedRules(swakopmund, { rules: 'consensus' })).toThrow(/nothing to compare with the baseline consensus.*--rules/);
    expect(() => comparedRules(swakopmund, {})).toThrow(UserError);
  });

  it('--baseline measures against another rule', () => {
    expect(specs(comparedRules(swakopmund, { rules: 'consensus', baseline: 'simple-majority' }))).toEqual(['simple-majority', 'consensus']);
  });

  it('the report never says "1 rules"', async () => {
    const text = (await compareCommand({ rules: 'simple-majority', runs: 20, seed: 's', format: 'table' })).text;
    expect(text).toContain('baseline and 1 alternative rule ·');
    expect(text).not.toMatch(/\b1 rules\b/);
  });
});

describe('reforms for any body', () => {
  it('on a council without the KP blocs, compare --reforms runs and skips the double majority with a one-line reason', async () => {
    const text = (await compareCommand({ scenario: 'test/fixtures/council/river-council.yaml', reforms: true, runs: 30, seed: 's', format: 'markdown' })).text;
    expect(text).toContain('wdc-2009-two-thirds');
    expect(text).toMatch(/Not compared: montreal-double-majority: its rule needs the groups adpa, western, which scenario "river-council" does not have/);
    const json = JSON.parse((await compareCommand({ scenario: 'test/fixtures/council/river-council.yaml', reforms: true, runs: 30, seed: 's', format: 'json' })).text);
    expect(json.skipped).toHaveLength(1);
    expect(json.rules[0]).toMatchObject({ spec: 'consensus', sourceKind: 'scenario' });
  });

  it('--map-group applies it through the scenario\'s blocs, and says so', () => {
    const c = comparedRules(council, { reforms: 'montreal-double-majority', mapGroup: ['adpa=downstream', 'WESTERN=Upstream'] });
    expect(specs(c)).toEqual(['consensus', 'consensus-then-vote:double-majority:2/3:downstream:upstream']);
    expect(c.reforms[1]).toMatchObject({ id: 'montreal-double-majority', mapping: 'adpa → downstream, western → upstream' });
    expect(c.skipped).toEqual([]);
  });

  it('--map-group to a bloc the scenario lacks is refused with the blocs it has', () => {
    expect(() => comparedRules(council, { reforms: true, mapGroup: ['adpa=downstreem'] })).toThrow(/--map-group adpa=downstreem: not a bloc of scenario "[^"]+" \(blocs: upstream, downstream\)\. Did you mean "downstream"\?/);
    expect(() => comparedRules(council, { reforms: true, mapGroup: ['adpa'] })).toThrow(/write reform-group=scenario-bloc/);
  });

  it('--reforms a,b selects reforms; unknown ids get a suggestion', () => {
    expect(comparedRules(swakopmund, { reforms: 'wdc-2009-two-thirds,osce-consensus-minus-one' }).reforms.map((r) => r?.id)).toEqual([undefined, 'wdc-2009-two-thirds', 'osce-consensus-minus-one']);
    expect(() => comparedRules(swakopmund, { reforms: 'wdc-2009' })).toThrow(/--reforms wdc-2009: not a bundled reform \(reforms: .*\)\. Did you mean "wdc-2009-two-thirds"/);
  });

  it('reform ids are valid in --rules, next to rule specs', () => {
    const c = comparedRules(swakopmund, { rules: 'wdc-2009-two-thirds,simple-majority' });
    expect(specs(c)).toEqual(['consensus', 'qualified-majority:2/3', 'simple-majority']);
    expect(c.reforms[1]?.id).toBe('wdc-2009-two-thirds');
    expect(() => comparedRules(council, { rules: 'montreal-double-majority' })).toThrow(/reform montreal-double-majority: its rule needs/);
    expect(() => comparedRules(swakopmund, { rules: 'wdc-2009-two-third' })).toThrow(/Reform ids are accepted too/);
  });

  it('mapGroups replaces only the group tokens it is given', () => {
    expect(mapGroups('consensus-then-vote:double-majority:2/3:adpa:western', ['adpa', 'western'], { adpa: 'south', western: 'north' })).toBe('consensus-then-vote:double-majority:2/3:south:north');
    expect(mapGroups('double-majority:2/3:adpa:western+observers', ['adpa', 'western'], { adpa: 'south' })).toBe('double-majority:2/3:south:western+observers');
  });
});
