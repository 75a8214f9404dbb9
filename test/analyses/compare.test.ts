import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCommand, comparedRules } from '../../src/cli/commands/compare';
import { mergeCommand } from '../../src/cli/commands/merge';
import { runCommand } from '../../src/cli/commands/run';
import { sweepCommand } from '../../src/cli/commands/sweep';
import { summarizeComparison } from '../../src/analyses/comparison';
import { jobOf, mergeJobTallies, runSlice } from '../../src/engine/kernel';
import type { Model } from '../../src/floor/model';
import { loadReforms } from '../../src/analyses/reforms';
import { renderComparison } from '../../src/report/compare';
import { UserError } from '../../src/common/errors';
import { DEFAULT_SCENARIO } from '../../src/common/paths';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { runRange, type Shard } from '../../src/engine/job';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const swakopmund = loadScenario(DEFAULT_SCENARIO);
const models = (specs: string[]) => specs.map((s) => compileModel(swakopmund, ruleOrThrow(s)));
/** runs [from, to) of every rule, paired, through the kernel */
const compareRange = (m: readonly Model[], seed: string, from: number, to: number) => runSlice(jobOf(m, seed, 'paired'), from, to);

describe('comparisons through the kernel (paired reduction, common random numbers)', () => {
  it('a rule compared with itself: identical outcomes, zero difference, no change', () => {
    const m = models(['consensus', 'consensus']);
    const c = summarizeComparison(m, compareRange(m, 'crn', 0, 200), 'crn');
    expect(c.rules[1].outcomes.map((o) => o.count)).toEqual(c.rules[0].outcomes.map((o) => o.count));
    for (const o of c.rules[1].outcomes) {
      expect(o.difference).toBe(0);
      expect(o.differenceCi95).toEqual([0, 0]);
    }
    expect(c.rules[1].changed.count).toBe(0);
  });

  it('per rule, the tallies equal a separate run of that rule on the same seed', () => {
    const m = models(['consensus', 'qualified-majority:2/3']);
    const t = compareRange(m, 'same', 0, 150);
    expect(t.tallies![1].outcomes).toEqual(runRange(m[1], 'same', 0, 150).outcomes);
    expect(t.tallies![0].outcomes).toEqual(runRange(m[0], 'same', 0, 150).outcomes);
  });

  it('transition rows and columns add up to the baseline and rule counts; the difference is the share difference', () => {
    const m = models(['consensus', 'consensus-then-vote:2/3', 'reverse-consensus']);
    const t = compareRange(m, 'sums', 0, 120);
    for (let r = 0; r < m.length; r++) {
      const rows = t.transitions![r].map((row) => row.reduce((a, b) => a + b, 0));
      const cols = t.transitions![r][0].map((_, j) => t.transitions![r].reduce((a, row) => a + row[j], 0));
      expect(rows).toEqual(t.tallies![0].outcomes);
      expect(cols).toEqual(t.tallies![r].outcomes);
    }
    const c = summarizeComparison(m, t, 'sums');
    c.rules.forEach((r) => r.outcomes.forEach((o, k) => expect(o.difference).toBeCloseTo(o.share - c.rules[0].outcomes[k].share, 5)));
  });

  it('splitting the runs anywhere and merging gives the same tallies', () => {
    const m = models(['consensus', 'qualified-majority:2/3']);
    const whole = compareRange(m, 'split', 0, 60);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (cut) => {
        const merged = mergeJobTallies(compareRange(m, 'split', 0, cut), compareRange(m, 'split', cut, 60));
        expect(merged.transitions).toEqual(whole.transitions);
        expect(merged.tallies!.map((r) => r.outcomes)).toEqual(whole.tallies!.map((r) => r.outcomes));
        expect(merged.tallies!.map((r) => r.decisiveAny)).toEqual(whole.tallies!.map((r) => r.decisiveAny));
        expect(merged.runs).toBe(60);
      }),
      { numRuns: 8 },
    );
  });
});

describe('shards merge into exactly the unsplit result (byte for byte)', () => {
  const files = new Map<string, string>();
  const read = (f: string) => files.get(f)!;
  const shards = async (n: number, make: (s: Shard) => Promise<{ text: string }>) => {
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = `part${i + 1}of${n}.json`;
      files.set(name, (await make({ index: i + 1, count: n })).text);
      names.push(name);
    }
    return names;
  };

  it('run', async () => {
    const base = { scenario: FIXTURE, runs: 97, seed: 'm' };
    const whole = (await runCommand({ ...base, format: 'json' })).text;
    const parts = await shards(3, (shard) => runCommand({ ...base, format: 'table', shard }));
    expect(mergeCommand(parts.reverse(), 'json', read)).toBe(whole);
    expect(mergeCommand(parts, 'markdown', read)).toBe((await runCommand({ ...base, format: 'markdown' })).text);
    expect(mergeCommand(parts, 'html', read)).toBe((await runCommand({ ...base, format: 'html' })).text);
  });

  it('compare (every format), including the reforms', async () => {
    const base = { runs: 41, seed: 'm', reforms: true };
    const parts = await shards(4, (shard) => compareCommand({ ...base, format: 'table', shard }));
    for (const format of ['json', 'csv', 'markdown', 'html', 'table'] as const) {
      expect(mergeCommand(parts, format, read)).toBe((await compareCommand({ ...base, format })).text);
    }
  });

  it('sweep', async () => {
    const base = { scenario: FIXTURE, vary: ['participants.a.flexibility=0:1:0.5'], rules: 'consensus,simple-majority', runs: 30, seed: 'm' };
    const parts = await shards(2, (shard) => sweepCommand({ ...base, format: 'table', shard }));
    expect(mergeCommand(parts, 'json', read)).toBe((await sweepCommand({ ...base, format: 'json' })).text);
    expect(mergeCommand(parts, 'csv', read)).toBe((await sweepCommand({ ...base, format: 'csv' })).text);
  });

  it('refuses parts that do not belong together', async () => {
    const base = { scenario: FIXTURE, runs: 20, seed: 'x' };
    const a = await shards(2, (shard) => runCommand({ ...base, format: 'json', shard }));
    files.set('other.json', (await runCommand({ ...base, seed: 'y', format: 'json', shard: { index: 2, count: 2 } })).text);
    files.set('junk.json', '{"hello": 1}');
    expect(() => mergeCommand([a[0]], 'json', read)).toThrow(/2\/2 missing/);
    expect(() => mergeCommand([a[0], a[0], a[1]], 'json', read)).toThrow(/given twice/);
    expect(() => mergeCommand([a[0], 'other.json'], 'json', read)).toThrow(/different job/);
    expect(() => mergeCommand(['junk.json'], 'json', read)).toThrow(/not a shard file/);
  });
});

describe('compare command', () => {
  it('needs rules or --reforms; bad rules are user errors', async () => {
    await expect(compareCommand({ runs: 5, seed: 's', format: 'table' })).rejects.toThrow(/--rules/);
    await expect(compareCommand({ runs: 5, seed: 's', format: 'table', rules: 'consensus,qualified-majority:3/2' })).rejects.toThrow(UserError);
    await expect(compareCommand({ runs: 5, seed: 's', format: 'table', rules: 'consensus,double-majority:2/3:sadc:nordic' })).rejects.toThrow(/"nordic"/);
  });

  it('--reforms on a scenario without the blocs a reform needs: that reform is skipped with a reason naming the groups', () => {
    const fixture = loadScenario(FIXTURE);
    const { rules, skipped } = comparedRules(fixture, { reforms: true });
    expect(skipped).toEqual([{ id: 'montreal-double-majority', reason: expect.stringMatching(/needs the groups adpa, western.*--map-group adpa=<bloc>/) }]);
    expect(rules).toHaveLength(loadReforms().length); // the rule in force and every other reform
  });

  it('--reforms puts the rule in force first and every bundled reform after it', () => {
    const { rules, reforms } = comparedRules(swakopmund, { reforms: true });
    expect(rules[0].spec).toBe('consensus');
    expect(reforms[0]).toBeUndefined();
    expect(reforms.slice(1).map((r) => r!.id)).toEqual(loadReforms().map((r) => r.id));
  });

  it('Markdown and HTML stand alone: scenario, rules with sources, guidance; HTML fetches nothing', () => {
    const m = models(['consensus', 'qualified-majority:2/3']);
    const c = summarizeComparison(m, compareRange(m, 'doc', 0, 50), 'doc');
    const md = renderComparison(c, 'markdown');
    expect(md).toContain(swakopmund.meeting.title);
    expect(md).toContain('Source: WDC proposal');
    expect(md).toMatch(/95% interval is the range/);
    const html = renderComparison(c, 'html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
  });
});

describe('compare on a scenario with uncertain inputs (ranges or distributions)', () => {
  const UNCERTAIN = 'test/fixtures/valid/uncertain-objector.yaml';
  const base = { scenario: UNCERTAIN, rules: 'simple-majority', runs: 200, seed: 'u' };

  it('says in every format, in one line, that it simulates them at their means (their spread is left out); shards keep the line', async () => {
    for (const format of ['table', 'markdown', 'html', 'csv'] as const) {
      const text = (await compareCommand({ ...base, format })).text;
      expect(text.match(/ranges or distributions are simulated at their means under every rule/g), format).toHaveLength(1);
    }
    const json = JSON.parse((await compareCommand({ ...base, format: 'json' })).text) as { inputsAtMeans?: number };
    expect(json.inputsAtMeans).toBe(2);
    // the merge of its shards says so too (the line comes from the scenario the shards carry)
    const files = new Map<string, string>();
    for (const index of [1, 2]) files.set(`u${index}`, (await compareCommand({ ...base, format: 'json', shard: { index, count: 2 } })).text);
    expect(mergeCommand(['u1', 'u2'], 'table', (f) => files.get(f)!)).toBe((await compareCommand({ ...base, format: 'table' })).text);
  });

  it('says nothing of the kind for a scenario without them', async () => {
    const json = JSON.parse((await compareCommand({ ...base, scenario: FIXTURE, format: 'json' })).text) as { inputsAtMeans?: number };
    expect(json.inputsAtMeans).toBeUndefined();
    expect((await compareCommand({ ...base, scenario: FIXTURE, format: 'table' })).text).not.toMatch(/Uncertain inputs/);
  });
});

describe('bundled reforms', () => {
  it('every reform file validates, cites the reference file and has a rule that applies to Swakopmund', () => {
    const reforms = loadReforms();
    expect(reforms.map((r) => r.id)).toEqual(expect.arrayContaining(['wdc-2009-two-thirds', 'ddi-2017-consensus-then-two-thirds', 'osce-consensus-minus-one', 'wto-consensus-then-majority', 'cwc-deferral-then-two-thirds', 'montreal-double-majority', 'jerusalem-reverse-consensus']));
    for (const r of reforms) {
      expect(r.source).toMatch(/kp-reference\.md §\d/);
      expect(() => compileModel(swakopmund, r.parsedRule)).not.toThrow();
    }
  });
});
