/**
 * The floor-model seam: the run drives any `FloorModel` (src/floor/types.ts) and the ordinal model is the default.
 */
import { describe, expect, it } from 'vitest';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { ordinalFloor } from '../../src/floor/ordinal';
import type { FloorModel, FloorRun } from '../../src/floor/types';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { OBJECT, SUPPORT } from '../../src/rules/types';

const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');

describe('floor models', () => {
  it('the ordinal floor runs as the model named ordinal (model: ordinal, or --model ordinal)', () => {
    const model = compileModel(scenario, ruleOrThrow('consensus'), { floor: 'ordinal' });
    for (let k = 0; k < 30; k++) expect(new PlenaryRun(model, runRng('f', k), { floor: ordinalFloor }).runToEnd()).toEqual(simulateRun(model, runRng('f', k)));
  });

  it('a plugged-in model decides the floor: everyone supporting adopts the first option; everyone objecting never adopts', () => {
    const model = compileModel(scenario, ruleOrThrow('consensus'));
    const calls: string[] = [];
    const everyone = (stance: number): FloorModel => ({
      name: 'fixed',
      table(option: number, run: FloorRun) {
        calls.push(`table ${option} ${run.mode}`);
        for (let i = 0; i < run.model.size; i++) run.state(i, stance);
      },
      consult(option: number, round: number, concession: boolean, run: FloorRun) {
        calls.push(`consult ${option} ${round} ${concession}`);
        for (let i = 0; i < run.model.size; i++) run.sit(i);
      },
    });
    const yes = new PlenaryRun(model, runRng('f', 0), { floor: everyone(SUPPORT) }).runToEnd();
    expect(model.outcomes[yes.outcome]).toBe(model.options[0].id);
    expect(calls).toEqual(['table 0 consensus']);
    calls.length = 0;
    const no = new PlenaryRun(model, runRng('f', 0), { floor: everyone(OBJECT) }).runToEnd();
    expect(model.outcomes[no.outcome]).not.toBe(model.options[0].id);
    expect(calls.filter((c) => c.startsWith('consult')).length).toBe(no.rounds);
    expect(calls[0]).toBe('table 0 consensus');
  });

  it('tells the model how the rule decides', () => {
    const modes: string[] = [];
    const spy: FloorModel = {
      name: 'spy',
      table: (option, run) => {
        modes.push(run.mode);
        ordinalFloor.table(option, run);
      },
      consult: (option, round, concession, run) => ordinalFloor.consult(option, round, concession, run),
    };
    for (const spec of ['consensus', 'qualified-majority:2/3', 'written-procedure:30', 'consensus-then-vote:2/3']) {
      new PlenaryRun(compileModel(scenario, ruleOrThrow(spec)), runRng('m', 1), { floor: spy }).runToEnd();
    }
    expect([...new Set(modes)]).toEqual(['consensus', 'vote', 'written']);
  });

  it('the trainee\'s seat overrides the member\'s answer after its own draws', () => {
    const model = compileModel(scenario, ruleOrThrow('consensus'));
    const run = new PlenaryRun(model, runRng('seat', 2));
    run.step(); // the chair tables
    run.step(undefined, { member: 0, stance: OBJECT });
    expect(run.stances[0]).toBe(OBJECT);
  });
});
