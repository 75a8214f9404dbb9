import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { concede, soften, STANCE_EVENTS, stanceMachine, stepToward, type StanceEvent } from '../../src/floor/stanceMachine';
import { deriveStanceTable, EVENT_COUNT, UNDECIDED } from '../../src/floor/stanceTable';
import { STANCES, type StanceName } from '../../src/rules/types';

const stance = fc.constantFrom(...STANCES);
const rank = (s: StanceName) => STANCES.indexOf(s);

describe('stance statechart', () => {
  it('the transition table agrees with running the machine as an actor on any event sequence', () => {
    const table = deriveStanceTable();
    const rows = [...STANCES, 'undecided'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STANCE_EVENTS), { maxLength: 30 }), (events) => {
        const actor = createActor(stanceMachine).start();
        let row = UNDECIDED;
        for (const type of events) {
          actor.send({ type } as StanceEvent);
          row = table[row * EVENT_COUNT + STANCE_EVENTS.indexOf(type)];
          if (rows[row] !== String(actor.getSnapshot().value)) return false;
        }
        return true;
      }),
    );
  });

  it('softening moves one step toward acceptance and never past it', () => {
    expect(soften('object')).toBe('abstain');
    expect(soften('abstain')).toBe('accept');
    expect(soften('accept')).toBe('accept');
    expect(soften('support')).toBe('support');
    fc.assert(fc.property(stance, (s) => rank(soften(s)) <= rank(s) && rank(s) - rank(soften(s)) <= 1));
  });

  it('pressure moves exactly one step toward its target', () => {
    fc.assert(fc.property(stance, stance, (from, to) => Math.abs(rank(stepToward(from, to)) - rank(to)) === Math.max(0, Math.abs(rank(from) - rank(to)) - 1)));
  });

  it('a concession never makes anyone less favourable', () => {
    fc.assert(fc.property(stance, stance, (from, to) => rank(concede(from, to)) <= rank(from)));
  });
});
