/**
 * A participant's stance on the option on the floor, as a statechart. Deterministic given its events; the
 * simulation decides *which* event happens (drawn from the seeded generator) and this machine says *what it does*.
 *
 * Stances are ordinal: support < accept < abstain < object (from most to least favourable).
 *   STATE_<S>       the participant states stance S when the option is tabled
 *   SOFTEN          moved in consultations: one step toward acceptance (object → abstain → accept)
 *   PRESS_TO_<S>    pressed (by an observer): one step toward S
 *   FOLLOW_<S>      bloc cue: takes the leader's stance S
 *   CONCEDE_TO_<S>  a concession is offered: moves to S unless already more favourable
 */
import { setup } from 'xstate';
import { STANCES, type StanceName } from '../rules/types';

// ---- pure helpers -------------------------------------------------------------------------------------------

const rank = (s: StanceName): number => STANCES.indexOf(s);

/** One step along support–accept–abstain–object toward `target`. */
export function stepToward(from: StanceName, target: StanceName): StanceName {
  const a = rank(from);
  const b = rank(target);
  return STANCES[a === b ? a : a < b ? a + 1 : a - 1];
}

export const soften = (from: StanceName): StanceName => (from === 'object' || from === 'abstain' ? stepToward(from, 'accept') : from);
export const concede = (from: StanceName, to: StanceName): StanceName => (rank(from) > rank(to) ? to : from);

const upper = (s: StanceName) => s.toUpperCase() as Uppercase<StanceName>;

export type StanceEvent =
  | { type: `STATE_${Uppercase<StanceName>}` }
  | { type: 'SOFTEN' }
  | { type: `PRESS_TO_${Uppercase<StanceName>}` }
  | { type: `FOLLOW_${Uppercase<StanceName>}` }
  | { type: `CONCEDE_TO_${Uppercase<StanceName>}` };

/** Every event type the machine understands, in a fixed order (the columns of the transition table). */
export const STANCE_EVENTS: readonly StanceEvent['type'][] = [
  ...STANCES.map((s) => `STATE_${upper(s)}` as const),
  'SOFTEN',
  ...STANCES.map((s) => `PRESS_TO_${upper(s)}` as const),
  ...STANCES.map((s) => `FOLLOW_${upper(s)}` as const),
  ...STANCES.map((s) => `CONCEDE_TO_${upper(s)}` as const),
];

/** The transitions out of one stance, computed by the helpers above. */
function transitionsFrom(from: StanceName | 'undecided'): Record<string, StanceName> {
  const on: Record<string, StanceName> = {};
  for (const s of STANCES) on[`STATE_${upper(s)}`] = s;
  if (from === 'undecided') return on;
  on.SOFTEN = soften(from);
  for (const s of STANCES) {
    on[`PRESS_TO_${upper(s)}`] = stepToward(from, s);
    on[`FOLLOW_${upper(s)}`] = s;
    on[`CONCEDE_TO_${upper(s)}`] = concede(from, s);
  }
  return on;
}

// ---- the machine --------------------------------------------------------------------------------------------

export const stanceMachine = setup({
  types: {
    events: {} as StanceEvent,
  },
}).createMachine({
  id: 'stance',
  initial: 'undecided',
  states: {
    undecided: { on: transitionsFrom('undecided') },
    support: { on: transitionsFrom('support') },
    accept: { on: transitionsFrom('accept') },
    abstain: { on: transitionsFrom('abstain') },
    object: { on: transitionsFrom('object') },
  },
});

export type StanceState = 'undecided' | StanceName;
