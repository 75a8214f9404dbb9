/**
 * Mutation fuzz (fixed seed, deterministic): mutants of every bundled scenario and roster, and of shard files of
 * run, compare and sweep, go through the CLI in-process. The only answers allowed are exit 0 with a sane result or
 * exit 2 with a `plenary: ...` message: never exit 1 (an internal error), a stack trace, or a hang (the test
 * timeout). A few mutants also go through the built binary.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import seedrandom from 'seedrandom';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, runCli } from './cli';
import { plenaryInProcess, STACK_TRACE, type InProcessRun } from './inProcess';

const SEED = 'plenary-fuzz-17';
const tmp = mkdtempSync(join(tmpdir(), 'plenary-fuzz-'));
const tree = join(tmp, 'scenarios');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the bundled scenario tree, so that mutants sit beside the rosters they include. */
beforeAll(() => cpSync(join(ROOT, 'scenarios'), tree, { recursive: true }));

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const NASTY: readonly unknown[] = [
  null, '', 0, -1, -0.5, 1.5, 2, 1e9, 1e308, -1e308, 0.1 + 0.2, 'x'.repeat(300), '\u001b[2J', '=cmd|x', '__proto__',
  true, false, [], {}, [null], { id: 'x' }, 'consensus', 'qualified-majority:3/2', 'weighted:1/2', '2009-13-45', '../../etc/passwd',
  'observer', 'participant', 'absent', 1000, 100000, 'p0',
];

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** 1–3 changes at random places of a parsed document: set a nasty value, delete, duplicate a list entry, copy another value. */
function mutateData(doc: unknown, rng: Rng): unknown {
  const root = structuredClone(doc);
  const n = 1 + Math.floor(rng() * 3);
  for (let k = 0; k < n; k++) {
    const all = paths(root);
    if (all.length === 0) break;
    const path = pick(rng, all);
    const parent = path.slice(0, -1).reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], root) as Record<string | number, unknown>;
    const key = path[path.length - 1];
    const r = rng();
    if (r < 0.55) parent[key] = pick(rng, NASTY);
    else if (r < 0.7) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (r < 0.85 && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
    else parent[key] = structuredClone(pick(rng, all).reduce<unknown>((v, p) => (v as Record<string | number, unknown>)?.[p], root) ?? null);
  }
  return root;
}

/** Byte-level damage: cut the text, drop or repeat a line, insert a control character, a tab or a stray quote. */
function mutateText(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const i = Math.floor(rng() * lines.length);
  switch (Math.floor(rng() * 6)) {
    case 0:
      return text.slice(0, Math.floor(rng() * text.length));
    case 1:
      lines.splice(i, 1);
      return lines.join('\n');
    case 2:
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    case 3:
      lines[i] = `${lines[i]}${pick(rng, ['\u0000', '\u001b', '\t', '"', "'", '&a', '*a', '!!js/function x', ' {', ' ['])}`;
      return lines.join('\n');
    case 4:
      return text.replace(/\n/g, '\r');
    default:
      lines[i] = `  ${lines[i]}`;
      return lines.join('\n');
  }
}

function expectClean(r: InProcessRun, what: string): void {
  const where = `${what}\nexit ${r.code}\n${r.stderr.slice(0, 2000)}`;
  expect([0, 2], where).toContain(r.code);
  expect(r.stderr, where).not.toMatch(STACK_TRACE);
  if (r.code === 2) expect(r.stderr, where).toMatch(/^plenary: \S/);
}

describe('scenario and roster mutants (in-process)', () => {
  it('1,000 mutants of the bundled scenarios and rosters: exit 0 with a result, or a clean exit 2', async () => {
    const rng = seedrandom(SEED);
    // the 193-member body takes ~150 ms to parse: it is in the binary cases below, not in the thousand here
    const files = yamlFiles(tree).filter((f) => !/[/\\]reforms[/\\]/.test(f) && !/ga-193/.test(f));
    const scenarios = files.filter((f) => !/[/\\]rosters[/\\]/.test(f));
    const counts = { 0: 0, 2: 0 } as Record<number, number>;
    for (let k = 0; k < 1000; k++) {
      const original = pick(rng, files);
      const text = readFileSync(original, 'utf8');
      const isRoster = /[/\\]rosters[/\\]/.test(original);
      const mutant = rng() < 0.7 ? stringify(mutateData(parse(text), rng)) : mutateText(text, rng);
      // a mutated roster is written over its copy; a scenario that includes it is then run
      const target = isRoster ? original : join(dirname(original), 'mutant.yaml');
      writeFileSync(target, mutant);
      const scenario = isRoster ? scenarios.find((s) => readFileSync(s, 'utf8').includes(`/${relative(join(tree, 'rosters'), original)}`)) ?? pick(rng, scenarios) : target;
      const r = await plenaryInProcess(['run', scenario, '--runs', '1', '--format', pick(rng, ['json', 'table', 'csv'])]);
      expectClean(r, `mutant of ${relative(tree, original)}:\n${mutant.slice(0, 3000)}`);
      if (r.code === 0 && r.stdout.startsWith('{')) expect(() => JSON.parse(r.stdout)).not.toThrow();
      counts[r.code]++;
      if (isRoster) writeFileSync(original, text);
    }
    console.log(`scenario mutants: ${counts[0]} ran, ${counts[2]} refused`);
    // the mutator reaches both answers (a fuzz that only ever produced refusals would test little)
    expect(counts[0]).toBeGreaterThan(100);
    expect(counts[2]).toBeGreaterThan(300);
  });
});

describe('shard-file mutants (in-process merge)', () => {
  const parts: Record<string, string[]> = {};
  beforeAll(async () => {
    const fixture = join(ROOT, 'test/fixtures/valid/three-members.yaml');
    const jobs: Record<string, string[]> = {
      run: ['run', fixture, '--runs', '20'],
      compare: ['compare', fixture, '--rules', 'consensus,qualified-majority:2/3', '--runs', '20'],
      sweep: ['sweep', fixture, '--vary', 'model.cohesion=0:1:0.5', '--runs', '20'],
    };
    for (const [name, args] of Object.entries(jobs)) {
      parts[name] = [];
      for (const i of [1, 2]) {
        const out = join(tmp, `${name}-${i}.json`);
        const r = await plenaryInProcess([...args, '--shard', `${i}/2`, '--out', out]);
        expect(r.code, r.stderr).toBe(0);
        parts[name].push(out);
      }
    }
  });

  it('1,000 mutants of run, compare and sweep shards: a clean exit 2, or exit 0 with numbers that make sense', async () => {
    const rng = seedrandom(`${SEED}-shards`);
    const counts = { 0: 0, 2: 0 } as Record<number, number>;
    const mutantFile = join(tmp, 'mutant.json');
    for (let k = 0; k < 1000; k++) {
      const command = pick(rng, Object.keys(parts));
      const [a, b] = parts[command];
      const mutated = rng() < 0.5 ? a : b;
      const text = readFileSync(mutated, 'utf8');
      const mutant = rng() < 0.85 ? JSON.stringify(mutateData(JSON.parse(text), rng)) : mutateText(text, rng);
      writeFileSync(mutantFile, mutant);
      const files = mutated === a ? [mutantFile, b] : [a, mutantFile];
      const format = pick(rng, ['json', 'table', 'csv']);
      const r = await plenaryInProcess(['merge', ...files, '--format', format]);
      expectClean(r, `${command} shard mutant:\n${mutant.slice(0, 3000)}`);
      if (r.code === 0) {
        expect(r.stdout).not.toMatch(/NaN|Infinity|undefined|null%|-\d+(\.\d+)?%/);
        if (format === 'json') expect(() => JSON.parse(r.stdout)).not.toThrow();
      }
      counts[r.code]++;
    }
    console.log(`shard mutants: ${counts[0]} merged, ${counts[2]} refused`);
    expect(counts[2]).toBeGreaterThan(500);
    expect(counts[0]).toBeGreaterThan(20); // harmless changes (a label, the scenario's name) still merge
  });

  it('shard limits are refused before any allocation: job.shards 1e9, a huge run count, too many files', async () => {
    const doc = JSON.parse(readFileSync(parts.run[0], 'utf8'));
    const write = (name: string, value: unknown) => (writeFileSync(join(tmp, name), JSON.stringify(value)), join(tmp, name));
    const huge = write('huge-shards.json', { ...doc, job: { ...doc.job, shards: 1e9 } });
    const r1 = await plenaryInProcess(['merge', huge]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/^plenary: .*huge-shards\.json: not a valid shard file: job and part: job\.shards: .*10000/);
    const runs = write('huge-runs.json', { ...doc, job: { ...doc.job, runs: 1e15 } });
    expect((await plenaryInProcess(['merge', runs])).stderr).toMatch(/job\.runs: .*10000000/);
    const many = Array.from({ length: 10_001 }, () => parts.run[0]);
    const r3 = await plenaryInProcess(['merge', ...many]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe('plenary: merge: 10,001 files; at most 10,000 shards can be merged\n');
  });
});

describe('a few mutants through the built binary', () => {
  let bin = '';
  let remove = () => {};
  beforeAll(async () => {
    ({ bin, remove } = await buildCli());
  });
  afterAll(() => remove());

  it('8 scenario mutants (incl. the 193-member body): exit 0 or a clean exit 2 from the real process', () => {
    const rng = seedrandom(`${SEED}-binary`);
    const scenarios = yamlFiles(tree).filter((f) => !/[/\\](rosters|reforms)[/\\]/.test(f) && !f.endsWith('mutant.yaml'));
    for (let k = 0; k < 8; k++) {
      const original = k < 2 ? join(tree, 'synthetic', 'ga-193.yaml') : pick(rng, scenarios);
      const target = join(dirname(original), 'mutant-bin.yaml');
      writeFileSync(target, k % 2 === 0 ? stringify(mutateData(parse(readFileSync(original, 'utf8')), rng)) : mutateText(readFileSync(original, 'utf8'), rng));
      const r = runCli(bin, ['run', target, '--runs', '2']);
      expect(r.signal).toBeNull();
      expect([0, 2], r.stderr).toContain(r.status);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(statSync(target).isFile()).toBe(true);
    }
  });
});
