import fc from 'fast-check';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileMachine, send, type Configuration } from '../../src/procedure/interpreter';
import { chairMoves, checks, initialContext, mutators, procedureMachine, type ProcedureContext, type ProcedureEvent, type ProcedureInput } from '../../src/procedure/machine';
import { consensusRule } from '../../src/rules/consensus';
import { qualifiedMajorityRule } from '../../src/rules/qualifiedMajority';
import type { DecisionRule } from '../../src/rules/types';
import { tally } from '../helpers';

const consensusThenVote: DecisionRule = { ...consensusRule, spec: 'test-consensus-then-vote', mode: 'consensus-then-vote', fallback: qualifiedMajorityRule({ num: 2, den: 3 }) };
const vote = qualifiedMajorityRule({ num: 2, den: 3 });

const input = (rule: DecisionRule, rounds = 2): ProcedureInput => ({
  rule,
  options: ['a', 'b'],
  concessionRounds: [[1], []],
  itemBudgetHours: 100,
  hoursToTable: 1,
  hoursPerRound: 2,
  maxRoundsPerOption: rounds,
});

const PASS = tally({ support: 3 });
const FAIL = tally({ support: 1, object: 2 });
const EVENTS: ProcedureEvent[] = [...chairMoves(2), { type: 'ANSWERS', tally: PASS }, { type: 'ANSWERS', tally: FAIL }];

const stateOf = (snapshot: { value: unknown }) => String(snapshot.value);
/** Context without the rule object (functions), for comparisons. */
const plain = ({ rule: _rule, ...rest }: ProcedureContext) => JSON.parse(JSON.stringify(rest)) as unknown;

describe('procedure statechart', () => {
  it('reaches every state, for the three ways of deciding (consensus, vote, consensus then vote)', () => {
    const reached = new Set<string>();
    for (const rule of [consensusRule, vote, consensusThenVote]) {
      for (const path of getShortestPaths(procedureMachine, { input: input(rule), events: EVENTS })) reached.add(stateOf(path.state));
    }
    // the instruments' states (declared, its check, the friends' meeting, referred) exist only when a scenario provides them
    const instruments: ProcedureInput = { ...input(consensusRule, 1), itemBudgetHours: 8, options: ['a', 'b', 'c'], concessionRounds: [[], [], []], declaredMask: 0b010, draftMask: 0b100, referral: true, friendsHours: 2 };
    const instrumentEvents: ProcedureEvent[] = [...chairMoves(3), { type: 'ANSWERS', tally: PASS }, { type: 'ANSWERS', tally: FAIL }, { type: 'ACT', ends: 2 }, { type: 'WALKOUT' }];
    for (const path of getShortestPaths(procedureMachine, { input: instruments, events: instrumentEvents })) reached.add(stateOf(path.state));
    const all = Object.keys(procedureMachine.root.states).filter((s) => !['consensusCheck', 'voteCount', 'declarationCheck'].includes(s));
    // transient check states are passed through on the way to adopted/objected
    for (const state of all) expect(reached, `state ${state}`).toContain(state);
  });

  it('offers a concession only in the round it is due', () => {
    const actor = createActor(procedureMachine, { input: input(consensusRule) }).start();
    for (const e of [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }] as ProcedureEvent[]) actor.send(e);
    expect(stateOf(actor.getSnapshot())).toBe('objected');
    expect(actor.getSnapshot().can({ type: 'OFFER_CONCESSION' })).toBe(true); // due in round 1
    actor.send({ type: 'CONSULT' });
    actor.send({ type: 'ANSWERS', tally: FAIL });
    actor.send({ type: 'CALL_FOR_CONSENSUS' });
    expect(actor.getSnapshot().can({ type: 'OFFER_CONCESSION' })).toBe(false); // round 1 has passed
  });

  it('adopts on a passing call for consensus and records the option', () => {
    const actor = createActor(procedureMachine, { input: input(consensusRule) }).start();
    for (const e of [{ type: 'TABLE', option: 1 }, { type: 'ANSWERS', tally: PASS }, { type: 'CALL_FOR_CONSENSUS' }] as ProcedureEvent[]) actor.send(e);
    expect(stateOf(actor.getSnapshot())).toBe('adopted');
    expect(actor.getSnapshot().context.adopted).toBe(1);
    expect(actor.getSnapshot().context.hours).toBe(1);
  });

  it('never tables an option twice and never consults beyond the round limit', () => {
    const actor = createActor(procedureMachine, { input: input(consensusRule, 1) }).start();
    actor.send({ type: 'TABLE', option: 0 });
    actor.send({ type: 'ANSWERS', tally: FAIL });
    actor.send({ type: 'CALL_FOR_CONSENSUS' });
    actor.send({ type: 'CONSULT' });
    actor.send({ type: 'ANSWERS', tally: FAIL });
    actor.send({ type: 'CALL_FOR_CONSENSUS' });
    expect(actor.getSnapshot().can({ type: 'CONSULT' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'TABLE', option: 0 })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'TABLE', option: 1 })).toBe(true);
  });

  it('the compiled interpreter used by the Monte Carlo agrees with the XState actor on any event sequence', () => {
    const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
    const ruleArb = fc.constantFrom(consensusRule, vote, consensusThenVote);
    const eventArb = fc.constantFrom(...EVENTS);
    fc.assert(
      fc.property(ruleArb, fc.integer({ min: 0, max: 3 }), fc.array(eventArb, { maxLength: 40 }), (rule, rounds, events) => {
        const actor = createActor(procedureMachine, { input: input(rule, rounds) }).start();
        const config: Configuration<ProcedureContext> = { state: compiled.initial, context: initialContext(input(rule, rounds)) };
        for (const event of events) {
          if (actor.getSnapshot().status === 'done') {
            // a finished actor ignores events (XState warns); the interpreter must ignore them too
            if (send(compiled, config, event)) return false;
            continue;
          }
          actor.send(event);
          send(compiled, config, event);
          const snapshot = actor.getSnapshot();
          if (stateOf(snapshot) !== compiled.states[config.state]) return false;
          expect(plain(config.context)).toEqual(plain(snapshot.context));
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });
});
