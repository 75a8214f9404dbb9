import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/commands/sweep';
import { parsePath, parseVary, setAtPath, sweepSettings } from '../../src/analyses/sweep';
import { whatWouldItTake, withStance } from '../../src/analyses/whatWouldItTake';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';

describe('--vary', () => {
  it('parses ranges into exact values', () => {
    expect(parseVary('blocs.sadc.cohesion=0:1:0.25').values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseVary('x=0:0.3:0.1').values).toEqual([0, 0.1, 0.2, 0.3]);
    expect(parseVary('x=3:1:1').values).toEqual([3, 2, 1]);
    expect(() => parseVary('x=0:1:0')).toThrow(/step/);
    expect(() => parseVary('x=a:b:c')).toThrow(/not <from>:<to>:<step>/);
    expect(() => parseVary('x')).toThrow(/--vary <path>=/);
  });
  it('paths address list entries by id or index', () => {
    expect(parsePath('blocs[id=sadc].cohesion')).toEqual([{ key: 'blocs' }, { id: 'sadc' }, { key: 'cohesion' }]);
    expect(parsePath('participants[2].weight')).toEqual([{ key: 'participants' }, { index: 2 }, { key: 'weight' }]);
    const doc = { blocs: [{ id: 'sadc', cohesion: 0.7 }], procedure: {} };
    expect(setAtPath(doc, 'blocs.sadc.cohesion', 0.1)).toEqual({ blocs: [{ id: 'sadc', cohesion: 0.1 }], procedure: {} });
    expect(setAtPath(doc, 'blocs[id=sadc].cohesion', 0.2)).toEqual({ blocs: [{ id: 'sadc', cohesion: 0.2 }], procedure: {} });
    expect(setAtPath(doc, 'procedure.maxRoundsPerOption', 4)).toEqual({ blocs: [{ id: 'sadc', cohesion: 0.7 }], procedure: { maxRoundsPerOption: 4 } });
    expect(doc.blocs[0].cohesion).toBe(0.7); // pure
    expect(() => setAtPath(doc, 'blocs.nordic.cohesion', 1)).toThrow(/--vary blocs\.nordic\.cohesion: not an id of blocs \(ids: sadc\)/);
    expect(() => setAtPath(doc, 'blocs.sadc', 1)).toThrow(/not a number/);
  });
  it('settings are the cartesian product, first --vary outermost', () => {
    expect(sweepSettings([parseVary('a=0:1:1'), parseVary('b=5:6:1')])).toEqual([[0, 5], [0, 6], [1, 5], [1, 6]]);
  });
  it('a sweep re-validates every setting and never runs an invalid or unknown path', async () => {
    const base = { scenario: FIXTURE, runs: 5, seed: 's', format: 'json' as const };
    await expect(sweepCommand({ ...base, vary: ['participants.a.flexibility=0:2:1'] })).rejects.toThrow(/not valid[\s\S]*<= 1/);
    await expect(sweepCommand({ ...base, vary: ['participants.a.flexibilty=0:1:1'] })).rejects.toThrow(/does not exist[\s\S]*Did you mean "flexibility"/);
    await expect(sweepCommand({ ...base, vary: ['participants.z.flexibility=0:1:1'] })).rejects.toThrow(/--vary participants\.z\.flexibility: not an id of participants \(ids: a, /);
  });
  it('varying a member who always objects changes nothing under consensus while it objects for sure', async () => {
    const out = JSON.parse((await sweepCommand({ scenario: FIXTURE, vary: ['participants.a.flexibility=0:0:1'], runs: 50, seed: 's', format: 'json' })).text);
    const act = out.rows.find((r: { outcome: string }) => r.outcome === 'act');
    expect(act.count).toBe(0);
  });
});

describe('what-would-it-take', () => {
  const scenario = loadScenario(FIXTURE);
  it('derives a modified scenario without touching the original', () => {
    const changed = withStance(scenario, ['a'], 'act', 'support');
    expect(changed.participants.find((p) => p.id === 'a')!.stances.act).toEqual([1, 0, 0, 0]);
    expect(scenario.participants.find((p) => p.id === 'a')!.stances.act).toEqual([0, 0, 0, 1]);
  });
  it('finds the single objector whose change makes the option adopted', async () => {
    const w = await whatWouldItTake(scenario, ruleOrThrow('consensus'), { target: 'act', stance: 'accept', runs: 40, seed: 's', maxSize: 2, candidates: 3 });
    expect(w.method).toBe('exact');
    expect(w.sets).toHaveLength(1);
    expect(w.sets[0].participants).toEqual(['a']);
    expect(w.sets[0].share).toBe(1);
  });
  it('needs nobody when the target is already modal; unknown targets are user errors', async () => {
    expect((await whatWouldItTake(scenario, ruleOrThrow('simple-majority'), { target: 'act', stance: 'support', runs: 20, seed: 's', maxSize: 2, candidates: 3 })).method).toBe('none-needed');
    await expect(whatWouldItTake(scenario, ruleOrThrow('consensus'), { target: 'nothing', stance: 'support', runs: 20, seed: 's', maxSize: 2, candidates: 3 })).rejects.toThrow(/not a tabled option/);
  });
});
