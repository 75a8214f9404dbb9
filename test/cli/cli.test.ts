/** End-to-end tests of the built command (npm test builds dist/ first). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/common/paths';

const BIN = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');

function plenary(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build.mjs')], { cwd: PACKAGE_ROOT });
});

describe('plenary (built CLI)', () => {
  it('--help lists the commands with examples', () => {
    const r = plenary('--help');
    expect(r.code).toBe(0);
    for (const command of ['run', 'trace', 'validate', 'schema', 'scenarios', 'rules']) expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(r.stdout).toContain('Examples:');
    expect(plenary('run', '--help').stdout).toContain('plenary run --runs 10000 --rule qualified-majority:2/3');
  });

  it('run prints the outcome table for the default scenario', () => {
    const r = plenary('run', '--runs', '200');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('KP Plenary, Swakopmund 2009');
    expect(r.stdout).toMatch(/Joint Work Plan with a KP monitor\s+\d+\s+\d+\.\d%/);
    expect(r.stdout).toContain('Decisive objections');
    expect(r.stdout).toContain('Time left for the rest of the agenda');
  });

  it('run --format json has the documented shape, sorted by share, and is byte-identical across invocations', () => {
    const a = plenary('run', '--runs', '300', '--seed', 'e2e', '--format', 'json');
    const b = plenary('run', '--runs', '300', '--seed', 'e2e', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    expect(json).toMatchObject({ scenario: { id: 'kp-2009-swakopmund' }, rule: { spec: 'consensus' }, runs: 300, seed: 'e2e' });
    const shares = json.outcomes.map((o: { share: number }) => o.share);
    expect([...shares].sort((x: number, y: number) => y - x)).toEqual(shares);
    for (const o of json.outcomes) {
      expect(o).toEqual({ outcome: expect.any(String), label: expect.any(String), count: expect.any(Number), share: expect.any(Number), ci95: [expect.any(Number), expect.any(Number)] });
      expect(o.ci95[0]).toBeLessThanOrEqual(o.share);
      expect(o.ci95[1]).toBeGreaterThanOrEqual(o.share);
    }
    expect(json.blockers[0]).toEqual(expect.objectContaining({ participant: expect.any(String), decisiveShare: expect.any(Number) }));
  });

  it('--out writes the file atomically and prints nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-'));
    const out = join(dir, 'result.md');
    const r = plenary('run', '--runs', '50', '--format', 'markdown', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^### KP Plenary, Swakopmund 2009/);
  });

  it('an unknown rule is a usage error: exit 2, a suggestion, no stack trace, nothing on stdout', () => {
    const r = plenary('run', '--rule', 'consenus');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Did you mean "consensus"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate accepts valid files and exits 0', () => {
    const r = plenary('validate', 'test/fixtures/valid/three-members.yaml', 'scenarios/kp-2009-swakopmund.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 of 2 files valid');
  });

  it('an invalid scenario lists every problem with file:line and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-'));
    const file = join(dir, 'bad.yaml');
    const fixture = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/valid/three-members.yaml'), 'utf8');
    writeFileSync(file, fixture.replace('rule: consensus', 'rule: consensus\nquorom: 3'));
    const v = plenary('validate', file);
    expect(v.code).toBe(2);
    expect(v.stdout).toContain(`${file}:7 quorom: unknown key "quorom"`);
    writeFileSync(file, fixture.replace('statusQuo: nothing', 'statusQuo: nothng'));
    const r = plenary('run', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad.yaml:\d+(:\d+)? statusQuo: unknown option "nothng".*Did you mean "nothing"\?/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('trace narrates a run and ends with the outcome and why', () => {
    const r = plenary('trace', '--seed', 'e2e', '--run', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The Chair (Namibia) tables: Suspend Zimbabwe');
    expect(r.stdout).toMatch(/^Outcome: /m);
    expect(r.stdout).toMatch(/^Why: /m);
  });

  it('rules and scenarios list what is bundled', () => {
    expect(plenary('rules').stdout).toContain('qualified-majority:<threshold>');
    expect(plenary('scenarios').stdout).toContain('kp-2009-swakopmund.yaml');
  });
});
