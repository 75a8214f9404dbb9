import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor } from 'xstate';
import { join } from 'node:path';
import { procedureMachine, type ProcedureEvent } from '../../src/procedure/machine';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { TrainerSession, type Seat } from '../../src/ui/session';
import type { Stance } from '../../src/rules/types';
import { DEFAULT_SCENARIO } from '../../src/common/paths';

const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');
const modelOf = (file: string, rule?: string) => {
  const scenario = loadScenario(file);
  return compileModel(scenario, ruleOrThrow(rule ?? scenario.rule));
};
const small = modelOf(SMALL);
const member = (id: string) => small.ids.indexOf(id);

/** A snapshot of what the trainee sees, for comparing sessions. */
const view = (s: TrainerSession) => ({
  state: s.run.state,
  context: { ...s.run.context, rule: undefined },
  stances: [...s.run.stances],
  lines: s.timeline.map((t) => t.lines),
  choices: s.allowedMoves().map((c) => c.label),
  pending: [...s.pending],
});

/** What a trainee can do now: the chair's allowed moves, or a delegation's four answers. */
const options = (s: TrainerSession): ((s: TrainerSession) => boolean)[] => {
  const turn = s.turn;
  if (turn?.kind === 'chair') return s.allowedMoves().map((m) => (x: TrainerSession) => x.move(m.event));
  if (turn?.kind === 'answer') return [0, 1, 2, 3].map((stance) => (x: TrainerSession) => x.answer(turn.member, stance as Stance));
  return [];
};

describe('trainer session', () => {
  it('offers the chair exactly the moves the XState procedure machine can take, at every turn', () => {
    for (const file of [SMALL, DEFAULT_SCENARIO]) {
      const model = modelOf(file);
      for (let k = 0; k < 5; k++) {
        const session = new TrainerSession(model, 'can', k, { kind: 'chair' });
        const actor = createActor(procedureMachine, { input: model.procedure }).start();
        let guard = 0;
        while (!session.done && guard++ < 200) {
          if (session.awaiting === 'chair') {
            const candidates: ProcedureEvent[] = [
              ...model.options.map((_, option) => ({ type: 'TABLE', option }) as ProcedureEvent),
              { type: 'CALL_FOR_CONSENSUS' }, { type: 'CALL_VOTE' }, { type: 'CONSULT' }, { type: 'OFFER_CONCESSION' }, { type: 'DEFER' }, { type: 'CLOSE' },
            ];
            const can = candidates.filter((e) => actor.getSnapshot().can(e)).map((e) => JSON.stringify(e));
            const offered = session.allowedMoves().map((c) => JSON.stringify(c.event));
            expect(offered).toEqual(can);
            // the trainee picks the last-but-one move (varies the path; never the same as the simulated chair)
            const pick = session.allowedMoves()[Math.max(0, session.allowedMoves().length - 3)];
            expect(session.move(pick.event)).toBe(true);
            actor.send(pick.event);
          } else {
            expect(session.stepSimulated()).toBe(true);
            const answers = session.run.log.filter((e) => e.kind === 'tabled' || e.kind === 'round').length;
            if (answers > 0) actor.send({ type: 'ANSWERS', tally: session.run.context.tally! });
          }
          expect(String(actor.getSnapshot().value)).toBe(session.run.state);
        }
        expect(session.done).toBe(true);
      }
    }
  });

  it('with the trainee making the simulated chair\'s moves, the run is the simulated run', () => {
    const model = modelOf(DEFAULT_SCENARIO);
    for (let k = 0; k < 10; k++) {
      const session = new TrainerSession(model, 'same', k, { kind: 'chair' });
      while (!session.done) {
        if (session.awaiting === 'chair') {
          const move = JSON.stringify(session.simulatedChairMove());
          const choice = session.allowedMoves().find((c) => JSON.stringify(c.event) === move)!;
          expect(choice, 'the simulated chair only makes allowed moves').toBeDefined();
          session.move(choice.event);
        } else session.stepSimulated();
      }
      expect(session.run.result()).toEqual(simulateRun(model, runRng('same', k)));
    }
  });

  it('a replay (no seat) is the simulated run, narrated like plenary trace', () => {
    const model = modelOf(DEFAULT_SCENARIO);
    const session = new TrainerSession(model, 'replay', 3);
    expect(session.awaiting).toBeUndefined();
    session.stepUntilDecision();
    expect(session.done).toBe(true);
    const run = new PlenaryRun(model, runRng('replay', 3), { narrate: true });
    expect(session.run.result()).toEqual(run.runToEnd());
    expect(session.run.log).toEqual(run.log);
  });

  it('waits for the chair on the chair\'s turn and refuses keys that are not offered', () => {
    const session = new TrainerSession(small, 's', 0, { kind: 'chair' });
    expect(session.awaiting).toBe('chair');
    expect(session.stepSimulated()).toBe(false);
    expect(session.allowedMoves().map((c) => c.label)).toEqual(['table "Sanction"', 'table "Work plan"', 'defer the item', 'close the item without a decision']);
    expect(session.move({ type: 'CALL_FOR_CONSENSUS' })).toBe(false);
    expect(session.answer(member('subj'), 3)).toBe(false);
    expect(session.move({ type: 'TABLE', option: 0 })).toBe(true);
    expect(session.run.state).toBe('floor');
    expect(session.awaiting).toBeUndefined();
    expect(session.timeline[0].decision).toBe('you (the Chair): table "Sanction"');
  });

  it('lets a delegation answer; its bloc followers follow the trainee, the draws stay those of the simulated run', () => {
    const seat: Seat = { kind: 'member', member: member('north') };
    const session = new TrainerSession(small, 's', 0, seat);
    session.stepUntilDecision();
    expect(session.awaiting).toBe('answer');
    expect(session.turn).toEqual({ kind: 'answer', seat, member: member('north') });
    expect(session.move({ type: 'CALL_FOR_CONSENSUS' })).toBe(false);
    session.answer(member('north'), 3); // North objects to the sanction; East follows (cohesion 1)
    expect(session.run.stances[member('north')]).toBe(3);
    expect(session.run.stances[member('east')]).toBe(3);
    expect(session.timeline.at(-1)!.lines.join('\n')).toContain('You (North) answer: object.');
    expect(session.timeline.at(-1)!.lines[0]).toContain('1 support, 0 accept, 0 abstain, 3 object. Objecting: North, East, Subject.');
    // everyone else drew what they draw in the simulated run
    const simulated = new PlenaryRun(small, runRng('s', 0));
    simulated.step();
    simulated.step();
    expect(session.run.stances[member('south')]).toBe(simulated.stances[member('south')]);
    expect(session.run.stances[member('subj')]).toBe(simulated.stances[member('subj')]);
  });

  it('back replays from the start to the previous step, keeping the earlier decisions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(8), { minLength: 1, maxLength: 30 }), fc.nat(20), fc.boolean(), (picks, k, asChair) => {
        const seat: Seat = asChair ? { kind: 'chair' } : { kind: 'member', member: member('subj') };
        const session = new TrainerSession(small, 'back', k, seat);
        const views = [view(session)];
        for (const p of picks) {
          if (session.done) break;
          const choices = options(session);
          if (choices.length > 0) choices[p % choices.length](session);
          else session.stepSimulated();
          views.push(view(session));
        }
        for (let i = views.length - 2; i >= 0; i--) {
          expect(session.back()).toBe(true);
          expect(view(session)).toEqual(views[i]);
        }
        expect(session.back()).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
