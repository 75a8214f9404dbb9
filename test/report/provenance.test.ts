import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { packageVersion } from '../../src/common/paths';
import { buildStamp, scenarioHash, shellQuote, shellSplit } from '../../src/report/provenance';

const SWAKOPMUND = 'scenarios/kp-2009-swakopmund.yaml';
const ROSTER = resolve('scenarios/rosters/kp-2009.yaml');
const RANGES = 'test/fixtures/valid/uncertain-objector.yaml';

async function plenary(args: readonly string[], date: string): Promise<string> {
  process.env.PLENARY_DATE = date;
  const out: string[] = [];
  const io: CliIO = { emit: async (text) => void out.push(text), err: () => undefined, interactive: false, exitCode: 0, interrupted: () => false };
  const code = await main(['node', 'plenary', ...args], io);
  expect(code, out.join('')).toBe(0);
  return out.join('');
}

afterEach(() => {
  delete process.env.PLENARY_DATE;
});

describe('provenance stamp', () => {
  it('records the version, a sha256 of the scenario with its roster, the command, the seed and the date', async () => {
    const json = JSON.parse(await plenary(['run', SWAKOPMUND, '--runs', '200', '--seed', 'stamp test', '--format', 'json'], '2026-01-02'));
    const stamp = json.provenance;
    expect(stamp.plenary).toBe(packageVersion());
    expect(stamp.files).toEqual([SWAKOPMUND, ROSTER]);
    const expected = createHash('sha256');
    for (const f of [SWAKOPMUND, ROSTER]) expected.update(readFileSync(f, 'utf8')).update('\0');
    expect(stamp.scenarioSha256).toBe(expected.digest('hex'));
    expect(stamp.command).toBe(`plenary run ${SWAKOPMUND} --runs 200 --seed 'stamp test' --format json`);
    expect(stamp.seed).toBe('stamp test');
    expect(stamp.date).toBe('2026-01-02');
  });

  it('re-running the command from the stamp gives the same result, all but the date', async () => {
    for (const args of [
      ['run', SWAKOPMUND, '--runs', '300', '--seed', 'x y', '--format', 'json'],
      ['run', RANGES, '--runs', '400', '--draws', '20', '--format', 'json'],
      ['sensitivity', RANGES, '--runs', '20', '--trajectories', '3', '--sobol-rows', '8', '--format', 'json'],
    ]) {
      const first = JSON.parse(await plenary(args, '2026-01-02'));
      const replay = shellSplit(first.provenance.command);
      expect(replay[0]).toBe('plenary');
      const second = JSON.parse(await plenary(replay.slice(1), '2027-03-04'));
      expect(second.provenance.date).toBe('2027-03-04');
      expect({ ...second, provenance: { ...second.provenance, date: first.provenance.date } }).toEqual(first);
    }
  });

  it('every output format carries it', async () => {
    for (const format of ['table', 'markdown', 'csv']) {
      const text = await plenary(['run', RANGES, '--runs', '100', '--format', format], '2026-01-02');
      expect(text, format).toMatch(/plenary run test\/fixtures\/valid\/uncertain-objector\.yaml --runs 100 --format/);
      expect(text, format).toMatch(/2026-01-02/);
    }
    for (const format of ['table', 'markdown', 'csv', 'html', 'json']) {
      const text = await plenary(['sensitivity', RANGES, '--runs', '20', '--trajectories', '2', '--sobol-rows', '4', '--format', format], '2026-01-02');
      expect(text, format).toMatch(/plenary sensitivity test\/fixtures\/valid\/uncertain-objector\.yaml/);
      expect(text, format).toMatch(/2026-01-02/);
      expect(text, format).toMatch(/[0-9a-f]{16}/);
    }
  });

  it('the hash changes with any file of the scenario, and with text moved between files', () => {
    expect(scenarioHash(['a', 'b'])).not.toBe(scenarioHash(['a', 'c']));
    expect(scenarioHash(['ab', ''])).not.toBe(scenarioHash(['a', 'b']));
    const stamp = buildStamp({ version: '1', files: [{ file: 'x.yaml', text: 't' }], args: ['run', 'my file.yaml'], seed: 's', date: '2026-01-01' });
    expect(stamp.command).toBe("plenary run 'my file.yaml'");
  });

  it('command lines round-trip through quoting', () => {
    const args = ['run', "it's.yaml", 'a b', '--seed', '', 'plain', 'x"y'];
    expect(shellSplit(args.map(shellQuote).join(' '))).toEqual(args);
  });
});

describe('the stamp names only what decides the result', () => {
  it('leaves out --workers, --out, --quiet and --debug (the result is the same whatever they are)', async () => {
    const { resultArgs } = await import('../../src/cli/stamp');
    expect(resultArgs(['run', 'x.yaml', '--workers', '2', '-w', '1', '--workers=2', '-w2', '--out', 'r.json', '-o', 'r.json', '--out=r.json', '-q', '--quiet', '--debug', '--runs', '10'])).toEqual(['run', 'x.yaml', '--runs', '10']);
  });
});
