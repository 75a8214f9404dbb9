import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate, DEFAULT_GRIDS, edgesOfGrid, gridPoints } from '../../../src/analyses/calibrate/calibrate';
import { calibrateCommand } from '../../../src/cli/commands/calibrate';
import { loadCases, caseFiles } from '../../../src/cli/commands/backtest';
import { BUILT_IN_PARAMETERS, GLOBAL_PARAMETER_RANGES, parametersFile, readParameters, type GlobalParameterName } from '../../../src/scenario/parameters';

const CASES = resolve(__dirname, '../backtest/fixtures/cases');
const TWO_LEVEL = resolve(__dirname, '../../fixtures/valid/uncertain-objector.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'plenary-calibrate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('calibrate: a grid search scored out of sample', async () => {
  const cases = loadCases(caseFiles([CASES])).filter((c) => c.actual);
  const grid = { resistance: [0.2, 0.6], pressureEffect: [0.5] };
  const result = await calibrate(cases, BUILT_IN_PARAMETERS, { runs: 40, seed: 'cal', grid, floor: 'ordinal' });

  it('tries every grid point and always the current values', () => {
    expect(result.grid).toEqual({ resistance: [0.2, 0.6, 0.8], pressureEffect: [0.5, 1] });
    expect(result.gridPoints).toBe(6);
    expect(gridPoints(result.grid)).toHaveLength(6);
    expect(result.current.values).toEqual({ resistance: 0.8, pressureEffect: 1 });
  });

  it('in sample is the best mean score; leave-one-out fits each case without it', () => {
    const mean = (g: number, skip = -1) => result.gridScores[g].perCase.reduce((s, x, c) => s + (c === skip ? 0 : x), 0);
    const best = Math.min(...result.gridScores.map((_, g) => mean(g)));
    expect(mean(result.gridScores.findIndex((g) => JSON.stringify(g.values) === JSON.stringify(result.inSample.values)))).toBeCloseTo(best, 12);
    result.leaveOneOut.perCase.forEach((c, i) => {
      const chosen = result.gridScores.findIndex((g) => JSON.stringify(g.values) === JSON.stringify(c.values));
      const bestWithout = Math.min(...result.gridScores.map((_, g) => mean(g, i)));
      expect(mean(chosen, i)).toBeCloseTo(bestWithout, 12);
      expect(c.score.brier).toBeCloseTo(result.gridScores[chosen].perCase[i], 12); // scored on the case it never saw
    });
    expect(result.leaveOneOut.overall.cases).toBe(cases.length);
  });

  it('prints the baselines beside the fit', () => {
    expect(result.baselines.map((b) => b.name)).toEqual(['nothing-adopted', 'first-tabled-passes']);
  });

  it('refuses fewer than two cases with an outcome', async () => {
    await expect(calibrate(cases.slice(0, 1), BUILT_IN_PARAMETERS, { runs: 10, seed: 'x', grid })).rejects.toThrow(/at least two cases/);
  });
});

describe('calibrate: the grid and its edges', async () => {
  it('a fitted value on the edge of the grid is flagged when the range goes further, not at the limit of its range', () => {
    const grid = { resistance: [0.4, 1], pressureEffect: [0.5, 1], positionNoise: [5, 20], cohesion: [0.3, 0.5, 0.7] };
    expect(edgesOfGrid({ resistance: 1, pressureEffect: 0.5, positionNoise: 20, cohesion: 0.5 }, grid)).toEqual([
      { name: 'pressureEffect', value: 0.5, range: [0, 1] },
      { name: 'positionNoise', value: 20, range: [0, 50] },
    ]);
    expect(edgesOfGrid({ resistance: 0.4, pressureEffect: 1 }, { resistance: [0, 0.4, 1], pressureEffect: [0, 1] })).toEqual([]);
  });

  it('every default grid reaches both limits of the range of the parameters that move outcomes most', () => {
    for (const grid of Object.values(DEFAULT_GRIDS)) {
      for (const [name, values] of Object.entries(grid)) {
        if (name === 'indifference') continue; // read only by cases with issue positions; see docs/uncertainty.md
        const [low, high] = GLOBAL_PARAMETER_RANGES[name as GlobalParameterName];
        expect([name, Math.min(...values!), Math.max(...values!)]).toEqual([name, low, high]);
      }
    }
  });

  it('a parameter the floor model does not read has no effect, keeps the current value and is not called an edge', async () => {
    const cases = loadCases(caseFiles([CASES])).filter((c) => c.actual);
    // the ordinal floor model does not read vetoCost; 0.9 (the current value) is the top of this grid, short of 1
    const r = await calibrate(cases, BUILT_IN_PARAMETERS, { runs: 40, seed: 'cal', grid: { resistance: [0.2], vetoCost: [0.3] }, floor: 'ordinal' });
    expect(r.noEffect).toContain('vetoCost');
    expect(r.inSample.values.vetoCost).toBe(0.9);
    expect(r.edges.map((e) => e.name)).not.toContain('vetoCost');
  });
});

describe('plenary calibrate (command)', () => {
  it('prints in-sample and leave-one-out hit rate, Brier and log score beside the current values and the baselines', async () => {
    const { text } = await calibrateCommand({ paths: [CASES], runs: 30, seed: 'cal', score: 'brier', format: 'table', model: 'ordinal' });
    for (const line of ['Current (scenarios/parameters/model.yaml)', 'Fitted, in sample', 'Fitted, leave-one-out (out of sample)', 'Baseline: nothing is adopted', 'Baseline: the first tabled option passes']) {
      expect(text).toMatch(new RegExp(`${line.replace(/[()]/g, '\\$&')}\\s+\\d+/\\d+\\s+\\d+%\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+`));
    }
  });

  it('--write writes a versioned parameters file with its provenance, which scenarios then read', async () => {
    const target = join(tmp, 'model.yaml');
    const { text } = await calibrateCommand({ paths: [CASES], runs: 30, seed: 'cal', score: 'brier', format: 'table', model: 'ordinal', write: target, invocation: { args: ['calibrate', CASES, '--write', target], date: '2026-02-03' } });
    expect(text).toMatch(/Written: /);
    const written = parametersFile.parse(parse(readFileSync(target, 'utf8')));
    expect(written.version).toBe(1);
    expect(written.provenance?.date).toBe('2026-02-03');
    expect(written.provenance?.cases).toHaveLength(3);
    expect(written.provenance?.command).toMatch(/^plenary calibrate /);
    expect(written.provenance?.floor).toBe('ordinal');
    expect(written.source).toMatch(/^fitted by plenary calibrate on 3 cases/);
    expect(readParameters(target).source).toBe(written.source);
    expect(Object.keys(written.parameters).sort()).toEqual(Object.keys(BUILT_IN_PARAMETERS).filter((k) => k !== 'source').sort());
  });

  it('a library without two recorded outcomes is a usage error', async () => {
    await expect(calibrateCommand({ paths: [TWO_LEVEL], runs: 10, seed: 'x', score: 'brier', format: 'table' })).rejects.toThrow(/at least two are needed/);
  });
});
