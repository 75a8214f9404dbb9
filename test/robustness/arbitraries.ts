/**
 * fast-check generators for robustness properties: random scenario documents that are valid by construction
 * (participants 1–12, stance distributions, blocs whose leaders cannot form a cycle, options 1–4, any procedure
 * parameters incl. zero rounds and tiny budgets within the session, every registered rule that applies), and mutations of a valid
 * document (wrong types, deleted keys, random ids) that the validator must answer without throwing.
 */
import fc from 'fast-check';
import { RULES, parseRule } from '../../src/rules/registry';
import { STANCES, type DecisionRule, type Tally } from '../../src/rules/types';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const hours = fc.oneof(fc.constantFrom(0, 0.5, 1, 2), fc.double({ min: 0, max: 40, noNaN: true }));

/** A stance distribution that sums to exactly 1 (integer weights / their sum), or an empty one (no position). */
const distribution = fc
  .tuple(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5))
  .map(([s, a, b, o]) => {
    const total = s + a + b + o;
    if (total === 0) return { abstain: 1 };
    const out: Record<string, number> = {};
    if (s > 0) out.support = s / total;
    if (a > 0) out.accept = a / total;
    if (b > 0) out.abstain = b / total;
    if (o > 0) out.object = o / total;
    // rounding can leave the sum 1 ± 1e-16: well within the validator's tolerance
    return out;
  });

/** Rule specs: each registered rule's example, and a few parameter variants. */
export function ruleSpecs(): string[] {
  const specs = new Set<string>();
  for (const r of RULES) {
    specs.add(r.example);
    const rule = parseRule(r.example);
    if (typeof rule !== 'string') specs.add(rule.spec);
  }
  specs.add('qualified-majority:1');
  specs.add('consensus-minus-n:0');
  return [...specs].filter((s) => typeof parseRule(s) !== 'string');
}

export interface GeneratedScenario {
  readonly doc: Record<string, unknown>;
  readonly rule: string;
}

/**
 * A valid scenario document. Bloc leaders are always the bloc's lowest-index member, so whoever a participant
 * follows has a lower index than the participant: following can never go round in a circle.
 */
export const validScenario: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    k: fc.integer({ min: 1, max: 4 }),
    rule: fc.constantFrom(...ruleSpecs()),
    seedBits: fc.array(fc.nat(1000), { minLength: 200, maxLength: 200 }),
    dists: fc.array(distribution, { minLength: 48, maxLength: 48 }),
    units: fc.array(unit, { minLength: 64, maxLength: 64 }),
    procedure: fc.record(
      {
        sessionHours: hours,
        itemBudgetHours: hours,
        hoursToTable: hours,
        hoursPerRound: hours,
        maxRoundsPerOption: fc.integer({ min: 0, max: 6 }),
        fallbackToNextOption: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    statusQuoTabled: fc.boolean(),
  })
  .map(({ n, k, rule, seedBits, dists, units, procedure: drawn, statusQuoTabled }) => {
    // a session has time, and the item's budget fits in it (checks.ts refuses 0 h sessions and budgets beyond them)
    const procedure: Record<string, unknown> = { ...drawn };
    if (procedure.sessionHours === 0) procedure.sessionHours = 0.5;
    const session = (procedure.sessionHours as number | undefined) ?? 24;
    const budget = procedure.itemBudgetHours as number | undefined;
    if (budget !== undefined && (budget === 0 || budget > session)) procedure.itemBudgetHours = session;
    let b = 0;
    const bit = (m: number) => seedBits[b++ % seedBits.length] % m;
    let u = 0;
    const nextUnit = () => units[u++ % units.length];
    const ids = Array.from({ length: n }, (_, i) => `p${i}`);
    const options = Array.from({ length: k }, (_, i) => ({ id: `o${i}`, name: `Option ${i}` }));
    const statusQuo = statusQuoTabled ? options[bit(k)].id : 'status-quo';
    const allOptions = statusQuoTabled ? options : [...options, { id: 'status-quo', name: 'Status quo', tabled: false }];
    // concessions on some options
    const optionDocs = allOptions.map((o, i) =>
      'tabled' in o || bit(3) !== 0
        ? o
        : { ...o, concessions: [{ id: `c${i}`, name: `Concession ${i}`, offeredAtRound: 1 + bit(3), effects: [{ on: [ids[bit(n)]], to: STANCES[bit(4)], probability: nextUnit() }] }] },
    );
    const participants = ids.map((id, i) => {
      const p: Record<string, unknown> = { id, name: `Participant ${i}` };
      if (i > 0 && bit(4) === 0) p.role = 'observer';
      // p0 always decides and is present (a body where nobody present decides is refused: checks.ts)
      if (i > 0 && bit(6) === 0) p.present = false;
      if (bit(2) === 0) p.salience = nextUnit();
      if (bit(2) === 0) p.flexibility = nextUnit();
      if (bit(3) === 0) p.weight = bit(10) + (i === 0 ? 1 : 0); // p0 weighs > 0: weights may not all be 0
      if (bit(4) !== 0) {
        const stances: Record<string, unknown> = {};
        allOptions.forEach((o, j) => {
          if (bit(5) !== 0) stances[o.id] = dists[(i * 4 + j) % dists.length];
        });
        p.stances = stances;
      }
      return p;
    });
    const parsed = parseRule(rule);
    const groups = typeof parsed === 'string' ? [] : parsed.groups;
    const blocCount = bit(4);
    const blocs: Record<string, unknown>[] = [];
    const members = (): string[] => ids.filter(() => bit(2) === 0);
    for (let j = 0; j < blocCount + groups.length; j++) {
      const id = j < blocCount ? `bloc-${j}` : groups[j - blocCount];
      const list = members();
      const bloc: Record<string, unknown> = { id, name: `Bloc ${id}`, members: list };
      if (list.length > 0 && bit(2) === 0) {
        bloc.leader = list[0]; // lowest index: followers always follow someone with a lower index
        bloc.cohesion = nextUnit();
      }
      blocs.push(bloc);
    }
    const doc: Record<string, unknown> = {
      id: 'generated',
      meeting: { body: 'Generated body', title: 'Generated scenario' },
      rule,
      procedure,
      model: { resistance: nextUnit(), pressureEffect: nextUnit(), cohesion: nextUnit(), salience: nextUnit(), flexibility: nextUnit() },
      participants,
      blocs,
      options: optionDocs,
      statusQuo,
    };
    const deciders = participants.filter((p) => p.role !== 'observer').map((p) => p.id as string);
    if (typeof parsed !== 'string' && parsed.electorate.excludeSubject) doc.subject = deciders[bit(deciders.length)];
    else if (bit(2) === 0) doc.subject = deciders[bit(deciders.length)];
    const pressureCount = bit(3);
    if (pressureCount > 0) {
      doc.pressure = Array.from({ length: pressureCount }, () => ({
        by: ids[bit(n)],
        on: [bit(2) === 0 || blocs.length === 0 ? ids[bit(n)] : (blocs[bit(blocs.length)].id as string)],
        toward: STANCES[bit(4)],
        ...(bit(2) === 0 ? { option: options[bit(k)].id } : {}),
        strength: nextUnit(),
      }));
    }
    return { doc, rule };
  });

/** All paths (keys and indices) of a JSON-like value. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

export type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'id'; at: number; id: string };

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e300, -0, '', '${HOME}', null, [], {}, 'consensus', 'qualified-majority:3/2'),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('id' as const), at: fc.nat(), id: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('p0', 'o0', 'bloc-0', 'status-quo', 'no-decision')) }),
);

/** Applies mutations to a deep copy; a mutation's `at` picks one of the current paths (modulo their number). */
export function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(doc) as unknown;
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length];
    const value = m.kind === 'set' ? m.value : m.kind === 'id' ? m.id : undefined;
    if (path.length === 0) {
      if (m.kind !== 'delete') root = value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], root) as Record<string | number, unknown>;
    const key = path[path.length - 1];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = value;
  }
  return root;
}

/** A floor of five members where everyone supports (`pass`) or everyone objects, in the rule's groups too. */
export function tallyFor(rule: DecisionRule, pass: boolean): Tally {
  const n = 5;
  const groups = rule.groups.length;
  return {
    members: n,
    support: pass ? n : 0,
    accept: 0,
    abstain: 0,
    object: pass ? 0 : n,
    yesWeight: pass ? n : 0,
    noWeight: pass ? 0 : n,
    totalWeight: n,
    groupYes: new Array<number>(groups).fill(pass ? n : 0),
    groupNo: new Array<number>(groups).fill(pass ? 0 : n),
    groupSize: new Array<number>(groups).fill(n),
  };
}
