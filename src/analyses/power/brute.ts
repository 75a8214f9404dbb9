/**
 * The test oracle: enumerates all 2^n coalitions and asks the rule about each, building the tally directly from the
 * members' true weights and groups (like the simulator's tally). Only for small bodies (n <= 20).
 */
import { UserError } from '../../common/errors';
import type { Tally } from '../../rules/types';
import type { CoalitionCounts } from './counts';
import type { PowerGame } from './game';

export const BRUTE_FORCE_LIMIT = 20;

export function bruteForceCounts(game: PowerGame): CoalitionCounts {
  const voters = game.members.filter((m) => m.votes);
  const n = voters.length;
  if (n > BRUTE_FORCE_LIMIT) throw new UserError(`brute force enumerates 2^n coalitions; ${n} voters is more than ${BRUTE_FORCE_LIMIT}`);
  const g = game.groupIds.length;
  const totalWeight = voters.reduce((a, m) => a + m.weight, 0);
  const groupSize = game.groupIds.map((_, k) => voters.filter((m) => m.groups[k]).length);
  const win = new Uint8Array(2 ** n);
  const sizes = new Uint8Array(2 ** n);
  for (let s = 0; s < 2 ** n; s++) {
    let yes = 0;
    let yesWeight = 0;
    const groupYes = new Array<number>(g).fill(0);
    for (let i = 0; i < n; i++) {
      if (((s >> i) & 1) === 0) continue;
      yes++;
      yesWeight += voters[i].weight;
      for (let k = 0; k < g; k++) if (voters[i].groups[k]) groupYes[k]++;
    }
    const tally: Tally = {
      members: n,
      support: yes,
      accept: 0,
      abstain: 0,
      object: n - yes,
      yesWeight,
      noWeight: totalWeight - yesWeight,
      totalWeight,
      groupYes,
      groupNo: groupSize.map((size, k) => size - groupYes[k]),
      groupSize,
    };
    win[s] = game.adopts(tally) ? 1 : 0;
    sizes[s] = yes;
  }
  let winning = 0n;
  const swingsBySize = voters.map(() => new Array<bigint>(Math.max(n, 1)).fill(0n));
  for (let s = 0; s < 2 ** n; s++) {
    if (win[s]) winning++;
    for (let i = 0; i < n; i++) {
      if ((s >> i) & 1) continue;
      if (!win[s] && win[s | (1 << i)]) swingsBySize[i][sizes[s]]++;
    }
  }
  return { n, winning, swingsBySize, method: 'brute-force' };
}
