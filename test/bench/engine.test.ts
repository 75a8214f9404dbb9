/**
 * The engine's optimisations keep its semantics: the in-place context updates of the Monte Carlo agree with the
 * XState actor on any event sequence, the counting shortcut for decisive blockers agrees with the general search,
 * and a reused run (simulateRun) gives what a fresh PlenaryRun gives.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileMachine, send, type Configuration } from '../../src/procedure/interpreter';
import { chairMoves, checks, initialContext, mutators, procedureMachine, updates, type ProcedureContext, type ProcedureEvent, type ProcedureInput } from '../../src/procedure/machine';
import { ruleOrThrow } from '../../src/rules/registry';
import type { DecisionRule, Tally } from '../../src/rules/types';
import { loadScenario } from '../../src/scenario/load';
import { decisiveBlockers } from '../../src/engine/blockers';
import { compileModel } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { tallyOf } from '../../src/floor/tally';
import { tally } from '../helpers';

const RULES: DecisionRule[] = ['consensus', 'qualified-majority:2/3', 'consensus-then-vote:2/3', 'consensus-minus-n:1'].map((s) => ruleOrThrow(s));
const input = (rule: DecisionRule, rounds: number): ProcedureInput => ({
  rule,
  options: ['a', 'b', 'c'],
  concessionRounds: [[1], [], [2]],
  itemBudgetHours: 9,
  hoursToTable: 1,
  hoursPerRound: 2,
  maxRoundsPerOption: rounds,
  sessionHours: 13,
});
const answers = (support: number, object: number): ProcedureEvent => ({ type: 'ANSWERS', tally: tally({ support, object }) });
const EVENTS: ProcedureEvent[] = [...chairMoves(3), answers(3, 0), answers(1, 2), answers(3, 1)];
const plain = ({ rule: _rule, ...rest }: ProcedureContext) => JSON.parse(JSON.stringify(rest)) as unknown;

describe('in-place context updates', () => {
  it('every update of the procedure machine is written once: the pure update is the in-place one on a copy', () => {
    expect(Object.keys(updates).sort()).toEqual(Object.keys(mutators).sort());
    const c0 = { ...initialContext(input(RULES[2], 2)) };
    for (const e of EVENTS) {
      for (const name of Object.keys(mutators) as (keyof typeof mutators)[]) {
        const copy = { ...c0 };
        mutators[name](copy, e);
        const next = updates[name](c0, e);
        expect(next).not.toBe(c0);
        expect(plain(next)).toEqual(plain(copy));
        expect(plain(c0)).toEqual(plain(initialContext(input(RULES[2], 2)))); // the pure update left its input alone
      }
    }
  });

  it('the interpreter with an owned (mutated) context agrees with the XState actor on any event sequence', () => {
    const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
    fc.assert(
      fc.property(fc.constantFrom(...RULES), fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...EVENTS), { maxLength: 50 }), (rule, rounds, events) => {
        const actor = createActor(procedureMachine, { input: input(rule, rounds) }).start();
        const config: Configuration<ProcedureContext> = { state: compiled.initial, context: { ...initialContext(input(rule, rounds)) }, owned: true };
        const context = config.context;
        for (const event of events) {
          const accepted = actor.getSnapshot().can(event) && actor.getSnapshot().status !== 'done';
          expect(send(compiled, config, event)).toBe(accepted);
          if (accepted) actor.send(event);
          expect(compiled.states[config.state]).toBe(String(actor.getSnapshot().value));
          expect(plain(config.context)).toEqual(plain(actor.getSnapshot().context));
        }
        expect(config.context).toBe(context); // updated in place, never replaced
      }),
      { numRuns: 300 },
    );
  });

  it('an owned (mutated) and an unowned (copied) configuration take the same path with the same contexts', () => {
    const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
    const pure = compiled;
    const rule = RULES[2];
    const owned: Configuration<ProcedureContext> = { state: compiled.initial, context: { ...initialContext(input(rule, 1)) }, owned: true };
    const fresh: Configuration<ProcedureContext> = { state: pure.initial, context: initialContext(input(rule, 1)) };
    const [table0, table1] = chairMoves(2);
    const [consensus, vote, , offer] = chairMoves(0);
    for (const e of [table0, answers(1, 2), consensus, offer, answers(1, 2), consensus, vote, table1, answers(3, 0), consensus]) {
      expect(send(compiled, owned, e)).toBe(send(pure, fresh, e));
      expect(plain(owned.context)).toEqual(plain(fresh.context));
    }
    expect(compiled.states[owned.state]).toBe('adopted');
  });
});

describe('decisive blockers: the counting shortcut', () => {
  const model = compileModel(loadScenario('test/fixtures/valid/three-members.yaml'), ruleOrThrow('consensus'));
  it('gives the general search\'s answer for any count-only predicate', () => {
    // predicates over counts only: at most m objections, or yes >= threshold of those voting, ...
    const predicate = fc.oneof(
      fc.integer({ min: 0, max: 12 }).map((m) => (t: Tally) => t.object <= m),
      fc.record({ num: fc.integer({ min: 1, max: 5 }), den: fc.integer({ min: 5, max: 6 }) }).map(({ num, den }) => (t: Tally) => (t.support + t.accept) * den >= num * (t.support + t.accept + t.object) && t.support + t.accept + t.object > 0),
      fc.integer({ min: 0, max: 12 }).map((m) => (t: Tally) => t.support >= m && t.object < 6),
    );
    fc.assert(
      fc.property(predicate, fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: 1, maxLength: 14 }), (passes, stanceList) => {
        const m = { ...model, size: stanceList.length, voting: new Uint8Array(stanceList.length).fill(1), weight: new Float64Array(stanceList.length).fill(1), groups: [] };
        const stances = Uint8Array.from(stanceList);
        const t = tallyOf(m, stances);
        expect(decisiveBlockers(m, stances, t, passes, true)).toEqual(decisiveBlockers(m, stances, t, passes, false));
      }),
      { numRuns: 500 },
    );
  });
});

describe('reused runs', () => {
  it('simulateRun (one reused run per model) gives what a fresh PlenaryRun gives, run after run', () => {
    const scenario = loadScenario('scenarios/synthetic/ga-193.yaml');
    for (const spec of ['consensus', 'consensus-then-vote:2/3', 'weighted:1/2']) {
      const model = compileModel(scenario, ruleOrThrow(spec));
      for (let k = 0; k < 60; k++) {
        const fresh = new PlenaryRun(model, runRng('reuse', k)).runToEnd();
        expect(simulateRun(model, runRng('reuse', k))).toEqual(fresh);
      }
    }
  });

  it('a narrated run takes the same path as the Monte Carlo run, and narrates the moves of its rounds', () => {
    const model = compileModel(loadScenario('scenarios/synthetic/ga-193.yaml'), ruleOrThrow('consensus'));
    let moves = 0;
    for (let k = 0; k < 20; k++) {
      const narrated = new PlenaryRun(model, runRng('n', k), { narrate: true });
      expect(narrated.runToEnd()).toEqual(simulateRun(model, runRng('n', k)));
      for (const e of narrated.log) {
        if (e.kind !== 'round') continue;
        for (const m of e.moves) expect(m.to).not.toBe(m.from);
        moves += e.moves.length;
      }
    }
    expect(moves).toBeGreaterThan(0);
  });
});
