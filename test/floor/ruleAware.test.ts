/**
 * Rule-aware behaviour end to end: `plenary compare` simulates behaviour as it would be under each rule and says
 * which behaviour model it used; the ensemble reports its components' spread. The small body is
 * test/floor/bodies.ts `mildlyOpposedMajority`, whose answer is known by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { compileModel } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { runJob } from '../../src/engine/job';
import { loadScenario } from '../../src/scenario/load';
import { mildlyOpposedMajorityDocument } from './bodies';

/** the body of bodies.ts as a file (compare reads files) */
function smallBodyFile(model: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rule-aware-'));
  const file = join(dir, 'council.yaml');
  writeFileSync(file, stringify(mildlyOpposedMajorityDocument('consensus', model)));
  return file;
}

describe('plenary compare: behaviour under each rule', () => {
  it('on a five-member body known by hand: consensus adopts in every run, a majority vote in none, and the report says why', async () => {
    const result = await compareCommand({ scenario: smallBodyFile('spatial'), rules: 'simple-majority', runs: 200, seed: 'hand', format: 'json' });
    const c = JSON.parse(result.text);
    const share = (r: number, outcome: string) => c.rules[r].outcomes.find((o: { outcome: string }) => o.outcome === outcome).share;
    expect(c.rules.map((r: { spec: string }) => r.spec)).toEqual(['consensus', 'simple-majority']);
    expect(share(0, 'measure')).toBe(1);
    expect(share(1, 'no-decision')).toBe(1);
    expect(c.rules[0].floor).toMatchObject({ name: 'spatial', behaviour: expect.stringMatching(/cost of standing apart/) });
    expect(c.rules[1].floor).toMatchObject({ name: 'spatial', behaviour: expect.stringMatching(/votes its utility/) });
    const table = (await compareCommand({ scenario: smallBodyFile('spatial'), rules: 'simple-majority', runs: 50, seed: 'hand', format: 'table' })).text;
    expect(table).toMatch(/Behaviour model: spatial .*simulated under each rule/);
    expect(table).toMatch(/simple-majority: each votes its utility/);
  });

  it('the ordinal model, which ignores the rule, says so', async () => {
    const table = (await compareCommand({ scenario: smallBodyFile('spatial'), floor: 'ordinal', rules: 'simple-majority', runs: 50, seed: 'hand', format: 'table' })).text;
    expect(table).toMatch(/Behaviour model: ordinal/);
    expect(table).toMatch(/the same behaviour under every rule/);
  });
});

describe('the ensemble reports model uncertainty', () => {
  it('beside its mixture, each component alone on the same runs: the shares equal separate runs of each model', async () => {
    const result = await runCommand({ runs: 300, seed: 'spread', format: 'json', floor: 'ensemble', workers: 1 });
    const j = JSON.parse(result.text);
    expect(j.floor.name).toBe('ensemble');
    expect(j.modelSpread.models).toEqual(['ordinal', 'spatial', 'compromise']);
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    j.modelSpread.models.forEach((floor: 'ordinal' | 'spatial' | 'compromise', m: number) => {
      const model = compileModel(scenario, ruleOrThrow('consensus'), { floor });
      const t = runJob(model, 'spread', 300);
      model.outcomes.forEach((outcome, o) => expect(j.modelSpread.outcomes.find((x: { outcome: string }) => x.outcome === outcome).shares[m]).toBeCloseTo(t.outcomes[o] / 300, 6));
    });
    for (const o of j.modelSpread.outcomes) expect(o.max - o.min).toBeGreaterThanOrEqual(0);
    const table = (await runCommand({ runs: 100, seed: 'spread', format: 'table', floor: 'ensemble', workers: 1 })).text;
    expect(table).toMatch(/Model uncertainty: each component of the ensemble alone/);
  });
});
