/**
 * Worker threads change when and where runs happen, never what they compute: the merged tallies of any number of
 * workers equal one process's, for whole jobs and shards; the CLI's output with --workers 2 is byte-identical to
 * --workers 1. Workers load the built dist/worker.js: it is built here if missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { sortHist, type Tallies } from '../../src/engine/accumulator';
import { runJob, runJobParallel } from '../../src/engine/job';
import { canonicalJobTallies, jobOf, mergeJobTallies, runSlice } from '../../src/engine/kernel';
import { twoLevelJob } from '../../src/analyses/inputUncertainty';
import { compileModel } from '../../src/floor/model';
import { sensitivity } from '../../src/analyses/sensitivity/analysis';
import { AUTO_MIN_RUNS, parseWorkers, resolveWorkers, runJobAsync, splitRange, workerScript } from '../../src/engine/parallel';

const canonical = (t: Tallies): Tallies => ({ ...t, hours: sortHist(t.hours), rounds: sortHist(t.rounds) });

beforeAll(() => {
  if (!existsSync('dist/worker.js') || !existsSync('dist/cli.js')) execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
});

describe('worker threads', () => {
  const scenario = loadScenario('scenarios/synthetic/ga-193.yaml');

  it('finds the built worker script', () => {
    expect(workerScript()).toMatch(/dist[/\\]worker\.js$/);
  });

  it('1, 2 and 3 threads give the tallies of one process, for whole jobs and for shards, whatever the slices', async () => {
    for (const spec of ['consensus', 'consensus-then-vote:2/3']) {
      const model = compileModel(scenario, ruleOrThrow(spec));
      const whole = canonical(runJob(model, 'w', 900));
      for (const workers of [1, 2, 3]) {
        for (const sliceRuns of [7, 100]) expect(await runJobParallel(model, 'w', 900, { workers, sliceRuns })).toEqual(whole);
      }
      const shard = { index: 2, count: 3 };
      expect(await runJobParallel(model, 'w', 900, { workers: 2, shard, sliceRuns: 13 })).toEqual(canonical(runJob(model, 'w', 900, { shard })));
    }
  });

  it('the worker threads really take part (slices are claimed by the worker, not only by this thread)', async () => {
    const model = compileModel(scenario, ruleOrThrow('consensus'));
    const local: number[] = [];
    const t = await runJobAsync(jobOf([model], 'w', 'tallies'), 0, 10_000, { workers: 2, sliceRuns: 50, onLocalSlice: (a, b) => local.push(b - a) });
    expect(t.runs).toBe(10_000);
    expect(local.reduce((a, b) => a + b, 0)).toBeLessThan(10_000);
  });

  it('the ranges are contiguous, cover the job and differ in size by at most one', () => {
    const parts = splitRange(10, 1013, 4);
    expect(parts[0][0]).toBe(10);
    expect(parts[3][1]).toBe(1013);
    for (let k = 1; k < parts.length; k++) expect(parts[k][0]).toBe(parts[k - 1][1]);
    const sizes = parts.map(([a, b]) => b - a);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('reports merged progress and stops early when asked (a partial result)', async () => {
    const model = compileModel(scenario, ruleOrThrow('consensus'));
    const seen: number[] = [];
    const full = await runJobParallel(model, 'p', 2000, { workers: 2, sliceRuns: 200, onProgress: (p) => seen.push(p.runs) });
    expect(full.runs).toBe(2000);
    expect(seen.length).toBeGreaterThan(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2000);
    const stopped = await runJobParallel(model, 'p', 200_000, { workers: 2, shouldStop: () => true });
    expect(stopped.runs).toBeLessThan(200_000);
  });

  it('runs every reduction (several settings, common random numbers) on threads too, with the same result', async () => {
    const rules = ['consensus', 'qualified-majority:2/3'];
    const models = rules.map((r) => compileModel(scenario, ruleOrThrow(r)));
    for (const reduction of ['tallies', 'paired', 'outcomes', 'records'] as const) {
      const job = jobOf(models, 'c', reduction);
      const one = canonicalJobTallies(runSlice(job, 0, 600));
      for (const workers of [2, 3]) expect(await runJobAsync(job, 0, 600, { workers, sliceRuns: 40 })).toEqual(one);
    }
  });

  it('runs a two-level job (input draws × runs) on 1, 2 and 3 threads with the same result, whole and in parts', async () => {
    const uncertain = loadScenario('test/fixtures/valid/uncertain-objector.yaml');
    const model = compileModel(uncertain, ruleOrThrow('consensus'));
    for (const reduction of ['tallies', 'records'] as const) {
      // 17 draws among 601 runs: draws of 35 and 36 runs, cut by the slices and the parts anywhere
      const job = twoLevelJob(model, { runs: 601, seed: 't', draws: 17 }, reduction);
      const one = canonicalJobTallies(runSlice(job, 0, 601));
      if (reduction === 'tallies') expect(one.perDraw![0].counts).toHaveLength(17);
      else expect(one.records!.map((r) => r.draw)).toEqual(Array.from({ length: 601 }, (_, k) => Math.floor((k * 17) / 601)));
      for (const workers of [2, 3]) for (const sliceRuns of [7, 40]) expect(await runJobAsync(job, 0, 601, { workers, sliceRuns })).toEqual(one);
      const cuts = [0, 100, 101, 350, 601];
      const parts = cuts.slice(1).map((to, i) => runSlice(job, cuts[i], to));
      expect(canonicalJobTallies([...parts].reverse().reduce((a, b) => mergeJobTallies(a, b)))).toEqual(one);
    }
    // this thread pauses 10 ms on each slice it claims (this job is light), so that the worker, however slowly it
    // starts on a loaded machine, gets slices to claim
    const local: number[] = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const onLocalSlice = (a: number, b: number) => {
      local.push(b - a);
      Atomics.wait(pause, 0, 0, 10);
    };
    const t = await runJobAsync(twoLevelJob(model, { runs: 20_000, seed: 't', draws: 100 }), 0, 20_000, { workers: 2, sliceRuns: 50, onLocalSlice });
    expect(t.runs).toBe(20_000);
    expect(local.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
  });

  it('parses --workers and picks one worker for short jobs under auto', () => {
    expect(parseWorkers('auto')).toBe('auto');
    expect(parseWorkers('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '65']) expect(() => parseWorkers(bad)).toThrow(/--workers/);
    expect(resolveWorkers('auto', AUTO_MIN_RUNS - 1)).toBe(1);
    expect(resolveWorkers('auto', AUTO_MIN_RUNS)).toBeGreaterThanOrEqual(1);
    expect(resolveWorkers(8, 3)).toBe(3);
  });

  it('plenary run --workers 2 writes byte-identical output to --workers 1', () => {
    const run = (workers: string, format: string) => {
      const r = spawnSync(process.execPath, ['bin/plenary.mjs', 'run', 'scenarios/synthetic/ga-193.yaml', '--runs', '3000', '--seed', 'cli', '--format', format, '--workers', workers], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    for (const format of ['json', 'csv']) {
      const one = run('1', format);
      expect(one.length).toBeGreaterThan(100);
      expect(run('2', format)).toBe(one);
    }
  });

  it('sensitivity simulates its design points on 1, 2 and 3 threads with the same result, and a stop gives a partial one', async () => {
    const toy = loadScenario('test/fixtures/valid/uncertain-objector.yaml');
    const options = { seed: 'sens', runs: 60, trajectories: 4, sobolRows: 8 };
    const progress: number[] = [];
    const one = await sensitivity(toy, ruleOrThrow('consensus'), { ...options, workers: 1, onProgress: (done) => progress.push(done) });
    expect(one.partial).toBe(false);
    expect(one.factors.some((f) => f.sobol && f.swing)).toBe(true);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(one.design.morrisPoints + one.design.sobolPoints + one.design.tornadoPoints);
    for (const workers of [2, 3]) expect(await sensitivity(toy, ruleOrThrow('consensus'), { ...options, workers }), `--workers ${workers}`).toEqual(one);
    // stopped once the Morris screen is done: its indices are kept, the stages after it are not run
    let screened = false;
    const stopped = await sensitivity(toy, ruleOrThrow('consensus'), { ...options, workers: 2, onProgress: (done) => (screened ||= done >= one.design.morrisPoints), shouldStop: () => screened });
    expect(stopped.partial).toBe(true);
    expect(stopped.factors.map((f) => f.morris)).toEqual(one.factors.map((f) => f.morris));
    expect(stopped.factors.every((f) => !f.sobol && !f.swing)).toBe(true);
    expect(stopped.design.simulatedRuns).toBe((one.design.morrisPoints + 1) * options.runs);
  });

  it('plenary sensitivity --workers 2 writes byte-identical output to --workers 1', () => {
    const run = (workers: string) => {
      const r = spawnSync(process.execPath, ['bin/plenary.mjs', 'sensitivity', 'test/fixtures/valid/uncertain-objector.yaml', '--runs', '80', '--trajectories', '4', '--sobol-rows', '16', '--seed', 'cli', '--format', 'json', '--workers', workers], { encoding: 'utf8', env: { ...process.env, PLENARY_DATE: '2026-01-01' } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const one = run('1');
    expect(JSON.parse(one).partial).toBe(false);
    expect(run('2')).toBe(one);
  });

  it('plenary run of a scenario with uncertain inputs (two-level) writes the same bytes on 1, 2 and 3 threads', () => {
    const run = (workers: string, format: string) => {
      const r = spawnSync(process.execPath, ['bin/plenary.mjs', 'run', 'test/fixtures/valid/uncertain-objector.yaml', '--runs', '3001', '--draws', '37', '--seed', 'cli', '--format', format, '--workers', workers], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    for (const format of ['json', 'rows']) {
      const one = run('1', format);
      expect(one.length).toBeGreaterThan(100);
      for (const workers of ['2', '3']) expect(run(workers, format), `${format} --workers ${workers}`).toBe(one);
    }
  });
});
