/**
 * `plenary trace --format json` and `plenary validate --format json` (issue 15: JSON for every command that prints
 * results): the JSON tells what the text tells, step by step and problem by problem, with the same exit codes; and
 * --out's extension picks the format for both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { renderProblem } from '../../src/scenario/problems';
import type { TraceDocument } from '../../src/report/trace';
import type { ValidateReport } from '../../src/cli/commands/validate';
import type { RunRecord } from '../../src/engine/record';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { emit: async (text) => void out.push(text), err: (line) => void err.push(line), interactive: false, exitCode: 0, interrupted: () => false };
  const code = await main(['node', 'plenary', ...args], io);
  return { code, out: out.join(''), err: err.join('\n') };
}

const TRACED: readonly (readonly string[])[] = [
  [],
  ['scenarios/examples/friends-of-the-chair.yaml'],
  ['scenarios/examples/voluntary-act.yaml'],
  ['scenarios/examples/walkout.yaml'],
  ['scenarios/examples/attendance.yaml'],
  ['scenarios/history/kp-2007-venezuela.yaml'],
  ['scenarios/history/kp-2020-chair-postponement.yaml'],
  ['--rule', 'qualified-majority:2/3'],
  ['--rule', 'written-procedure:2/3'],
];

describe('plenary trace --format json', () => {
  it('tells the same run as the text: the same sentences step by step, the same outcome and why', async () => {
    for (const extra of TRACED) {
      for (const run of [0, 5, 17]) {
        const args = ['trace', ...extra, '--seed', 'json trace', '--run', String(run)];
        const text = await cli(...args);
        const json = await cli(...args, '--format', 'json');
        expect(text.code, `${args.join(' ')}: ${text.err}`).toBe(0);
        expect(json.code).toBe(0);
        const doc = JSON.parse(json.out) as TraceDocument;
        const lines = text.out.split('\n');
        // the transcript's body is the steps' sentences, in order
        const body = lines.slice(3, lines.indexOf('', 3));
        expect(body, args.join(' ')).toEqual(doc.steps.flatMap((s) => s.text));
        expect(lines).toContain(`Why: ${doc.why}`);
        // the final outcome: the last step is the end, and it is the outcome line of the text
        const end = doc.steps.at(-1)!;
        expect(end.kind).toBe('end');
        if (end.kind !== 'end') continue;
        expect(end.outcome).toBe(doc.outcome.id);
        expect(body.at(-1)).toMatch(new RegExp(`^Outcome: ${end.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        expect(end.hours).toBe(doc.outcome.hours);
        expect(doc.run).toBe(run);
        expect(doc.provenance?.command).toBe(`plenary ${args.map((a) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(a) ? a : `'${a}'`)).join(' ')} --format json`);
      }
    }
  });

  it('is the run the Monte Carlo counts: outcome, decidedBy and decisive objectors equal run k of run --format jsonl', async () => {
    for (const extra of [[], ['scenarios/examples/walkout.yaml'], ['--rule', 'qualified-majority:2/3']]) {
      const records = (await cli('run', ...extra, '--seed', 'same run', '--runs', '12', '--format', 'jsonl')).out.trimEnd().split('\n').map((l) => JSON.parse(l) as RunRecord);
      for (const k of [0, 7, 11]) {
        const doc = JSON.parse((await cli('trace', ...extra, '--seed', 'same run', '--run', String(k), '--format', 'json')).out) as TraceDocument;
        const record = records[k];
        expect(doc.outcome.id, `${extra.join(' ')} run ${k}`).toBe(record.outcome);
        expect(doc.outcome.adoptedBy ?? '').toBe(record.decidedBy);
        expect(doc.outcome.hours).toBe(record.hours);
        expect([...new Set(doc.outcome.decisive.flatMap((d) => d.participants))].sort()).toEqual([...record.decisive].sort());
      }
    }
  });

  it('floor counts add up to the members who decide; checks name their objectors', async () => {
    const doc = JSON.parse((await cli('trace', '--seed', 'counts', '--run', '2', '--format', 'json')).out) as TraceDocument;
    const floors = doc.steps.filter((s) => s.kind === 'floor' || s.kind === 'round');
    expect(floors.length).toBeGreaterThan(0);
    for (const s of floors) {
      if (s.kind !== 'floor' && s.kind !== 'round') continue;
      expect(s.counts.object).toBe(s.objecting.length);
      expect(s.text.join(' ')).toContain(`${s.counts.support} support, ${s.counts.accept} accept, ${s.counts.abstain} abstain, ${s.counts.object} object`);
    }
    for (const s of doc.steps) if (s.kind === 'check' && !s.passed && s.objecting.length > 0) expect(s.tally.object).toBeGreaterThanOrEqual(s.objecting.length);
  });
});

describe('plenary validate --format json', () => {
  const corpus = readdirSync('test/fixtures/invalid').filter((f) => f.endsWith('.yaml')).map((f) => join('test/fixtures/invalid', f));

  it('lists the same problems as the text, file by file, with the same exit code', async () => {
    for (const paths of [['test/fixtures/invalid'], ['scenarios/'], ['scenarios/rosters/kp-2009.yaml', ...corpus.slice(0, 3)], ['test/fixtures/valid/three-members.yaml']]) {
      for (const strict of [[], ['--strict']]) {
        const text = await cli('validate', ...paths, ...strict);
        const json = await cli('validate', ...paths, ...strict, '--format', 'json');
        expect(json.code, paths.join(' ')).toBe(text.code);
        const report = JSON.parse(json.out) as ValidateReport;
        const problemLines = text.out.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.slice(2));
        const fromJson = report.files.flatMap((f) => [...f.errors.map((p) => renderProblem({ ...p, severity: 'error' })), ...f.warnings.map((p) => renderProblem({ ...p, severity: 'warning' }))]);
        expect(fromJson, paths.join(' ')).toEqual(problemLines);
        const verdicts = text.out.split('\n').filter((l) => /^(ok|invalid) {2}/.test(l)).map((l) => l.startsWith('ok'));
        expect(report.files.map((f) => f.ok)).toEqual(verdicts);
        expect(report.invalid).toBe(verdicts.filter((v) => !v).length);
        expect(json.code).toBe(report.invalid > 0 ? 2 : 0);
      }
    }
  });

  it('every error has a file, a field path and a message; most have a line', async () => {
    const report = JSON.parse((await cli('validate', 'test/fixtures/invalid', '--format', 'json')).out) as ValidateReport;
    const errors = report.files.flatMap((f) => f.errors);
    expect(errors.length).toBeGreaterThan(10);
    for (const e of errors) {
      expect(typeof e.file).toBe('string');
      expect(typeof e.path).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
    expect(errors.filter((e) => typeof e.line === 'number').length).toBeGreaterThan(errors.length / 2);
  });
});

describe('--out picks the format from its extension (trace, validate)', () => {
  const BIN = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
  const plenary = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  beforeAll(() => {
    if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build.mjs')], { cwd: PACKAGE_ROOT });
  });
  const dir = mkdtempSync(join(tmpdir(), 'plenary-out-'));

  it('.json writes JSON, .txt the text, .html is refused naming the formats', () => {
    expect(plenary('trace', '--run', '4', '--out', join(dir, 'run4.json')).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'run4.json'), 'utf8')).kind).toBe('trace');
    expect(plenary('trace', '--run', '4', '--out', join(dir, 'run4.txt')).status).toBe(0);
    expect(readFileSync(join(dir, 'run4.txt'), 'utf8')).toMatch(/^Why: /m);
    const html = plenary('trace', '--run', '4', '--out', join(dir, 'run4.html'));
    expect(html.status).toBe(2);
    expect(html.stderr).toMatch(/plenary trace cannot write html \(formats: text, json\)/);
    const invalid = plenary('validate', 'test/fixtures/invalid', '--out', join(dir, 'problems.json'));
    expect(invalid.status).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'problems.json'), 'utf8')).invalid).toBeGreaterThan(0);
  });
});
