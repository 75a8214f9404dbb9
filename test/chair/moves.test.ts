/**
 * One procedure for every chair: at every reachable state of the procedure statechart, the moves the trainer offers
 * a trainee in the chair, the moves a simulated chair is given to choose from (its candidate set) and
 * `snapshot.can()` of a real XState actor are the same set — for every rule in the registry. Under a written
 * procedure no consultation is ever offered or simulated.
 */
import { createActor } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { acceptedEvents, candidateTable, compileMachine, firstAcceptedFromTable, type Configuration } from '../../src/procedure/interpreter';
import { chairMoves, checks, mutators, procedureMachine, type ChairEvent, type ProcedureContext, type ProcedureEvent, type ProcedureInput } from '../../src/procedure/machine';
import { parseRule, ruleOrThrow } from '../../src/rules/registry';
import type { DecisionRule } from '../../src/rules/types';
import { inOrderChair } from '../../src/chair/inOrder';
import { CHAIRS } from '../../src/chair/registry';
import type { ChairPolicy } from '../../src/chair/types';
import { loadScenario } from '../../src/scenario/load';
import { compileModel, type Model } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { compiledProcedure, PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { TrainerSession } from '../../src/ui/session';
import { ruleSpecs, tallyFor } from '../robustness/arbitraries';

const RULES = ruleSpecs().map((spec) => parseRule(spec) as DecisionRule);
const key = (e: ChairEvent): string => JSON.stringify(e);
const keys = (events: readonly ChairEvent[]): string[] => events.map(key).sort();

const input = (rule: DecisionRule, over: Partial<ProcedureInput> = {}): ProcedureInput => ({
  rule,
  options: ['a', 'b'],
  concessionRounds: [[1], []],
  itemBudgetHours: 6,
  hoursToTable: 1,
  hoursPerRound: 2,
  maxRoundsPerOption: 2,
  sessionHours: 9,
  nextOptionAfterFailure: true,
  ...over,
});

/** A three-member model for the two options of `input` (what a chair may read: stated distributions, softening, pressure). */
const fakeModel = (rule: DecisionRule): Model =>
  ({
    rule,
    size: 3,
    voting: Uint8Array.of(1, 1, 1),
    weight: Float64Array.of(1, 2, 3),
    groups: rule.groups.map(() => Uint8Array.of(1, 1, 0)),
    soften: Float64Array.of(0.3, 0, 0.5),
    options: [0, 1].map((o) => ({ cumulative: Float64Array.from([0.5, 0.7, 0.8, 1, o * 0.2, 0.4, 0.6, 1, 1, 1, 1, 1]), pressure: [[], [], []], concessions: [] })),
  }) as unknown as Model;

type Snap = ReturnType<typeof procedureMachine.transition>;
const serialize = (s: Snap): string => {
  const c = s.context;
  return JSON.stringify([s.value, c.option, c.tabledMask, c.round, c.rounds, c.hours, c.itemBudgetHours, c.voted, c.adopted, c.lastCheck, c.tally?.object]);
};

describe('the chair moves are the statechart\'s', () => {
  const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
  const variants: [string, Partial<ProcedureInput>][] = [
    ['time to spare', { itemBudgetHours: 100, sessionHours: 100 }],
    ['tight time, session time to extend', {}],
    ['no next option after a failure', { nextOptionAfterFailure: false }],
  ];

  it.each(RULES.map((r) => [r.spec, r] as const))('%s: at every reachable state, accepted chair events == snapshot.can() and the chairs choose among them', (_spec, rule) => {
    let states = 0;
    for (const [, over] of variants) {
      const inp = input(rule, over);
      const candidates = chairMoves(inp.options.length);
      const events: ProcedureEvent[] = [...candidates, { type: 'ANSWERS', tally: tallyFor(rule, true) }, { type: 'ANSWERS', tally: tallyFor(rule, false) }];
      const map = getAdjacencyMap(procedureMachine, { input: inp, events, serializeState: (s) => serialize(s as Snap), limit: 50_000 });
      for (const { state } of Object.values(map) as { state: Snap }[]) {
        states++;
        const config: Configuration<ProcedureContext> = { state: compiled.states.indexOf(String(state.value)), context: state.context };
        const accepted = acceptedEvents(compiled, config, candidates);
        const can = state.status === 'done' ? [] : candidates.filter((e) => state.can(e));
        expect(keys(accepted), `${rule.spec} in ${String(state.value)}`).toEqual(keys(can));
        if (rule.mode === 'written') expect(accepted.some((e) => e.type === 'CONSULT' || e.type === 'OFFER_CONCESSION')).toBe(false);
        const chairsTurn = ['chairToMove', 'positionsStated', 'objected'].includes(String(state.value));
        expect(accepted.length > 0, `a chair move exists exactly on the chair's turn (${String(state.value)})`).toBe(chairsTurn);
        if (!chairsTurn) continue;
        const model = fakeModel(rule);
        for (const chair of CHAIRS) {
          const choice = chair.choose(accepted, { model, state: String(state.value) as never, context: state.context, stances: Uint8Array.of(0, 3, 1) });
          expect(accepted, `${chair.name} chooses among the accepted moves`).toContain(choice);
          if (chair.preference !== undefined) {
            // the engine's lazy evaluation in the chair's order of preference makes the same choice
            const order = chair.preference;
            const rank = (t: ChairEvent['type']) => (order.includes(t) ? order.indexOf(t) : order.length);
            const table = candidateTable(compiled, candidates).map((entries) => [...entries].sort((a, b) => rank(a.event.type) - rank(b.event.type)));
            expect(firstAcceptedFromTable(table, config)).toBe(choice);
          }
        }
      }
    }
    expect(states).toBeGreaterThan(10);
  });
});

/** Drives a run with a chair that checks its candidate set against the trainer's moves and an XState actor in step. */
function checkRun(model: Model, seed: string, k: number, pick: (moves: readonly ChairEvent[], n: number) => ChairEvent): { rounds: number; choices: number } {
  const actor = createActor(procedureMachine, { input: model.procedure }).start();
  const candidates = chairMoves(model.options.length);
  let chosen: ChairEvent | undefined;
  let choices = 0;
  let run!: PlenaryRun;
  const spy: ChairPolicy = {
    name: 'spy',
    description: 'checks its candidate set',
    choose(moves) {
      const snapshot = actor.getSnapshot();
      expect(keys(moves)).toEqual(keys(candidates.filter((e) => snapshot.can(e))));
      expect(keys(moves)).toEqual(keys(run.allowedChairMoves()));
      chosen = pick(moves, choices++);
      return chosen;
    },
  };
  run = new PlenaryRun(model, runRng(seed, k), { chair: spy });
  for (let guard = 0; !run.done && guard < 10_000; guard++) {
    const floorTurn = run.floorNext;
    expect(run.step()).toBe(true);
    actor.send(floorTurn ? { type: 'ANSWERS', tally: run.context.tally!, ...(run.context.voteTally ? { voteTally: run.context.voteTally } : {}) } : chosen!);
    expect(String(actor.getSnapshot().value)).toBe(run.state);
  }
  expect(run.done).toBe(true);
  return { rounds: run.context.rounds, choices };
}

describe('runs: the simulated chair, the trainer and an XState actor agree at every chair turn', () => {
  const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
  const specs = ['consensus', 'written-procedure:30', 'consensus-then-vote:2/3', 'qualified-majority:2/3', 'consensus-minus-n:1'];

  it.each(specs)('%s', (spec) => {
    // a tight item within a longer session, so deferral and extension are reachable
    const tight = { ...scenario, procedure: { ...scenario.procedure, itemBudgetHours: 7, sessionHours: 12 } };
    for (const s of [scenario, tight]) {
      const model = compileModel(s, ruleOrThrow(spec));
      for (let k = 0; k < 15; k++) {
        const inOrder = checkRun(model, 'moves', k, (moves, n) => (n % 2 === 0 ? inOrderChair.choose(moves, undefined as never) : moves[0]));
        const arbitrary = checkRun(model, 'moves', k, (moves, n) => moves[(n * 7 + k) % moves.length]);
        if (spec.startsWith('written')) expect([inOrder.rounds, arbitrary.rounds]).toEqual([0, 0]);
      }
    }
  });

  it('the trainer offers a trainee in the chair exactly the moves the statechart accepts', () => {
    const model = compileModel(scenario, ruleOrThrow('written-procedure:30'));
    const candidates = chairMoves(model.options.length);
    const session = new TrainerSession(model, 'trainee', 0, { kind: 'chair' });
    const actor = createActor(procedureMachine, { input: model.procedure }).start();
    let decisions = 0;
    for (let guard = 0; !session.done && guard < 1000; guard++) {
      if (session.awaiting === 'chair') {
        const offered = session.allowedMoves().map((m) => m.event as ChairEvent);
        expect(keys(offered)).toEqual(keys(candidates.filter((e) => actor.getSnapshot().can(e))));
        expect(offered.some((e) => e.type === 'CONSULT' || e.type === 'OFFER_CONCESSION')).toBe(false);
        const choice = offered[decisions % offered.length];
        decisions++;
        expect(session.move(choice)).toBe(true);
        actor.send(choice);
      } else {
        expect(session.stepSimulated()).toBe(true);
        const c = session.run.context;
        actor.send({ type: 'ANSWERS', tally: c.tally!, ...(c.voteTally ? { voteTally: c.voteTally } : {}) });
      }
      expect(String(actor.getSnapshot().value)).toBe(session.run.state);
    }
    expect(decisions).toBeGreaterThan(0);
  });
});

describe('the Monte Carlo under a written procedure', () => {
  it('never holds a consultation round, with any chair', () => {
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    for (const chair of CHAIRS) {
      const model = compileModel({ ...scenario, procedure: { ...scenario.procedure, chair: chair.name } }, ruleOrThrow('written-procedure:30'));
      for (let k = 0; k < 300; k++) expect(simulateRun(model, runRng('written', k)).rounds).toBe(0);
    }
    expect(compiledProcedure().states).toContain('objected');
  });
});
