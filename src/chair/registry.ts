/** The simulated chairs, by name (`procedure.chair:` in a scenario, `--chair` on the command line). */
import { UserError } from '../common/errors';
import { closest } from '../common/suggest';
import { inOrderChair } from './inOrder';
import { readsTheRoomChair } from './readsTheRoom';
import type { Scenario } from '../scenario/types';
import type { ChairPolicy } from './types';

export const CHAIRS: readonly ChairPolicy[] = [inOrderChair, readsTheRoomChair];
export const DEFAULT_CHAIR = 'in-order';

export const chairNames = (): string[] => CHAIRS.map((c) => c.name);

export function findChair(name: string): ChairPolicy | undefined {
  return CHAIRS.find((c) => c.name === name);
}

/** The chair of that name, or a UserError naming the known chairs. */
export function chairOrThrow(name: string): ChairPolicy {
  const chair = findChair(name);
  if (chair !== undefined) return chair;
  const guess = closest(name, chairNames());
  throw new UserError(`unknown chair "${name}" (known: ${chairNames().join(', ')})${guess ? `. Did you mean "${guess}"?` : ''}`);
}

/** The scenario with its simulated chair replaced (`--chair`); unchanged when `name` is undefined. */
export function withChair(scenario: Scenario, name: string | undefined): Scenario {
  if (name === undefined) return scenario;
  chairOrThrow(name);
  return { ...scenario, procedure: { ...scenario.procedure, chair: name } };
}
