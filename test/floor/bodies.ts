/** Small scenarios built in code for the floor-model tests, with answers known by hand. */
import { validateData } from '../../src/scenario/load';
import type { Scenario } from '../../src/scenario/types';

export function scenarioOf(data: Record<string, unknown>): Scenario {
  const result = validateData(data);
  if (!result.scenario) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

/**
 * An uncontested routine decision in a body of `size` members with no documented positions: each would accept
 * with 70%, stay silent with 28%, object with 2% (the Swakopmund defaults for the work plan), low salience.
 */
export function routineBody(size = 55, model?: string): Scenario {
  return scenarioOf({
    id: 'routine',
    meeting: { body: 'A consensus body', title: 'Routine decision' },
    rule: 'consensus',
    ...(model ? { model } : {}),
    procedure: { sessionHours: 28, itemBudgetHours: 14, hoursToTable: 1, hoursPerRound: 2, maxRoundsPerOption: 3 },
    defaults: { salience: 0.3, flexibility: 0.4, stances: { adopt: { accept: 0.7, abstain: 0.28, object: 0.02 } } },
    participants: Array.from({ length: size }, (_, i) => ({ id: `m${i}`, name: `Member ${i}` })),
    options: [
      { id: 'adopt', name: 'Adopt the routine decision' },
      { id: 'status-quo', name: 'Nothing', tabled: false },
    ],
    statusQuo: 'status-quo',
  });
}

/**
 * Five members on one dimension, status quo at 0, the text at 60, no noise. Two want the text (at 100); three sit at
 * 20 with salience 30: the text is worse for them than the status quo by 0.2 of the scale. Under consensus each
 * objection costs 0.9 × 0.7 / (1 + others): 0.21 with two others, 0.315 with one, 0.63 alone — always more than 0.2,
 * so all three stand aside and the text passes at once. Under a majority vote a no costs nothing: 2 yes, 3 no, and
 * nothing is adopted.
 */
export function mildlyOpposedMajority(rule = 'consensus', model = 'spatial'): Scenario {
  return scenarioOf(mildlyOpposedMajorityDocument(rule, model));
}

/** The document of `mildlyOpposedMajority`, for tests that go through a file. */
export function mildlyOpposedMajorityDocument(rule = 'consensus', model = 'spatial'): Record<string, unknown> {
  return {
    id: 'mildly-opposed',
    meeting: { body: 'A small council', title: 'Mildly opposed majority' },
    rule,
    model: { name: model, positionNoise: 0 },
    procedure: { sessionHours: 20, itemBudgetHours: 20, hoursToTable: 1, hoursPerRound: 2, maxRoundsPerOption: 3 },
    dimensions: [{ id: 'scope', name: 'Scope of the measure: 0 none, 100 full' }],
    participants: [
      ...['a', 'b'].map((id) => ({ id, name: id.toUpperCase(), flexibility: 0, positions: { scope: { position: 100, salience: 80 } } })),
      ...['c', 'd', 'e'].map((id) => ({ id, name: id.toUpperCase(), flexibility: 0, salience: 0.3, positions: { scope: { position: 20, salience: 30 } } })),
    ],
    options: [
      { id: 'measure', name: 'The measure', positions: { scope: 60 } },
      { id: 'status-quo', name: 'No measure', tabled: false, positions: { scope: 0 } },
    ],
    statusQuo: 'status-quo',
  };
}
