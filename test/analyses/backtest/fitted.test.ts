/** The backtest says what was fitted to its cases: nothing (the floor models' parameters are a priori), or a calibration. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, fittedNote, leaveOneOutNote, NOTHING_FITTED } from '../../../src/analyses/backtest/backtest';
import { renderBacktest } from '../../../src/report/backtest';
import { calibration } from '../../../src/cli/commands/backtest';
import { loadScenario } from '../../../src/scenario/load';

describe('what was fitted to the cases', () => {
  const cases = [loadScenario('scenarios/kp-2009-swakopmund.yaml'), loadScenario('scenarios/history/kp-2010-tel-aviv.yaml')];

  it('nothing, when the global parameters were not calibrated', () => {
    expect(fittedNote(cases, undefined)).toBe(NOTHING_FITTED);
    expect(fittedNote(cases, { cases: [] })).toBe(NOTHING_FITTED);
  });

  it('in sample, when they were calibrated on some of these cases (by id or file name); out of sample otherwise', () => {
    expect(fittedNote(cases, { cases: ['kp-2010-tel-aviv'] })).toMatch(/calibrated on 1 of these cases: IN SAMPLE/);
    expect(fittedNote(cases, { cases: ['scenarios/history/kp-2010-tel-aviv.yaml', 'kp-2009-swakopmund.yaml'] })).toMatch(/on 2 of these cases/);
    expect(fittedNote(cases, { cases: ['osce-2020-mandates'] })).toMatch(/out of sample/);
  });

  it('reads the calibration from a parameters file\'s provenance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'params-'));
    const parameters = 'version: 1\nparameters: { resistance: 0.8, pressureEffect: 1, cohesion: 0.5, salience: 0.5, flexibility: 0.3, vetoCost: 0.9, positionNoise: 10, indifference: 0.02, convergence: 0.3 }\nsource: "x"\n';
    writeFileSync(join(dir, 'none.yaml'), `${parameters}provenance: { method: "none" }\n`);
    writeFileSync(join(dir, 'fitted.yaml'), `${parameters}provenance: { method: "brier", cases: [kp-2010-tel-aviv] }\n`);
    expect(calibration(join(dir, 'none.yaml'))).toBeUndefined();
    expect(calibration(join(dir, 'missing.yaml'))).toBeUndefined();
    expect(calibration(join(dir, 'fitted.yaml'))).toEqual({ cases: ['kp-2010-tel-aviv'], method: 'brier' }); // no score recorded: no leave-one-out row
  });

  it('reads the leave-one-out score a calibration recorded, and the backtest prints it beside the in-sample row and the baselines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'params-'));
    const file = join(dir, 'fitted.yaml');
    writeFileSync(
      file,
      'version: 2\nparameters: { resistance: 1, pressureEffect: 0, cohesion: 0.5, salience: 0.5, flexibility: 0.3, vetoCost: 1, positionNoise: 10, indifference: 0.02, convergence: 0.3 }\nsource: "fitted"\n' +
        'provenance: { method: "grid search", floor: spatial, cases: [scenarios/history/kp-2010-tel-aviv.yaml, osce-2020-mandates], score: { leaveOneOutHits: "1/2", leaveOneOutMeanP: 0.61, leaveOneOutBrier: 0.4321, leaveOneOutLog: 0.9876 } }\n',
    );
    const fitted = calibration(file)!;
    expect(fitted.leaveOneOut).toEqual({ hits: 1, cases: 2, hitRate: 0.5, meanPActual: 0.61, brier: 0.4321, logScore: 0.9876 });
    expect(leaveOneOutNote([cases[0]], fitted)).toBeUndefined(); // out of sample: nothing to put beside it
    expect(leaveOneOutNote(cases, fitted)).toMatchObject({ inSample: 1, brier: 0.4321 });

    const result = backtest(cases, { runs: 20, seed: 'loo', calibration: fitted });
    const table = renderBacktest(result, 'table');
    const lines = table.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[at('as each case names')]).toMatch(/IN SAMPLE/);
    expect(lines[at('spatial, fitted parameters, leave-one-out (plenary calibrate, 2 cases)')]).toMatch(/1\/2\s+50\.0%\s+0\.610\s+0\.432\s+0\.988\s+none: each case scored by a fit without it/);
    expect(at('as each case names')).toBeLessThan(at('leave-one-out (plenary calibrate'));
    expect(at('leave-one-out (plenary calibrate')).toBeLessThan(at('Baseline: nothing is adopted'));
    expect(renderBacktest(result, 'markdown')).toMatch(/\| spatial, fitted parameters, leave-one-out \(plenary calibrate, 2 cases\) \| 1\/2 \|/);
    expect(JSON.parse(renderBacktest(result, 'json')).leaveOneOut).toMatchObject({ hits: 1, cases: 2, brier: 0.4321, inSample: 1 });
    expect(renderBacktest(result, 'csv').split('\n').find((l) => l.startsWith('summary,leave-one-out:spatial,'))).toMatch(/,0\.61,0\.5,0\.4321,0\.9876,,,2,/);
    const html = renderBacktest(result, 'html');
    expect(html).toMatch(/<strong>In sample<\/strong> for 1 of these cases/);
    expect(html).toMatch(/spatial, fitted parameters, leave-one-out \(plenary calibrate, 2 cases\)/);
    // without a recorded leave-one-out score (an older file) there is no such row
    expect(renderBacktest(backtest(cases, { runs: 20, seed: 'loo', calibration: { cases: ['kp-2010-tel-aviv'] } }), 'table')).not.toMatch(/leave-one-out \(plenary calibrate/);
  });
});
