/**
 * Decisive blockers of a failed check: objectors whose objection alone, or as part of a minimal blocking set of the
 * objectors, decided that the option failed. "Blocking" is judged on the actual floor: a set S of objectors blocks
 * when the option still fails with every other objector turned into a supporter.
 *
 * For consensus and count-based rules this is exact: every objector of a blocking floor qualifies. For weighted and
 * group rules it uses a greedy maximal non-blocking set (heaviest first), which can miss a decisive small member
 * (documented in the README). For rules that read only counts, every objector is alike and the search is a count.
 */
import type { Tally } from '../rules/types';
import { OBJECT } from '../rules/types';
import type { Model } from '../floor/model';
import { withConverted } from '../floor/tally';

export function decisiveBlockers(
  model: Model,
  stances: Uint8Array,
  tally: Tally,
  passes: (t: Tally) => boolean,
  countsOnly = false,
  voting: Uint8Array = model.voting,
): number[] {
  if (passes(tally)) return [];
  const objectors: number[] = [];
  for (let i = 0; i < model.size; i++) if (voting[i] === 1 && stances[i] === OBJECT) objectors.push(i);
  if (objectors.length === 0) return [];
  if (countsOnly) return countBlockers(tally, objectors, passes);
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

/**
 * The same answer when the check reads only the counts of the tally (not weights or groups): then whether a set of
 * objectors blocks depends only on its size, every objector is alike, and the greedy search above reduces to
 * counting. O(objectors) checks instead of O(objectors³).
 */
function countBlockers(tally: Tally, objectors: readonly number[], passes: (t: Tally) => boolean): number[] {
  const k = objectors.length;
  /** a set of `kept` objectors blocks, the other k - kept supporting */
  const blocks = (kept: number): boolean => !passes({ ...tally, support: tally.support + k - kept, object: tally.object - (k - kept) });
  if (blocks(1)) return [...objectors];
  let size = 0;
  for (let j = 1; j < k; j++) if (!blocks(size + 1)) size++;
  return blocks(size + 1) ? [...objectors] : [];
}
