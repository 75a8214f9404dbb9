/**
 * Monte Carlo jobs on worker threads (plain `worker_threads`, no pool). The runs of a job (or of its shard) are cut
 * into contiguous ranges, one per worker; every worker compiles the model itself from the normalized scenario and
 * the rule spec, runs its range and returns mergeable integer tallies, which are merged in range order. Every run
 * depends only on (seed, run index), so the result is identical to one process, whatever the number of workers.
 *
 * Workers load compiled JavaScript: `dist/worker.js` (bundled by build.mjs from src/engine/worker.ts). Where it
 * is missing (sources run without a build), the job runs in this thread: same result, one core.
 *
 * Only light modules are imported statically (the CLI registration imports `parseWorkers`); the engine is
 * imported when a job runs in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../common/paths';
import { UserError } from '../common/errors';
import { mergeTallies, sortHist, type Tallies } from './accumulator';
import type { Shard } from './job';
import type { Model } from '../floor/model';

/** `auto`: one thread for short jobs, more when the job is long enough to pay for starting workers. */
export type WorkerCount = number | 'auto';

/** Jobs of at least this many runs use more than one worker under `auto` (a worker costs ~0.1 s to start). */
export const AUTO_MIN_RUNS = 20_000;
/** Workers `auto` uses at most. */
export const AUTO_MAX_WORKERS = 2;
export const MAX_WORKERS = 64;

/** Parses `--workers`: a whole number from 1 to 64, or `auto`. */
export function parseWorkers(text: string): WorkerCount {
  const t = text.trim().toLowerCase();
  if (t === 'auto') return 'auto';
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_WORKERS) {
    throw new UserError(`--workers ${text}: give a whole number of worker threads from 1 to ${MAX_WORKERS}, or "auto" (this machine has ${availableParallelism()} cores)`);
  }
  return Number(t);
}

/** How many workers a job of `runs` runs gets. */
export function resolveWorkers(requested: WorkerCount | undefined, runs: number): number {
  if (requested === undefined || requested === 'auto') return runs >= AUTO_MIN_RUNS ? Math.max(1, Math.min(AUTO_MAX_WORKERS, availableParallelism())) : 1;
  return Math.max(1, Math.min(Math.floor(requested), runs, MAX_WORKERS));
}

/** The bundled worker script, or undefined when running from sources without a build. */
export function workerScript(): string | undefined {
  const file = join(PACKAGE_ROOT, 'dist', 'worker.js');
  return existsSync(file) ? file : undefined;
}

/** What a worker computes: a job's model(s). Plain data (it is structured-cloned to the worker). */
export type WorkerJob =
  /** `runRange` of one model: result `Tallies` */
  | { readonly kind: 'run'; readonly scenario: Model['scenario']; readonly rule: string; readonly seed: string }
  /** `compareRange` of several rules with common random numbers: result `CompareTallies` (src/analyses/comparison.ts) */
  | { readonly kind: 'compare'; readonly scenario: Model['scenario']; readonly rules: readonly string[]; readonly seed: string };

/** What a worker is given: the job, the runs [from, to) cut into slices of `slice` runs, and the shared counters. */
export interface WorkerData {
  readonly job: WorkerJob;
  readonly from: number;
  readonly to: number;
  readonly slice: number;
  /** Int32Array: [0] stop flag, [1] next slice to claim */
  readonly shared: SharedArrayBuffer;
  readonly reportProgress: boolean;
}

export type WorkerMessage<T> = { readonly type: 'progress'; readonly tallies: T } | { readonly type: 'done'; readonly result: T };

export const STOP = 0;
export const NEXT_SLICE = 1;

/** Claims the next slice of [from, to): its range, or undefined when every slice is taken. */
export function claimSlice(counters: Int32Array, from: number, to: number, slice: number): [number, number] | undefined {
  const k = Atomics.add(counters, NEXT_SLICE, 1);
  const start = from + k * slice;
  return start < to ? [start, Math.min(to, start + slice)] : undefined;
}

/**
 * Worker threads started before the job is known, so that their start-up (loading the engine, ~0.1–0.2 s) overlaps
 * the main thread's own (reading and validating the scenario). They wait for their `WorkerData` message.
 * `dispose()` ends those that were not used (for instance when the scenario turns out to be invalid).
 */
export interface PrestartedWorkers {
  readonly workers: Worker[];
  dispose(): void;
}

/** Starts `count` waiting workers, or none when there is no built worker script. */
export function prestartWorkers(count: number): PrestartedWorkers {
  const script = workerScript();
  const workers = script === undefined ? [] : Array.from({ length: Math.max(0, count) }, () => new Worker(script, { workerData: { waitForJob: true } }));
  for (const w of workers) w.unref();
  return { workers, dispose: () => workers.forEach((w) => void w.terminate()) };
}

export interface ParallelOptions<T> {
  readonly workers?: WorkerCount;
  /** checked between slices and every 50 ms; when it returns true, every thread stops after its current run (a partial result) */
  readonly shouldStop?: () => boolean;
  /** called with the merged progress of all threads */
  readonly onProgress?: (progress: T) => void;
  /** runs per slice (default: about a tenth of a second of work) */
  readonly sliceRuns?: number;
  /** workers started earlier (prestartWorkers), used before any new one is started */
  readonly prestarted?: PrestartedWorkers;
}

export interface ParallelJobOptions extends ParallelOptions<Tallies> {
  readonly shard?: Shard;
}

/** The ranges of `parts` contiguous parts of [from, to), sizes differing by at most one. */
export function splitRange(from: number, to: number, parts: number): [number, number][] {
  const n = to - from;
  return Array.from({ length: parts }, (_, k) => [from + Math.floor((k * n) / parts), from + Math.floor(((k + 1) * n) / parts)]);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs [from, to) on `threads` threads: this one and `threads - 1` workers, all claiming slices from a shared counter
 * (so a worker still starting up takes fewer slices), each merging its own slices. `local(from, to, shouldStop)`
 * runs a slice in this thread, between turns of the event loop. Because the merge is exact integer addition
 * (order-free), the result is the same whoever ran which slice. Rejects if a worker fails.
 */
export async function runSliced<T>(
  job: WorkerJob,
  from: number,
  to: number,
  threads: number,
  local: (from: number, to: number, shouldStop: () => boolean) => T,
  merge: (a: T, b: T) => T,
  empty: T,
  options: ParallelOptions<T> & { readonly slice: number },
): Promise<T> {
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const stopped = () => Atomics.load(counters, STOP) === 1;
  const checkStop = () => {
    if (options.shouldStop?.()) Atomics.store(counters, STOP, 1);
  };
  const script = workerScript();
  const helpers = script === undefined ? 0 : Math.max(0, threads - 1);
  const latest: T[] = new Array<T>(helpers + 1).fill(empty);
  const report = () => options.onProgress?.(latest.reduce((a, b) => merge(a, b)));
  const workers: Worker[] = [];
  const poll = setInterval(checkStop, 50);
  try {
    const data = (): WorkerData => ({ job, from, to, slice: options.slice, shared: counters.buffer as SharedArrayBuffer, reportProgress: options.onProgress !== undefined });
    const remote = Array.from(
      { length: helpers },
      (_, k) =>
        new Promise<T>((resolve, reject) => {
          const waiting = options.prestarted?.workers[k];
          const worker = waiting ?? new Worker(script!, { workerData: data() });
          if (waiting) {
            waiting.ref();
            waiting.postMessage(data());
          }
          workers.push(worker);
          let done = false;
          worker.on('message', (m: WorkerMessage<T>) => {
            latest[k + 1] = m.type === 'progress' ? m.tallies : m.result;
            if (m.type === 'done') {
              done = true;
              resolve(m.result);
            } else report();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (!done) reject(new Error(`worker ${k + 1} of ${helpers} exited (code ${code}) before finishing its runs`));
          });
        }),
    );
    // this thread takes slices too, yielding between them (progress, Ctrl-C, worker messages)
    const mine = (async () => {
      let total = empty;
      for (;;) {
        checkStop();
        if (stopped()) break;
        const range = claimSlice(counters, from, to, options.slice);
        if (range === undefined) break;
        const part = local(range[0], range[1], stopped);
        total = merge(total, part);
        latest[0] = total;
        report();
        await nextTurn();
      }
      return total;
    })();
    const results: T[] = await Promise.all([mine, ...remote]);
    return results.reduce((a, b) => merge(a, b));
  } finally {
    clearInterval(poll);
    for (const w of workers) void w.terminate();
  }
}

const canonical = (t: Tallies): Tallies => ({ ...t, hours: sortHist(t.hours), rounds: sortHist(t.rounds) });

/**
 * `runJob` on threads: runs 0..runs-1 of the model (or of `options.shard`) on `options.workers` threads (default
 * `auto`; this thread counts as one, so `--workers 2` starts one worker thread). The job runs in slices with turns
 * of the event loop between them, so `shouldStop` (Ctrl-C) and progress get through. The tallies are identical
 * whatever the number of threads (histograms sorted). `model.rule` must be a registry rule (its spec parses back).
 */
export async function runJobParallel(model: Model, seed: string, runs: number, options: ParallelJobOptions = {}): Promise<Tallies> {
  const [{ shardRange }, { runRange }, { defaultSliceRuns }, { emptyTallies }] = await Promise.all([import('./job'), import('./monteCarlo'), import('./chunked'), import('./accumulator')]);
  const [from, to] = shardRange(runs, options.shard);
  const threads = resolveWorkers(options.workers, to - from);
  // slices small enough that the threads finish together (at least ~16 slices per thread)
  const slice = Math.max(1, Math.min(options.sliceRuns ?? defaultSliceRuns(model), Math.ceil((to - from) / (16 * threads))));
  const job: WorkerJob = { kind: 'run', scenario: model.scenario, rule: model.rule.spec, seed };
  const local = (a: number, b: number, shouldStop: () => boolean) => runRange(model, seed, a, b, { shouldStop });
  return canonical(await runSliced(job, from, to, threads, local, mergeTallies, emptyTallies(model, from), { ...options, slice }));
}
