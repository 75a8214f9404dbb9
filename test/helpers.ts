/** Shared test helpers: tallies from stance lists, scenario loading. */
import type { Tally } from '../src/rules/types';

/** A tally from counts; weights equal to counts unless given. */
export function tally(counts: { support?: number; accept?: number; abstain?: number; object?: number }, extra: Partial<Tally> = {}): Tally {
  const support = counts.support ?? 0;
  const accept = counts.accept ?? 0;
  const abstain = counts.abstain ?? 0;
  const object = counts.object ?? 0;
  return {
    members: support + accept + abstain + object,
    support,
    accept,
    abstain,
    object,
    yesWeight: support + accept,
    noWeight: object,
    totalWeight: support + accept + abstain + object,
    groupYes: [],
    groupNo: [],
    groupSize: [],
    ...extra,
  };
}
