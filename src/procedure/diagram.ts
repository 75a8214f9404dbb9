/**
 * Mermaid `stateDiagram-v2` pictures of the statecharts, generated from the machine definitions themselves (the
 * state nodes, each node's `transitions` map and its `always` list, which `machine.definition` omits), so the
 * picture cannot drift from the model. Pure: a machine in, text out.
 *
 * Edges are labelled `EVENT [guard] / action, action`; eventless (`always`) edges show only `[guard]` (or
 * `[else]` for the unguarded last branch). Machines with many events per pair of states (the stance machine)
 * group them: one edge per (source, target) pair listing every event that takes it, so nothing is left out.
 */
import type { AnyStateMachine } from 'xstate';

interface NodeTransition {
  readonly guard?: unknown;
  readonly target?: readonly { readonly key: string }[];
  readonly actions: readonly unknown[];
}
interface Node {
  readonly key: string;
  readonly type: string;
  readonly description?: string;
  readonly transitions: ReadonlyMap<string, readonly NodeTransition[]>;
  readonly always?: readonly NodeTransition[];
  readonly states: Readonly<Record<string, Node>>;
}

/** One edge of the diagram, as read from the machine. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** event type, or undefined for an eventless (`always`) transition */
  readonly event?: string;
  readonly guard?: string;
  readonly actions: readonly string[];
}

export interface MachineGraph {
  readonly id: string;
  readonly initial: string;
  readonly states: readonly string[];
  readonly finals: readonly string[];
  readonly edges: readonly DiagramEdge[];
}

const nameOf = (x: unknown): string => {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string') return (x as { type: string }).type;
  if (typeof x === 'function') return x.name || 'inline';
  return 'inline';
};

/** Reads states and transitions of a flat machine from its state nodes. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root as unknown as Node & { initial?: { target?: readonly { key: string }[] } };
  const nodes = Object.values(root.states);
  const edges: DiagramEdge[] = [];
  const add = (node: Node, t: NodeTransition, event: string | undefined) => {
    const to = t.target && t.target.length > 0 ? t.target[0].key : node.key;
    edges.push({
      from: node.key,
      to,
      ...(event !== undefined ? { event } : {}),
      ...(t.guard !== undefined ? { guard: nameOf(t.guard) } : {}),
      actions: t.actions.map(nameOf),
    });
  };
  for (const node of nodes) {
    for (const [event, list] of node.transitions) for (const t of list) add(node, t, event);
    for (const t of node.always ?? []) add(node, t, undefined);
  }
  return {
    id: machine.id,
    initial: root.initial?.target?.[0]?.key ?? nodes[0]?.key ?? '',
    states: nodes.map((n) => n.key),
    finals: nodes.filter((n) => n.type === 'final').map((n) => n.key),
    edges,
  };
}

export interface DiagramOptions {
  /** one edge per (source, target) pair listing all its events; default: only when the machine has many events */
  readonly group?: boolean;
  /** human titles for states, shown inside the boxes */
  readonly titles?: Readonly<Record<string, string>>;
}

function edgeLabel(e: DiagramEdge, eventless: readonly DiagramEdge[]): string {
  const guard = e.guard !== undefined ? `[${e.guard}]` : e.event === undefined && eventless.length > 1 ? '[else]' : '';
  const head = [e.event, guard].filter((x) => x !== undefined && x !== '').join(' ');
  return e.actions.length > 0 ? `${head} / ${e.actions.join(', ')}` : head;
}

/** Mermaid `stateDiagram-v2` text for a flat machine. */
export function mermaid(machine: AnyStateMachine, options: DiagramOptions = {}): string {
  const g = machineGraph(machine);
  const events = new Set(g.edges.flatMap((e) => (e.event !== undefined ? [e.event] : [])));
  // many events per state (the stance machine: 17 events on 5 states): one edge per pair of states
  const group = options.group ?? events.size > 2 * g.states.length;
  const lines = ['stateDiagram-v2', `  %% generated from the ${g.id} machine definition (src/procedure/machine.ts) by plenary diagram`];
  for (const s of g.states) {
    const title = options.titles?.[s];
    if (title !== undefined) lines.push(`  state "${title.replace(/"/g, "'")}" as ${s}`);
  }
  lines.push(`  [*] --> ${g.initial}`);
  if (group) {
    const pairs = new Map<string, DiagramEdge[]>();
    for (const e of g.edges) {
      const key = `${e.from}\u0000${e.to}`;
      pairs.set(key, [...(pairs.get(key) ?? []), e]);
    }
    for (const list of pairs.values()) {
      const label = list.map((e) => edgeLabel(e, g.edges.filter((x) => x.from === e.from && x.event === undefined))).join(', ');
      lines.push(`  ${list[0].from} --> ${list[0].to} : ${label}`);
    }
  } else {
    for (const e of g.edges) {
      const eventless = g.edges.filter((x) => x.from === e.from && x.event === undefined);
      lines.push(`  ${e.from} --> ${e.to} : ${edgeLabel(e, eventless)}`);
    }
  }
  for (const f of g.finals) lines.push(`  ${f} --> [*]`);
  return `${lines.join('\n')}\n`;
}

/** Titles of the procedure states, as the trainer screen and the diagram show them. */
export const PROCEDURE_STATE_TITLES: Readonly<Record<import('./machine').ProcedureState, string>> = {
  chairToMove: 'Chair to move',
  floor: 'Floor states positions',
  positionsStated: 'Positions stated',
  consensusCheck: 'Call for consensus',
  voteCount: 'Vote count',
  objected: 'Objection stands',
  consulting: 'Consultations',
  declared: "Chair's action declared",
  declarationCheck: 'Any objection?',
  friendsMeeting: 'Friends of the Chair negotiate',
  adopted: 'Adopted',
  noDecision: 'No decision',
  deferred: 'Deferred',
  referred: 'Referred',
};
