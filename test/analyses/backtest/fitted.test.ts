/** The backtest says what was fitted to its cases: nothing (the floor models' parameters are a priori), or a calibration. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fittedNote, NOTHING_FITTED } from '../../../src/analyses/backtest/backtest';
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
    expect(calibration(join(dir, 'fitted.yaml'))).toEqual({ cases: ['kp-2010-tel-aviv'] });
  });
});
