/**
 * The `reads-the-room` chair: estimates, from the stances stated on the floor (and, for an option not yet tabled,
 * from the participants' stated positions in the scenario), how likely each option is to pass within the rounds
 * the procedure still allows, and acts on it:
 * - tables the option most likely to pass (file order breaks ties), not the next one in file order;
 * - after an objection, consults (offering a concession when one is due) while the objectors may still fold; drops
 *   an option whose objectors will not fold — its chance is below `DROP_BELOW` — for a better one not yet tabled;
 *   takes the rule's fallback vote when consultations are over; tables another option only if it has a chance
 *   (`HOPELESS`), else closes the item with no decision;
 * - when the time left cannot hold the next step, extends the item's time within the session (EXTEND, which the
 *   procedure allows only while session time remains) if something can still pass, else defers.
 * Deterministic: no draws. The estimate is the chair's reading, not the floor model's truth: it knows each
 * participant's stated distribution, softening chance and the observer pressure on it, not the bloc cues.
 */
import type { ChairEvent } from '../procedure/machine';
import type { Model } from '../floor/model';
import { OBJECT, SUPPORT, ACCEPT, wins, type Tally } from '../rules/types';
import { firstByPreference } from './inOrder';
import type { ChairPolicy, ChairView } from './types';

/** an option whose estimated chance is below this is dropped when a better one can still be tabled */
export const DROP_BELOW = 0.1;
/** extend the item's time only for a chance at least this */
export const EXTEND_FROM = 0.1;
/** after a failed option, table another only if its chance is at least this (else close the item) */
export const HOPELESS = 0.01;
// an option on the floor below HOPELESS is not consulted on either: its objectors will not fold (nor would a vote pass)

/** Chance that member i, objecting now, no longer objects after `rounds` consultation rounds on `option`. */
export function foldWithin(model: Model, option: number, i: number, rounds: number): number {
  if (rounds <= 0) return 0;
  let stay = 1 - model.soften[i];
  for (const e of model.options[option].pressure[i]) if (e.stance < OBJECT) stay *= 1 - e.probability;
  return 1 - stay ** rounds;
}

/**
 * Estimated chance that `option` passes the rule after `rounds` more consultation rounds. `stances` is the floor as
 * stated (the option on the floor), or undefined for an option not yet tabled (then each participant's stated
 * distribution). The count of persistent objectors is a Poisson-binomial; for each count the rule is asked on the
 * expected floor (yes votes and group sizes by expectation).
 */
export function passChance(model: Model, option: number, rounds: number, stances?: Uint8Array): number {
  const { voting, size, groups, weight } = model;
  const cumulative = model.options[option].cumulative;
  let members = 0;
  let yes = 0;
  let yesWeight = 0;
  let totalWeight = 0;
  const groupYes = groups.map(() => 0);
  const groupSize = groups.map(() => 0);
  // distribution of the number of persistent objectors, by dynamic programming
  let dist = [1];
  for (let i = 0; i < size; i++) {
    if (voting[i] === 0) continue;
    members++;
    totalWeight += weight[i];
    let pYes: number;
    let pObject: number;
    if (stances !== undefined) {
      pYes = stances[i] === SUPPORT || stances[i] === ACCEPT ? 1 : 0;
      pObject = stances[i] === OBJECT ? 1 : 0;
    } else {
      pYes = cumulative[i * 4 + 1];
      pObject = 1 - cumulative[i * 4 + 2];
    }
    const persist = pObject * (1 - foldWithin(model, option, i, rounds));
    yes += pYes;
    yesWeight += pYes * weight[i];
    for (let g = 0; g < groups.length; g++) {
      if (groups[g][i] === 0) continue;
      groupSize[g]++;
      groupYes[g] += pYes;
    }
    const next = new Array<number>(dist.length + 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      next[k] += dist[k] * (1 - persist);
      next[k + 1] += dist[k] * persist;
    }
    dist = next;
  }
  const support = Math.round(yes);
  let chance = 0;
  for (let k = 0; k < dist.length; k++) {
    if (dist[k] < 1e-12) continue;
    const object = Math.min(k, members - support);
    const tally: Tally = {
      members,
      support,
      accept: 0,
      abstain: Math.max(0, members - support - object),
      object,
      yesWeight,
      noWeight: members > 0 ? (totalWeight * object) / members : 0,
      totalWeight,
      groupYes: groupYes.map(Math.round),
      groupNo: groupSize.map((n) => (members > 0 ? Math.round((n * object) / members) : 0)),
      groupSize,
    };
    if (wins(model.rule, tally)) chance += dist[k];
  }
  return chance;
}

/** the accepted TABLE move of the option most likely to pass (file order breaks ties), with its chance */
function bestTabling(moves: readonly ChairEvent[], model: Model, rounds: number): { move?: ChairEvent; chance: number } {
  let move: ChairEvent | undefined;
  let chance = -1;
  for (const m of moves) {
    if (m.type !== 'TABLE') continue;
    const p = passChance(model, m.option, rounds);
    if (p > chance + 1e-12) {
      move = m;
      chance = p;
    }
  }
  return { move, chance: Math.max(0, chance) };
}

const find = (moves: readonly ChairEvent[], type: ChairEvent['type']): ChairEvent | undefined => moves.find((m) => m.type === type);
const IN_ORDER: readonly ChairEvent['type'][] = ['OFFER_CONCESSION', 'CONSULT', 'CALL_FOR_CONSENSUS', 'CALL_VOTE', 'TABLE', 'CLOSE', 'DEFER', 'EXTEND'];

function choose(moves: readonly ChairEvent[], view: ChairView): ChairEvent {
  const { model, context: c } = view;
  const call = find(moves, 'CALL_FOR_CONSENSUS') ?? (view.state === 'positionsStated' ? find(moves, 'CALL_VOTE') : undefined);
  if (call !== undefined) return call;
  const maxRounds = c.rule.mode === 'written' ? 0 : c.maxRoundsPerOption;
  const alternative = bestTabling(moves, model, maxRounds);
  if (view.state === 'chairToMove') {
    if (alternative.move !== undefined) return alternative.move;
  } else if (view.state === 'objected') {
    const roundsLeft = c.rule.mode === 'written' ? 0 : Math.max(0, c.maxRoundsPerOption - c.round);
    const here = passChance(model, c.option, roundsLeft, view.stances);
    if (alternative.move !== undefined && here < DROP_BELOW && alternative.chance > here) return alternative.move;
    if (here >= HOPELESS) {
      const consult = find(moves, 'OFFER_CONCESSION') ?? find(moves, 'CONSULT');
      if (consult !== undefined) return consult;
      const vote = find(moves, 'CALL_VOTE');
      if (vote !== undefined) return vote;
    }
    if (alternative.move !== undefined && alternative.chance >= HOPELESS) return alternative.move;
    const extend = find(moves, 'EXTEND');
    if (extend !== undefined && Math.max(here, untabledChance(model, c.tabledMask, maxRounds)) >= EXTEND_FROM) return extend;
  }
  const extend = find(moves, 'EXTEND');
  if (extend !== undefined && view.state === 'chairToMove' && untabledChance(model, c.tabledMask, maxRounds) >= EXTEND_FROM) return extend;
  // nothing worth the time: close the item if the procedure allows it, else defer
  return find(moves, 'CLOSE') ?? find(moves, 'DEFER') ?? firstByPreference(moves, IN_ORDER) ?? moves[0];
}

/** the best chance among options not yet tabled */
function untabledChance(model: Model, tabledMask: number, rounds: number): number {
  let best = 0;
  for (let o = 0; o < model.options.length; o++) if ((tabledMask & (1 << o)) === 0) best = Math.max(best, passChance(model, o, rounds));
  return best;
}

export const readsTheRoomChair: ChairPolicy = {
  name: 'reads-the-room',
  description: 'tables the option most likely to pass, drops an option whose objectors will not fold, may extend the item within the session',
  choose,
};
