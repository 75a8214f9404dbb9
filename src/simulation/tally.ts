import type { Tally } from '../rules/types';
import { ACCEPT, OBJECT, SUPPORT } from '../rules/types';
import type { Model } from './model';

/** The rule's tally of the floor: stances of the voting members (present, deciding, not excluded). */
export function tallyOf(model: Model, stances: Uint8Array): Tally {
  const counts = [0, 0, 0, 0];
  let yesWeight = 0;
  let noWeight = 0;
  let totalWeight = 0;
  let members = 0;
  const { voting, weight, groups } = model;
  const g = groups.length;
  const groupYes = new Array<number>(g).fill(0);
  const groupNo = new Array<number>(g).fill(0);
  const groupSize = new Array<number>(g).fill(0);
  for (let i = 0; i < model.size; i++) {
    if (voting[i] === 0) continue;
    const s = stances[i];
    members++;
    counts[s]++;
    const w = weight[i];
    totalWeight += w;
    const yes = s === SUPPORT || s === ACCEPT;
    if (yes) yesWeight += w;
    else if (s === OBJECT) noWeight += w;
    for (let k = 0; k < g; k++) {
      if (groups[k][i] === 0) continue;
      groupSize[k]++;
      if (yes) groupYes[k]++;
      else if (s === OBJECT) groupNo[k]++;
    }
  }
  return {
    members,
    support: counts[0],
    accept: counts[1],
    abstain: counts[2],
    object: counts[3],
    yesWeight,
    noWeight,
    totalWeight,
    groupYes,
    groupNo,
    groupSize,
  };
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
