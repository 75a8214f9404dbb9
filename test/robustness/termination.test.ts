/**
 * The procedure terminates by construction, shown over the statechart's whole reachable state space
 * (xstate/graph `getAdjacencyMap`) with a finite event alphabet: TABLE 0..k (k is out of range), ANSWERS with a
 * passing and a failing tally, and every chair move. For every rule in the registry and small inputs:
 *   - the reachable state space is finite (the traversal ends; its size is reported),
 *   - ignoring refused events (which leave the state unchanged), the transition graph has no cycle,
 *   - every reachable non-final state can reach a final state,
 *   - no path is longer than options × (3 + 3 × rounds + 1) + 1 events: tabling, answers and a call per option,
 *     three events per consultation round, at most one fallback vote per option, one closing move.
 * A cycle would need an event that consumes no bounded resource (tabled options, rounds, votes); there is none.
 */
import { getAdjacencyMap } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { chairMoves, procedureMachine, type ProcedureEvent, type ProcedureInput } from '../../src/procedure/machine';
import { parseRule } from '../../src/rules/registry';
import type { DecisionRule } from '../../src/rules/types';
import { ruleSpecs, tallyFor } from './arbitraries';

function alphabet(rule: DecisionRule, options: number): ProcedureEvent[] {
  // every chair move, TABLE of one option more than there is (refused), and a passing and a failing floor
  return [...chairMoves(options + 1), { type: 'ANSWERS', tally: tallyFor(rule, true) }, { type: 'ANSWERS', tally: tallyFor(rule, false) }];
}

type Snap = ReturnType<typeof procedureMachine.transition>;
/** The state value and the context that changes (the rule and the input are fixed). */
function key(s: Snap): string {
  const c = s.context;
  return JSON.stringify([s.value, c.option, c.tabledMask, c.round, c.rounds, c.hours, c.voted, c.adopted, c.lastCheck, c.tally?.object]);
}

interface Analysis {
  readonly states: number;
  readonly finals: number;
  readonly longest: number;
  readonly stuck: string[];
  readonly cycle: boolean;
}

function analyse(input: ProcedureInput): Analysis {
  const events = alphabet(input.rule, input.options.length);
  const map = getAdjacencyMap(procedureMachine, { input, events, serializeState: (s) => key(s as Snap), limit: 200_000 });
  const entries = Object.entries(map) as [string, { state: unknown; transitions: Record<string, { state: unknown }> }][];
  const nodes = entries.map(([id]) => id);
  const next = new Map<string, string[]>();
  const final = new Set<string>();
  for (const [id, { state, transitions }] of entries) {
    if ((state as Snap).status === 'done') final.add(id);
    const out = new Set<string>();
    for (const t of Object.values(transitions)) {
      const to = key(t.state as Snap);
      if (to !== id) out.add(to); // a refused event leaves the state as it was
    }
    next.set(id, [...out]);
  }
  // cycle check and longest path (in events) by depth-first search with colours
  const colour = new Map<string, 1 | 2>();
  const longest = new Map<string, number>();
  let cycle = false;
  const visit = (id: string): number => {
    const c = colour.get(id);
    if (c === 2) return longest.get(id)!;
    if (c === 1) {
      cycle = true;
      return 0;
    }
    colour.set(id, 1);
    let best = 0;
    for (const to of next.get(id) ?? []) best = Math.max(best, 1 + visit(to));
    colour.set(id, 2);
    longest.set(id, best);
    return best;
  };
  const initial = key(procedureMachine.getInitialSnapshot({} as never, input) as Snap);
  const fromStart = visit(initial);
  for (const id of nodes) visit(id);
  // every state reaches a final state: backwards from the finals
  const prev = new Map<string, string[]>();
  for (const [from, tos] of next) for (const to of tos) prev.set(to, [...(prev.get(to) ?? []), from]);
  const reaches = new Set(final);
  const queue = [...final];
  while (queue.length > 0) for (const from of prev.get(queue.pop()!) ?? []) if (!reaches.has(from)) (reaches.add(from), queue.push(from));
  return { states: nodes.length, finals: final.size, longest: fromStart, stuck: nodes.filter((id) => !reaches.has(id)), cycle };
}

const input = (rule: DecisionRule, options: number, rounds: number, budget = 1000): ProcedureInput => ({
  rule,
  options: Array.from({ length: options }, (_, i) => `o${i}`),
  concessionRounds: Array.from({ length: options }, (_, i) => (i === 0 ? [1] : [])),
  itemBudgetHours: budget,
  hoursToTable: 1,
  hoursPerRound: 2,
  maxRoundsPerOption: rounds,
});

const bound = (options: number, rounds: number) => options * (3 + 3 * rounds + 1) + 1;

describe('the procedure statechart terminates by construction', () => {
  const rules = ruleSpecs().map((spec) => parseRule(spec) as DecisionRule);

  it.each(rules.map((r) => [r.spec, r] as const))('%s: 2 options, 2 rounds per option', (_spec, rule) => {
    const a = analyse(input(rule, 2, 2));
    expect(a.cycle).toBe(false);
    expect(a.stuck).toEqual([]);
    expect(a.finals).toBeGreaterThan(0);
    expect(a.states).toBeLessThan(10_000);
    expect(a.longest).toBeLessThanOrEqual(bound(2, 2));
    // the bound is tight up to the fallback vote: every round can be used on every option, except under a
    // written procedure, which is one circulation per option (no consultation rounds)
    expect(a.longest).toBeGreaterThanOrEqual(rule.mode === 'written' ? 2 * 3 + 1 : 2 * (3 + 3 * 2) + 1);
    if (rule.mode === 'written') expect(a.longest).toBe(2 * 3 + 1); // table, answers, circulate per option; close
  });

  it('the longest path grows with options and rounds exactly as the bound says (consensus then vote)', () => {
    const rule = parseRule('consensus-then-vote:2/3') as DecisionRule;
    expect(rule.fallback).toBeDefined();
    for (const [options, rounds] of [[1, 0], [1, 1], [2, 0], [2, 2], [3, 1]]) {
      const a = analyse(input(rule, options, rounds));
      expect(a.cycle).toBe(false);
      expect(a.stuck).toEqual([]);
      expect(a.longest, `${options} options, ${rounds} rounds`).toBe(bound(options, rounds));
    }
  });

  it('zero rounds and tiny budgets still end (deferral when time runs out)', () => {
    const rule = parseRule('consensus') as DecisionRule;
    for (const budget of [0, 0.5, 1, 3]) {
      const a = analyse(input(rule, 2, 2, budget));
      expect(a.cycle).toBe(false);
      expect(a.stuck).toEqual([]);
      expect(a.longest).toBeLessThanOrEqual(bound(2, 2));
    }
    expect(analyse(input(rule, 2, 2, 0)).longest).toBe(1); // nothing fits: DEFER or CLOSE at once
  });
});
