import type { Tally } from '../rules/types';
import { ABSTAIN, ACCEPT, OBJECT, SUPPORT } from '../rules/types';
import type { Model } from './model';

const NONE: readonly number[] = Object.freeze([]);

/**
 * The rule's tally of the floor: stances of the voting members (present, deciding, not excluded). `voting` is the
 * electorate mask: the rule's (default) or its fallback vote's (`model.voteVoting`).
 */
export function tallyOf(model: Model, stances: Uint8Array, voting: Uint8Array = model.voting): Tally {
  if (model.groups.length === 0 && model.unitWeights) return countTally(stances, voting, model.size);
  let support = 0;
  let accept = 0;
  let abstain = 0;
  let object = 0;
  let yesWeight = 0;
  let noWeight = 0;
  let totalWeight = 0;
  let members = 0;
  const { weight, groups } = model;
  const g = groups.length;
  const groupYes = g === 0 ? NONE : new Array<number>(g).fill(0);
  const groupNo = g === 0 ? NONE : new Array<number>(g).fill(0);
  const groupSize = g === 0 ? NONE : new Array<number>(g).fill(0);
  for (let i = 0; i < model.size; i++) {
    if (voting[i] === 0) continue;
    const s = stances[i];
    members++;
    if (s === SUPPORT) support++;
    else if (s === ACCEPT) accept++;
    else if (s === ABSTAIN) abstain++;
    else if (s === OBJECT) object++;
    const w = weight[i];
    totalWeight += w;
    const yes = s === SUPPORT || s === ACCEPT;
    if (yes) yesWeight += w;
    else if (s === OBJECT) noWeight += w;
    for (let k = 0; k < g; k++) {
      if (groups[k][i] === 0) continue;
      (groupSize as number[])[k]++;
      if (yes) (groupYes as number[])[k]++;
      else if (s === OBJECT) (groupNo as number[])[k]++;
    }
  }
  return { members, support, accept, abstain, object, yesWeight, noWeight, totalWeight, groupYes, groupNo, groupSize };
}

/** Stance counts of the voting members (index: stance code; 4 is undecided). */
const counts = new Int32Array(5);

/**
 * `tallyOf` when every weight is 1 and the rule has no groups (the common case, and the Monte Carlo's hot path at
 * 193 members): the counts alone, the weights being the counts (exact in floating point).
 */
function countTally(stances: Uint8Array, voting: Uint8Array, size: number): Tally {
  counts.fill(0);
  for (let i = 0; i < size; i++) counts[stances[i]] += voting[i];
  const support = counts[SUPPORT];
  const accept = counts[ACCEPT];
  const abstain = counts[ABSTAIN];
  const object = counts[OBJECT];
  const members = support + accept + abstain + object + counts[4];
  return { members, support, accept, abstain, object, yesWeight: support + accept, noWeight: object, totalWeight: members, groupYes: NONE, groupNo: NONE, groupSize: NONE };
}

/** The tally if the objectors `converted` had supported instead. */
export function withConverted(model: Model, tally: Tally, converted: readonly number[]): Tally {
  if (converted.length === 0) return tally;
  let w = 0;
  const groupYes = [...tally.groupYes];
  const groupNo = [...tally.groupNo];
  for (const i of converted) {
    w += model.weight[i];
    for (let k = 0; k < model.groups.length; k++) {
      if (model.groups[k][i] === 1) {
        groupYes[k]++;
        groupNo[k]--;
      }
    }
  }
  return {
    ...tally,
    support: tally.support + converted.length,
    object: tally.object - converted.length,
    yesWeight: tally.yesWeight + w,
    noWeight: tally.noWeight - w,
    groupYes,
    groupNo,
  };
}
