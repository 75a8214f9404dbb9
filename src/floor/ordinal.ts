/**
 * The ordinal floor model (plenary's first model): each member states a stance drawn from its per-option
 * distribution (support / accept / abstain / object) and may follow its bloc leader; in each consultation round the
 * concession offered moves the members it targets, objecting or abstaining members soften one step with their
 * softening chance, observer pressure pushes members one step, and bloc members may follow their leader again.
 * The same for every decision mode. docs/model.md describes the model; bench/reference.ts is an independent
 * hand-written loop of it.
 */
import { ABSTAIN, OBJECT } from '../rules/types';
import { CONCEDE_EVENT, FOLLOW_EVENT, PRESS_EVENT, SOFTEN_EVENT } from './stanceTable';
import type { FloorModel, FloorRun } from './types';

export const ordinalFloor: FloorModel = {
  name: 'ordinal',

  table(option: number, run: FloorRun): void {
    const { model, rng, stances } = run;
    const { leader, cohesion, size } = model;
    const cumulative = model.options[option].cumulative;
    for (let i = 0; i < size; i++) {
      const u = rng();
      const k = i * 4;
      run.state(i, u < cumulative[k] ? 0 : u < cumulative[k + 1] ? 1 : u < cumulative[k + 2] ? 2 : 3);
      const l = leader[i];
      if (l >= 0 && rng() < cohesion[i]) run.move(i, FOLLOW_EVENT[stances[l]], 'bloc');
      run.sit(i);
    }
  },

  consult(option: number, round: number, concession: boolean, run: FloorRun): void {
    const { model, rng, stances } = run;
    const { leader, cohesion, soften, size } = model;
    const compiledOption = model.options[option];
    if (concession) {
      for (const c of compiledOption.concessions) {
        if (c.round !== round) continue;
        for (const e of c.effects) if (rng() < e.probability) run.move(e.member, CONCEDE_EVENT[e.stance], 'concession');
      }
    }
    const pressure = compiledOption.pressure;
    const absent = run.absent;
    for (let i = 0; i < size; i++) {
      const s = stances[i];
      if ((s === OBJECT || s === ABSTAIN) && rng() < soften[i]) run.move(i, SOFTEN_EVENT, 'soften');
      const effects = pressure[i];
      for (let k = 0; k < effects.length; k++) {
        const e = effects[k];
        // an observer who walked out (or did not attend) presses nobody; the draw is made all the same
        if (rng() < e.probability && (absent === undefined || e.by === undefined || e.by < 0 || absent[e.by] === 0)) run.move(i, PRESS_EVENT[e.stance], 'pressure');
      }
      const l = leader[i];
      if (l >= 0 && rng() < cohesion[i]) run.move(i, FOLLOW_EVENT[stances[l]], 'bloc');
      run.sit(i);
    }
  },
};
