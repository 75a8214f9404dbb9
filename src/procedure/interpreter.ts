/**
 * A compiled form of a flat statechart for the Monte Carlo hot path: the state nodes are walked once (including
 * `always` transitions, which `machine.definition` omits) into arrays, and guards and context updates are the same
 * named pure functions the XState `setup()` wraps. A test drives the real XState actor and this interpreter with the
 * same event sequences and checks they agree, state by state.
 */
import type { AnyStateMachine } from 'xstate';

export interface CompiledTransition<C, E> {
  readonly guard?: (context: C, event: E) => boolean;
  readonly target: number;
  readonly updates: readonly ((context: C, event: E) => C)[];
  /** the same updates applied in place, for a context owned by one configuration (see `Configuration.owned`) */
  readonly mutations: readonly ((context: C, event: E) => void)[];
}

/** An update applied in place: must leave the context equal to what the pure update returns. */
export type InPlaceUpdate<C, E> = (context: C, event: E) => void;

export interface CompiledMachine<C, E extends { type: string }> {
  readonly states: readonly string[];
  readonly initial: number;
  readonly final: readonly boolean[];
  /** per state: event type → candidate transitions in document order */
  readonly on: readonly ReadonlyMap<string, readonly CompiledTransition<C, E>[]>[];
  readonly always: readonly (readonly CompiledTransition<C, E>[])[];
}

interface RawTransition {
  guard?: unknown;
  target?: readonly { key: string }[];
  actions: readonly unknown[];
}
interface RawNode {
  key: string;
  type: string;
  transitions: Map<string, RawTransition[]>;
  always?: RawTransition[];
  states: Record<string, RawNode>;
}

const nameOf = (x: unknown, what: string): string => {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string') return (x as { type: string }).type;
  throw new Error(`only named ${what}s can be compiled`);
};

/** Walks the state nodes of a flat machine. Throws (a programming error) on nested states or unnamed logic. */
export function compileMachine<C, E extends { type: string }>(
  machine: AnyStateMachine,
  guards: Record<string, (context: C, event: E) => boolean>,
  updates: Record<string, (context: C, event: E) => C>,
  /**
   * optional in-place versions of some updates (an optimisation for the Monte Carlo: no object per event); an
   * update without one is applied in place generically, by copying the pure update's result into the context
   */
  inPlace: Partial<Record<string, InPlaceUpdate<C, E>>> = {},
): CompiledMachine<C, E> {
  const root = machine.root as unknown as RawNode & { initial?: { target: { key: string }[] } };
  const nodes = Object.values(root.states);
  const states = nodes.map((n) => n.key);
  const compile = (t: RawTransition, from: string): CompiledTransition<C, E> => {
    const target = t.target === undefined || t.target.length === 0 ? states.indexOf(from) : states.indexOf(t.target[0].key);
    if (target < 0) throw new Error(`transition from ${from} to an unknown state`);
    const guardName = t.guard === undefined ? undefined : nameOf(t.guard, 'guard');
    if (guardName !== undefined && !guards[guardName]) throw new Error(`guard ${guardName} has no implementation`);
    const names = t.actions.map((a) => nameOf(a, 'action'));
    const updateList = names.map((name) => {
      const f = updates[name];
      if (!f) throw new Error(`action ${name} has no implementation`);
      return f;
    });
    const mutations = names.map((name, k): InPlaceUpdate<C, E> => inPlace[name] ?? ((context, event) => void Object.assign(context as object, updateList[k](context, event))));
    return { ...(guardName !== undefined ? { guard: guards[guardName] } : {}), target, updates: updateList, mutations };
  };
  for (const n of nodes) if (Object.keys(n.states ?? {}).length > 0) throw new Error(`state ${n.key} is nested; the interpreter handles flat machines`);
  const initialKey = root.initial?.target?.[0]?.key ?? states[0];
  return {
    states,
    initial: states.indexOf(initialKey),
    final: nodes.map((n) => n.type === 'final'),
    on: nodes.map((n) => new Map([...n.transitions.entries()].map(([type, ts]) => [type, ts.map((t) => compile(t, n.key))]))),
    always: nodes.map((n) => (n.always ?? []).map((t) => compile(t, n.key))),
  };
}

export interface Configuration<C> {
  state: number;
  context: C;
  /**
   * the context object belongs to this configuration alone (nobody keeps a reference to it): updates mutate it in
   * place instead of creating a new context per event. Same values either way (XState's assign semantics).
   */
  owned?: boolean;
}

function take<C, E>(candidates: readonly CompiledTransition<C, E>[] | undefined, config: Configuration<C>, event: E): boolean {
  if (!candidates) return false;
  for (let k = 0; k < candidates.length; k++) {
    const t = candidates[k];
    if (t.guard === undefined || t.guard(config.context, event)) {
      if (config.owned === true) {
        for (let u = 0; u < t.mutations.length; u++) t.mutations[u](config.context, event);
      } else {
        let context = config.context;
        for (const update of t.updates) context = update(context, event);
        config.context = context;
      }
      config.state = t.target;
      return true;
    }
  }
  return false;
}

/**
 * Sends one event; follows eventless transitions until the configuration is stable. Returns false when the event
 * is not accepted in the current state (XState ignores such events too). Mutates `config`.
 */
export function send<C, E extends { type: string }>(machine: CompiledMachine<C, E>, config: Configuration<C>, event: E): boolean {
  if (machine.final[config.state]) return false;
  if (!take(machine.on[config.state].get(event.type), config, event)) return false;
  for (let guard = 0; guard < 1000 && take(machine.always[config.state], config, event); guard++) {
    // eventless transitions see the event that triggered the microstep, as in XState
  }
  return true;
}
