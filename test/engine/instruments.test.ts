/**
 * Each instrument's example (scenarios/examples/) does what it shows, with answers known by hand where the example
 * is built for one, and the simulated chair, the trainer and the narration know the instrument.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load';
import { compileModel, type Model } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun, type RunResult } from '../../src/engine/plenaryRun';
import { narrate } from '../../src/report/narrate';
import { outcomeLabel } from '../../src/engine/summarize';
import { TrainerSession } from '../../src/ui/session';
import { chairMoveKinds } from '../../src/ui/keys';
import { chairMoves } from '../../src/procedure/machine';
import { UNDECIDED } from '../../src/floor/stanceTable';

const example = (name: string, rule?: string): Model => {
  const scenario = loadScenario(`scenarios/examples/${name}.yaml`);
  return compileModel(scenario, ruleOrThrow(rule ?? scenario.rule));
};

function runs(model: Model, n: number, seed = 'instruments'): RunResult[] {
  return Array.from({ length: n }, (_, k) => simulateRun(model, runRng(seed, k)));
}
const share = (results: readonly RunResult[], model: Model, outcome: string) => results.filter((r) => model.outcomes[r.outcome] === outcome).length / results.length;

function trace(model: Model, seed: string, k = 0): string[] {
  const run = new PlenaryRun(model, runRng(seed, k), { narrate: true });
  run.runToEnd();
  return run.log.flatMap((e) => narrate(model, e));
}

describe('drafting a compromise on the floor', () => {
  it('the in-order chair drafts the declared text once both tabled texts have failed; it is adopted and reported as drafted', () => {
    const model = example('drafted-compromise');
    const results = runs(model, 200);
    expect(share(results, model, 'middle-text')).toBe(1);
    expect(outcomeLabel(model, 'middle-text')).toContain('(drafted)');
    const lines = trace(model, 'x');
    expect(lines.some((l) => l.includes('drafts a compromise text on the floor'))).toBe(true);
    // both tabled texts were tried first, in file order
    expect(lines.findIndex((l) => l.includes('tables: Strict'))).toBeLessThan(lines.findIndex((l) => l.includes('tables: Lenient')));
    expect(lines.findIndex((l) => l.includes('tables: Lenient'))).toBeLessThan(lines.findIndex((l) => l.includes('drafts')));
  });

  it('under the spatial model the compromise is born at the salience × clout weighted mean of the positions', () => {
    const model = example('drafted-compromise-spatial');
    const drafted = model.scenario.options.find((o) => o.id === 'drafted-compromise')!;
    // (0.4·60 + 1·20 + 1·80 + 0.4·50 + 0.4·45) / (0.4 + 1 + 1 + 0.4 + 0.4) = 162 / 3.2
    expect(drafted.positions.severity).toBeCloseTo(50.63, 2);
    expect(share(runs(model, 200), model, 'drafted-compromise')).toBe(1);
  });
});

describe("the chair's action", () => {
  it('stands when nobody objects: about the chance that South does not object, and settled by the declaration', () => {
    const model = example('chairs-action');
    const results = runs(model, 2000);
    const stood = results.filter((r) => r.settledBy === 'declaration');
    // South objects with probability 0.3 at the declaration; everyone else never objects
    expect(stood.length / results.length).toBeGreaterThan(0.66);
    expect(stood.length / results.length).toBeLessThan(0.74);
    for (const r of stood) expect(model.outcomes[r.outcome]).toBe('postpone');
  });
});

describe('referral', () => {
  it('is an outcome of its own, distinct from deferral, and only in scenarios that allow it', () => {
    const model = example('referral');
    expect(model.outcomes).toEqual(['text', 'no-decision', 'deferred', 'referred']);
    expect(outcomeLabel(model, 'referred')).toBe('Referred (to a written procedure)');
    expect(share(runs(model, 300), model, 'referred')).toBeGreaterThan(0.5);
    expect(example('drafted-compromise').outcomes).not.toContain('referred');
  });
});

describe('voluntary acts', () => {
  it('a self-suspension ends the item with a text never tabled: 1 − 0.5³ over three rounds', () => {
    const model = example('self-suspension');
    const results = runs(model, 4000);
    expect(share(results, model, 'take-note')).toBeGreaterThan(0.875 - 0.02);
    expect(share(results, model, 'take-note')).toBeLessThan(0.875 + 0.02);
    for (const r of results) if (model.outcomes[r.outcome] === 'take-note') expect(r.settledBy).toBe('act');
  });

  it("an applicant (an observer) may be the subject; its withdrawal ends the item with no decision, narrated as the act", () => {
    const model = example('voluntary-act');
    expect(model.scenario.subject).toBe('applicant');
    const results = runs(model, 500);
    expect(results.some((r) => r.settledBy === 'act' && r.outcome === model.noDecisionOutcome)).toBe(true);
    const lines = Array.from({ length: 20 }, (_, k) => trace(model, 'act', k)).flat();
    expect(lines.some((l) => l.startsWith('Voluntary act: Applicant withdraws. The item ends without a decision.'))).toBe(true);
  });
});

describe('friends of the chair', () => {
  it('meet after the consultation rounds, and their meeting raises the chance the package passes', () => {
    const model = example('friends-of-the-chair');
    const without = compileModel({ ...model.scenario, procedure: { ...model.scenario.procedure, friendsOfTheChair: undefined } }, model.rule);
    const a = share(runs(model, 2000), model, 'package');
    const b = share(runs(without, 2000), without, 'package');
    expect(a).toBeGreaterThan(b + 0.1);
    const lines = Array.from({ length: 10 }, (_, k) => trace(model, 'friends', k)).flat();
    expect(lines.some((l) => l.startsWith('The friends of the Chair (South, East, West) negotiate the text'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  The group reports:'))).toBe(true);
  });
});

describe('election with vetoes tied to a candidacy', () => {
  it("the first candidate meets its rival's veto; once it fails, the veto is released and the rival is chosen", () => {
    const model = example('election');
    expect(share(runs(model, 300), model, 'west-candidacy')).toBe(1);
    // without the tie, East's candidacy (tabled first) passes: nobody else objects
    const untied = compileModel({ ...model.scenario, options: model.scenario.options.map((o) => ({ ...o, vetoesRivals: false })) }, model.rule);
    expect(share(runs(untied, 300), untied, 'east-candidacy')).toBe(1);
  });
});

describe('walkouts and the quorum', () => {
  it('the text passes exactly when the objectors leave and the room stays at the quorum: 0.5 × 0.7', () => {
    const model = example('walkout');
    const results = runs(model, 4000);
    expect(share(results, model, 'resolution')).toBeGreaterThan(0.35 - 0.025);
    expect(share(results, model, 'resolution')).toBeLessThan(0.35 + 0.025);
  });

  it('narrates the walkout and the failed quorum', () => {
    const model = example('walkout');
    const lines = Array.from({ length: 30 }, (_, k) => trace(model, 'walk', k)).flat();
    expect(lines.some((l) => l.includes('walk out of the room'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  No quorum: 4 present, below the quorum of 5'))).toBe(true);
  });
  it('any number of walkouts the format allows (up to 50) is drawn once each: the 33rd is not mistaken for the 1st', () => {
    const scenario = loadScenario('scenarios/examples/walkout.yaml');
    const never = { by: ['north'], round: 999, probability: 1 };
    const walkouts = [{ by: ['south', 'east', 'west'], round: 1, probability: 1 }, ...Array.from({ length: 31 }, () => never), { by: ['hill', 'ngo'], round: 1, probability: 1 }];
    const model = compileModel({ ...scenario, walkouts } as typeof scenario, ruleOrThrow('consensus'));
    // both groups leave in round 1: four stay, below the quorum of 5, so the resolution can never pass
    expect(share(runs(model, 50), model, 'resolution')).toBe(0);
  });
});

describe('attendance as a count', () => {
  it('draws exactly 7 of the 9 per run; the text passes unless all three objectors attend: 1 − C(6,4)/C(9,7) = 7/12', () => {
    const model = example('attendance');
    const results = runs(model, 4000);
    expect(share(results, model, 'text')).toBeGreaterThan(7 / 12 - 0.025);
    expect(share(results, model, 'text')).toBeLessThan(7 / 12 + 0.025);
    for (let k = 0; k < 50; k++) {
      const run = new PlenaryRun(model, runRng('count', k));
      run.step(); // table
      run.step(); // the floor answers: attendance drawn
      const absent = [...run.stances].filter((s) => s === UNDECIDED).length;
      expect(absent).toBe(2);
      expect(run.context.tally!.members).toBe(8);
    }
  });
});

describe('absent participants and observers have no effect', () => {
  it('an observer with present: false exerts no pressure', () => {
    const scenario = loadScenario('scenarios/examples/walkout.yaml');
    const present = compileModel(scenario, ruleOrThrow('consensus'));
    expect(present.options[0].pressure.flat().length).toBeGreaterThan(0);
    const absent = compileModel({ ...scenario, participants: scenario.participants.map((p) => (p.id === 'ngo' ? { ...p, present: false } : p)) }, ruleOrThrow('consensus'));
    expect(absent.options[0].pressure.flat()).toEqual([]);
  });
});

describe('the trainer and the written procedure', () => {
  it('the trainer has a key for every new chair move and offers a trainee in the chair the instrument when the statechart accepts it', () => {
    const kinds = chairMoveKinds(3).map((k) => k.type);
    for (const type of ['DRAFT', 'DECLARE', 'CONVENE_FRIENDS', 'REFER']) expect(kinds).toContain(type);
    expect(new Set(chairMoveKinds(3).map((k) => k.key)).size).toBe(new Set(chairMoves(3).map((e) => e.type)).size);
    const model = example('referral');
    const session = new TrainerSession(model, 'trainee', 0, { kind: 'chair' });
    let offeredRefer = false;
    for (let guard = 0; !session.done && guard < 100; guard++) {
      if (session.awaiting === 'chair') {
        const moves = session.allowedMoves().map((m) => m.event);
        if (moves.some((e) => e.type === 'REFER')) {
          offeredRefer = true;
          expect(session.move(moves.find((e) => e.type === 'REFER')!)).toBe(true);
        } else expect(session.move(moves[0])).toBe(true);
      } else expect(session.stepSimulated()).toBe(true);
    }
    expect(offeredRefer).toBe(true);
    expect(model.outcomes[session.run.outcome()]).toBe('referred');
  });

  it('a written procedure circulates; replies object in writing or stay silent (not "calls for consensus")', () => {
    const scenario = loadScenario('scenarios/history/kp-2013-car-suspension.yaml');
    const model = compileModel(scenario, ruleOrThrow(scenario.rule));
    const lines = trace(model, 'written');
    expect(lines.some((l) => l.includes('circulates under a written procedure'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Replies on'))).toBe(true);
    expect(lines.some((l) => l.includes('calls for consensus'))).toBe(false);
  });
});
