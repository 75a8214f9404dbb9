/**
 * The plain-loop reference of the spatial floor model (src/floor/spatial.ts) for scenarios without positions: the
 * ordinal loop of bench/reference.ts plus the costly-veto pass written out by hand (no floor interface, no stance
 * table, no shared helper): after the floor states its stances and after every consultation round, each deciding
 * objector, in member order, withdraws (object -> abstain) with probability
 * min(1, vetoCost x (1 - salience) / (1 + other objectors)), the count updated as members withdraw.
 * test/bench/reference.test.ts ties it to the engine (same tallies for the same seed).
 */
import type { Tallies } from '../src/engine/accumulator';
import type { Model } from '../src/floor/model';
import { referenceRange } from './reference';

const OBJECT = 3;
const ABSTAIN = 2;

export function spatialReferenceRange(model: Model, seed: string, from: number, to: number): Tallies {
  if (model.scenario.dimensions.length > 0 && model.scenario.options.some((o) => Object.keys(o.positions).length > 0)) {
    throw new Error('the spatial reference loop covers scenarios without positions only');
  }
  const n = model.size;
  const voting = model.voting;
  const vetoCost = model.scenario.model.vetoCost;
  const salienceById = new Map(model.scenario.participants.map((p) => [p.id, p.salience]));
  const salience = Float64Array.from(model.ids, (id) => salienceById.get(id)!);
  return referenceRange(model, seed, from, to, {
    weigh(stances, rng) {
      let objecting = 0;
      for (let i = 0; i < n; i++) if (voting[i] === 1 && stances[i] === OBJECT) objecting++;
      for (let i = 0; i < n && objecting > 0; i++) {
        if (voting[i] === 0 || stances[i] !== OBJECT) continue;
        let cost = (vetoCost * (1 - salience[i])) / objecting; // 1 + (objecting - 1) others
        if (cost > 1) cost = 1;
        if (rng() < cost) {
          stances[i] = ABSTAIN;
          objecting--;
        }
      }
    },
  });
}
