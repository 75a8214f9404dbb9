/**
 * The spatial model with a costly veto, the compromise model and the ensemble: behaviour with answers known by hand,
 * the two targets of issue 12 (routine decisions pass; silent participants are not decisive alone), correlated
 * stances, rule-aware behaviour, determinism.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { runJob } from '../../src/engine/job';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { FloorState } from '../../src/floor/state';
import { floorModelOf } from '../../src/floor/select';
import { foldChance, keepsObjection, standingApartCost } from '../../src/floor/costlyVeto';
import { stanceOfGain } from '../../src/floor/utility';
import { loadScenario } from '../../src/scenario/load';
import { ABSTAIN, ACCEPT, OBJECT, SUPPORT } from '../../src/rules/types';
import type { FloorModelName } from '../../src/scenario/schema';
import type { Scenario } from '../../src/scenario/types';
import { mildlyOpposedMajority, routineBody, scenarioOf } from './bodies';

const share = (scenario: Scenario, floor: FloorModelName, outcome: string, runs = 2000, rule = scenario.rule) => {
  const model = compileModel(scenario, ruleOrThrow(rule), { floor });
  const t = runJob(model, 'floor-test', runs);
  return t.outcomes[model.outcomes.indexOf(outcome)] / t.runs;
};

describe('the cost of standing apart', () => {
  it('grows as fewer others object, shrinks with salience, and is nothing to a participant for whom the item is vital', () => {
    expect(standingApartCost(0.9, 0.3, 0)).toBeCloseTo(0.63, 12);
    expect(standingApartCost(0.9, 0.3, 2)).toBeCloseTo(0.21, 12);
    expect(standingApartCost(0.9, 0.3, 0)).toBeGreaterThan(standingApartCost(0.9, 0.3, 1));
    expect(standingApartCost(0.9, 0.8, 0)).toBeLessThan(standingApartCost(0.9, 0.3, 0));
    expect(standingApartCost(0.9, 1, 0)).toBe(0);
    expect(keepsObjection(0.2, 0.21)).toBe(false);
    expect(keepsObjection(0.2, 0.19)).toBe(true);
    expect(keepsObjection(0.01, 0)).toBe(true);
    expect(keepsObjection(0, 0)).toBe(false); // no loss, no objection
    expect(foldChance(0.63)).toBe(0.63);
  });

  it('stances follow the gain over the status quo', () => {
    expect(stanceOfGain(0.5, 0.02)).toBe(SUPPORT);
    expect(stanceOfGain(0.05, 0.02)).toBe(ACCEPT);
    expect(stanceOfGain(0.01, 0.02)).toBe(ABSTAIN);
    expect(stanceOfGain(-0.01, 0.02)).toBe(ABSTAIN);
    expect(stanceOfGain(-0.05, 0.02)).toBe(OBJECT);
  });
});

describe('an uncontested routine decision in a 55-member body', () => {
  it('passes in over 95% of runs under the spatial model (the ordinal model manufactures lone holdouts)', () => {
    const body = routineBody(55);
    const spatial = share(body, 'spatial', 'adopt');
    const ordinal = share(body, 'ordinal', 'adopt');
    expect(spatial).toBeGreaterThan(0.95);
    expect(ordinal).toBeLessThan(0.9);
  });
});

describe('Swakopmund 2009 under the spatial model', () => {
  /** per member: runs in which it alone was the decisive blocker of some option; and decisive shares on the work plan */
  const decisiveness = (floor: FloorModelName, runs: number) => {
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    const model = compileModel(scenario, ruleOrThrow('consensus'), { floor });
    const alone = new Array<number>(model.size).fill(0);
    const onWorkPlan = new Array<number>(model.size).fill(0);
    const workPlan = model.options.findIndex((o) => o.id === 'joint-work-plan');
    for (let k = 0; k < runs; k++) {
      const r = simulateRun(model, runRng('swakopmund-2009', k));
      const lone = new Set<number>();
      r.decisive.forEach((list, o) => {
        if (list === undefined) return;
        if (list.length === 1) lone.add(list[0]);
        if (o === workPlan) for (const i of list) onWorkPlan[i]++;
      });
      for (const i of lone) alone[i]++;
    }
    // silent: no stance of its own or of a bloc on any option, low salience, deciding
    const silent = model.ids.flatMap((id, i) => {
      const p = scenario.participants.find((x) => x.id === id)!;
      return p.statedStances.length === 0 && p.salience <= 0.3 && model.voting[i] === 1 ? [i] : [];
    });
    return {
      silent,
      worstAlone: Math.max(...silent.map((i) => alone[i] / runs)),
      silentOnWorkPlan: silent.reduce((sum, i) => sum + onWorkPlan[i] / runs, 0),
    };
  };

  it('no silent participant is decisive alone in 1% of runs or more, and together they rarely sink the work plan', () => {
    const spatial = decisiveness('spatial', 3000);
    expect(spatial.silent.length).toBeGreaterThan(20);
    expect(spatial.worstAlone).toBeLessThan(0.01);
    expect(spatial.silentOnWorkPlan).toBeLessThan(0.05);
    // the ordinal model's manufactured holdouts, for contrast
    expect(decisiveness('ordinal', 3000).silentOnWorkPlan).toBeGreaterThan(0.1);
  });

  it('Zimbabwe, for which suspension is vital, still blocks it', () => {
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    const model = compileModel(scenario, ruleOrThrow('consensus'), { floor: 'spatial' });
    const t = runJob(model, 'swakopmund-2009', 1000);
    expect(t.decisive[0][model.ids.indexOf('zimbabwe')] / t.runs).toBeGreaterThan(0.5);
  });
});

describe('rule-aware behaviour on a small body known by hand', () => {
  it('under consensus the mildly opposed majority stands aside and the text passes at once; in a majority vote it votes no', () => {
    expect(share(mildlyOpposedMajority('consensus'), 'spatial', 'measure', 200)).toBe(1);
    const model = compileModel(mildlyOpposedMajority('consensus'), ruleOrThrow('consensus'));
    expect(simulateRun(model, runRng('x', 0)).rounds).toBe(0);
    expect(share(mildlyOpposedMajority('simple-majority'), 'spatial', 'no-decision', 200)).toBe(1);
  });

  it('the ordinal model behaves the same under both rules (its stances do not depend on the rule)', () => {
    const stances = (rule: string) => {
      const run = new PlenaryRun(compileModel(mildlyOpposedMajority(rule, 'ordinal'), ruleOrThrow(rule)), runRng('x', 3));
      run.step(); // tabled
      run.step(); // the floor answers
      return [...run.stances];
    };
    expect(stances('simple-majority')).toEqual(stances('consensus'));
  });

  it('a vital objector never stands aside', () => {
    const vital = scenarioOf({
      id: 'vital',
      meeting: { body: 'B', title: 'A vital objector' },
      rule: 'consensus',
      model: 'spatial',
      procedure: { sessionHours: 20, itemBudgetHours: 20, maxRoundsPerOption: 3 },
      participants: [
        { id: 'x', name: 'X', salience: 1, flexibility: 0, stances: { o: { object: 1 } } },
        ...Array.from({ length: 9 }, (_, i) => ({ id: `m${i}`, name: `M${i}`, stances: { o: { accept: 1 } } })),
      ],
      options: [
        { id: 'o', name: 'O' },
        { id: 'sq', name: 'SQ', tabled: false },
      ],
      statusQuo: 'sq',
    });
    expect(share(vital, 'spatial', 'no-decision', 300)).toBe(1);
  });
});

describe('positions', () => {
  const twoTexts = (withStatedStance: boolean) =>
    scenarioOf({
      id: 'two-texts',
      meeting: { body: 'B', title: 'Two texts one clause apart' },
      rule: 'consensus',
      model: { name: 'spatial', positionNoise: 20 },
      dimensions: [{ id: 'd', name: 'D' }],
      participants: [
        { id: 'p', name: 'P', positions: { d: { position: 30, salience: 50 } }, ...(withStatedStance ? { stances: { t2: { support: 1 } } } : {}) },
        { id: 'q', name: 'Q', stances: { t1: { accept: 0.5, object: 0.5 }, t2: { accept: 0.5, object: 0.5 } } },
      ],
      options: [
        { id: 't1', name: 'Text 1', positions: { d: 60 } },
        { id: 't2', name: 'Text 2', positions: { d: 62 } },
        { id: 'sq', name: 'SQ', tabled: false, positions: { d: 0 } },
      ],
      statusQuo: 'sq',
    });

  /** the stances members 0 and 1 state on both texts in run k (both tabled in turn, no consultation) */
  const statedOnBoth = (scenario: Scenario, k: number) => {
    const model = compileModel(scenario, ruleOrThrow('simple-majority'));
    const floor = new FloorState(model, runRng('corr', k), 'vote');
    const m = floorModelOf(model);
    const p = model.ids.indexOf('p');
    const q = model.ids.indexOf('q');
    m.table(0, floor);
    const first = [floor.stances[p], floor.stances[q]];
    m.table(1, floor);
    return { p: [first[0], floor.stances[p]], q: [first[1], floor.stances[q]] };
  };

  it('stances on related options follow from one position (correlated); distributions are drawn independently', () => {
    let samePlaced = 0;
    let sameUnplaced = 0;
    const n = 400;
    for (let k = 0; k < n; k++) {
      const { p, q } = statedOnBoth(twoTexts(false), k);
      if ((p[0] === OBJECT) === (p[1] === OBJECT)) samePlaced++;
      if ((q[0] === OBJECT) === (q[1] === OBJECT)) sameUnplaced++;
    }
    expect(samePlaced / n).toBeGreaterThan(0.95);
    expect(sameUnplaced / n).toBeGreaterThan(0.38);
    expect(sameUnplaced / n).toBeLessThan(0.62);
  });

  it('a stance stated for an option overrides what the position implies', () => {
    for (let k = 0; k < 50; k++) expect(statedOnBoth(twoTexts(true), k).p[1]).toBe(SUPPORT);
  });
});

describe('determinism', () => {
  it.each(['spatial', 'compromise', 'ensemble'] as const)('%s: a run replayed alone equals the same run in a job, and jobs repeat exactly', (floor) => {
    const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
    const model = compileModel(scenario, ruleOrThrow('consensus'), { floor });
    const a = runJob(model, 's', 300);
    const b = runJob(compileModel(scenario, ruleOrThrow('consensus'), { floor }), 's', 300);
    expect(a).toEqual(b);
    for (const k of [0, 17, 299]) expect(new PlenaryRun(model, runRng('s', k)).runToEnd()).toEqual(simulateRun(model, runRng('s', k)));
  });
});
