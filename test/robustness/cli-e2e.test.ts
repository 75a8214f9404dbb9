/**
 * End-to-end through the built CLI (`node bin/plenary.mjs ...`, built into a private folder): bad command lines and
 * bad files get a clear message on stderr, exit 2, nothing on stdout and no file written; Ctrl-C stops a long run
 * with a partial result and exit 130; a closed pipe ends quietly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUNS } from '../../src/cli/options';
import { buildCli, interruptCli, ROOT, runCli, type Ran } from './cli';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const INVALID = 'test/fixtures/invalid';
const NO_TRACE = /^\s+at .+:\d+:\d+\)?$|node:internal|Error: /m;

let bin = '';
let remove = () => {};
const tmp = mkdtempSync(join(tmpdir(), 'plenary-e2e-'));
beforeAll(async () => {
  ({ bin, remove } = await buildCli());
});
afterAll(() => {
  remove();
  rmSync(tmp, { recursive: true, force: true });
});

const plenary = (...args: string[]): Ran => runCli(bin, args);

function expectUsageError(r: Ran, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(NO_TRACE);
}

describe('bad command lines: exit 2, a message on stderr, nothing on stdout', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['rnu'], /unknown command 'rnu'\n\(Did you mean run\?\)/],
    [['run', '--rnus', '5', FIXTURE], /unknown option '--rnus'\n\(Did you mean --runs\?\)/],
    [['run', FIXTURE, '--runs'], /option '-n, --runs <n>' argument missing/],
    [['run', FIXTURE, '--runs', '0'], /at least 1 run is needed \(received 0\)/],
    [['run', FIXTURE, '--runs', '-5'], /at least 1 run is needed \(received -5\)/],
    [['run', FIXTURE, '--runs', 'abc'], /"abc" is not a whole number of runs \(1 to 10,000,000\)/],
    [['run', FIXTURE, '--runs', '2.5'], /"2.5" is not a whole number of runs/],
    [['run', FIXTURE, '--runs', '1e12'], /1e12 runs is more than the maximum of 10,000,000; split the job with --shard i\/n instead/],
    [['run', FIXTURE, '--runs', '99999999999999999999999'], /more than the maximum of 10,000,000/],
    [['run', FIXTURE, '--format', 'xml'], /unknown format "xml" \(allowed: table, json, csv, markdown, html, rows, jsonl\)/],
    [['run', FIXTURE, '--format', 'jsno'], /unknown format "jsno" .*Did you mean "json"\?/],
    [['run', FIXTURE, '--seed'], /option '-s, --seed <seed>' argument missing/],
    [['run', FIXTURE, '--rule', 'consensus-minus-subjekt'], /--rule: unknown rule "consensus-minus-subjekt"\. Did you mean "consensus-minus-subject"\?/],
    [['run', FIXTURE, '--rule', 'qualified-majority:3/2'], /threshold 3\/2 is outside \(0, 1\]/],
    [['run', FIXTURE, '--shard', '3/2'], /--shard 3\/2: i must be between 1 and n/],
    [['run', FIXTURE, '--out', '/nonexistent/folder/result.json'], /--out \/nonexistent\/folder\/result\.json: the folder \/nonexistent\/folder does not exist/],
    [['run', FIXTURE, '--out', FIXTURE], /is also an input file; refusing to overwrite it/],
    [['run', FIXTURE, '--out', '/dev/null'], /is not a regular file/],
    [['trace', FIXTURE, '--run', '-1'], /is not a whole number/],
    [['validate'], /missing required argument 'files'/],
    [['run', 'no-such-scenario.yaml'], /no-such-scenario\.yaml no such file/],
  ])('plenary %j', (args, message) => {
    expectUsageError(plenary(...args), message);
  });

  it('--runs above the maximum is refused at once, before any work', () => {
    const r = plenary('run', FIXTURE, '--runs', String(MAX_RUNS + 1));
    expectUsageError(r, /more than the maximum of 10,000,000/);
  });

  it('any --seed text is accepted and reproducible', () => {
    for (const seed of ['', '-5', 'Kimberley Process 2009 ✓', '${HOME} $(rm -rf /)', 'x'.repeat(200)]) {
      const a = plenary('run', FIXTURE, '--runs', '3', '--format', 'json', '--seed', seed);
      expect(a.status, a.stderr).toBe(0);
      expect(JSON.parse(a.stdout).seed).toBe(seed);
      if (seed === '-5') expect(plenary('run', FIXTURE, '--runs', '3', '--format', 'json', '--seed', seed).stdout).toBe(a.stdout);
    }
  });
});

describe('bad scenario files through the CLI', () => {
  it('validate: every problem with file:line, exit 2, no stack trace', () => {
    const r = plenary('validate', INVALID);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    const files = readdirSync(join(ROOT, INVALID)).filter((f) => f.endsWith('.yaml'));
    // a folder's rosters/ are validated too, by the roster schema (issue 15)
    const rosters = readdirSync(join(ROOT, INVALID, 'rosters')).filter((f) => f.endsWith('.yaml'));
    expect(r.stdout).toMatch(new RegExp(`\\n0 of ${files.length + rosters.length} files valid\\n$`));
    for (const f of rosters) expect(r.stdout).toContain(`invalid  ${INVALID}/rosters/${f} (roster)`);
    for (const f of files) expect(r.stdout).toContain(`invalid  ${INVALID}/${f}`);
    expect(r.stdout).toContain(`${INVALID}/unknown-keys.yaml:7 participants[0].salince: unknown key "salince". Did you mean "salience"?`);
    expect(r.stdout).toContain(`${INVALID}/yaml-syntax-error.yaml:6:1 YAML syntax error`);
    expect(r.stdout).not.toMatch(NO_TRACE);
  });

  it.each(['billion-laughs.yaml', 'custom-tag.yaml', 'leadership-cycle.yaml', 'empty.yaml', 'roster-escapes.yaml'])('run %s: exit 2, problems on stderr, nothing on stdout', (name) => {
    const r = plenary('run', `${INVALID}/${name}`, '--runs', '10');
    // the first line is the first problem itself (file:line), not a header
    expectUsageError(r, new RegExp(`^plenary: ${INVALID}/${name.replace('.', '\\.')}:\\d+`));
  });

  it('a binary file and a folder', () => {
    const binary = join(tmp, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255]));
    expectUsageError(plenary('run', binary), /is a binary file, not YAML text/);
    expectUsageError(plenary('run', tmp), /is a folder, not a scenario file/);
  });
});

describe('output files: replaced only on success', () => {
  it('a failed command leaves an existing --out file alone and no temporary files', () => {
    const out = join(tmp, 'result.json');
    writeFileSync(out, 'previous');
    expectUsageError(plenary('run', `${INVALID}/stance-sum.yaml`, '--out', out), /stance probabilities sum to 0\.9/);
    expectUsageError(plenary('run', FIXTURE, '--rule', 'nonsense', '--out', out), /unknown rule "nonsense"/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    const ok = plenary('run', FIXTURE, '--runs', '5', '--format', 'json', '--out', out);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toBe(5);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a missing --out folder: no file created anywhere', () => {
    const out = join(tmp, 'missing', 'r.json');
    expectUsageError(plenary('run', FIXTURE, '--out', out), /does not exist/);
    expect(existsSync(join(tmp, 'missing'))).toBe(false);
  });
});

/**
 * Ctrl-C about a second into the job. On a loaded machine the signal can arrive before Node has even loaded the
 * CLI (and installed its handler), when the default action ends the process: then try again, waiting longer.
 */
async function interruptAfterStart(args: string[]) {
  for (const wait of [1000, 3000, 8000]) {
    const r = await interruptCli(bin, args, wait);
    if (!(r.status === null && r.signal === 'SIGINT')) return r;
  }
  throw new Error('the CLI never got far enough to handle SIGINT');
}

describe('interrupts and closed pipes', () => {
  it('Ctrl-C during a long run: stops within a couple of seconds, prints a PARTIAL table, exits 130', async () => {
    const r = await interruptAfterStart(['run', FIXTURE, '--runs', '5000000']);
    expect(r.status, r.stderr).toBe(130);
    // no timing assertion: a run that ignored the signal would take minutes, be killed after 30 s and fail here
    expect(r.signal).toBeNull();
    expect(r.stdout).toMatch(/PARTIAL \(interrupted\)/);
    expect(r.stdout).toMatch(/PARTIAL RESULT: the job was interrupted/);
    expect(r.stderr).toBe('plenary: interrupted\n');
    const runs = Number(/·\s+([\d,]+) runs/.exec(r.stdout)?.[1].replaceAll(',', ''));
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThan(5_000_000);
  });

  it('Ctrl-C with --format json: nothing on stdout, exit 130', async () => {
    const r = await interruptAfterStart(['run', FIXTURE, '--runs', '5000000', '--format', 'json']);
    expect(r.status, r.stderr).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('plenary: interrupted\n');
  });

  it('`plenary run | head -1` ends quietly: no EPIPE trace, exit 0', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" run ${FIXTURE} --runs 200 | head -1`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.stdout).toBe('Three members, one objector\n');
    expect(r.stderr).toBe('');
  });

  it('a closed pipe mid-output (far more than a pipe buffer): quiet, and the command keeps its own exit code', () => {
    const folders = new Array(30).fill(INVALID).join(' '); // about 500 KB of problems
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" validate ${folders} | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe(`invalid  ${INVALID}/absurd-number.yaml\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2); // validate's verdict, not a crash and not a false "ok"
  });

  it('a full disk on stdout: a one-line message and exit 2', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" run ${FIXTURE} --runs 5 > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('plenary: cannot write to standard output: no space left on device\n');
  });
});
