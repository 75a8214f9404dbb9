/**
 * The cost of standing apart (veto-player theory, Tsebelis 2002; the "costly reference point" procedural model of
 * the DEU EU-bargaining studies, Thomson et al. 2006, Achen 2006): a participant keeps an objection only while the
 * text is worse for it than the reversion point by more than the cost of blocking alone. That cost grows as fewer
 * others object (a lone holdout carries the whole blame) and shrinks with the item's salience to the objector (what is
 * vital is worth the cost):
 *
 *     cost = vetoCost × (1 − salience) / (1 + other objectors)
 *
 * With positions, the loss is known (−gain, src/floor/positions.ts) and the objection is kept iff loss ≥ cost.
 * Without positions the loss is not known, only the inclination to object drawn from the stance distribution; the
 * objection then survives each reconsideration with probability 1 − cost (the cost read as the chance it outweighs
 * an unknown loss). Pure functions; the floor model decides when they are asked.
 */

export function standingApartCost(vetoCost: number, salience: number, othersObjecting: number): number {
  const cost = (vetoCost * (1 - salience)) / (1 + othersObjecting);
  return cost < 0 ? 0 : cost > 1 ? 1 : cost;
}

/** With positions: the objection stands when the loss is at least the cost. */
export const keepsObjection = (loss: number, cost: number): boolean => loss > 0 && loss >= cost;

/** Without positions: the chance that an objection is withdrawn at one reconsideration. */
export const foldChance = (cost: number): number => cost;
