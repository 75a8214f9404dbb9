/**
 * Decisive blockers of a failed check: objectors whose objection alone, or as part of a minimal blocking set of the
 * objectors, decided that the option failed. "Blocking" is judged on the actual floor: a set S of objectors blocks
 * when the option still fails with every other objector turned into a supporter.
 *
 * For consensus and count-based rules this is exact: every objector of a blocking floor qualifies. For weighted and
 * group rules it uses a greedy maximal non-blocking set (heaviest first), which can miss a decisive small member
 * (documented in the README). For rules that read only counts, every objector is alike and the search is a count.
 */
import type { DecisionRule, Tally } from '../rules/types';
import { OBJECT } from '../rules/types';
import type { Model } from '../floor/model';
import { tallyOf, withConverted } from '../floor/tally';
import type { CheckKind } from '../procedure/check';
import { checkOf } from './deciding';

const NOT_FAILED = 0;
const FAILED_CONSENSUS = 1;
const FAILED_VOTE = 2;

/**
 * The floor of each option's last failed check, kept during a run (one buffer per option, reused across runs), and
 * the decisive blockers read from them at the end.
 */
export class FailedChecks {
  private readonly floors: Uint8Array[];
  private readonly kinds: Uint8Array;

  constructor(private readonly model: Model) {
    this.floors = model.options.map(() => new Uint8Array(model.size));
    this.kinds = new Uint8Array(model.options.length);
  }

  reset(): void {
    this.kinds.fill(NOT_FAILED);
  }

  /** a check of `kind` on `option` failed on this floor */
  record(option: number, stances: Uint8Array, kind: CheckKind): void {
    this.floors[option].set(stances);
    this.kinds[option] = kind === 'vote' ? FAILED_VOTE : FAILED_CONSENSUS;
  }

  /** per option: the decisive blockers of its last failed check (undefined if it never failed, or was adopted) */
  decisive(adopted: number): (readonly number[] | undefined)[] {
    const model = this.model;
    return model.options.map((_, o) => {
      if (this.kinds[o] === NOT_FAILED || o === adopted) return undefined;
      const floor = this.floors[o];
      const { rule, voting } = checkOf(model, this.kinds[o] === FAILED_VOTE ? 'vote' : 'consensus');
      return decisiveBlockers(model, floor, tallyOf(model, floor, voting), rule.adopts, countsOnly(rule), voting);
    });
  }
}

/** The check reads only the counts of a tally (so every objector is alike for decisive blockers). */
const countsOnly = (rule: DecisionRule): boolean => !rule.uses.weights && !rule.uses.groups && rule.groups.length === 0;

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
