import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sensitivity, whereResearchPays } from '../../../src/analyses/sensitivity/analysis';
import { factorsOf, leanStances } from '../../../src/analyses/sensitivity/factors';
import { loadScenario } from '../../../src/scenario/load';
import { ruleOrThrow } from '../../../src/rules/registry';
import { renderSensitivity } from '../../../src/report/sensitivity';
import { sensitivityCommand } from '../../../src/cli/commands/sensitivity';

// under consensus, "act" passes exactly when A does not object (no consultation rounds, so nobody moves): A's stance
// is the influential input by construction; saliences, flexibilities and model parameters cannot matter, and B's and
// C's stances (support, leaned to a fraction of a percent of objecting) barely can
const FIXTURE = resolve(__dirname, '../../fixtures/valid/uncertain-objector.yaml');

describe('sensitivity on a scenario whose influential input is known by construction', async () => {
  const scenario = loadScenario(FIXTURE);
  const result = await sensitivity(scenario, ruleOrThrow('consensus'), { seed: 'toy', runs: 100, trajectories: 6, sobolRows: 32 });

  it('the Morris screen ranks A\'s stance first, far ahead; inputs that cannot matter get μ* = 0', () => {
    const byId = Object.fromEntries(result.factors.map((f) => [f.id, f]));
    const a = byId['participants[id=a].stances.act'];
    expect(a.morris.act.muStar).toBeGreaterThan(0.3);
    for (const f of result.factors) {
      if (f === a) continue;
      if (f.id.endsWith('.stances.act')) expect(f.morris.act.muStar, f.id).toBeLessThan(a.morris.act.muStar / 10);
      else expect(f.morris.act.muStar, f.id).toBe(0);
    }
    expect(whereResearchPays(result, 'act')[0].id).toBe('participants[id=a].stances.act');
  });

  it('only A\'s stance survives into the Sobol stage, where it explains all the variance', () => {
    const carried = result.factors.filter((f) => f.sobol);
    expect(carried.map((f) => f.id)).toEqual(['participants[id=a].stances.act']);
    expect(carried[0].sobol!.act.first).toBeGreaterThan(0.9);
    expect(carried[0].sobol!.act.total).toBeGreaterThan(0.9);
  });

  it('the swing moves p(act) the way the lean says: more objection, less adoption', () => {
    const a = result.factors.find((f) => f.id === 'participants[id=a].stances.act')!;
    const [low, high] = a.swing!.act;
    expect(low).toBeGreaterThan(high);
  });

  it('is deterministic in the seed', async () => {
    const again = await sensitivity(scenario, ruleOrThrow('consensus'), { seed: 'toy', runs: 100, trajectories: 6, sobolRows: 32 });
    expect(again).toEqual(result);
  });

  it('every format renders; HTML has a self-contained tornado chart; JSON lists where research pays with sources', () => {
    const html = renderSensitivity(result, 'html');
    expect(html).toMatch(/<svg[^>]*aria-label="tornado chart"/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!example\.org)/);
    const json = JSON.parse(renderSensitivity(result, 'json'));
    expect(json.whereResearchPays[0]).toEqual({ id: 'participants[id=a].stances.act', label: 'a: stance on act', source: "assumption: A's objection is a coin weighted about 3 in 10", status: 'assumption' });
    expect(renderSensitivity(result, 'table')).toMatch(/Where research pays[^\n]*\n1\. a: stance on act/);
    expect(renderSensitivity(result, 'markdown')).toMatch(/\*\*Where research pays\*\*/);
    expect(renderSensitivity(result, 'csv').split('\n')[0]).toMatch(/^outcome,input,label/);
  });
});

describe('sensitivity factors', () => {
  it('leaning keeps a stance mix a distribution and moves the odds of objecting by the factor', () => {
    const p = [0.2, 0.3, 0.3, 0.2];
    for (const t of [-1, -0.3, 0, 0.5, 1]) {
      const q = leanStances(p, t, 3);
      expect(q.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      expect(q[0] / q[1]).toBeCloseTo(p[0] / p[1], 12);
    }
    const odds = (x: number) => x / (1 - x);
    expect(odds(leanStances(p, 1, 3)[3]) / odds(0.2)).toBeCloseTo(3, 9);
    expect(leanStances(p, 0, 3)).toEqual(p);
    expect(leanStances([0, 0, 0, 1], -1, 3)[3]).toBeLessThan(1); // even a certain objection can lean
  });

  it('ranges: declared distributions as written; numbers around their value, wider for assumptions; unused model parameters left out', () => {
    const factors = factorsOf(loadScenario(FIXTURE).inputs, 'ordinal');
    const ids = factors.map((f) => f.site.id);
    expect(ids).toContain('model.resistance');
    expect(ids).not.toContain('model.vetoCost');
    expect(factorsOf(loadScenario(FIXTURE).inputs, 'spatial').map((f) => f.site.id)).toContain('model.vetoCost');
    const c = factors.find((f) => f.site.id === 'participants[id=c].salience')!;
    expect([c.value(0), c.value(1)]).toEqual([0, 1]); // declared between [0, 1]
    const hours = factors.find((f) => f.site.id === 'procedure.hoursPerRound')!;
    expect([hours.value(0), hours.value(1)]).toEqual([0.75, 1.25]); // 1 h ± 25% (an assumption)
  });
});

describe('plenary sensitivity (command)', () => {
  it('names where research pays with sources, and stamps the result', async () => {
    const { text, partial } = await sensitivityCommand({ scenario: FIXTURE, seed: 'cmd', runs: 50, trajectories: 4, sobolRows: 16, sobolFactors: 4, format: 'table', invocation: { args: ['sensitivity', FIXTURE], date: '2026-01-02' } });
    expect(partial).toBe(false);
    expect(text).toMatch(/1\. a: stance on act — total-order index/);
    expect(text).toMatch(/Source: assumption: A's objection/);
    expect(text).toMatch(/Reproduce: plenary sensitivity /);
  });

  it('an unknown --outcome is a usage error naming the outcomes', async () => {
    await expect(sensitivityCommand({ scenario: FIXTURE, seed: 'cmd', runs: 20, trajectories: 2, sobolRows: 4, sobolFactors: 1, format: 'table', outcome: 'acts' })).rejects.toThrow(/--outcome acts: not an outcome .* \(outcomes: act, no-decision, deferred\)/);
  });
});
