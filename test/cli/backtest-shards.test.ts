/**
 * The backtest as a job like the others: its shards merge into exactly the unsplit report, and its threads give the
 * same bytes as one thread.
 */
import { describe, expect, it } from 'vitest';
import { backtestCommand } from '../../src/cli/commands/backtest';
import { mergeCommand } from '../../src/cli/commands/merge';

const CASES = 'test/analyses/backtest/fixtures/cases';

describe('backtest --shard and plenary merge', () => {
  it('any split merges into the report of the whole backtest, in every format; threads change nothing', async () => {
    const base = { paths: [CASES], runs: 120, seed: 'shards', models: ['ordinal', 'spatial'] as const };
    const files = new Map<string, string>();
    for (const count of [2, 3]) {
      for (let index = 1; index <= count; index++) files.set(`${index}of${count}`, (await backtestCommand({ ...base, format: 'json', shard: { index, count } })).text);
    }
    for (const format of ['json', 'table', 'markdown'] as const) {
      const whole = (await backtestCommand({ ...base, format })).text;
      expect(mergeCommand(['2of2', '1of2'], format, (f) => files.get(f)!)).toBe(whole);
      expect(mergeCommand(['1of3', '3of3', '2of3'], format, (f) => files.get(f)!)).toBe(whole);
    }
    const one = (await backtestCommand({ ...base, format: 'json', workers: 1 })).text;
    expect((await backtestCommand({ ...base, format: 'json', workers: 3 })).text).toBe(one);
  });

  it('refuses a part whose tallies were changed', async () => {
    const part = JSON.parse((await backtestCommand({ paths: [CASES], runs: 40, seed: 'x', format: 'json', shard: { index: 1, count: 2 } })).text);
    const other = (await backtestCommand({ paths: [CASES], runs: 40, seed: 'x', format: 'json', shard: { index: 2, count: 2 } })).text;
    part.tallies.cases[0].outcomes[0] += 1;
    const files = new Map([
      ['a', JSON.stringify(part)],
      ['b', other],
    ]);
    expect(() => mergeCommand(['a', 'b'], 'json', (f) => files.get(f)!)).toThrow(/a\b.*(do not add up|tallies)/);
  });
});
