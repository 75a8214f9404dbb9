import { describe, expect, it } from 'vitest';
import { machineGraph, mermaid, PROCEDURE_STATE_TITLES } from '../../src/procedure/diagram';
import { procedureMachine } from '../../src/procedure/machine';
import { STANCE_EVENTS, stanceMachine } from '../../src/floor/stanceMachine';

/** Every state, event, guard and action of a machine, read from its configuration (not from the graph walker). */
function configured(config: { states: Record<string, { on?: Record<string, unknown>; always?: unknown }> }) {
  const states = Object.keys(config.states);
  const events = new Set<string>();
  const guards = new Set<string>();
  const actions = new Set<string>();
  const visit = (t: unknown) => {
    for (const x of Array.isArray(t) ? t : [t]) {
      if (typeof x !== 'object' || x === null) continue;
      const { guard, actions: a } = x as { guard?: string; actions?: string | string[] };
      if (guard) guards.add(guard);
      for (const name of a === undefined ? [] : Array.isArray(a) ? a : [a]) actions.add(name);
    }
  };
  for (const node of Object.values(config.states)) {
    for (const [event, t] of Object.entries(node.on ?? {})) {
      events.add(event);
      visit(t);
    }
    visit(node.always);
  }
  return { states, events: [...events], guards: [...guards], actions: [...actions] };
}

const edgesOf = (text: string) => text.split('\n').filter((l) => l.includes('-->'));

describe('mermaid diagrams of the statecharts', () => {
  it('shows every state, event, guard and action of the procedure machine', () => {
    const text = mermaid(procedureMachine, { titles: PROCEDURE_STATE_TITLES });
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    const c = configured(procedureMachine.config as never);
    expect(c.states.length).toBe(14); // 10, and the instruments' declared, declarationCheck, friendsMeeting, referred
    for (const s of c.states) expect(text).toMatch(new RegExp(`(^|\\s)${s}(\\s|$)`, 'm'));
    for (const e of c.events) expect(edgesOf(text).some((l) => l.includes(` : ${e}`))).toBe(true);
    for (const g of c.guards) expect(text).toContain(`[${g}]`);
    for (const a of c.actions) expect(text).toContain(a);
    expect(text).toContain('[*] --> chairToMove');
    for (const f of ['adopted', 'noDecision', 'deferred', 'referred']) expect(text).toContain(`${f} --> [*]`);
  });

  it('includes the eventless transitions that machine.definition leaves out', () => {
    const text = mermaid(procedureMachine);
    expect(text).toContain('consensusCheck --> adopted : [ruleAdopts] / recordConsensusPassed, recordAdoption');
    expect(text).toContain('consensusCheck --> objected : [else] / recordConsensusFailed');
    expect(text).toContain('voteCount --> adopted : [voteAdopts]');
  });

  it('has one edge per transition of the procedure machine, in document order', () => {
    const g = machineGraph(procedureMachine);
    const c = configured(procedureMachine.config as never);
    let count = 0;
    for (const node of Object.values((procedureMachine.config as { states: Record<string, { on?: Record<string, unknown>; always?: unknown[] }> }).states)) {
      // an event with several guarded transitions (ACT) has one edge per transition
      count += Object.values(node.on ?? {}).reduce<number>((n, t) => n + (Array.isArray(t) ? t.length : 1), 0) + (node.always?.length ?? 0);
    }
    expect(g.edges.length).toBe(count);
    expect(edgesOf(mermaid(procedureMachine)).length).toBe(count + 1 + 4); // + initial + four finals (adopted, no decision, deferred, referred)
    expect(new Set(g.edges.map((e) => e.event).filter(Boolean))).toEqual(new Set(c.events));
  });

  it('groups the stance machine by pair of states and still names every event on every state', () => {
    const text = mermaid(stanceMachine);
    const c = configured(stanceMachine.config as never);
    for (const s of c.states) expect(text).toMatch(new RegExp(`(^|\\s)${s}(\\s|$)`, 'm'));
    for (const e of STANCE_EVENTS) expect(text).toContain(e);
    // complete: every (state, event) transition appears on the edge of its target
    const g = machineGraph(stanceMachine);
    for (const e of g.edges) {
      const line = edgesOf(text).find((l) => l.startsWith(`  ${e.from} --> ${e.to} : `));
      expect(line, `${e.from} --${e.event}--> ${e.to}`).toBeDefined();
      expect(line!.split(' : ')[1].split(', ')).toContain(e.event);
    }
    // grouped: at most one edge per pair of states
    const pairs = edgesOf(text).map((l) => l.split(' : ')[0]);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('is deterministic', () => {
    expect(mermaid(procedureMachine)).toBe(mermaid(procedureMachine));
  });
});
