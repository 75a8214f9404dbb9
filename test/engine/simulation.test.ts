import { describe, expect, it } from 'vitest';
import { mergeTallies } from '../../src/engine/accumulator';
import { runJob } from '../../src/engine/job';
import { runRange } from '../../src/engine/job';
import { compileModel } from '../../src/floor/model';
import { summarize } from '../../src/engine/summarize';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun, simulateRun } from '../../src/engine/plenaryRun';
import { loadScenario, validateText } from '../../src/scenario/load';
import { parseRule } from '../../src/rules/registry';
import { consensusRule } from '../../src/rules/consensus';
import { DEFAULT_SCENARIO } from '../../src/common/paths';
import type { DecisionRule } from '../../src/rules/types';

const rule = (spec: string): DecisionRule => {
  const r = parseRule(spec);
  if (typeof r === 'string') throw new Error(r);
  return r;
};

function scenarioFrom(yaml: string) {
  const v = validateText(yaml, 'inline.yaml');
  if (!v.scenario) throw new Error(v.errors.map((e) => e.message).join('\n'));
  return v.scenario;
}

/** One participant objects with probability p, nobody can move: adoption share is 1 - p exactly in expectation. */
const coinFlip = (p: number) => `
id: coin
meeting: { body: Test, title: One uncertain objector }
rule: consensus
model: ordinal # the analytic answer is that of the ordinal model (nobody weighs the cost of standing apart)
procedure: { maxRoundsPerOption: 0, sessionHours: 10 }
participants:
  - { id: a, name: A, flexibility: 0, stances: { act: { object: ${p}, accept: ${1 - p} } } }
  - { id: b, name: B, flexibility: 0, stances: { act: { support: 1 } } }
options:
  - { id: act, name: Act }
  - { id: none, name: Nothing, tabled: false }
statusQuo: none
`;

describe('Monte Carlo', () => {
  it('is deterministic: same scenario, seed and options give byte-identical JSON', () => {
    const scenario = loadScenario(DEFAULT_SCENARIO);
    const model = compileModel(scenario, consensusRule);
    const a = JSON.stringify(summarize(model, runJob(model, 'fixed', 400), 'fixed'));
    const b = JSON.stringify(summarize(compileModel(loadScenario(DEFAULT_SCENARIO), consensusRule), runJob(model, 'fixed', 400), 'fixed'));
    expect(a).toBe(b);
    const c = JSON.stringify(summarize(model, runJob(model, 'other', 400), 'other'));
    expect(c).not.toBe(a);
  });

  it('does not depend on how the runs are split: shards merged equal the whole job', () => {
    const model = compileModel(loadScenario(DEFAULT_SCENARIO), consensusRule);
    const whole = runJob(model, 's', 300);
    for (const parts of [2, 3, 7]) {
      const merged = Array.from({ length: parts }, (_, i) => runJob(model, 's', 300, { shard: { index: i + 1, count: parts } })).reduce(mergeTallies);
      expect(JSON.stringify(summarize(model, merged, 's'))).toBe(JSON.stringify(summarize(model, whole, 's')));
    }
  });

  it('replays any run alone: run k of a job is the same whether simulated alone or within the job', () => {
    const model = compileModel(loadScenario(DEFAULT_SCENARIO), consensusRule);
    const alone = simulateRun(model, runRng('s', 41));
    // the job's run 41 (the slice [41, 42) of any split) is that same run
    const inJob = runRange(model, 's', 41, 42);
    expect(inJob.runs).toBe(1);
    expect(inJob.outcomes[alone.outcome]).toBe(1);
    expect(inJob.hours).toEqual({ [String(Math.round(alone.hours * 1000))]: 1 });
    expect(inJob.rounds).toEqual({ [String(alone.rounds)]: 1 });
    const again = new PlenaryRun(model, runRng('s', 41), { narrate: true }).runToEnd();
    expect(again).toEqual(alone);
  });

  it.each([0.1, 0.5, 0.9])('matches the analytic adoption probability 1 - %s within a 4-sigma tolerance', (p) => {
    const model = compileModel(scenarioFrom(coinFlip(p)), consensusRule);
    const n = 4000;
    const s = summarize(model, runJob(model, 'analytic', n), 'analytic');
    const adopted = s.outcomes.find((o) => o.outcome === 'act')!.share;
    const sigma = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(adopted - (1 - p))).toBeLessThan(4 * sigma);
    // and the Wilson interval covers the truth
    const ci = s.outcomes.find((o) => o.outcome === 'act')!.ci95;
    expect(ci[0]).toBeLessThanOrEqual(1 - p);
    expect(ci[1]).toBeGreaterThanOrEqual(1 - p);
  });

  it('under the spatial model a lone objector stands aside with the cost of standing apart: adoption 1 - p (1 - vetoCost x (1 - salience))', () => {
    // salience 0.5 (the default), no other objector: the objection is withdrawn at tabling with probability
    // vetoCost x 0.5 (vetoCost from the parameters file: 0.45 under the built-in 0.9)
    const model = compileModel(scenarioFrom(coinFlip(0.5)), consensusRule, { floor: 'spatial' });
    const salience = model.scenario.participants.find((x) => x.id === 'a')!.salience;
    expect(salience).toBe(0.5);
    const withdrawn = model.scenario.model.vetoCost * (1 - salience);
    const n = 4000;
    const adopted = summarize(model, runJob(model, 'analytic', n), 'analytic').outcomes.find((o) => o.outcome === 'act')!.share;
    const expected = 1 - 0.5 * (1 - withdrawn);
    expect(Math.abs(adopted - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
  });

  it('shares sum to 1 and the decisive blocker of a certain objection is found every time', () => {
    const model = compileModel(scenarioFrom(coinFlip(1)), consensusRule);
    const s = summarize(model, runJob(model, 'x', 200), 'x');
    expect(s.outcomes.reduce((t, o) => t + o.count, 0)).toBe(200);
    expect(s.outcomes[0]).toMatchObject({ outcome: 'no-decision', count: 200 });
    expect(s.blockers).toEqual([expect.objectContaining({ participant: 'a', decisiveShare: 1 })]);
  });

  it('observers never block under consensus', () => {
    const scenario = scenarioFrom(`
id: observers
meeting: { body: Test, title: An objecting observer }
rule: consensus
procedure: { maxRoundsPerOption: 0 }
participants:
  - { id: a, name: A, stances: { act: { support: 1 } } }
  - { id: ngo, name: NGO, role: observer, stances: { act: { object: 1 } } }
options: [{ id: act, name: Act }, { id: none, name: Nothing, tabled: false }]
statusQuo: none
`);
    const model = compileModel(scenario, consensusRule);
    expect(summarize(model, runJob(model, 'x', 50), 'x').outcomes[0]).toMatchObject({ outcome: 'act', share: 1 });
  });

  it('observers with a vote (DDI 2017) vote only in the fallback vote: an objecting observer does not block consensus', () => {
    const scenario = scenarioFrom(`
id: ddi
meeting: { body: Test, title: Observers vote after consensus fails }
rule: consensus
model: ordinal # the analytic answer is that of the ordinal model (nobody weighs the cost of standing apart)
procedure: { maxRoundsPerOption: 0 }
participants:
  - { id: a, name: A, stances: { act: { support: 1 } } }
  - { id: b, name: B, stances: { act: { support: 1 } } }
  - { id: n1, name: NGO 1, role: observer, stances: { act: { object: 1 } } }
  - { id: n2, name: NGO 2, role: observer, stances: { act: { object: 1 } } }
options: [{ id: act, name: Act }, { id: none, name: Nothing, tabled: false }]
statusQuo: none
`);
    // consensus among participants holds: adopted at once, by consensus
    const model = compileModel(scenario, rule('consensus-then-vote:2/3+observers'));
    const run = simulateRun(model, runRng('x', 0));
    expect(run).toMatchObject({ outcome: 0, adoptedBy: 'consensus' });
    // when a participant objects, the vote counts the observers: 1 yes of 4 cast fails 2/3
    const objecting = scenarioFrom(`
id: ddi2
meeting: { body: Test, title: Observers tip the vote }
rule: consensus
model: ordinal # the analytic answer is that of the ordinal model (nobody weighs the cost of standing apart)
procedure: { maxRoundsPerOption: 0 }
participants:
  - { id: a, name: A, stances: { act: { support: 1 } } }
  - { id: b, name: B, stances: { act: { support: 1 } } }
  - { id: c, name: C, flexibility: 0, stances: { act: { object: 1 } } }
  - { id: n1, name: NGO 1, role: observer, stances: { act: { object: 1 } } }
  - { id: n2, name: NGO 2, role: observer, stances: { act: { object: 1 } } }
options: [{ id: act, name: Act }, { id: none, name: Nothing, tabled: false }]
statusQuo: none
`);
    const withObservers = simulateRun(compileModel(objecting, rule('consensus-then-vote:2/3+observers')), runRng('x', 0));
    expect(withObservers.outcome).toBe(1); // 2 yes of 5 cast
    expect(withObservers.decisive[0]).toEqual(expect.arrayContaining([expect.any(Number)]));
    const without = simulateRun(compileModel(objecting, rule('consensus-then-vote:2/3')), runRng('x', 0));
    expect(without).toMatchObject({ outcome: 0, adoptedBy: 'vote' }); // 2 yes of 3 cast
  });

  it('consensus minus the subject lets the others act against the subject', () => {
    const scenario = scenarioFrom(`
id: subject
meeting: { body: Test, title: The subject objects }
rule: consensus
subject: z
procedure: { maxRoundsPerOption: 1 }
participants:
  - { id: a, name: A, stances: { act: { support: 1 } } }
  - { id: z, name: Z, salience: 1, flexibility: 0, stances: { act: { object: 1 } } }
options: [{ id: act, name: Suspend Z }, { id: none, name: Nothing, tabled: false }]
statusQuo: none
`);
    const blocked = summarize(compileModel(scenario, consensusRule), runJob(compileModel(scenario, consensusRule), 'x', 50), 'x');
    expect(blocked.outcomes[0].outcome).toBe('no-decision');
    const model = compileModel(scenario, rule('consensus-minus-subject'));
    expect(summarize(model, runJob(model, 'x', 50), 'x').outcomes[0]).toMatchObject({ outcome: 'act', share: 1 });
  });

  it('defers the item when the time budget runs out before the options do', () => {
    const scenario = scenarioFrom(`
id: slow
meeting: { body: Test, title: Too little time }
rule: consensus
model: ordinal # the analytic answer is that of the ordinal model (nobody weighs the cost of standing apart)
procedure: { sessionHours: 20, itemBudgetHours: 4, hoursToTable: 1, hoursPerRound: 2, maxRoundsPerOption: 5 }
participants:
  - { id: a, name: A, flexibility: 0, stances: { act: { object: 1 } } }
options: [{ id: act, name: Act }, { id: other, name: Other }, { id: none, name: Nothing, tabled: false }]
statusQuo: none
agenda: [{ id: x, name: X, hours: 17 }, { id: y, name: Y, hours: 1 }]
`);
    const model = compileModel(scenario, consensusRule);
    const s = summarize(model, runJob(model, 'x', 20), 'x');
    expect(s.outcomes[0]).toMatchObject({ outcome: 'deferred', share: 1 });
    expect(s.hours.mean).toBe(3); // table (1) + one round (2); a second round would exceed 4 h
    // 20 - 3 = 17 h left: X fits exactly, Y is crowded out
    expect(s.agenda.map((a) => a.crowdedOutShare)).toEqual([0, 1]);
  });
});
