/**
 * `model: ordinal` (or `--model ordinal`) reproduces the numbers plenary gave before the floor models, exactly: the
 * known answer of `plenary run` on the Swakopmund scenario (1,000 runs, seed "swakopmund-2009") as pinned before the
 * default model changed. Those numbers were made with plenary's built-in global parameters (parameters file version
 * 1), so the scenario is derived with them here: the calibrated file (version 2) moves every number.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/floor/model';
import { withFloorModel } from '../../src/floor/models';
import { ruleOrThrow } from '../../src/rules/registry';
import { runJob } from '../../src/engine/job';
import { summarize } from '../../src/engine/summarize';
import { loadScenario } from '../../src/scenario/load';
import { deriveScenario } from '../../src/scenario/derive';
import { BUILT_IN_PARAMETERS } from '../../src/scenario/parameters';

describe('the ordinal model, kept and named', () => {
  it('reproduces the pre-floor-model known answer of the Swakopmund default exactly', () => {
    const scenario = withFloorModel(deriveScenario(loadScenario('scenarios/kp-2009-swakopmund.yaml'), [], [], BUILT_IN_PARAMETERS), 'ordinal');
    expect(scenario.model).toMatchObject({ resistance: 0.8, pressureEffect: 1, cohesion: 0.5 });
    const model = compileModel(scenario, ruleOrThrow('consensus'));
    expect(model.floor).toBe('ordinal');
    const s = summarize(model, runJob(model, 'swakopmund-2009', 1000), 'swakopmund-2009');
    expect(s.outcomes.map((o) => [o.outcome, o.count])).toEqual([
      ['joint-work-plan', 720],
      ['no-decision', 272],
      ['suspend', 8],
      ['deferred', 0],
    ]);
    expect(s.hours).toEqual({ mean: 11.526, sd: 2.023, p10: 10, p50: 10, p90: 14, max: 14 });
    expect(s.blockers.slice(0, 3).map((b) => [b.participant, b.decisiveShare])).toEqual([
      ['zimbabwe', 0.698],
      ['mauritius', 0.439],
      ['tanzania', 0.436],
    ]);
  });

  it('scenarios that do not name a model get the default (spatial); a file that says model: ordinal keeps the old model', () => {
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    expect(compileModel(scenario, ruleOrThrow('consensus')).floor).toBe('spatial');
    expect(compileModel(withFloorModel(scenario, 'ordinal'), ruleOrThrow('consensus')).floor).toBe('ordinal');
  });
});
