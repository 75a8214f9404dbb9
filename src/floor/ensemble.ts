/**
 * The ensemble floor model (`ensemble`): each run is simulated by one of the component models (ordinal, spatial,
 * compromise), drawn with equal chances from the run's own generator when its first option is tabled, so the
 * ensemble's distribution is the equal mixture of the models' and every run can still be replayed alone. The
 * spread between the component models (src/analyses/modelSpread.ts) is reported beside it as model uncertainty.
 */
import type { Model } from './model';
import { ordinalFloor } from './ordinal';
import { compromiseFloor } from './compromise';
import { spatialFloor } from './spatial';
import { UNDECIDED } from './stanceTable';
import type { FloorModel, FloorRun } from './types';

export const ENSEMBLE_COMPONENTS = ['ordinal', 'spatial', 'compromise'] as const;

/** Per run: the index of the component model simulating it. */
const componentOfRun = new WeakMap<FloorRun, number>();

export function ensembleFloor(model: Model): FloorModel {
  const components: readonly FloorModel[] = [ordinalFloor, spatialFloor(model), compromiseFloor(model)];
  return {
    name: 'ensemble',
    table(option, run) {
      let c = componentOfRun.get(run);
      if (c === undefined || run.stances[0] === UNDECIDED) {
        c = Math.floor(run.rng() * components.length);
        componentOfRun.set(run, c);
      }
      components[c].table(option, run);
    },
    consult(option, round, concession, run) {
      components[componentOfRun.get(run) ?? 0].consult(option, round, concession, run);
    },
  };
}
