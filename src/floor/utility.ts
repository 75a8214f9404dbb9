/**
 * From a participant's gain (text over status quo, −1..1, src/floor/positions.ts) to the stance it states:
 * support when the text is clearly better (gain above 5 × indifference), accept when better, abstain when
 * indifferent (|gain| within `indifference`), object when worse. Under a vote these are its votes (yes, yes, none,
 * no); under consensus an objection is then weighed against the cost of standing apart (src/floor/costlyVeto.ts).
 */
import { ABSTAIN, ACCEPT, OBJECT, SUPPORT, type Stance } from '../rules/types';

export function stanceOfGain(gain: number, indifference: number): Stance {
  if (gain > 5 * indifference) return SUPPORT;
  if (gain > indifference) return ACCEPT;
  if (gain >= -indifference) return ABSTAIN;
  return OBJECT;
}
