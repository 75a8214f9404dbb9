/**
 * Which floor model a compiled model runs with: its `floor` name (`--model`, else the scenario's `model:`, else the
 * default), built once per compiled model, so the engine, the trainer and every job pick it up alike.
 */
import type { Model } from './model';
import { FLOOR_MODELS } from './models';
import type { FloorModel } from './types';

const built = new WeakMap<Model, FloorModel>();

export function floorModelOf(model: Model): FloorModel {
  let floor = built.get(model);
  if (floor === undefined) {
    floor = FLOOR_MODELS[model.floor].build(model);
    built.set(model, floor);
  }
  return floor;
}
