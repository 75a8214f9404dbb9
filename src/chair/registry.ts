/** The simulated chairs, by name (`procedure.chair:` in a scenario, `--chair` on the command line). */
import { UserError } from '../common/errors';
import { closest } from '../common/suggest';
import { inOrderChair } from './inOrder';
import type { ChairPolicy } from './types';

export const CHAIRS: readonly ChairPolicy[] = [inOrderChair];
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
