import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTwoLevel, runTwoLevelAsync, spreadOf, rankCorrelation, drawOfRun } from '../../src/analyses/inputUncertainty';
import { drawnScenario } from '../../src/engine/inputDraws';
import { withFloorModel } from '../../src/floor/models';
import { withChair } from '../../src/chair/registry';
import { runCommand } from '../../src/cli/commands/run';
import { loadScenario } from '../../src/scenario/load';
import { ruleOrThrow } from '../../src/rules/registry';
import { betaQuantile } from '../../src/scenario/distributions';
import { DEFAULT_SCENARIO } from '../../src/common/paths';

const FIXTURE = resolve(__dirname, '../fixtures/valid/uncertain-objector.yaml');

describe('two-level Monte Carlo: input draws × runs', () => {
  // p(act | inputs) = 1 - p(A objects), p(A objects) ~ Beta(3, 7): the inputs interval is known in closed form
  const scenario = loadScenario(FIXTURE);
  const result = runTwoLevel(scenario, ruleOrThrow('consensus'), { runs: 20_000, seed: 'two-level', draws: 200 });
  const act = result.outcomes.find((o) => o.outcome === 'act')!;

  it('the inputs interval matches the analytic 95% range of 1 - Beta(3, 7) within 0.05', () => {
    expect(act.inputs95[0]).toBeCloseTo(1 - betaQuantile(3, 7, 0.975), 1);
    expect(Math.abs(act.inputs95[0] - (1 - betaQuantile(3, 7, 0.975)))).toBeLessThan(0.05);
    expect(Math.abs(act.inputs95[1] - (1 - betaQuantile(3, 7, 0.025)))).toBeLessThan(0.05);
    expect(Math.abs(act.mean - 0.7)).toBeLessThan(0.02);
  });

  it('the simulation interval is narrow and holds the true mean; the variance share is Var(Beta)/(p(1-p))', () => {
    expect(act.simulation95[0]).toBeLessThan(0.7);
    expect(act.simulation95[1]).toBeGreaterThan(0.7);
    expect(act.simulation95[1] - act.simulation95[0]).toBeLessThan(0.06);
    const varBeta = (3 * 7) / (10 * 10 * 11);
    expect(Math.abs(act.inputVarianceShare - varBeta / 0.21)).toBeLessThan(0.03);
  });

  it('names the input that moves the outcome and not the one that cannot', () => {
    const byId = Object.fromEntries(result.influence.map((i) => [i.id, i.correlation.act]));
    expect(byId['participants[id=a].stances.act']).toBeLessThan(-0.8);
    expect(Math.abs(byId['participants[id=c].salience'])).toBeLessThan(0.3);
  });

  it('is deterministic, and runs split evenly among draws', () => {
    const again = runTwoLevel(scenario, ruleOrThrow('consensus'), { runs: 20_000, seed: 'two-level', draws: 200 });
    expect(again.outcomes).toEqual(result.outcomes);
    expect(result.runsPerDraw).toEqual({ min: 100, max: 100 });
    expect(result.tallies.runs).toBe(20_000);
    expect([0, 99, 100, 19_999].map((k) => drawOfRun(k, 20_000, 200))).toEqual([0, 0, 1, 199]);
  });

  it('the same result on threads (the one run kernel), and a draw keeps the floor model and chair of the command line', async () => {
    const threaded = await runTwoLevelAsync(scenario, ruleOrThrow('consensus'), { runs: 20_000, seed: 'two-level', draws: 200, workers: 2 });
    expect(threaded).toEqual(result);
    // --model and --chair set the scenario's model name and chair; a draw is derived from the file's document
    const overridden = withChair(withFloorModel(scenario, 'spatial'), 'reads-the-room');
    expect(scenario.model.name).toBe('ordinal');
    const drawn = drawnScenario(overridden, 'two-level', 3);
    expect(drawn.model.name).toBe('spatial');
    expect(drawn.procedure.chair).toBe('reads-the-room');
    expect(drawnScenario(scenario, 'two-level', 3).model.name).toBe('ordinal');
  });

  it('without input uncertainty the spread is pure simulation noise: inputs interval collapses to the mean', () => {
    const draws = Array.from({ length: 50 }, (_, i) => ({ runs: 1000, count: 700 + ((i * 7) % 5) - 2 }));
    const s = spreadOf('x', draws);
    expect(s.inputs95[1] - s.inputs95[0]).toBeLessThan(0.005);
    expect(s.inputVarianceShare).toBeLessThan(0.01);
  });

  it('rank correlation: +1, -1 and 0 for constant input', () => {
    expect(rankCorrelation([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(rankCorrelation([1, 1, 1, 1], [4, 3, 2, 1])).toBe(0);
  });
});

describe('plenary run on a scenario with ranges', () => {
  it('the table shows two intervals (inputs, simulation) and the JSON has both', async () => {
    const table = (await runCommand({ scenario: FIXTURE, runs: 2000, seed: 's', format: 'table', draws: 50 })).text;
    expect(table).toMatch(/Inputs 95%\s+Simulation 95%/);
    expect(table).toMatch(/Uncertain inputs: 2 drawn 50 times \(40 runs per draw\)/);
    const json = JSON.parse((await runCommand({ scenario: FIXTURE, runs: 2000, seed: 's', format: 'json', draws: 50 })).text);
    const act = json.uncertainty.outcomes.find((o: { outcome: string }) => o.outcome === 'act');
    expect(act.inputs95[1] - act.inputs95[0]).toBeGreaterThan(act.simulation95[1] - act.simulation95[0]);
    expect(json.uncertainty.draws).toBe(50);
  });

  it('a scenario without ranges runs as before (one interval) and reports its assumptions', async () => {
    const { text, summary } = await runCommand({ scenario: DEFAULT_SCENARIO, runs: 300, seed: 's', format: 'table' });
    expect(summary!.uncertainty).toBeUndefined();
    expect(text).toMatch(/95% interval/);
    expect(text).not.toMatch(/Inputs 95%/);
    expect(summary!.assumptions!.inputs).toBeGreaterThan(30);
    expect(text).toMatch(/Assumptions: \d+ of \d+ inputs that bear on the outcome rest on assumptions/);
    expect(summary!.assumptions!.behind[0].label).toBe('zimbabwe: stance on suspend');
  });
});
