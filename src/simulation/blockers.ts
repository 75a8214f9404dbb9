/**
 * Decisive blockers of a failed check: objectors whose objection alone, or as part of a minimal blocking set of the
 * objectors, decided that the option failed. "Blocking" is judged on the actual floor: a set S of objectors blocks
 * when the option still fails with every other objector turned into a supporter.
 *
 * For consensus and count-based rules this is exact: every objector of a blocking floor qualifies. For weighted and
 * group rules it uses a greedy maximal non-blocking set (heaviest first), which can miss a decisive small member
 * (documented in the README).
 */
import type { Tally } from '../rules/types';
import { OBJECT } from '../rules/types';
import type { Model } from './model';
import { withConverted } from './tally';

export function decisiveBlockers(model: Model, stances: Uint8Array, tally: Tally, passes: (t: Tally) => boolean): number[] {
  if (passes(tally)) return [];
  const objectors: number[] = [];
  for (let i = 0; i < model.size; i++) if (model.voting[i] === 1 && stances[i] === OBJECT) objectors.push(i);
  if (objectors.length === 0) return [];
  /** does S (a subset of objectors) block, all other objectors supporting? */
  const blocks = (inSet: Set<number>): boolean => !passes(withConverted(model, tally, objectors.filter((j) => !inSet.has(j))));
  const byWeight = [...objectors].sort((a, b) => model.weight[b] - model.weight[a] || a - b);
  const decisive: number[] = [];
  for (const i of objectors) {
    if (blocks(new Set([i]))) {
      decisive.push(i);
      continue;
    }
    const set = new Set<number>();
    for (const j of byWeight) {
      if (j === i) continue;
      set.add(j);
      if (blocks(set)) set.delete(j);
    }
    set.add(i);
    if (blocks(set)) decisive.push(i);
  }
  return decisive;
}
