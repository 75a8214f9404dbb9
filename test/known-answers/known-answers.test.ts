/**
 * Known answers: the exact text of `npm start` (plenary run: the default scenario, the default seed, 1000 runs) and of
 * `plenary compare --reforms` (the same scenario and seed, 1000 runs), pinned whole, like pure-rand's frozen values.
 * A change of draw order, of the model, of a dependency (seedrandom, the floor model) or of the report shows up here
 * as a failing test, not as silently different numbers in the docs.
 *
 * When a change is meant to change the results, re-pin in the same commit and say so in its message:
 *   npm run pin        (PLENARY_PIN=1 vitest run test/known-answers)
 * Never re-pin to hide an unintended change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { DEFAULT_SEED } from '../../src/engine/rng';

const PIN = process.env.PLENARY_PIN === '1';
const fixture = (name: string) => join(__dirname, 'fixtures', name);

function pinned(name: string, actual: string): void {
  const file = fixture(name);
  if (PIN) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no pinned answer ${file}: run npm run pin once, check the text, commit it`);
  const expected = readFileSync(file, 'utf8');
  if (actual !== expected) {
    // the whole text, so the diff shows every number that moved
    expect(actual, `${name} changed; if the change is intended, npm run pin and say why in the commit`).toBe(expected);
  }
}

describe('known answers (npm run pin to re-pin an intended change)', () => {
  it('npm start: plenary run, default scenario and seed, 1000 runs, table', async () => {
    const { text } = await runCommand({ runs: 1000, seed: DEFAULT_SEED, format: 'table' });
    expect(text).toContain('1,000 runs');
    pinned('run-default-1000.txt', text);
  });

  it('plenary compare --reforms, default scenario and seed, 1000 runs, table', async () => {
    const { text } = await compareCommand({ reforms: true, runs: 1000, seed: DEFAULT_SEED, format: 'table' });
    expect(text).toContain('1,000 runs');
    pinned('compare-reforms-1000.txt', text);
  });

  it('the same answer through rows: compare --reforms per-run records sum to the pinned JSON counts', async () => {
    const json = JSON.parse((await compareCommand({ reforms: true, runs: 1000, seed: DEFAULT_SEED, format: 'json' })).text) as { rules: { spec: string; reform?: { id: string }; outcomes: { outcome: string; count: number }[] }[] };
    const rows = (await compareCommand({ reforms: true, runs: 1000, seed: DEFAULT_SEED, format: 'jsonl' })).text.trim().split('\n').map((l) => JSON.parse(l) as { setting: string; outcome: string });
    for (const rule of json.rules) {
      const id = rule.reform?.id ?? rule.spec;
      for (const o of rule.outcomes) expect(rows.filter((r) => r.setting === id && r.outcome === o.outcome).length, `${id} ${o.outcome}`).toBe(o.count);
    }
  });
});
