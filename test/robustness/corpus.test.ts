/**
 * The robustness corpus of issue 17 (test/fixtures/robustness/cases.json): each case runs the CLI in-process in a
 * copy of the fixture folder and states the exit code and the message a user sees first. The inputs that cannot or
 * should not be committed (UTF-16, a file of a quarter of a million YAML nodes, 10,001 participants, symbolic
 * links, shard files) are generated here.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReform } from '../../src/analyses/reforms';
import { guardOutput, releaseOutput } from '../../src/common/inputFiles';
import { ROOT } from './cli';
import { plenaryInProcess, STACK_TRACE, type InProcessRun } from './inProcess';

const CORPUS = join(ROOT, 'test/fixtures/robustness');
interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly exit: number;
  readonly stderr?: string;
  readonly stderrEmpty?: boolean;
  readonly stdout?: string;
  readonly notStdout?: string;
}
const { cases } = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as { cases: Case[] };

const tmp = mkdtempSync(join(tmpdir(), 'plenary-corpus-'));
const dir = join(tmp, 'corpus');
beforeAll(() => cpSync(CORPUS, dir, { recursive: true }));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const snapshot = (): Map<string, string> => {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile()) files.set(join(d, e.name), readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  return files;
};

function expectUserSees(r: InProcessRun, c: Pick<Case, 'exit' | 'stderr' | 'stderrEmpty' | 'stdout' | 'notStdout'>): void {
  const shown = `exit ${r.code}\nstderr:\n${r.stderr.slice(0, 3000)}\nstdout:\n${r.stdout.slice(0, 1500)}`;
  expect(r.code, shown).toBe(c.exit);
  expect(r.stderr, shown).not.toMatch(STACK_TRACE);
  // a refusal is a `plenary: ...` message on stderr with nothing on stdout (validate's report is its stdout)
  if (r.code === 2 && r.stdout === '') expect(r.stderr, shown).toMatch(/^plenary: \S/);
  if (c.stderr !== undefined) expect(r.stderr.split('\n')[0], shown).toContain(c.stderr);
  // no message echoes a pasted value whole (a 100 KB --seed or --rule)
  expect(r.stderr.split('\n').every((line) => line.length < 2000), shown).toBe(true);
  if (c.stderrEmpty) expect(r.stderr, shown).toBe('');
  if (c.stdout !== undefined) expect(r.stdout, shown).toContain(c.stdout);
  if (c.notStdout !== undefined) expect(r.stdout, shown).not.toContain(c.notStdout);
}

describe('robustness corpus (test/fixtures/robustness/cases.json)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = snapshot();
    const args = c.args.map((a) => a.replaceAll('{dir}', dir).replace('{seed100k}', '7'.repeat(100_000)));
    expectUserSees(await plenaryInProcess(args), c);
    // no command changed a file it read (or any other file of the corpus)
    const after = snapshot();
    for (const [file, text] of before) expect(after.get(file), file).toBe(text);
  });
});

describe('generated inputs', () => {
  const write = (name: string, data: string | Buffer): string => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const base = () => readFileSync(join(CORPUS, 'base.yaml'), 'utf8');

  it('UTF-16 with a byte-order mark, and without one, is named as UTF-16', async () => {
    const bom = write('utf16-bom.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base(), 'utf16le')]));
    expectUserSees(await plenaryInProcess(['run', bom]), { exit: 2, stderr: 'utf16-bom.yaml:1 is UTF-16 (little-endian, with a byte-order mark) text; save it as UTF-8' });
    const be = write('utf16-be.yaml', Buffer.from(base(), 'utf16le').swap16());
    expectUserSees(await plenaryInProcess(['run', be]), { exit: 2, stderr: 'is UTF-16 (big-endian, no byte-order mark) text' });
  });

  it('a file of a quarter of a million tiny YAML nodes is refused before parsing, with the limit named', async () => {
    const file = write('nodes.yaml', `${base()}notes: [${new Array(250_000).fill('0').join(',')}]\n`);
    expectUserSees(await plenaryInProcess(['validate', file]), { exit: 2, stdout: 'has more than 200,000 YAML nodes (values, list entries and keys), the limit for one file (MAX_YAML_NODES)' });
  });

  it('10,001 participants: the list is refused, with no follow-on "chair: unknown participant"', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => `  - { id: p${i}, name: P${i} }\n`).join('');
    const file = write('too-many.yaml', base().replace('  - { id: o, name: Observer, role: observer }\n', `  - { id: o, name: Observer, role: observer }\n${many}`));
    const r = await plenaryInProcess(['run', file]);
    expectUserSees(r, { exit: 2, stderr: 'too-many.yaml:8:3 participants: number of entries must be <= 10000, received 10004 entries' });
    expect(r.stderr).not.toMatch(/unknown participant/);
  });

  it('--out through a symbolic link to the roster is refused (links are resolved)', async () => {
    const link = join(dir, 'link-to-roster.yaml');
    symlinkSync(join(dir, 'rosters/base-roster.yaml'), link);
    const before = readFileSync(join(dir, 'rosters/base-roster.yaml'), 'utf8');
    expectUserSees(await plenaryInProcess(['run', join(dir, 'roster-ok.yaml'), '--out', link]), { exit: 2, stderr: 'is a file this command reads (a roster included by' });
    expect(readFileSync(join(dir, 'rosters/base-roster.yaml'), 'utf8')).toBe(before);
  });

  it('a reform file being read is never the --out file', () => {
    const reform = join(tmp, 'reform.yaml');
    cpSync(join(ROOT, 'scenarios/reforms', readdirSync(join(ROOT, 'scenarios/reforms')).find((f) => f.endsWith('.yaml'))!), reform);
    guardOutput(reform, 'reform.yaml');
    try {
      expect(() => readReform(reform)).toThrow(/--out reform\.yaml: is a file this command reads \(a reform file: .*reform\.yaml\); refusing to overwrite it/);
    } finally {
      releaseOutput();
    }
  });

  it('the KTAB CSV of import is never the --out file', async () => {
    const csv = readdirSync(join(ROOT, 'test/fixtures/ktab')).find((f) => f.endsWith('.csv'));
    if (!csv) return;
    const file = join(tmp, csv);
    cpSync(join(ROOT, 'test/fixtures/ktab', csv), file);
    expectUserSees(await plenaryInProcess(['import', 'ktab', file, '--out', file]), { exit: 2, stderr: 'is also an input file; refusing to overwrite it' });
  });

  it('every bundled scenario can be swept (rosters with extends and remove included)', async () => {
    const files = readdirSync(join(ROOT, 'scenarios'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml') && !/^(rosters|reforms|parameters)[/\\]/.test(f) && !f.includes('ga-193'))
      .map((f) => join(ROOT, 'scenarios', f));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const r = await plenaryInProcess(['sweep', file, '--vary', 'model.cohesion=0:1:1', '--runs', '2', '--format', 'csv']);
      expect(r.code, `${file}\n${r.stderr}`).toBe(0);
    }
  });

  it('merge refuses damaged shard files with exit 2 and the file named', async () => {
    const fixture = join(ROOT, 'test/fixtures/valid/three-members.yaml');
    const parts = [1, 2].map((i) => join(tmp, `part${i}.json`));
    for (const [i, out] of parts.entries()) expect((await plenaryInProcess(['run', fixture, '--runs', '10', '--shard', `${i + 1}/2`, '--out', out])).code).toBe(0);
    const doc = JSON.parse(readFileSync(parts[0], 'utf8'));
    const damaged = (name: string, change: (d: typeof doc) => void): string => {
      const copy = structuredClone(doc);
      change(copy);
      return write(name, JSON.stringify(copy));
    };
    const cases: [string, (d: typeof doc) => void, string][] = [
      ['shards-1e9.json', (d) => (d.job.shards = 1e9), 'not a valid shard file: job and part: job.shards: Too big'],
      ['negative-count.json', (d) => (d.tallies.outcomes[0] = -1_111_110), 'not a valid shard file: tallies: outcomes.0: Too small'],
      ['null-count.json', (d) => (d.tallies.outcomes[1] = null), 'not a valid shard file: tallies: outcomes.1'],
      ['wrong-total.json', (d) => (d.tallies.outcomes[1] += 1), 'the tallies do not add up: outcome counts sum to 6, not to the 5 runs'],
      ['wrong-range.json', (d) => (d.shard.to = 7), 'shard 1/2 has an inconsistent run range'],
      ['nan-salience.json', (d) => (d.context.participants[0].salience = 'NaN'), 'not a valid shard file: scenario: participants.0.salience'],
    ];
    for (const [name, change, message] of cases) {
      expectUserSees(await plenaryInProcess(['merge', damaged(name, change), parts[1]]), { exit: 2, stderr: `${name}: ${message}` });
    }
    expectUserSees(await plenaryInProcess(['merge', ...parts, '--out', parts[0]]), { exit: 2, stderr: 'is also an input file; refusing to overwrite it' });
    expectUserSees(await plenaryInProcess(['merge', ...parts]), { exit: 0, stdout: 'Three members' });
  });
});
