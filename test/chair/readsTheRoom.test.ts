/**
 * The reads-the-room chair (issue 13): on a small body whose first tabled options cannot pass, it reaches the
 * passable option within the item's time budget; the in-order chair does not. It extends the item's time only while
 * session time remains. Chosen by `procedure.chair:` or `--chair`; old scenarios keep the in-order chair.
 */
import { describe, expect, it } from 'vitest';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { CHAIR_NAMES } from '../../src/scenario/schema';
import type { Scenario } from '../../src/scenario/types';
import { compileModel } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { chairOf, PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { chairNames, chairOrThrow, withChair } from '../../src/chair/registry';
import { passChance } from '../../src/chair/readsTheRoom';
import { parseChair } from '../../src/cli/options';
import { traceCommand } from '../../src/cli/commands/trace';

const FILE = 'scenarios/examples/reads-the-room.yaml';
const example = loadScenario(FILE);
const RUNS = 400;

function outcomes(scenario: Scenario, seed = 'room'): { adopted: Map<string, number>; maxHours: number; runs: { outcome: string; hours: number }[] } {
  const model = compileModel(scenario, ruleOrThrow(scenario.rule));
  const adopted = new Map<string, number>();
  const runs: { outcome: string; hours: number }[] = [];
  let maxHours = 0;
  for (let k = 0; k < RUNS; k++) {
    const r = simulateRun(model, runRng(seed, k));
    const outcome = model.outcomes[r.outcome];
    adopted.set(outcome, (adopted.get(outcome) ?? 0) + 1);
    runs.push({ outcome, hours: r.hours });
    maxHours = Math.max(maxHours, r.hours);
  }
  return { adopted, maxHours, runs };
}

describe('the reads-the-room chair', () => {
  it('the example names it; the chairs a scenario can name are the registry\'s', () => {
    expect(example.procedure.chair).toBe('reads-the-room');
    expect(chairOf(compileModel(example, ruleOrThrow('consensus'))).name).toBe('reads-the-room');
    expect(chairNames()).toEqual([...CHAIR_NAMES]);
  });

  it('old scenarios keep the in-order chair', () => {
    const swakopmund = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    expect(swakopmund.procedure.chair).toBeUndefined();
    expect(chairOf(compileModel(swakopmund, ruleOrThrow('consensus'))).name).toBe('in-order');
  });

  it('reads the floor: a hopeless option has no chance, the passable one a high one', () => {
    const model = compileModel(example, ruleOrThrow('consensus'));
    const [sanctions, review, statement] = [0, 1, 2];
    expect(passChance(model, sanctions, 3)).toBeLessThan(0.001);
    expect(passChance(model, review, 3)).toBeLessThan(0.001);
    expect(passChance(model, statement, 3)).toBeGreaterThan(0.9);
    // South objecting softens with chance flexibility x (1 - resistance x salience) a round (0.5, 0.5; resistance from
    // the parameters file, 0.3 under the built-in 0.8): 1 - (1 - soften)^r
    const soften = 0.5 * (1 - example.model.resistance * 0.5);
    const stances = Uint8Array.from([0, 1, 3, 0, 0]);
    const south = model.ids.indexOf('south');
    const floor = new Uint8Array(model.size);
    model.ids.forEach((id, i) => (floor[i] = stances[['north', 'east', 'south', 'west', 'centre'].indexOf(id)]));
    expect(floor[south]).toBe(3);
    expect(passChance(model, statement, 0, floor)).toBe(0);
    expect(passChance(model, statement, 2, floor)).toBeCloseTo(1 - (1 - soften) ** 2, 6);
  });

  it('reaches the passable option within the item\'s budget; the in-order chair never does', () => {
    const room = outcomes(example);
    const inOrder = outcomes(withChair(example, 'in-order'));
    const budget = example.procedure.itemBudgetHours;
    expect(room.adopted.get('statement') ?? 0).toBeGreaterThan(0.9 * RUNS);
    for (const r of room.runs) if (r.outcome === 'statement') expect(r.hours).toBeLessThanOrEqual(budget);
    expect(inOrder.adopted.get('statement') ?? 0).toBe(0);
    expect(inOrder.adopted.get('deferred')).toBe(RUNS);
    expect(inOrder.maxHours).toBeLessThanOrEqual(budget);
  });

  it('drops an option whose objectors will not fold instead of consulting on it', () => {
    // the statement not tabled at all: the chair must choose between two hopeless options and never consults on them
    const hopeless = { ...example, options: example.options.map((o) => (o.id === 'statement' ? { ...o, tabled: false } : o)) };
    const model = compileModel(hopeless, ruleOrThrow('consensus'));
    for (let k = 0; k < 50; k++) {
      const r = new PlenaryRun(model, runRng('drop', k)).runToEnd();
      expect(r.rounds).toBe(0);
      expect(model.outcomes[r.outcome]).toBe('no-decision');
    }
  });

  it('extends the item\'s time while session time remains, never beyond the session', () => {
    // the statement alone, little time: a late-folding objector needs more rounds than the item's 5 hours hold
    const short: Scenario = {
      ...example,
      procedure: { ...example.procedure, itemBudgetHours: 5, sessionHours: 9 },
      options: example.options.filter((o) => o.id === 'statement' || !o.tabled),
    };
    const room = outcomes(short, 'extend');
    const inOrder = outcomes(withChair(short, 'in-order'), 'extend');
    expect(room.maxHours).toBeGreaterThan(5);
    expect(room.maxHours).toBeLessThanOrEqual(9);
    expect(inOrder.maxHours).toBeLessThanOrEqual(5);
    expect(room.adopted.get('statement') ?? 0).toBeGreaterThan(inOrder.adopted.get('statement') ?? 0);
    // a run that used the extension narrates it
    const model = compileModel(short, ruleOrThrow('consensus'));
    const k = room.runs.findIndex((r) => r.hours > 5);
    const run = new PlenaryRun(model, runRng('extend', k), { narrate: true });
    run.runToEnd();
    expect(run.log.some((e) => e.kind === 'chair' && e.event.type === 'EXTEND')).toBe(true);
  });

  it('--chair overrides the scenario\'s chair; an unknown chair is refused with the known ones', () => {
    const room = traceCommand({ scenario: FILE, seed: 's', run: 0 });
    const inOrder = traceCommand({ scenario: FILE, seed: 's', run: 0, chair: 'in-order' });
    expect(room).toContain('The Chair tables: Chair\'s statement of concern.');
    expect(inOrder).toContain('The Chair tables: Sanctions.');
    expect(inOrder).toContain('--chair in-order');
    expect(parseChair('reads-the-room')).toBe('reads-the-room');
    expect(() => parseChair('reads-the-rom')).toThrow(/unknown chair "reads-the-rom" \(known: in-order, reads-the-room\).*Did you mean "reads-the-room"/);
    expect(() => chairOrThrow('nobody')).toThrow(/unknown chair "nobody"/);
  });
});
