/**
 * Synthetic plenary bodies for benchmarks and engine tests: `n` members in five regional groups (sizes in the
 * proportions of the UN regional groups), each group with a leader, two observers pressing, two tabled options with
 * concessions, the status quo untabled. Every number is drawn from a seeded generator and marked
 * `assumption: synthetic`; nothing here describes a real body's positions.
 *
 * `scenarios/synthetic/ga-193.yaml` is `syntheticScenario({ members: 193 })`, written by bench/gen-synthetic.ts.
 */
import seedrandom from 'seedrandom';

export interface SyntheticOptions {
  readonly members: number;
  readonly seed?: string;
  readonly rule?: string;
  readonly id?: string;
  /** give members unequal weights (for weighted rules) */
  readonly weighted?: boolean;
  /** hours the chair gives the item (default 14: two options with three rounds each just fit) */
  readonly itemBudgetHours?: number;
}

const SYNTHETIC = 'assumption: synthetic';
/** UN regional groups 2024: African 54, Asia-Pacific 53, Eastern European 23, GRULAC 33, WEOG + others 30 */
const GROUP_SHARES = [54, 53, 23, 33, 30];
const GROUP_NAMES = ['Group A', 'Group B', 'Group C', 'Group D', 'Group E'];

const pad = (i: number) => String(i).padStart(3, '0');

export function syntheticScenario(options: SyntheticOptions): Record<string, unknown> {
  const n = options.members;
  const rng = seedrandom.alea(options.seed ?? `synthetic-${n}`) as () => number;
  const between = (lo: number, hi: number, digits = 2) => Number((lo + (hi - lo) * rng()).toFixed(digits));
  /** a stance distribution in thousandths summing to exactly 1 */
  const stance = (objectLo: number, objectHi: number) => {
    const object = Math.round(between(objectLo, objectHi, 3) * 1000);
    const abstain = Math.round(between(0.03, 0.15, 3) * 1000);
    const support = Math.round((1000 - object - abstain) * between(0.3, 0.9));
    const accept = 1000 - object - abstain - support;
    return { support: support / 1000, accept: accept / 1000, abstain: abstain / 1000, object: object / 1000 };
  };
  const ids = Array.from({ length: n }, (_, i) => `member-${pad(i + 1)}`);
  const total = GROUP_SHARES.reduce((a, b) => a + b, 0);
  const groups: string[][] = GROUP_SHARES.map(() => []);
  let g = 0;
  let filled = 0;
  ids.forEach((id, i) => {
    while (g < GROUP_SHARES.length - 1 && i >= Math.round(((filled + GROUP_SHARES[g]) * n) / total)) {
      filled += GROUP_SHARES[g];
      g++;
    }
    groups[g].push(id);
  });
  const participants = ids.map((id, i) => {
    const hardliner = rng() < 0.06;
    return {
      id,
      name: `Member ${pad(i + 1)}`,
      ...(options.weighted ? { weight: Math.max(1, Math.round(between(1, 100, 0) ** 1.5 / 10)) } : {}),
      salience: between(0.2, 0.9),
      flexibility: between(0.1, 0.6),
      stances: {
        measure: hardliner ? stance(0.3, 0.7) : stance(0.0, 0.03),
        'softer-measure': hardliner ? stance(0.1, 0.4) : stance(0.0, 0.02),
      },
      source: SYNTHETIC,
    };
  });
  participants.push(
    { id: 'observer-a', name: 'Observer A', role: 'observer', stances: { measure: { support: 1 }, 'softer-measure': { support: 1 } }, source: SYNTHETIC } as never,
    { id: 'observer-b', name: 'Observer B', role: 'observer', stances: { measure: { support: 1 }, 'softer-measure': { accept: 1 } }, source: SYNTHETIC } as never,
  );
  const blocs = groups
    .map((members, k) => ({ k, members }))
    .filter(({ members }) => members.length > 0)
    .map(({ k, members }) => ({
      id: `group-${String.fromCharCode(97 + k)}`,
      name: GROUP_NAMES[k],
      members,
      leader: members[0],
      cohesion: between(0.2, 0.6),
      source: SYNTHETIC,
    }));
  const blocIds = blocs.map((b) => b.id);
  /** `count` members spread over the body */
  const some = (count: number) => {
    const step = Math.max(1, Math.floor(n / count));
    return [...new Set(Array.from({ length: Math.min(count, n) }, (_, j) => ids[(1 + j * step) % n]))];
  };
  return {
    id: options.id ?? `synthetic-${n}`,
    meeting: {
      body: `Synthetic plenary body of ${n} members`,
      title: `Synthetic ${n}-member plenary (benchmark body, not a real meeting)`,
      item: 'a measure concerning one member',
      source: SYNTHETIC,
    },
    rule: options.rule ?? 'consensus',
    ruleSource: SYNTHETIC,
    procedure: { sessionHours: 30, itemBudgetHours: options.itemBudgetHours ?? 14, hoursToTable: 1, hoursPerRound: 2, maxRoundsPerOption: 3, source: SYNTHETIC },
    model: { resistance: 0.8, pressureEffect: 1, cohesion: 0.4, salience: 0.5, flexibility: 0.3, source: SYNTHETIC },
    participants,
    blocs,
    subject: ids[Math.min(6, n - 1)],
    options: [
      {
        id: 'measure',
        name: 'The measure',
        concessions: [{ id: 'review-clause', name: 'Review clause', offeredAtRound: 1, effects: [{ on: [blocIds[blocIds.length > 1 ? 1 : 0]], to: 'accept', probability: 0.3 }], source: SYNTHETIC }],
        source: SYNTHETIC,
      },
      {
        id: 'softer-measure',
        name: 'A softer measure',
        concessions: [{ id: 'sunset', name: 'Sunset clause', offeredAtRound: 2, effects: [{ on: some(5), to: 'abstain', probability: 0.5 }], source: SYNTHETIC }],
        source: SYNTHETIC,
      },
      { id: 'status-quo', name: 'No measure (status quo)', tabled: false, source: SYNTHETIC },
    ],
    statusQuo: 'status-quo',
    pressure: [
      { by: 'observer-a', on: [blocIds[0]], toward: 'accept', strength: 0.15, source: SYNTHETIC },
      { by: 'observer-b', on: some(8), toward: 'support', option: 'measure', strength: 0.25, source: SYNTHETIC },
    ],
    agenda: [
      { id: 'budget', name: 'Budget', hours: 6, source: SYNTHETIC },
      { id: 'reports', name: 'Working group reports', hours: 5, source: SYNTHETIC },
      { id: 'elections', name: 'Elections', hours: 3, source: SYNTHETIC },
    ],
    notes: 'Synthetic benchmark body generated by bench/synthetic.ts; every number is a seeded random draw (assumption: synthetic).',
  };
}
