/** Finding things and formats, through the built command: scenarios by id, participants, --out's extension, an empty backtest. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/common/paths';

const BIN = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
const plenary = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const COUNCIL = 'test/fixtures/council/river-council.yaml';

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build.mjs')], { cwd: PACKAGE_ROOT });
});

describe('finding things', () => {
  it('every scenario `plenary scenarios` lists runs as listed: by its id and by its file', () => {
    const list = JSON.parse(plenary('scenarios', '--format', 'json').stdout) as { id: string; file: string; valid: boolean }[];
    expect(list.length).toBeGreaterThan(5);
    expect(list.map((s) => s.id)).toContain('kp-2010-tel-aviv');
    for (const s of list.filter((x) => x.valid)) {
      const r = plenary('run', s.id, '--runs', '5', '--format', 'json');
      expect(r.code, `${s.id}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).scenario.id).toBe(s.id);
    }
    expect(plenary('run', list[1].file, '--runs', '5').code).toBe(0);
    expect(plenary('run', 'history/kp-2004-roc-removal.yaml', '--runs', '5').code).toBe(0);
    expect(plenary('run', 'KP-2010-Tel-Aviv', '--runs', '5').code).toBe(0);
  }, 120_000);

  it('participants lists ids, names, roles and blocs (table and JSON)', () => {
    const table = plenary('participants', COUNCIL);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/upland\s+Upland\s+participant, subject of the item\s+upstream \(leader\)/);
    const json = JSON.parse(plenary('participants', '--format', 'json').stdout);
    expect(json.scenario).toBe('kp-2009-swakopmund');
    expect(json.participants).toContainEqual(expect.objectContaining({ id: 'zimbabwe', name: 'Zimbabwe', role: 'participant', subject: true }));
    expect(json.participants.some((p: { role: string }) => p.role === 'observer')).toBe(true);
  });

  it('an empty backtest (no scored case) says so and exits 1', () => {
    const r = plenary('backtest', COUNCIL, '--runs', '10');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No case was scored');
    expect(r.stdout).not.toMatch(/Brier[^\n]*0\.000/);
  });
});

describe('--format follows --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-formats-'));

  it.each([
    ['report.html', /^<!DOCTYPE html>/],
    ['report.md', /^### KP Plenary/],
    ['report.json', /^\{\n {2}"scenario"/],
    ['report.csv', /^section,id,label/],
    ['report.txt', /^KP Plenary, Swakopmund 2009/],
  ])('run --out %s', (name, start) => {
    const out = join(dir, name);
    expect(plenary('run', '--runs', '20', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(start);
  });

  it('an explicit --format wins; an extension the command cannot write is refused with its formats', () => {
    const out = join(dir, 'explicit.html');
    expect(plenary('run', '--runs', '20', '--format', 'json', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\{/);
    const r = plenary('sweep', '--vary', 'blocs.sadc.cohesion=0:1:0.5', '--runs', '10', '--out', join(dir, 'sweep.html'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plenary sweep cannot write html (formats: table, json, csv');
  });

  it('compare --reforms FILE takes FILE as the scenario (the optional id list does not swallow it)', () => {
    const r = plenary('compare', '--reforms', COUNCIL, '--runs', '20', '--out', join(dir, 'council.html'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'council.html'), 'utf8')).toContain('River Basin Council');
  });
});

describe('validate checks rosters and reforms by their own schemas', () => {
  it('a roster and a reform file are clean; scenarios/ covers rosters and reforms', () => {
    const r = plenary('validate', 'scenarios/rosters/kp-2009.yaml', 'scenarios/reforms/wdc-2009-two-thirds.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok  scenarios/rosters/kp-2009.yaml (roster)');
    expect(r.stdout).toContain('ok  scenarios/reforms/wdc-2009-two-thirds.yaml (reform)');
    const all = plenary('validate', 'scenarios/');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/ok {2}scenarios\/rosters\/kp-2023\.yaml \(roster\)/);
    expect(all.stdout).toMatch(/ok {2}scenarios\/reforms\/montreal-double-majority\.yaml \(reform\)/);
  });

  it('a roster with a bad field is invalid, with the field and its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-roster-'));
    const file = join(dir, 'roster.yaml');
    writeFileSync(file, 'participants: [{ id: a, name: A, weight: -1 }]\n');
    const r = plenary('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/roster\.yaml:1:\d+ participants\[0\]\.weight: value must be >= 0/);
  });
});
