import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { packageVersion } from '../../src/common/paths';
import { buildStamp, scenarioHash, shellQuote, shellSplit } from '../../src/report/provenance';
import { csvCells } from './csvCells';

const SWAKOPMUND = 'scenarios/kp-2009-swakopmund.yaml';
/** a roster included by a scenario named relative to the working folder is named so too (no machine path in a result) */
const ROSTER = 'scenarios/rosters/kp-2009.yaml';
const RANGES = 'test/fixtures/valid/uncertain-objector.yaml';

const THREE = 'test/fixtures/valid/three-members.yaml';

/** The CLI in this process: exit code, stdout and stderr. */
async function cli(args: readonly string[], date: string): Promise<{ code: number; out: string; err: string }> {
  process.env.PLENARY_DATE = date;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { emit: async (text) => void out.push(text), err: (line) => void err.push(line), interactive: false, exitCode: 0, interrupted: () => false };
  const code = await main(['node', 'plenary', ...args], io);
  return { code, out: out.join(''), err: err.join('\n') };
}

async function plenary(args: readonly string[], date: string): Promise<string> {
  const { code, out, err } = await cli(args, date);
  expect(code, `${out}${err}`).toBe(0);
  return out;
}

/** The JSON result with the stamp's date replaced (everything else must be equal on a replay). */
const undated = (json: { provenance: { date: string } }, date = '*') => ({ ...json, provenance: { ...json.provenance, date } });

/** Runs a command from a stamp's command line. */
async function replay(command: string, date: string): Promise<string> {
  const args = shellSplit(command);
  expect(args[0]).toBe('plenary');
  return plenary(args.slice(1), date);
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
      ['compare', THREE, '--rules', 'simple-majority,qualified-majority:2/3', '--runs', '300', '--seed', 'c d', '--format', 'json'],
      ['compare', SWAKOPMUND, '--reforms', '--runs', '100', '--format', 'json'],
      ['power', SWAKOPMUND, '--rule', 'qualified-majority:2/3', '--format', 'json'],
      ['power', '--weights', '1.5,2.25,3', '--quota', '2/3', '--names', 'a b,c,d', '--format', 'json'],
      ['trace', THREE, '--seed', 'one run', '--run', '7', '--format', 'json'],
      ['trace', SWAKOPMUND, '--run', '3', '--rule', 'qualified-majority:2/3', '--format', 'json'],
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

describe('compare carries the stamp in every format', () => {
  const base = ['compare', THREE, '--rules', 'simple-majority', '--runs', '50'];
  it('table, Markdown, CSV, HTML and JSON name the command, the date and the hash', async () => {
    const hash = scenarioHash([readFileSync(THREE, 'utf8')]);
    for (const format of ['table', 'markdown', 'csv', 'html', 'json']) {
      const text = await plenary([...base, '--format', format], '2026-01-02');
      expect(text, format).toContain(`plenary compare ${THREE} --rules simple-majority --runs 50 --format ${format}`);
      expect(text, format).toMatch(/2026-01-02/);
      expect(text, format).toContain(format === 'table' || format === 'markdown' ? hash.slice(0, 16) : hash);
    }
  });

  it('rows and JSON Lines carry it on the first record, and every line still parses to the same columns', async () => {
    const jsonl = (await plenary([...base, '--format', 'jsonl'], '2026-01-02')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl).toHaveLength(100);
    expect((jsonl[0].provenance as { command: string }).command).toBe(`plenary compare ${THREE} --rules simple-majority --runs 50 --format jsonl`);
    expect(jsonl.slice(1).every((r) => !('provenance' in r) && typeof r.outcome === 'string')).toBe(true);
    const csv = (await plenary([...base, '--format', 'rows'], '2026-01-02')).trimEnd().split('\n');
    expect(csv[0].split(',').at(-1)).toBe('provenance');
    expect(csv).toHaveLength(101);
    // the stamp is one quoted cell: the first record has as many cells as the others
    const cells = csvCells;
    expect(new Set(csv.map((l) => cells(l).length))).toEqual(new Set([9]));
    expect(JSON.parse(cells(csv[1])[8]).date).toBe('2026-01-02');
    expect(csv.slice(2).every((l) => cells(l)[8] === '')).toBe(true);
  });

  it('the parts of a sharded rows job concatenate to the unsplit rows, stamp included', async () => {
    for (const format of ['rows', 'jsonl']) {
      const whole = await plenary([...base, '--format', format], '2026-01-02');
      const parts = [await plenary([...base, '--format', format, '--shard', '1/2'], '2026-01-02'), await plenary([...base, '--format', format, '--shard', '2/2'], '2026-01-02')];
      expect(parts.join(''), format).toBe(whole);
    }
  });
});

describe('power and trace carry the stamp in every format', () => {
  it('power: table, Markdown, CSV and JSON; a scenario body is hashed, a body on the command line says it has no file', async () => {
    const hash = scenarioHash([readFileSync(SWAKOPMUND, 'utf8'), readFileSync(ROSTER, 'utf8')]);
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      const text = await plenary(['power', SWAKOPMUND, '--format', format], '2026-01-02');
      expect(text, format).toContain(`plenary power ${SWAKOPMUND} --format ${format}`);
      expect(text, format).toMatch(/2026-01-02/);
      expect(text, format).toContain(hash.slice(0, 16));
      const quick = await plenary(['power', '--weights', '1.5,2.25,3', '--quota', '2/3', '--format', format], '2026-01-02');
      expect(quick, format).toContain(`plenary power --weights 1.5,2.25,3 --quota 2/3 --format ${format}`);
      expect(quick, format).toMatch(/2026-01-02/);
      expect(quick, format).toContain(scenarioHash([]).slice(0, 16));
    }
    const quick = JSON.parse(await plenary(['power', '--weights', '4,2,1', '--quota', '4', '--format', 'json'], '2026-01-02'));
    expect(quick.provenance.files).toEqual([]);
    expect(quick.provenance.scenarioSha256).toBe(createHash('sha256').digest('hex'));
    expect(quick.provenance).not.toHaveProperty('seed');
    expect(await plenary(['power', '--weights', '4,2,1', '--quota', '4'], '2026-01-02')).toMatch(/\(of no file: the body is given on the command line\) · no seed \(exact, no randomness\)/);
    // several rules: the JSON stays an array, each result stamped
    const many = JSON.parse(await plenary(['power', '--rules', 'consensus,simple-majority', '--format', 'json'], '2026-01-02')) as { provenance: { command: string } }[];
    expect(many.map((r) => r.provenance.command)).toEqual(Array(2).fill('plenary power --rules consensus,simple-majority --format json'));
  });

  it('trace: the text and the JSON', async () => {
    for (const format of ['text', 'json']) {
      const text = await plenary(['trace', THREE, '--run', '2', '--format', format], '2026-01-02');
      expect(text, format).toContain(`plenary trace ${THREE} --run 2 --format ${format}`);
      expect(text, format).toMatch(/2026-01-02/);
      expect(text, format).toContain(scenarioHash([readFileSync(THREE, 'utf8')]).slice(0, 16));
    }
  });
});

describe('merge: the merged result carries the stamp of the unsplit command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-stamp-'));
  async function shards(args: readonly string[], n: number, date: string, tag: string): Promise<string[]> {
    const files: string[] = [];
    for (let i = 1; i <= n; i++) {
      const file = join(dir, `${tag}-${i}.json`);
      writeFileSync(file, await plenary([...args, '--shard', `${i}/${n}`], date));
      files.push(file);
    }
    return files;
  }

  it('run and compare: merged JSON = unsplit JSON (all but the date), and re-running the merged stamp gives it again', async () => {
    for (const [tag, args] of [
      ['run', ['run', SWAKOPMUND, '--runs', '300', '--seed', 'm e']],
      ['compare', ['compare', THREE, '--rules', 'simple-majority', '--runs', '300']],
    ] as const) {
      const files = await shards(args, 3, '2026-01-02', tag);
      const merged = JSON.parse(await plenary(['merge', ...files, '--format', 'json'], '2026-05-06'));
      expect(merged.provenance.date).toBe('2026-05-06');
      expect(merged.provenance.command).toBe(['plenary', ...args, '--format', 'json'].map(shellQuote).join(' '));
      const unsplit = JSON.parse(await plenary([...args, '--format', 'json'], '2026-01-02'));
      expect(undated(merged), tag).toEqual(undated(unsplit));
      expect(undated(JSON.parse(await replay(merged.provenance.command, '2027-03-04'))), tag).toEqual(undated(merged));
      for (const format of ['table', 'markdown', 'csv', 'html']) {
        const text = await plenary(['merge', ...files, '--format', format], '2026-05-06');
        expect(text, `${tag} ${format}`).toContain(`plenary ${args[0]} `);
        expect(text, `${tag} ${format}`).toMatch(/2026-05-06/);
        expect(text, `${tag} ${format}`).not.toContain('--shard');
      }
    }
  });

  it('refuses parts whose stamps disagree: the scenario text changed (even a comment), or other arguments', async () => {
    const scenario = join(dir, 'council.yaml');
    writeFileSync(scenario, readFileSync(THREE, 'utf8'));
    const args = ['compare', scenario, '--rules', 'simple-majority', '--runs', '100'];
    const [one] = await shards(args, 2, '2026-01-02', 'before');
    appendFileSync(scenario, '# a comment added between the parts\n');
    const [, two] = await shards(args, 2, '2026-01-03', 'after');
    const changed = await cli(['merge', one, two], '2026-01-04');
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/provenance stamp disagrees .*scenario sha256/);
    // the same job but a different command line (an explicit --model that is the default)
    const [, three] = await shards([...args, '--model', 'spatial'], 2, '2026-01-03', 'model');
    const other = await cli(['merge', one, three], '2026-01-04');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/provenance stamp disagrees .*command/);
    // parts of one job made on different days merge
    const [, later] = await shards(args, 2, '2026-02-01', 'later');
    const [first] = await shards(args, 2, '2026-01-02', 'first');
    expect((await cli(['merge', first, later], '2026-02-02')).code).toBe(0);
    // a part without a stamp (a library call, an older plenary) does not merge with stamped parts; unstamped parts merge unstamped
    const bare = join(dir, 'bare.json');
    const { provenance: _dropped, ...unstamped } = JSON.parse(readFileSync(later, 'utf8'));
    writeFileSync(bare, JSON.stringify(unstamped));
    const mixed = await cli(['merge', first, bare], '2026-02-02');
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/bare\.json: its provenance stamp disagrees .*it has no stamp/);
    const bareFirst = join(dir, 'bare-first.json');
    const { provenance: _too, ...unstampedFirst } = JSON.parse(readFileSync(first, 'utf8'));
    writeFileSync(bareFirst, JSON.stringify(unstampedFirst));
    const plain = await cli(['merge', bareFirst, bare, '--format', 'json'], '2026-02-02');
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).not.toHaveProperty('provenance');
    // a shard file is the same whatever --format the part was given: parts made with and without it merge
    const [formatted] = await shards([...args, '--format', 'markdown'], 2, '2026-01-02', 'formatted');
    expect((await cli(['merge', formatted, later], '2026-02-02')).code).toBe(0);
  });
});

describe('the stamp names only what decides the result', () => {
  it('leaves out --workers, --out, --quiet and --debug (the result is the same whatever they are)', async () => {
    const { resultArgs } = await import('../../src/cli/stamp');
    expect(resultArgs(['run', 'x.yaml', '--workers', '2', '-w', '1', '--workers=2', '-w2', '--out', 'r.json', '-o', 'r.json', '--out=r.json', '-q', '--quiet', '--debug', '--runs', '10'])).toEqual(['run', 'x.yaml', '--runs', '10']);
  });
});

describe('results name files as the working folder does', () => {
  it('the bundled default scenario, a bundled scenario named by id and the default case library carry no machine path', async () => {
    const root = process.cwd();
    for (const args of [
      ['run', '--runs', '50'],
      ['compare', 'kp-2010-tel-aviv', '--rules', 'qualified-majority:2/3', '--runs', '50'],
      ['sweep', '--vary', 'blocs.sadc.cohesion=0:1:1', '--runs', '20'],
      ['backtest', '--runs', '10'],
    ]) {
      const text = await plenary([...args, '--format', 'json'], '2026-01-02');
      expect(text, args.join(' ')).not.toContain(root);
      expect(JSON.parse(text).provenance.files.length, args.join(' ')).toBeGreaterThan(1);
    }
    const run = JSON.parse(await plenary(['run', '--runs', '50', '--format', 'json'], '2026-01-02'));
    expect(run.provenance.files).toEqual(['scenarios/kp-2009-swakopmund.yaml', 'scenarios/rosters/kp-2009.yaml']);
  });
});
