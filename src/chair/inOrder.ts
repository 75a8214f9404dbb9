/**
 * The `in-order` chair (plenary's first simulated chair): tables the options in file order; calls for consensus
 * (or a vote, as the rule says); on an objection offers the concession when one is due, else consults while the
 * procedure allows a round; then the rule's fallback vote, if any; then the next option; out of options, closes the
 * item with no decision; when the procedure allows neither (time has run out), defers. It never extends the item.
 * Every procedural limit (rounds, time, written procedure, fallback vote) is the statechart's: this is only an order
 * of preference over the moves it accepts.
 */
import type { ChairEvent } from '../procedure/machine';
import type { ChairPolicy } from './types';

/**
 * The instruments (issue 13) fit in where a chair keeping to the order of the file would use them, and only when the
 * scenario provides them (the statechart refuses them otherwise, so existing scenarios run as before): the friends of
 * the chair after the consultation rounds and before the fallback vote; the chair's action before anything is tabled;
 * a drafted text after the tabled options; referral instead of closing or deferring the item.
 */
const PREFERENCE: readonly ChairEvent['type'][] = ['OFFER_CONCESSION', 'CONSULT', 'CALL_FOR_CONSENSUS', 'CONVENE_FRIENDS', 'CALL_VOTE', 'DECLARE', 'TABLE', 'DRAFT', 'REFER', 'CLOSE', 'DEFER', 'EXTEND'];

/** The first of `moves` in an order of preference by event type (moves of one type in their own order). */
export function firstByPreference(moves: readonly ChairEvent[], preference: readonly ChairEvent['type'][]): ChairEvent | undefined {
  for (let p = 0; p < preference.length; p++) {
    for (let m = 0; m < moves.length; m++) if (moves[m].type === preference[p]) return moves[m];
  }
  return undefined;
}

/** rank of each event type in the preference (lower first); EXTEND last (DEFER is always accepted on the chair's turn, so never chosen) */
const RANK = Object.fromEntries(PREFERENCE.map((type, rank) => [type, rank])) as Readonly<Record<ChairEvent['type'], number>>;

export const inOrderChair: ChairPolicy = {
  name: 'in-order',
  description: 'tables the options in file order and consults while the procedure allows (today\'s default chair)',
  preference: PREFERENCE,
  choose(moves) {
    // one pass (the Monte Carlo's hot path): the first move of the best-ranked type; EXTEND only if nothing else
    let best = moves[0];
    let rank = RANK[best.type];
    for (let m = 1; m < moves.length; m++) {
      const r = RANK[moves[m].type];
      if (r < rank) {
        best = moves[m];
        rank = r;
      }
    }
    return best;
  },
};
