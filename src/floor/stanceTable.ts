/**
 * The stance machine evaluated as a transition table, derived from its definition once at start-up with XState's
 * pure `transition()`. The Monte Carlo looks transitions up here instead of running an actor per participant
 * (which costs ~150× a plain loop at 50 participants). A test checks the table against the machine.
 */
import { transition } from 'xstate';
import { STANCES, type Stance } from '../rules/types';
import { STANCE_EVENTS, stanceMachine, type StanceEvent } from './stanceMachine';

/** Event column indices. */
export const EV = Object.fromEntries(STANCE_EVENTS.map((type, i) => [type, i])) as Record<StanceEvent['type'], number>;
export const EVENT_COUNT = STANCE_EVENTS.length;

/** Column of STATE_<s>, PRESS_TO_<s>, FOLLOW_<s>, CONCEDE_TO_<s> for a stance code. */
export const STATE_EVENT = STANCES.map((s) => EV[`STATE_${s.toUpperCase()}` as StanceEvent['type']]);
export const PRESS_EVENT = STANCES.map((s) => EV[`PRESS_TO_${s.toUpperCase()}` as StanceEvent['type']]);
export const FOLLOW_EVENT = STANCES.map((s) => EV[`FOLLOW_${s.toUpperCase()}` as StanceEvent['type']]);
export const CONCEDE_EVENT = STANCES.map((s) => EV[`CONCEDE_TO_${s.toUpperCase()}` as StanceEvent['type']]);
export const SOFTEN_EVENT = EV.SOFTEN;

/** Row index 0..3 = stance codes; row 4 = undecided. */
export const UNDECIDED = 4;

/**
 * table[row * EVENT_COUNT + event] = next row. An event the state does not handle leaves it unchanged.
 */
export function deriveStanceTable(): Uint8Array {
  const rows = [...STANCES, 'undecided'] as const;
  const table = new Uint8Array(rows.length * EVENT_COUNT);
  rows.forEach((state, row) => {
    const snapshot = stanceMachine.resolveState({ value: state, context: undefined as never });
    STANCE_EVENTS.forEach((type, col) => {
      const [next] = transition(stanceMachine, snapshot, { type } as StanceEvent);
      const value = String(next.value);
      const index = rows.indexOf(value as (typeof rows)[number]);
      if (index < 0) throw new Error(`stance machine reached unknown state ${value}`);
      table[row * EVENT_COUNT + col] = index;
    });
  });
  return table;
}

let cached: Uint8Array | undefined;
/** The table, derived on first use. */
export function stanceTable(): Uint8Array {
  cached ??= deriveStanceTable();
  return cached;
}

export const nextStance = (table: Uint8Array, stance: number, event: number): Stance => table[stance * EVENT_COUNT + event] as Stance;
