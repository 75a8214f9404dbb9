/**
 * A compiled form of a flat statechart for the Monte Carlo hot path: the state nodes are walked once (including
 * `always` transitions, which `machine.definition` omits) into arrays; guards are the same named pure functions the
 * XState `setup()` wraps, and context updates the same named in-place mutators the machine's `assign`s are derived
 * from (one definition each). A test drives the real XState actor and this interpreter with the same event
 * sequences and checks they agree, state by state.
 *
 * The compiler refuses what it cannot run, naming the state: `entry`/`exit` actions, delayed (`after`)
 * transitions, invoked actors, nested, parallel or history states, global (root) transitions and unnamed (inline)
 * guards or actions. Anything it accepts runs exactly as XState runs it: transitions in document order, the first
 * whose guard passes, then eventless transitions until the configuration is stable.
 */
import type { AnyStateMachine } from 'xstate';

/** An update applied in place: the context after it equals what XState's `assign` of the same update gives. */
export type InPlaceUpdate<C, E> = (context: C, event: E) => void;
type PureUpdate<C, E> = (context: C, event: E) => C;

export interface CompiledTransition<C, E> {
  readonly guard?: (context: C, event: E) => boolean;
  readonly target: number;
  /** the updates on a copy of the context (for a context other holders may keep, see `Configuration.owned`) */
  readonly updates: readonly PureUpdate<C, E>[];
  /** the same updates applied in place */
  readonly mutations: readonly InPlaceUpdate<C, E>[];
}

export interface CompiledMachine<C, E extends { type: string }> {
  readonly states: readonly string[];
  readonly initial: number;
  readonly final: readonly boolean[];
  /** per state: event type → candidate transitions in document order */
  readonly on: readonly ReadonlyMap<string, readonly CompiledTransition<C, E>[]>[];
  readonly always: readonly (readonly CompiledTransition<C, E>[])[];
}

/** The machine uses something the interpreter cannot run (a programming error in a machine definition). */
export class UncompilableMachineError extends Error {
  constructor(machine: string, where: string, what: string) {
    super(`cannot compile machine "${machine}": ${where} ${what}`);
    this.name = 'UncompilableMachineError';
  }
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
  entry?: readonly unknown[];
  exit?: readonly unknown[];
  after?: readonly unknown[];
  invoke?: readonly unknown[];
}

/** The name of a guard or action reference, or undefined for inline logic. */
const nameOf = (x: unknown): string | undefined => {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string') return (x as { type: string }).type;
  return undefined;
};

/** The pure form of an in-place update: the same assignments on a copy. */
export const copying =
  <C, E>(mutate: InPlaceUpdate<C, E>): PureUpdate<C, E> =>
  (context, event) => {
    const next = { ...context };
    mutate(next, event);
    return next;
  };

/** What the interpreter cannot run in a node, as the words of an error, or undefined. */
function unsupported(node: RawNode, root: boolean): string | undefined {
  if ((node.after?.length ?? 0) > 0) return 'has delayed (after) transitions (time is simulated: send an event)';
  if ((node.entry?.length ?? 0) > 0) return 'has entry actions (write them as actions of the transitions into it)';
  if ((node.exit?.length ?? 0) > 0) return 'has exit actions (write them as actions of the transitions out of it)';
  if ((node.invoke?.length ?? 0) > 0) return 'invokes an actor';
  if (root) return node.transitions.size > 0 || (node.always?.length ?? 0) > 0 ? 'has transitions on the machine itself (put them on states)' : undefined;
  if (node.type === 'parallel') return 'is a parallel state';
  if (node.type === 'history') return 'is a history state';
  if (Object.keys(node.states ?? {}).length > 0) return 'has nested states (the interpreter runs flat machines)';
  return undefined;
}

/**
 * Compiles a flat machine. `guards` and `mutators` are the named implementations the machine's `setup()` wraps;
 * the pure updates are derived from the mutators. Throws an `UncompilableMachineError` naming the state for
 * anything it cannot run.
 */
export function compileMachine<C, E extends { type: string }>(
  machine: AnyStateMachine,
  guards: Record<string, (context: C, event: E) => boolean>,
  mutators: Record<string, InPlaceUpdate<C, E>>,
): CompiledMachine<C, E> {
  const root = machine.root as unknown as RawNode & { initial?: { target: { key: string }[] } };
  const id = machine.id;
  const rootProblem = unsupported(root, true);
  if (rootProblem !== undefined) throw new UncompilableMachineError(id, 'the machine', rootProblem);
  const nodes = Object.values(root.states);
  for (const n of nodes) {
    const problem = unsupported(n, false);
    if (problem !== undefined) throw new UncompilableMachineError(id, `state "${n.key}"`, problem);
  }
  const states = nodes.map((n) => n.key);
  const pureOf = new Map<string, PureUpdate<C, E>>();
  const compile = (t: RawTransition, from: string, on: string): CompiledTransition<C, E> => {
    const where = `state "${from}"`;
    const target = t.target === undefined || t.target.length === 0 ? states.indexOf(from) : states.indexOf(t.target[0].key);
    if (target < 0) throw new UncompilableMachineError(id, where, `has a transition on ${on} to a state outside the machine's top level`);
    let guard: ((context: C, event: E) => boolean) | undefined;
    if (t.guard !== undefined) {
      const name = nameOf(t.guard);
      if (name === undefined) throw new UncompilableMachineError(id, where, `has an unnamed (inline) guard on ${on}: name it in setup({ guards })`);
      guard = guards[name];
      if (guard === undefined) throw new UncompilableMachineError(id, where, `uses guard "${name}" on ${on}, which has no implementation here`);
    }
    const mutations = t.actions.map((a) => {
      const name = nameOf(a);
      if (name === undefined) throw new UncompilableMachineError(id, where, `has an unnamed (inline) action on ${on}: name it in setup({ actions })`);
      const m = mutators[name];
      if (m === undefined) throw new UncompilableMachineError(id, where, `uses action "${name}" on ${on}, which has no implementation here`);
      return m;
    });
    const updates = t.actions.map((a) => {
      const name = nameOf(a)!;
      let p = pureOf.get(name);
      if (p === undefined) pureOf.set(name, (p = copying(mutators[name])));
      return p;
    });
    return { ...(guard !== undefined ? { guard } : {}), target, updates, mutations };
  };
  const initialKey = root.initial?.target?.[0]?.key ?? states[0];
  return {
    states,
    initial: states.indexOf(initialKey),
    final: nodes.map((n) => n.type === 'final'),
    on: nodes.map((n) => new Map([...n.transitions.entries()].map(([type, ts]) => [type, ts.map((t) => compile(t, n.key, type))]))),
    always: nodes.map((n) => (n.always ?? []).map((t) => compile(t, n.key, 'an eventless (always) transition'))),
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

/** Would `event` be taken in the current state (a transition for its type whose guard passes)? Like `snapshot.can()`. */
export function accepts<C, E extends { type: string }>(machine: CompiledMachine<C, E>, config: Configuration<C>, event: E): boolean {
  if (machine.final[config.state]) return false;
  const candidates = machine.on[config.state].get(event.type);
  if (candidates === undefined) return false;
  for (let k = 0; k < candidates.length; k++) {
    const guard = candidates[k].guard;
    if (guard === undefined || guard(config.context, event)) return true;
  }
  return false;
}

/**
 * The events of `candidates` accepted now (as `snapshot.can()` would say), in their order, written into `out`
 * (cleared first; no allocation) and returned.
 */
export function acceptedEvents<C, E extends { type: string }>(machine: CompiledMachine<C, E>, config: Configuration<C>, candidates: readonly E[], out: E[] = []): E[] {
  out.length = 0;
  for (let k = 0; k < candidates.length; k++) if (accepts(machine, config, candidates[k])) out.push(candidates[k]);
  return out;
}

/** Per state: the candidate events the state has transitions for, with those transitions (computed once). */
export type CandidateTable<C, E> = readonly (readonly { readonly event: E; readonly transitions: readonly CompiledTransition<C, E>[] }[])[];

export function candidateTable<C, E extends { type: string }>(machine: CompiledMachine<C, E>, candidates: readonly E[]): CandidateTable<C, E> {
  return machine.states.map((_, state) =>
    machine.final[state] ? [] : candidates.flatMap((event) => {
      const transitions = machine.on[state].get(event.type);
      return transitions === undefined ? [] : [{ event, transitions }];
    }),
  );
}

/** `acceptedEvents` over a candidate table: the same set, without looking up event types (the Monte Carlo's path). */
export function acceptedFromTable<C, E>(table: CandidateTable<C, E>, config: Configuration<C>, out: E[]): E[] {
  out.length = 0;
  const entries = table[config.state];
  const context = config.context;
  for (let k = 0; k < entries.length; k++) {
    const { event, transitions } = entries[k];
    for (let t = 0; t < transitions.length; t++) {
      const guard = transitions[t].guard;
      if (guard === undefined || guard(context, event)) {
        out.push(event);
        break;
      }
    }
  }
  return out;
}

/** The first event of a state's candidates (in table order) that is accepted now, or undefined: lazy `acceptedEvents()[0]`. */
export function firstAcceptedFromTable<C, E>(table: CandidateTable<C, E>, config: Configuration<C>): E | undefined {
  const entries = table[config.state];
  const context = config.context;
  for (let k = 0; k < entries.length; k++) {
    const { event, transitions } = entries[k];
    for (let t = 0; t < transitions.length; t++) {
      const guard = transitions[t].guard;
      if (guard === undefined || guard(context, event)) return event;
    }
  }
  return undefined;
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
