/**
 * The instruments as statechart paths (issue 13): for each instrument, the states and events it adds are reached by
 * walking the machine (xstate/graph) with the instrument provided, and never without it; at every reachable state
 * the compiled interpreter accepts exactly what `snapshot.can()` accepts, and the in-order chair's lazy choice is
 * one of them.
 */
import { createActor, getNextSnapshot } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { acceptedEvents, candidateTable, compileMachine, firstAcceptedFromTable, send, type Configuration } from '../../src/procedure/interpreter';
import { ACT_CHANGES_ITEM, ACT_ENDS_ITEM, chairMoves, checks, mutators, procedureMachine, type ChairEvent, type ProcedureContext, type ProcedureEvent, type ProcedureInput } from '../../src/procedure/machine';
import { consensusRule } from '../../src/rules/consensus';
import { inOrderChair } from '../../src/chair/inOrder';
import { writtenProcedureRule } from '../../src/rules/writtenProcedure';
import { tally } from '../helpers';

const PASS = tally({ support: 3 });
const FAIL = tally({ support: 1, object: 2 });
const SMALL = tally({ support: 2 }); // two present: below a quorum of 3

const base = (over: Partial<ProcedureInput> = {}): ProcedureInput => ({
  rule: consensusRule,
  options: ['a', 'b', 'c'],
  concessionRounds: [[], [], []],
  itemBudgetHours: 8,
  hoursToTable: 1,
  hoursPerRound: 2,
  maxRoundsPerOption: 1,
  ...over,
});

type Snap = ReturnType<typeof procedureMachine.transition>;
const serialize = (s: Snap): string => {
  const c = s.context;
  return JSON.stringify([s.value, c.option, c.tabledMask, c.round, c.hours, c.adopted, c.lastCheck, c.tally?.object, c.tally?.members, c.friendsMask, c.failedMask, c.deferredBy, c.settledBy, c.quorumFailed]);
};

const floorEvents: ProcedureEvent[] = [
  { type: 'ANSWERS', tally: PASS },
  { type: 'ANSWERS', tally: FAIL },
  { type: 'ANSWERS', tally: SMALL },
  { type: 'ACT', ends: 2 },
  { type: 'ACT', ends: ACT_ENDS_ITEM },
  { type: 'ACT', ends: ACT_CHANGES_ITEM },
  { type: 'WALKOUT' },
];
const events = (options: number): ProcedureEvent[] => [...chairMoves(options), ...floorEvents];

/** every state the machine reaches with this input, and the events taken into them */
function walk(input: ProcedureInput): { states: Set<string>; chairEvents: Set<string> } {
  const states = new Set<string>();
  const chairEvents = new Set<string>();
  for (const path of getShortestPaths(procedureMachine, { input, events: events(input.options.length), serializeState: (s) => serialize(s as Snap) })) {
    states.add(String(path.state.value));
    for (const step of path.steps) chairEvents.add(step.event.type);
  }
  return { states, chairEvents };
}

const stateAfter = (input: ProcedureInput, sequence: readonly ProcedureEvent[]): { value: string; context: ProcedureContext } => {
  const actor = createActor(procedureMachine, { input }).start();
  for (const e of sequence) actor.send(e);
  const s = actor.getSnapshot();
  return { value: String(s.value), context: s.context };
};

describe('instruments as statechart paths', () => {
  it('without instruments, none of their states or chair events is reachable', () => {
    const { states, chairEvents } = walk(base());
    for (const s of ['declared', 'declarationCheck', 'friendsMeeting', 'referred']) expect(states.has(s), s).toBe(false);
    for (const e of ['DRAFT', 'DECLARE', 'CONVENE_FRIENDS', 'REFER']) expect(chairEvents.has(e), e).toBe(false);
  });

  it('drafting: DRAFT brings the drafted text to the floor, only a draft, and TABLE never does', () => {
    const input = base({ draftMask: 0b100 });
    const { chairEvents } = walk(input);
    expect(chairEvents.has('DRAFT')).toBe(true);
    const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
    const after = stateAfter(input, [{ type: 'DRAFT', option: 2 }, { type: 'ANSWERS', tally: PASS }, { type: 'CALL_FOR_CONSENSUS' }]);
    expect(after).toMatchObject({ value: 'adopted', context: { adopted: 2 } });
    const start: Configuration<ProcedureContext> = { state: compiled.initial, context: createActor(procedureMachine, { input }).start().getSnapshot().context };
    const accepted = acceptedEvents(compiled, start, chairMoves(3)).map((e) => JSON.stringify(e));
    expect(accepted).toContain(JSON.stringify({ type: 'DRAFT', option: 2 }));
    expect(accepted).not.toContain(JSON.stringify({ type: 'TABLE', option: 2 }));
    expect(accepted).not.toContain(JSON.stringify({ type: 'DRAFT', option: 0 }));
  });

  it("the chair's action: DECLARE → declared → adopted when nobody objects, objected when someone does", () => {
    const input = base({ declaredMask: 0b001 });
    const { states } = walk(input);
    expect(states.has('declared')).toBe(true);
    expect(stateAfter(input, [{ type: 'DECLARE', option: 0 }, { type: 'ANSWERS', tally: tally({ accept: 2, abstain: 1 }) }])).toMatchObject({ value: 'adopted', context: { adopted: 0, settledBy: 'declaration' } });
    expect(stateAfter(input, [{ type: 'DECLARE', option: 0 }, { type: 'ANSWERS', tally: FAIL }])).toMatchObject({ value: 'objected', context: { failedMask: 1 } });
  });

  it('friends of the chair: after an objection, once per option, then the plenary is asked again; never under a written procedure', () => {
    const input = base({ friendsHours: 3 });
    expect(walk(input).states.has('friendsMeeting')).toBe(true);
    const after = stateAfter(input, [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }, { type: 'CONVENE_FRIENDS' }, { type: 'ANSWERS', tally: PASS }]);
    expect(after).toMatchObject({ value: 'positionsStated', context: { friendsMask: 1, hours: 4 } });
    const again = createActor(procedureMachine, { input }).start();
    for (const e of [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }, { type: 'CONVENE_FRIENDS' }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }] as ProcedureEvent[]) again.send(e);
    expect(again.getSnapshot().can({ type: 'CONVENE_FRIENDS' })).toBe(false);
    expect(walk(base({ friendsHours: 3, rule: writtenProcedureRule({ count: 1 }) })).states.has('friendsMeeting')).toBe(false);
  });

  it('referral: REFER ends the item as referred, distinct from deferred; deferral says why', () => {
    const input = base({ referral: true });
    expect(walk(input).states.has('referred')).toBe(true);
    expect(stateAfter(input, [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }, { type: 'REFER' }]).value).toBe('referred');
    expect(stateAfter(input, [{ type: 'DEFER' }]).context.deferredBy).toBe('chair');
    const late = base({ itemBudgetHours: 1 });
    expect(stateAfter(late, [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }, { type: 'DEFER' }]).context.deferredBy).toBe('time');
  });

  it('a voluntary act in consultations ends the item (adopted or no decision) or changes it (the round goes on)', () => {
    const objected = [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: FAIL }, { type: 'CALL_FOR_CONSENSUS' }, { type: 'CONSULT' }] as ProcedureEvent[];
    expect(stateAfter(base(), [...objected, { type: 'ACT', ends: 2 }])).toMatchObject({ value: 'adopted', context: { adopted: 2, settledBy: 'act' } });
    expect(stateAfter(base(), [...objected, { type: 'ACT', ends: ACT_ENDS_ITEM }])).toMatchObject({ value: 'noDecision', context: { settledBy: 'act' } });
    expect(stateAfter(base(), [...objected, { type: 'ACT', ends: ACT_CHANGES_ITEM }])).toMatchObject({ value: 'consulting', context: { settledBy: '' } });
    // not on the chair's turn
    expect(stateAfter(base(), [{ type: 'ACT', ends: 2 }]).value).toBe('chairToMove');
  });

  it('a quorum: a check with fewer present than the quorum fails, whatever the stances', () => {
    const input = base({ quorum: 3 });
    expect(stateAfter(input, [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: SMALL }, { type: 'CALL_FOR_CONSENSUS' }])).toMatchObject({ value: 'objected', context: { quorumFailed: true } });
    expect(stateAfter(input, [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: PASS }, { type: 'CALL_FOR_CONSENSUS' }]).value).toBe('adopted');
    expect(stateAfter(base(), [{ type: 'TABLE', option: 0 }, { type: 'ANSWERS', tally: SMALL }, { type: 'CALL_FOR_CONSENSUS' }]).value).toBe('adopted');
  });

  it('with every instrument: at every reachable state the compiled interpreter accepts what snapshot.can() accepts, agrees with XState on every event, and the in-order chair picks one', () => {
    const compiled = compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as never);
    const input = base({ draftMask: 0b100, declaredMask: 0b010, referral: true, friendsHours: 2, quorum: 3, itemBudgetHours: 6, sessionHours: 7 });
    const candidates = chairMoves(3);
    const order = inOrderChair.preference!;
    const rank = (t: ChairEvent['type']) => (order.includes(t) ? order.indexOf(t) : order.length);
    const table = candidateTable(compiled, candidates).map((entries) => [...entries].sort((a, b) => rank(a.event.type) - rank(b.event.type)));
    const map = getAdjacencyMap(procedureMachine, { input, events: events(3), serializeState: (s) => serialize(s as Snap), limit: 50_000 });
    let states = 0;
    for (const { state } of Object.values(map) as { state: Snap }[]) {
      states++;
      const config: Configuration<ProcedureContext> = { state: compiled.states.indexOf(String(state.value)), context: state.context };
      const accepted = acceptedEvents(compiled, config, candidates);
      const can = state.status === 'done' ? [] : candidates.filter((e) => state.can(e));
      expect(accepted.map((e) => JSON.stringify(e)).sort(), String(state.value)).toEqual(can.map((e) => JSON.stringify(e)).sort());
      if (accepted.length > 0) {
        const choice = firstAcceptedFromTable(table, config);
        expect(accepted).toContain(choice);
        expect(inOrderChair.choose(accepted, undefined as never)).toBe(choice);
      }
      for (const event of events(3)) {
        const next = getNextSnapshot(procedureMachine, state, event) as Snap;
        const mine: Configuration<ProcedureContext> = { state: config.state, context: state.context };
        send(compiled, mine, event);
        expect(compiled.states[mine.state], `${String(state.value)} + ${event.type}`).toBe(String(next.value));
      }
    }
    expect(states).toBeGreaterThan(50);
  });
});
