/**
 * The compromise floor model (`compromise`): the floor converges to the salience- and clout-weighted mean position,
 * the simple Nash-bargaining variant that predicted EU Council outcomes best in the DEU studies (van den Bos 1991;
 * Achen 2006; Thomson et al. 2006). Members state stances as in the spatial model (positions where placed,
 * distributions otherwise; bloc cues). In each consultation round, after the ordinal moves (concession, softening,
 * pressure, bloc cues), every member moves toward the compromise:
 * - placed members move their ideal point `convergence × (1 − salience)` of the way to the weighted mean of this
 *   run's ideal points, and state the stance the text now implies for them;
 * - the others move one step toward the weighted mean stance of the deciding members (weights salience × weight),
 *   with probability `convergence × (1 − salience)`.
 * No costly veto: what makes holdouts move is convergence, not isolation. `compromisePoint` (positions.ts) is also
 * the text a chair would draft.
 */
import { ABSTAIN, OBJECT, SUPPORT } from '../rules/types';
import type { Model } from './model';
import { ordinalFloor } from './ordinal';
import { compromisePoint, gainOf } from './positions';
import { spatialDataOf, tableBySpatialStances, idealPointsOf, type SpatialData } from './spatial';
import { PRESS_EVENT, STATE_EVENT, UNDECIDED } from './stanceTable';
import type { FloorModel, FloorRun } from './types';
import { stanceOfGain } from './utility';

/** The deciding members' weighted mean stance code (0 support … 3 object), rounded; abstain when nobody weighs. */
export function meanStance(run: FloorRun, pull: Float64Array): number {
  let sum = 0;
  let total = 0;
  const { stances } = run;
  for (let i = 0; i < stances.length; i++) {
    const w = pull[i];
    if (w === 0 || stances[i] === UNDECIDED) continue;
    sum += w * stances[i];
    total += w;
  }
  if (total === 0) return ABSTAIN;
  const m = Math.round(sum / total);
  return m < SUPPORT ? SUPPORT : m > OBJECT ? OBJECT : m;
}

function converge(option: number, run: FloorRun, data: SpatialData, target: Float64Array): void {
  const { rng, model } = run;
  const step = data.convergence;
  const positions = data.positions;
  const ideal = positions === undefined ? undefined : idealPointsOf(run, positions);
  if (positions !== undefined && ideal !== undefined) {
    compromisePoint(positions, ideal, target);
    const { d, placed } = positions;
    for (let i = 0; i < placed.length; i++) {
      if (placed[i] === 0) continue;
      const share = step * (1 - data.salience[i]);
      for (let k = 0; k < d; k++) {
        const x = ideal[i * d + k];
        if (Number.isNaN(target[k]) || Number.isNaN(x)) continue;
        ideal[i * d + k] = x + share * (target[k] - x);
      }
    }
  }
  const uses = positions?.usesPosition[option];
  const mean = meanStance(run, data.pull);
  for (let i = 0; i < model.size; i++) {
    if (uses !== undefined && uses[i] === 1) {
      const stance = stanceOfGain(gainOf(positions!, ideal!, i, positions!.optionPosition[option]), data.indifference);
      run.move(i, STATE_EVENT[stance], 'compromise');
    } else if (rng() < step * (1 - data.salience[i])) run.move(i, PRESS_EVENT[mean], 'compromise');
    run.sit(i);
  }
}

export function compromiseFloor(model: Model): FloorModel {
  const data = spatialDataOf(model);
  const target = new Float64Array(data.positions?.d ?? 0);
  return {
    name: 'compromise',
    table(option, run) {
      tableBySpatialStances(option, run, data);
    },
    consult(option, round, concession, run) {
      ordinalFloor.consult(option, round, concession, run);
      converge(option, run, data, target);
    },
  };
}
