/**
 * `--param NAME=VALUE` through the command line: it changes the result as the same value written in the scenario
 * would (a known-answer equivalence), it is said in the result (model line, JSON, assumptions) and recorded in the
 * stamp so that a re-run reproduces it, every simulating command takes it and refuses bad input with exit 2, and
 * worker threads get it with the job.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { shellSplit } from '../../src/report/provenance';
import { loadScenario, scenarioDocument } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { canonicalJobTallies, jobOf, runSlice } from '../../src/engine/kernel';
import { runJobAsync } from '../../src/engine/parallel';
import { defaultParameters } from '../../src/scenario/parameters';

const SWAKOPMUND = 'scenarios/kp-2009-swakopmund.yaml';

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { emit: async (text) => void out.push(text), err: (line) => void err.push(line), interactive: false, exitCode: 0, interrupted: () => false };
  const code = await main(['node', 'plenary', ...args], io);
  return { code, out: out.join(''), err: err.join('\n') };
}

async function json(args: readonly string[]) {
  const { code, out, err } = await cli([...args, '--format', 'json']);
  expect(code, err).toBe(0);
  return JSON.parse(out);
}

/** What a run found: outcomes, decisive objections, time (not how the numbers were labelled or stamped). */
const findings = (r: { outcomes: unknown; blockers: unknown; hours: unknown; rounds: unknown }) => ({ outcomes: r.outcomes, blockers: r.blockers, hours: r.hours, rounds: r.rounds });

/** The default scenario as one file (its roster merged in) with `model:` values of its own. */
function withModel(model: Record<string, unknown>): string {
  const doc = scenarioDocument(SWAKOPMUND) as { model?: Record<string, unknown> };
  const file = join(mkdtempSync(join(tmpdir(), 'plenary-param-')), 'own-model.yaml');
  writeFileSync(file, stringify({ ...doc, model: { ...(doc.model ?? {}), ...model } }));
  return file;
}

beforeAll(() => {
  if (!existsSync('dist/worker.js') || !existsSync('dist/cli.js')) execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
});

afterEach(() => {
  delete process.env.PLENARY_DATE;
});

describe('--param', () => {
  it('run --param pressureEffect=1 on the default scenario: observer pressure acts, exactly as if the scenario said so', async () => {
    expect(defaultParameters().pressureEffect).toBe(0); // the calibrated value this test is about
    const args = ['run', '--runs', '400', '--seed', 'param'];
    const plain = await json(args);
    const pressed = await json([...args, '--param', 'pressureEffect=1']);
    expect(findings(pressed)).not.toEqual(findings(plain));
    // the same value written in a copy of the scenario: the same runs, the same result
    const written = await json(['run', withModel({ pressureEffect: 1 }), '--runs', '400', '--seed', 'param']);
    expect(findings(pressed)).toEqual(findings(written));
    // the result says where the number came from
    expect(pressed.floor.parameters).toEqual([{ name: 'pressureEffect', value: 1, from: '--param', instead: { value: 0, from: 'parameters file' } }]);
    expect(plain.floor.parameters).toBeUndefined();
    expect(pressed.assumptions.behind[0]).toMatchObject({ id: 'model.pressureEffect', label: 'model: pressureEffect', status: 'assumption' });
    expect(pressed.assumptions.behind[0].source).toContain('set on the command line (--param pressureEffect=1)');
    const table = await cli([...args, '--param', 'pressureEffect=1']);
    expect(table.out).toContain("Model parameters set on the command line: pressureEffect 1 (--param; instead of the parameters file's 0)");
    expect(table.out).toContain('model: pressureEffect [assumption]: set on the command line');
  });

  it('overrides a value the scenario sets itself, as --rule overrides its rule', async () => {
    const own = withModel({ pressureEffect: 1, source: 'a test value' });
    const args = ['--runs', '300', '--seed', 'own'];
    const asWritten = await json(['run', own, ...args]);
    const overridden = await json(['run', own, ...args, '--param', 'pressureEffect=0']);
    const calibrated = await json(['run', SWAKOPMUND, ...args]);
    expect(findings(asWritten)).not.toEqual(findings(calibrated));
    expect(findings(overridden)).toEqual(findings(calibrated));
    expect(overridden.floor.parameters[0].instead).toEqual({ value: 1, from: 'scenario' });
  });

  it('is recorded in the stamp, and re-running the stamp gives the same result', async () => {
    for (const args of [
      ['run', '--runs', '300', '--param', 'pressureEffect=1,vetoCost=0.8', '--format', 'json'],
      ['compare', '--rules', 'qualified-majority:2/3', '--runs', '200', '--param', 'pressureEffect=1', '--format', 'json'],
    ]) {
      process.env.PLENARY_DATE = '2026-01-02';
      const first = await cli(args);
      expect(first.code, first.err).toBe(0);
      const stamp = JSON.parse(first.out).provenance;
      expect(stamp.command).toContain('--param pressureEffect=1');
      const replay = shellSplit(stamp.command);
      process.env.PLENARY_DATE = '2027-03-04';
      const second = await cli(replay.slice(1));
      expect(second.code, second.err).toBe(0);
      expect(JSON.parse(second.out)).toEqual({ ...JSON.parse(first.out), provenance: { ...stamp, date: '2027-03-04' } });
    }
  });

  it('every command that simulates a scenario takes it, and refuses an unknown name or a value out of range (exit 2)', async () => {
    const commands = [['run'], ['compare'], ['sweep', '--vary', 'blocs.sadc.cohesion=0:1:0.5'], ['trace'], ['what-would-it-take', '--target', 'suspend'], ['sensitivity'], ['backtest'], ['calibrate'], ['play'], ['replay'], ['serve']];
    for (const command of commands) {
      const unknown = await cli([...command, '--param', 'pressure=1']);
      expect(unknown.code, command[0]).toBe(2);
      expect(unknown.err).toContain('--param pressure=1: not a model parameter (known: resistance, pressureEffect,');
      const range = await cli([...command, '--param', 'resistance=2']);
      expect(range.code, command[0]).toBe(2);
      expect(range.err).toContain('--param resistance=2: 2 is outside the range of resistance (allowed: 0 to 1)');
    }
  });

  it('trace and sweep simulate with it; trace says so and replays with it', async () => {
    const traced = async (param: string[]) => (await cli(['trace', '--run', '3', ...param])).out;
    const pressed = await traced(['--param', 'pressureEffect=1']);
    expect(pressed).toContain('(replay: plenary trace --seed "swakopmund-2009" --run 3 --param pressureEffect=1)');
    expect(pressed).toContain("Model parameters set on the command line: pressureEffect 1 (--param; instead of the parameters file's 0)");
    // the narration itself (after the header lines) differs: observers' pressure moves delegations
    const body = (text: string) => text.split('\n').filter((line) => !line.startsWith('(replay') && !line.startsWith('Model parameters')).join('\n');
    expect(body(pressed)).not.toBe(body(await traced([])));
    const swept = async (param: string[]) => (await json(['sweep', '--vary', 'blocs.sadc.cohesion=0:1:0.5', '--runs', '300', ...param])).rows;
    expect(await swept(['--param', 'pressureEffect=1'])).not.toEqual(await swept([]));
    // a parameter cannot be varied and fixed at once
    const both = await cli(['sweep', '--vary', 'model.pressureEffect=0:1:0.5', '--param', 'pressureEffect=1']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--vary model.pressureEffect and --param pressureEffect=1 both set pressureEffect');
  });

  it('backtest scores the cases under it, and does not call the parameters the fitted ones', async () => {
    const cases = ['scenarios/history/kp-2010-tel-aviv.yaml', 'scenarios/history/kp-2025-definition.yaml'];
    const plain = await json(['backtest', ...cases, '--runs', '200']);
    const pressed = await json(['backtest', ...cases, '--runs', '200', '--param', 'pressureEffect=1']);
    expect(pressed.overall.brier).not.toBe(plain.overall.brier);
    expect(plain.models[0].fitted).toBe('global parameters calibrated on 2 of these cases: IN SAMPLE (leave-one-out: plenary calibrate)');
    expect(pressed.models[0].fitted).toBe('global parameters calibrated on 2 of these cases, except pressureEffect=1 (--param): IN SAMPLE (leave-one-out: plenary calibrate)');
  });

  it('calibrate fits the other parameters with it fixed, and will not write a file with a value set by hand', async () => {
    const cases = ['scenarios/history/kp-2010-tel-aviv.yaml', 'scenarios/history/kp-2025-definition.yaml'];
    const plain = await json(['calibrate', ...cases, '--runs', '20']);
    const fixed = await json(['calibrate', ...cases, '--runs', '20', '--param', 'pressureEffect=1']);
    expect(Object.keys(plain.grid)).toContain('pressureEffect');
    expect(Object.keys(fixed.grid)).toEqual(Object.keys(plain.grid).filter((k) => k !== 'pressureEffect'));
    expect(fixed.fixed).toEqual({ pressureEffect: 1 });
    expect(plain.fixed).toBeUndefined();
    // the current values' row is simulated with the fixed value: observer pressure acts in these two cases
    expect(fixed.current.overall.brier).not.toBe(plain.current.overall.brier);
    const table = await cli(['calibrate', ...cases, '--runs', '20', '--param', 'pressureEffect=1']);
    expect(table.out).toContain('Fixed with --param in every row (not fitted): pressureEffect 1.');
    expect(table.out).toContain('Current (scenarios/parameters/model.yaml; pressureEffect 1 from --param)');
    const write = await cli(['calibrate', ...cases, '--runs', '20', '--param', 'pressureEffect=1', '--write', join(mkdtempSync(join(tmpdir(), 'plenary-param-')), 'model.yaml')]);
    expect(write.code).toBe(2);
    expect(write.err).toContain('calibrate: --write cannot be combined with --param pressureEffect=1');
  });

  it('sensitivity leaves a parameter fixed with --param out of its factors', async () => {
    const factors = async (param: string[]) => {
      const r = await json(['sensitivity', '--runs', '10', '--trajectories', '2', '--sobol-rows', '4', '--sobol-factors', '1', ...param]);
      return (r.factors as { id: string }[]).map((f) => f.id);
    };
    expect(await factors([])).toContain('model.pressureEffect');
    const fixed = await factors(['--param', 'pressureEffect=1']);
    expect(fixed).not.toContain('model.pressureEffect');
    expect(fixed).toContain('model.vetoCost');
  });

  it('travels with the job to worker threads: --workers 2 writes the bytes of --workers 1', () => {
    const run = (workers: string, param: string[]) => {
      const r = spawnSync(process.execPath, ['bin/plenary.mjs', 'run', '--runs', '3000', '--seed', 'cli', '--format', 'json', '--workers', workers, ...param], { encoding: 'utf8', env: { ...process.env, PLENARY_DATE: '2026-01-02' } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const one = run('1', ['--param', 'pressureEffect=1']);
    expect(run('2', ['--param', 'pressureEffect=1'])).toBe(one);
    expect(findings(JSON.parse(run('2', [])))).not.toEqual(findings(JSON.parse(one)));
  });

  it('a worker thread rebuilds the job with the overridden parameters (it takes part, and its tallies are those of this thread)', async () => {
    const modelOf = (overrides?: { pressureEffect: number }) => {
      const scenario = loadScenario(SWAKOPMUND, { overrides });
      return compileModel(scenario, ruleOrThrow(scenario.rule));
    };
    const job = jobOf([modelOf({ pressureEffect: 1 })], 'workers', 'tallies');
    const inProcess = runSlice(job, 0, 2000);
    expect(inProcess.tallies).not.toEqual(runSlice(jobOf([modelOf()], 'workers', 'tallies'), 0, 2000).tallies);
    // this thread pauses on each slice it claims, so that the worker gets slices to claim however slowly it starts
    const local: number[] = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const threaded = await runJobAsync(job, 0, 2000, {
      workers: 2,
      sliceRuns: 50,
      onLocalSlice: (a, b) => {
        local.push(b - a);
        Atomics.wait(pause, 0, 0, 10);
      },
    });
    expect(local.reduce((a, b) => a + b, 0)).toBeLessThan(2000);
    expect(canonicalJobTallies(threaded)).toEqual(canonicalJobTallies(inProcess));
  });
});
