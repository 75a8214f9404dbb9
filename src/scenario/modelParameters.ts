/** The numbers of a scenario's `model:` block, and the global parameters (the same numbers with their source). */
import type { FloorModelName } from './schema';

export interface ModelParameters {
  readonly resistance: number;
  readonly pressureEffect: number;
  readonly cohesion: number;
  readonly salience: number;
  readonly flexibility: number;
  /** the floor model the scenario asks for; undefined: the default (src/floor/models.ts) */
  readonly name?: FloorModelName;
  readonly vetoCost: number;
  readonly positionNoise: number;
  readonly indifference: number;
  readonly convergence: number;
}

/** The global parameters: every number of `model:` (not the floor model's name), with where they come from. */
export type GlobalParameters = Omit<ModelParameters, 'name'> & { readonly source?: string };
