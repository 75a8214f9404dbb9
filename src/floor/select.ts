/**
 * Which floor model a compiled model runs with. Today every scenario runs the ordinal model; a scenario field
 * choosing another model (spatial, compromise, ensemble) is resolved here, so the engine, the trainer and every job
 * pick it up alike.
 */
import type { Model } from './model';
import { ordinalFloor } from './ordinal';
import type { FloorModel } from './types';

export function floorModelOf(_model: Model): FloorModel {
  return ordinalFloor;
}
