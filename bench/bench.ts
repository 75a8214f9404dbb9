/**
 * `npm run bench`: speed and scale of plenary on this machine, in one run. Not a test (no assertions): it prints a
 * table (or, with --json, one JSON object) of medians of several repetitions, with the targets beside them.
 *
 *  1. engine runs/s (exactly as `plenary run` runs a job in one thread) against the plain-loop reference
 *     (bench/reference.ts, tied to the engine by test/bench/reference.test.ts), on the default scenario;
 *     1b. the same under the spatial floor model (src/floor/spatial.ts) against its own plain loop (bench/spatialReference.ts);
 *  2. the same on a synthetic 193-member body (scenarios/synthetic/ga-193.yaml);
 *  3. wall time of the built CLI: `plenary --help`, `plenary run --runs 10000`, `plenary compare --reforms --runs 10000`,
 *     `plenary sensitivity` on the default scenario with its defaults;
 *  4. `--workers 2` against `--workers 1` on a 100,000-run job, and whether the outputs are byte-identical;
 *     4b. the same for a two-level run (the default scenario with two of its inputs given as distributions, 200 input
 *     draws: src/analyses/inputUncertainty.ts), the job alone;
 *  5. exact voting power of a 200-member weighted body (src/analyses/power);
 *  6. peak resident memory of `plenary run --runs 1000000`.
 *
 * Engine and reference share work that neither can avoid: seeding each run's generator from (seed, run) and drawing
 * its random numbers (the draws are the same, in the same order: that is how the reference reproduces the tallies).
 * Sections 1 and 2 also time that shared part alone, a loop that only seeds and draws, per run, exactly as many
 * numbers as the engine drew in that run, and print microseconds per run and the ratio net of it:
 *   net ratio = (reference µs − shared µs) / (engine µs − shared µs),
 * what the engine's own work costs against the reference's own work. The gross ratio flatters when the shared part
 * is large (a big body draws many numbers per run).
 *
 * Options: --json, --quick (fewer repetitions and smaller jobs, for a smoke check), --skip-cli (sections 1, 2, 5).
 * Ratios are measured in the same process, engine and reference alternating, so that load from other processes
 * hits both alike; the load average is printed with the machine.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, availableParallelism, tmpdir } from 'node:os';
import { parseDocument } from 'yaml';
import { runTwoLevelAsync } from '../src/analyses/inputUncertainty';
import { join } from 'node:path';
import { DEFAULT_SCENARIO, PACKAGE_ROOT } from '../src/common/paths';
import { ruleOrThrow } from '../src/rules/registry';
import { loadScenario } from '../src/scenario/load';
import { sortHist, type Tallies } from '../src/engine/accumulator';
import { compileModel, type Model } from '../src/floor/model';
import { runJobParallel } from '../src/engine/job';
import { runRng, type Rng } from '../src/engine/rng';
import { simulateRun } from '../src/engine/plenaryRun';
import { referenceRange } from './reference';
import { spatialReferenceRange } from './spatialReference';
import type { FloorModelName } from '../src/scenario/schema';

const args = new Set(process.argv.slice(2));
const JSON_OUT = args.has('--json');
const QUICK = args.has('--quick');
const SKIP_CLI = args.has('--skip-cli');
const REPS = QUICK ? 2 : 5;
const CLI = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
const GA_193 = join(PACKAGE_ROOT, 'scenarios', 'synthetic', 'ga-193.yaml');
const FALLBACK_SCENARIO = join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'three-members.yaml');

const log = (text: string) => {
  if (!JSON_OUT) process.stderr.write(`${text}\n`);
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const canonical = (t: Tallies) => JSON.stringify({ ...t, hours: sortHist(t.hours), rounds: sortHist(t.rounds) });

// ---- 1, 2: engine against the plain loop ----------------------------------------------------------------------

interface Throughput {
  readonly scenario: string;
  readonly members: number;
  readonly runsPerRep: number;
  readonly engineRunsPerSec: number;
  readonly referenceRunsPerSec: number;
  /** median of the per-repetition ratios engine / reference */
  readonly ratio: number;
  readonly identical: boolean;
  readonly engineMicrosPerRun: number;
  readonly referenceMicrosPerRun: number;
  /** seeding and drawing alone (the work engine and reference share) */
  readonly sharedMicrosPerRun: number;
  /** random numbers drawn per run, mean */
  readonly drawsPerRun: number;
  /** (reference − shared) / (engine − shared), medians */
  readonly netRatio: number;
}

/** Random numbers each run of [0, n) draws under `seed` (the engine and the reference draw the same). Untimed. */
function drawsPerRun(model: Model, seed: string, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const rng = runRng(seed, k);
    let c = 0;
    const counting: Rng = () => {
      c++;
      return rng();
    };
    simulateRun(model, counting);
    counts[k] = c;
  }
  return counts;
}

/** The shared work alone: seed each run's generator and draw its numbers, nothing else. */
function sharedLoop(seed: string, counts: Int32Array): number {
  let sink = 0;
  for (let k = 0; k < counts.length; k++) {
    const rng = runRng(seed, k);
    for (let i = counts[k]; i > 0; i--) sink += rng();
  }
  return sink;
}

/** The engine under a floor model against the plain loop of the same model (ordinal: reference.ts; spatial: spatialReference.ts). */
async function throughput(file: string, floor: Extract<FloorModelName, 'ordinal' | 'spatial'> = 'ordinal'): Promise<Throughput> {
  const scenario = loadScenario(file);
  const model: Model = compileModel(scenario, ruleOrThrow(scenario.rule), { floor }); // as `plenary run --model <floor>` compiles it
  const engine = async (seed: string, n: number) => runJobParallel(model, seed, n, { workers: 1 });
  const reference = async (seed: string, n: number) => (floor === 'spatial' ? spatialReferenceRange(model, seed, 0, n) : referenceRange(model, seed, 0, n));
  // warm up both (JIT), and size a repetition to about 0.6 s of the reference
  await engine('warm', 2000);
  let t = performance.now();
  await reference('warm', 2000);
  const perRun = Math.max(1e-7, (performance.now() - t) / 2000);
  const n = Math.max(2000, Math.min(200_000, Math.round((QUICK ? 200 : 600) / perRun / 1000) * 1000));
  const e: number[] = [];
  const r: number[] = [];
  const shared: number[] = [];
  const ratios: number[] = [];
  let identical = true;
  // the draws of the shared loop: those of the engine's runs under one seed (counted once, untimed)
  const counts = drawsPerRun(model, 'bench-shared', n);
  sharedLoop('warm', counts.subarray(0, Math.min(2000, n)));
  let sink = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const seed = `bench-${rep}`;
    const timed = async (f: (seed: string, n: number) => Promise<Tallies>) => {
      t = performance.now();
      const tallies = await f(seed, n);
      return { perSec: n / ((performance.now() - t) / 1000), tallies };
    };
    // alternate the order, so that neither always runs right after the other's garbage
    const first = rep % 2 === 0 ? await timed(engine) : await timed(reference);
    const second = rep % 2 === 0 ? await timed(reference) : await timed(engine);
    const [en, re] = rep % 2 === 0 ? [first, second] : [second, first];
    if (rep === 0) identical = canonical(en.tallies) === canonical(re.tallies);
    e.push(en.perSec);
    r.push(re.perSec);
    ratios.push(en.perSec / re.perSec);
    t = performance.now();
    sink += sharedLoop('bench-shared', counts);
    shared.push(((performance.now() - t) * 1000) / n);
  }
  if (sink === 0.5) log(''); // keep the shared loop's draws observable
  const micros = (perSec: number) => 1e6 / perSec;
  const engineMicros = micros(median(e));
  const referenceMicros = micros(median(r));
  const sharedMicros = median(shared);
  let drawn = 0;
  for (let k = 0; k < counts.length; k++) drawn += counts[k];
  return {
    scenario: scenario.id,
    members: model.size,
    runsPerRep: n,
    engineRunsPerSec: Math.round(median(e)),
    referenceRunsPerSec: Math.round(median(r)),
    ratio: round(median(ratios)),
    identical,
    engineMicrosPerRun: round(engineMicros),
    referenceMicrosPerRun: round(referenceMicros),
    sharedMicrosPerRun: round(sharedMicros),
    drawsPerRun: round(drawn / counts.length, 1),
    netRatio: round((referenceMicros - sharedMicros) / (engineMicros - sharedMicros)),
  };
}

// ---- 3, 4, 6: the built CLI -------------------------------------------------------------------------------------

interface Spawned {
  readonly sec: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnCli(cliArgs: readonly string[], wrap: readonly string[] = []): Spawned {
  const cmd = wrap.length > 0 ? wrap[0] : process.execPath;
  const full = wrap.length > 0 ? [...wrap.slice(1), process.execPath, CLI, ...cliArgs] : [CLI, ...cliArgs];
  const t = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: '1' } });
  return { sec: (performance.now() - t) / 1000, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function wall(cliArgs: readonly string[], reps: number): number | undefined {
  const times: number[] = [];
  for (let k = 0; k < reps; k++) {
    const r = spawnCli(cliArgs);
    if (r.status !== 0) {
      log(`  plenary ${cliArgs.join(' ')}: exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      return undefined;
    }
    times.push(r.sec);
  }
  return round(median(times), 3);
}

function hasReformsCompare(): boolean {
  const r = spawnCli(['compare', '--help']);
  return r.status === 0 && r.stdout.includes('--reforms');
}

/**
 * `plenary run` with --workers 1 and 2, end to end. Also the CPU seconds (user + system) of each, when
 * /usr/bin/time is there: on a machine busy with other work the wall-time speed-up is capped by the cores left,
 * while equal CPU seconds show that the parallel job does no extra work.
 */
function workers(runs: number, reps: number): { speedup: number; one: number; two: number; cpuOne?: number; cpuTwo?: number; identical: boolean } {
  const one: number[] = [];
  const two: number[] = [];
  const cpu: Record<string, number[]> = { '1': [], '2': [] };
  const timing = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'CPU_SEC=%U+%S'] : [];
  let identical = true;
  let reference: string | undefined;
  for (let k = 0; k < reps; k++) {
    for (const w of k % 2 === 0 ? ['1', '2'] : ['2', '1']) {
      const r = spawnCli(['run', '--runs', String(runs), '--format', 'json', '--quiet', '--workers', w], timing);
      if (r.status !== 0) throw new Error(`plenary run --workers ${w} failed: ${r.stderr}`);
      (w === '1' ? one : two).push(r.sec);
      const m = /CPU_SEC=([\d.]+)\+([\d.]+)/.exec(r.stderr);
      if (m) cpu[w].push(Number(m[1]) + Number(m[2]));
      reference ??= r.stdout;
      identical &&= r.stdout === reference;
    }
  }
  return {
    speedup: round(median(one) / median(two)),
    one: round(median(one), 3),
    two: round(median(two), 3),
    ...(cpu['1'].length > 0 && cpu['2'].length > 0 ? { cpuOne: round(median(cpu['1'])), cpuTwo: round(median(cpu['2'])) } : {}),
    identical,
  };
}

/**
 * One job timed on 1 thread and on 2, `reps` times, alternating which goes first (so that warm-up favours neither):
 * the median seconds of each, and whether every pair of results was the same.
 */
async function oneAgainstTwo(reps: number, job: (workers: number) => Promise<string>): Promise<{ one: number; two: number; identical: boolean }> {
  const one: number[] = [];
  const two: number[] = [];
  let identical = true;
  for (let k = 0; k < reps; k++) {
    const results: string[] = [];
    for (const w of k % 2 === 0 ? [1, 2] : [2, 1]) {
      const t = performance.now();
      results.push(await job(w));
      (w === 1 ? one : two).push((performance.now() - t) / 1000);
    }
    identical &&= results[0] === results[1];
  }
  return { one: median(one), two: median(two), identical };
}

/** The job alone, in this process (worker start-up included, CLI start-up not): workers 1 against 2. */
async function jobWorkers(runs: number, reps: number): Promise<{ speedup: number; identical: boolean }> {
  const scenario = loadScenario(existsSync(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : FALLBACK_SCENARIO);
  const model = compileModel(scenario, ruleOrThrow(scenario.rule));
  const { one, two, identical } = await oneAgainstTwo(reps, async (workers) => canonical(await runJobParallel(model, 'workers', runs, { workers })));
  return { speedup: round(one / two), identical };
}

/**
 * A scenario with uncertain inputs for section 4b: the default scenario with Zimbabwe's salience between 0.8 and 1
 * and its stance on the joint work plan a Dirichlet (object 5, accept 5), written beside a copy of its rosters in a
 * temporary folder; the bundled uncertain test fixture if the default scenario has no such participant or option.
 */
function uncertainScenario(): { file: string; remove: () => void } {
  const fixture = { file: join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'uncertain-objector.yaml'), remove: () => {} };
  if (!existsSync(DEFAULT_SCENARIO)) return fixture;
  const doc = parseDocument(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const participants = doc.get('participants') as { items?: { get: (k: string) => unknown; set: (k: string, v: unknown) => void }[] } | undefined;
  const zimbabwe = participants?.items?.find((p) => p.get('id') === 'zimbabwe');
  const stances = zimbabwe?.get('stances') as { has?: (k: string) => boolean; set: (k: string, v: unknown) => void } | undefined;
  if (!zimbabwe || !stances?.has?.('joint-work-plan')) return fixture;
  zimbabwe.set('salience', { between: [0.8, 1] });
  stances.set('joint-work-plan', { dirichlet: { object: 5, accept: 5 }, source: 'assumption: bench' });
  const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  cpSync(join(PACKAGE_ROOT, 'scenarios', 'rosters'), join(dir, 'rosters'), { recursive: true });
  writeFileSync(join(dir, 'kp-uncertain.yaml'), doc.toString());
  return { file: join(dir, 'kp-uncertain.yaml'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A two-level run alone, in this process: workers 1 against 2 (worker start-up included), and the same result. */
async function twoLevelWorkers(runs: number, reps: number): Promise<{ speedup: number; one: number; two: number; identical: boolean; scenario: string }> {
  const made = uncertainScenario();
  try {
    const scenario = loadScenario(made.file);
    const rule = ruleOrThrow(scenario.rule);
    const { one, two, identical } = await oneAgainstTwo(reps, async (workers) => {
      const r = await runTwoLevelAsync(scenario, rule, { runs, seed: 'workers', draws: 200, workers });
      return JSON.stringify({ tallies: r.tallies, outcomes: r.outcomes, influence: r.influence });
    });
    return { speedup: round(one / two), one: round(one, 3), two: round(two, 3), identical, scenario: scenario.id };
  } finally {
    made.remove();
  }
}

function peakRss(runs: number): { mb: number; sec: number } | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnCli(['run', '--runs', String(runs), '--format', 'json', '--quiet'], ['/usr/bin/time', '-f', 'PEAK_RSS_KB=%M']);
  const m = /PEAK_RSS_KB=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) return undefined;
  return { mb: round(Number(m[1]) / 1024, 1), sec: round(r.sec, 2) };
}

// ---- 5: voting power --------------------------------------------------------------------------------------------

async function power200(): Promise<{ sec: number; players: number } | undefined> {
  let mod: { powerOfWeightedGame?: (weights: readonly number[], quota: number) => unknown };
  try {
    mod = await import('../src/analyses/power/index');
  } catch {
    return undefined;
  }
  if (typeof mod.powerOfWeightedGame !== 'function') return undefined;
  // 200 members, weights 1..25 (deterministic spread), quota a simple majority of the weight
  const weights = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 25));
  const quota = Math.floor(weights.reduce((a, b) => a + b, 0) / 2) + 1;
  const times: number[] = [];
  for (let k = 0; k < (QUICK ? 1 : 3); k++) {
    const t = performance.now();
    mod.powerOfWeightedGame(weights, quota);
    times.push((performance.now() - t) / 1000);
  }
  return { sec: round(median(times), 3), players: weights.length };
}

// ---- report -----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version, loadAverage: loadavg().map((x) => round(x)) };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverage.join(' ')}`);
  const defaultFile = existsSync(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : FALLBACK_SCENARIO;
  log('1. engine vs plain loop, default scenario ...');
  const small = await throughput(defaultFile);
  log('1b. engine vs plain loop, default scenario, spatial floor model ...');
  const spatial = await throughput(defaultFile, 'spatial');
  log('2. engine vs plain loop, 193 members ...');
  const large = await throughput(GA_193);
  log('5. voting power, 200-member weighted body ...');
  const power = await power200();
  let cli: { help?: number; run10k?: number; sensitivity?: number; compare10k?: number | 'not available'; workers?: ReturnType<typeof workers>; job?: Awaited<ReturnType<typeof jobWorkers>>; twoLevel?: Awaited<ReturnType<typeof twoLevelWorkers>>; rss?: ReturnType<typeof peakRss> } = {};
  if (!SKIP_CLI) {
    if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `node build.mjs` first (npm run bench does)');
    log('3. CLI wall times ...');
    cli.help = wall(['--help'], QUICK ? 3 : 7);
    cli.run10k = wall(['run', '--runs', '10000', '--format', 'json', '--quiet'], QUICK ? 2 : 5);
    log('   plenary sensitivity (Swakopmund, its defaults) ...');
    cli.sensitivity = wall(['sensitivity', DEFAULT_SCENARIO, '--format', 'json', '--quiet'], 1);
    cli.compare10k = hasReformsCompare() ? (wall(['compare', '--reforms', '--runs', '10000', '--format', 'json'], QUICK ? 1 : 3) ?? 'not available') : 'not available';
    log('4. --workers 2 vs --workers 1 ...');
    cli.workers = workers(QUICK ? 20_000 : 100_000, QUICK ? 1 : 3);
    cli.job = await jobWorkers(QUICK ? 20_000 : 100_000, QUICK ? 1 : 3);
    log('4b. two-level run, workers 1 vs 2 ...');
    cli.twoLevel = await twoLevelWorkers(QUICK ? 20_000 : 100_000, QUICK ? 1 : 3);
    log('6. peak memory ...');
    cli.rss = peakRss(QUICK ? 100_000 : 1_000_000);
  } else cli = {};

  const result = {
    machine,
    engineRunsPerSec: small.engineRunsPerSec,
    referenceRunsPerSec: small.referenceRunsPerSec,
    ratio: small.ratio,
    ratio193: large.ratio,
    engineMicrosPerRun: small.engineMicrosPerRun,
    referenceMicrosPerRun: small.referenceMicrosPerRun,
    sharedMicrosPerRun: small.sharedMicrosPerRun,
    drawsPerRun: small.drawsPerRun,
    netRatio: small.netRatio,
    engineMicrosPerRun193: large.engineMicrosPerRun,
    referenceMicrosPerRun193: large.referenceMicrosPerRun,
    sharedMicrosPerRun193: large.sharedMicrosPerRun,
    drawsPerRun193: large.drawsPerRun,
    netRatio193: large.netRatio,
    spatialNetRatio: spatial.netRatio,
    engineRunsPerSec193: large.engineRunsPerSec,
    referenceRunsPerSec193: large.referenceRunsPerSec,
    referenceIdentical: small.identical && large.identical && spatial.identical,
    spatialEngineRunsPerSec: spatial.engineRunsPerSec,
    spatialReferenceRunsPerSec: spatial.referenceRunsPerSec,
    spatialRatio: spatial.ratio,
    scenario: small.scenario,
    members: small.members,
    members193: large.members,
    helpWallSec: cli.help ?? null,
    run10kWallSec: cli.run10k ?? null,
    compareReforms10kWallSec: cli.compare10k ?? null,
    sensitivityWallSec: cli.sensitivity ?? null,
    workersSpeedup: cli.workers?.speedup ?? null,
    workersIdentical: cli.workers === undefined ? null : cli.workers.identical && cli.job!.identical,
    workersJobSpeedup: cli.job?.speedup ?? null,
    workers1CpuSec: cli.workers?.cpuOne ?? null,
    workers2CpuSec: cli.workers?.cpuTwo ?? null,
    workers1WallSec: cli.workers?.one ?? null,
    workers2WallSec: cli.workers?.two ?? null,
    workersRuns: QUICK ? 20_000 : 100_000,
    twoLevelWorkers1Sec: cli.twoLevel?.one ?? null,
    twoLevelWorkers2Sec: cli.twoLevel?.two ?? null,
    twoLevelWorkersSpeedup: cli.twoLevel?.speedup ?? null,
    twoLevelWorkersIdentical: cli.twoLevel?.identical ?? null,
    power200Sec: power?.sec ?? 'not available',
    peakRssMB1M: cli.rss?.mb ?? (SKIP_CLI ? null : 'not available'),
    peakRssRuns: QUICK ? 100_000 : 1_000_000,
    repetitions: REPS,
  };
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const status = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');
  const num = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('en-US') : String(x ?? '-'));
  const rows: [string, string, string, string][] = [
    [`engine runs/s, ${small.scenario} (${small.members} members)`, num(small.engineRunsPerSec), '', ''],
    ['plain-loop reference runs/s', num(small.referenceRunsPerSec), '', ''],
    ['  µs per run: engine / reference / shared (seeding and draws)', `${small.engineMicrosPerRun} / ${small.referenceMicrosPerRun} / ${small.sharedMicrosPerRun}`, '', ''],
    ['  ratio engine / reference', num(small.ratio), '>= 0.75', status(small.ratio >= 0.75)],
    ['  ratio net of the shared work', num(small.netRatio), '>= 0.6', status(small.netRatio >= 0.6)],
    [`engine runs/s, spatial floor model, ${spatial.scenario}`, num(spatial.engineRunsPerSec), '', ''],
    ['plain-loop reference of the spatial model runs/s', num(spatial.referenceRunsPerSec), '', ''],
    ['  µs per run: engine / reference / shared (spatial)', `${spatial.engineMicrosPerRun} / ${spatial.referenceMicrosPerRun} / ${spatial.sharedMicrosPerRun}`, '', ''],
    ['  ratio engine / reference (spatial)', num(spatial.ratio), '>= 0.5', status(spatial.ratio >= 0.5)],
    ['  ratio net of the shared work (spatial)', num(spatial.netRatio), '', ''],
    [`engine runs/s, ${large.scenario} (${large.members} members)`, num(large.engineRunsPerSec), '', ''],
    ['plain-loop reference runs/s', num(large.referenceRunsPerSec), '', ''],
    ['  µs per run: engine / reference / shared (193)', `${large.engineMicrosPerRun} / ${large.referenceMicrosPerRun} / ${large.sharedMicrosPerRun}`, '', ''],
    ['  ratio engine / reference (193)', num(large.ratio), '>= 0.75', status(large.ratio >= 0.75)],
    ['  ratio net of the shared work (193)', num(large.netRatio), '>= 0.6', status(large.netRatio >= 0.6)],
    ['  reference ≡ engine (same tallies)', result.referenceIdentical ? 'yes' : 'NO', 'yes', status(result.referenceIdentical)],
    ['plenary --help wall s', num(cli.help), '< 0.3', status(cli.help === undefined ? undefined : cli.help < 0.3)],
    ['plenary run --runs 10000 wall s', num(cli.run10k), '<= 0.5', status(cli.run10k === undefined ? undefined : cli.run10k <= 0.5)],
    ['plenary compare --reforms --runs 10000 wall s', num(cli.compare10k), '<= 1.8', status(typeof cli.compare10k === 'number' ? cli.compare10k <= 1.8 : undefined)],
    ['plenary sensitivity kp-2009-swakopmund.yaml (defaults) wall s', num(cli.sensitivity), '< 60', status(cli.sensitivity === undefined ? undefined : cli.sensitivity < 60)],
    [`--workers 1 / --workers 2, ${num(result.workersRuns)} runs (wall s)`, cli.workers ? `${cli.workers.one} / ${cli.workers.two}` : '-', '', ''],
    ['  CPU seconds (user + system), --workers 1 / 2', cli.workers?.cpuOne !== undefined ? `${cli.workers.cpuOne} / ${cli.workers.cpuTwo}` : '-', '', ''],
    ['  speed-up, end to end (CLI start-up included)', num(cli.workers?.speedup), '>= 1.6', status(cli.workers ? cli.workers.speedup >= 1.6 : undefined)],
    ['  speed-up, the job alone (worker start-up included)', num(cli.job?.speedup), '>= 1.6', status(cli.job ? cli.job.speedup >= 1.6 : undefined)],
    ['  byte-identical output', result.workersIdentical === null ? '-' : result.workersIdentical ? 'yes' : 'NO', 'yes', status(result.workersIdentical ?? undefined)],
    [`two-level run (${cli.twoLevel?.scenario ?? '-'} with 2 distributions, 200 draws), workers 1 / 2, job alone s`, cli.twoLevel ? `${cli.twoLevel.one} / ${cli.twoLevel.two}` : '-', '', ''],
    ['  speed-up, the two-level job alone', num(cli.twoLevel?.speedup), '', ''],
    ['  same result', cli.twoLevel === undefined ? '-' : cli.twoLevel.identical ? 'yes' : 'NO', 'yes', status(cli.twoLevel?.identical)],
    ['exact voting power, 200 weighted members, s', num(result.power200Sec), '', ''],
    [`peak RSS, plenary run --runs ${num(result.peakRssRuns)}, MB`, num(result.peakRssMB1M), '< 300', status(typeof result.peakRssMB1M === 'number' ? result.peakRssMB1M < 300 : undefined)],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['measure', 'value', 'target', ''][c].length));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [
    `plenary bench — ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverage.join(' ')}`,
    `medians of ${REPS} repetitions; engine and reference alternate in one process`,
    '',
    line(['measure', 'value', 'target', '']),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
