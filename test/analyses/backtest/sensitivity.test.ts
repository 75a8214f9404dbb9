/**
 * Sensitivity of the backtest to the shared model parameters: an exercise, not a calibration (nothing is fitted and
 * the defaults in src/scenario/schema.ts stay as they are). Opt-in because it runs the bundled cases 12 times:
 *
 *   PLENARY_SENSITIVITY=1 npx vitest run test/backtest/sensitivity.test.ts
 *
 * It prints one row per (resistance, pressureEffect): hits, mean p(recorded), Brier, log score, blockers found, misses.
 * Bloc cohesion is not varied: every bundled bloc with a leader sets its own cohesion, so model.cohesion has no effect.
 */
import { describe, expect, it } from 'vitest';
import { backtest } from '../../../src/analyses/backtest/backtest';
import { caseFiles, loadCases } from '../../../src/cli/commands/backtest';

describe.runIf(process.env.PLENARY_SENSITIVITY)('backtest sensitivity to the shared model parameters', () => {
  it('prints the grid', () => {
    const cases = loadCases(caseFiles(undefined));
    const rows = ['resistance  pressureEffect  hits  mean p  Brier  log    blockers  misses'];
    for (const resistance of [0.4, 0.6, 0.8, 0.9, 1]) {
      for (const pressureEffect of [0.5, 1]) {
        const varied = cases.map((s) => ({ ...s, model: { ...s.model, resistance, pressureEffect } }));
        const r = backtest(varied, { runs: 2000, seed: 'sensitivity' });
        const o = r.overall;
        expect(o.cases).toBe(cases.length);
        const misses = r.cases.filter((c) => !c.score.hit).map((c) => `${c.id} (${c.score.modal})`);
        rows.push(
          `${resistance.toFixed(1).padEnd(10)}  ${pressureEffect.toFixed(1).padEnd(14)}  ${`${o.hits}/${o.cases}`.padEnd(4)}  ${o.meanPActual.toFixed(3)}   ${o.brier.toFixed(3)}  ${o.logScore.toFixed(3)}  ${`${o.blockersFound}/${o.blockersNamed}`.padEnd(8)}  ${misses.join(', ') || '—'}`,
        );
      }
    }
    console.log(rows.join('\n'));
  });
});
