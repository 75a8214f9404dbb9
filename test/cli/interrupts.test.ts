/**
 * Ctrl-C on every long job: SIGINT sent to the built CLI in the middle of a big compare, sweep, backtest,
 * what-would-it-take, power and a two-level run (a scenario with uncertain inputs; also on 2 threads and as a shard) stops it with exit 130, `plenary: interrupted`, and no --out written. The bound on the
 * time after the signal is generous (5 s; a job that ignored the signal would run for minutes): not a timing test.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, interruptCli } from '../robustness/cli';

let cli: Awaited<ReturnType<typeof buildCli>>;
let dir: string;
beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'plenary-sigint-'));
}, 120_000);
afterAll(() => {
  cli?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** 500 weighted members: exact power takes several seconds of one dynamic programme (just inside its work limit) */
const WEIGHTS = Array.from({ length: 500 }, (_, i) => 1 + ((i * 37) % 25));
const QUOTA = Math.floor(WEIGHTS.reduce((a, b) => a + b, 0) / 2) + 1;

/** Jobs that take minutes (power: several seconds of one exact computation) unless stopped. */
const JOBS: Record<string, string[]> = {
  compare: ['compare', '--reforms', '--runs', '5000000'],
  sweep: ['sweep', '--vary', 'blocs.sadc.cohesion=0:1:0.05', '--runs', '2000000'],
  backtest: ['backtest', '--runs', '5000000'],
  'what-would-it-take': ['what-would-it-take', '--target', 'suspend', '--runs', '1000000'],
  power: ['power', '--weights', WEIGHTS.join(','), '--quota', String(QUOTA)],
  'run with uncertain inputs (two-level)': ['run', 'test/fixtures/valid/uncertain-objector.yaml', '--runs', '5000000', '--draws', '1000'],
  'two-level run on 2 threads': ['run', 'test/fixtures/valid/uncertain-objector.yaml', '--runs', '5000000', '--draws', '1000', '--workers', '2'],
  'shard of a two-level run on 2 threads': ['run', 'test/fixtures/valid/uncertain-objector.yaml', '--runs', '10000000', '--draws', '1000', '--workers', '2', '--shard', '1/2'],
};

/** Jobs whose result a person reads (a table): printed when interrupted, marked PARTIAL; a shard file prints nothing. */
const PARTIAL_TABLE = new Set(['two-level run on 2 threads']);
const PRINTS_NOTHING = new Set(['shard of a two-level run on 2 threads']);

describe('Ctrl-C stops every long job: exit 130, nothing written to --out', () => {
  for (const [name, args] of Object.entries(JOBS)) {
    it(name, async () => {
      const out = join(dir, `${name}.out`);
      const r = await interruptCli(cli.bin, [...args, '--out', out], 2500);
      expect(r.signal, `${name} was killed by the signal before it could handle it`).toBeNull();
      expect(r.status, r.stderr).toBe(130);
      expect(r.stderr.trim().split('\n').pop()).toBe('plenary: interrupted');
      expect(r.elapsedAfterSignal).toBeGreaterThanOrEqual(0);
      expect(r.elapsedAfterSignal).toBeLessThan(5000);
      expect(existsSync(out)).toBe(false);
      if (PARTIAL_TABLE.has(name)) expect(r.stdout).toMatch(/PARTIAL \(interrupted\)/);
      if (PRINTS_NOTHING.has(name)) expect(r.stdout).toBe('');
    }, 60_000);
  }
});
