/**
 * Jobs on worker threads (plain `worker_threads`, no pool), and the one asynchronous path every job of the CLI takes:
 * the runs [from, to) of a job are cut into slices that this thread and `threads - 1` workers claim from a shared
 * counter; every thread runs its slices through the kernel (src/engine/kernel.ts) and merges them, and the parts are
 * merged exactly. Every run depends only on (seed, run index), so the result is identical whatever the number of
 * threads. Between slices this thread yields to the event loop, so Ctrl-C (a partial result) and progress get through
 * even with no worker at all.
 *
 * A worker is sent the job as plain data (`JobSpec`: normalized scenarios, rule specs, seed, reduction, and a two-level
 * job's input draws) and compiles
 * it itself. Workers load compiled JavaScript: `dist/worker.js` (bundled by build.mjs from src/engine/worker.ts);
 * where it is missing (sources run without a build, e.g. under tsx), the job runs in this thread: same result.
 *
 * Only light modules are imported statically (the CLI registration imports `parseWorkers`); the kernel is imported
 * when a job runs.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../common/paths';
import { UserError } from '../common/errors';
import type { Job, JobSpec, JobTallies } from './kernel';

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

/** What a worker is given: the job, the runs [from, to) cut into slices of `slice` runs, and the shared counters. */
export interface WorkerData {
  readonly spec: JobSpec;
  readonly from: number;
  readonly to: number;
  readonly slice: number;
  /** Int32Array: [0] stop flag, [1] next slice to claim */
  readonly shared: SharedArrayBuffer;
  readonly reportProgress: boolean;
}

/** How far a job is: runs done, and the outcome counts of its first setting (for a display). */
export interface JobProgress {
  readonly runs: number;
  readonly counts: readonly number[];
}

export type WorkerMessage = { readonly type: 'progress'; readonly progress: JobProgress } | { readonly type: 'done'; readonly result: JobTallies };

/** The progress of a part of a job. */
export function progressOf(t: JobTallies): JobProgress {
  return { runs: t.runs, counts: t.tallies?.[0]?.outcomes ?? t.outcomes?.[0] ?? [] };
}

const sumProgress = (parts: readonly JobProgress[]): JobProgress => {
  const width = Math.max(0, ...parts.map((p) => p.counts.length));
  const counts = new Array<number>(width).fill(0);
  let runs = 0;
  for (const p of parts) {
    runs += p.runs;
    p.counts.forEach((c, i) => (counts[i] += c));
  }
  return { runs, counts };
};

/** Runs per slice so that a slice is short (about a tenth of a second of work) whatever the job's size. */
export function defaultSliceRuns(models: Job['models']): number {
  let work = 0;
  for (const m of models) work += Math.max(1, m.size) * Math.max(1, m.options.length) * (m.procedure.maxRoundsPerOption + 1);
  return Math.max(1, Math.min(5000, Math.floor(1_000_000 / Math.max(1, work))));
}

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

export interface JobRunOptions {
  /** threads (this one included); default `auto` */
  readonly workers?: WorkerCount;
  /** checked before every slice and every 50 ms; when it returns true, every thread stops after its current run (a partial result) */
  readonly shouldStop?: () => boolean;
  /** called with the merged progress of all threads, after every slice */
  readonly onProgress?: (progress: JobProgress) => void;
  /** runs per slice (default: about a tenth of a second of work) */
  readonly sliceRuns?: number;
  /** workers started earlier (prestartWorkers), used before any new one is started */
  readonly prestarted?: PrestartedWorkers;
  /** called with every slice this thread runs (diagnostics: shows how the work was shared) */
  readonly onLocalSlice?: (from: number, to: number) => void;
}

/** The ranges of `parts` contiguous parts of [from, to), sizes differing by at most one. */
export function splitRange(from: number, to: number, parts: number): [number, number][] {
  const n = to - from;
  return Array.from({ length: parts }, (_, k) => [from + Math.floor((k * n) / parts), from + Math.floor(((k + 1) * n) / parts)]);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The plain data of a job (no compiled models: they hold functions and are rebuilt by the worker). */
const specOf = (job: Job): JobSpec => ({ settings: job.settings, seed: job.seed, reduction: job.reduction, ...(job.inputs ? { inputs: job.inputs } : {}) });

/**
 * Runs [from, to) of `job` on `options.workers` threads (default `auto`; this thread counts as one, so `--workers 2`
 * starts one worker thread), all claiming slices from a shared counter (so a worker still starting up takes fewer),
 * each merging its own slices. The result is the canonical merge: identical whatever the number of threads, the
 * slices or a stop (a stopped job has fewer `runs`). Rejects if a worker fails.
 */
export async function runJobAsync(job: Job, from: number, to: number, options: JobRunOptions = {}): Promise<JobTallies> {
  const { runSlice, mergeJobTallies, emptyJobTallies, canonicalJobTallies } = await import('./kernel');
  const threads = resolveWorkers(options.workers, to - from);
  // slices small enough that the threads finish together (at least ~16 slices per thread)
  const slice = Math.max(1, Math.min(options.sliceRuns ?? defaultSliceRuns(job.models), Math.ceil((to - from) / (16 * threads))));
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const stopped = () => Atomics.load(counters, STOP) === 1;
  const checkStop = () => {
    if (options.shouldStop?.()) Atomics.store(counters, STOP, 1);
  };
  const script = workerScript();
  const helpers = script === undefined ? 0 : Math.max(0, threads - 1);
  const latest: JobProgress[] = Array.from({ length: helpers + 1 }, () => ({ runs: 0, counts: [] }));
  const report = () => options.onProgress?.(sumProgress(latest));
  const workers: Worker[] = [];
  const poll = setInterval(checkStop, 50);
  try {
    const data = (): WorkerData => ({ spec: specOf(job), from, to, slice, shared: counters.buffer as SharedArrayBuffer, reportProgress: options.onProgress !== undefined });
    const remote = Array.from(
      { length: helpers },
      (_, k) =>
        new Promise<JobTallies>((resolve, reject) => {
          const waiting = options.prestarted?.workers[k];
          const worker = waiting ?? new Worker(script!, { workerData: data() });
          if (waiting) {
            waiting.ref();
            waiting.postMessage(data());
          }
          workers.push(worker);
          let done = false;
          worker.on('message', (m: WorkerMessage) => {
            if (m.type === 'done') {
              done = true;
              latest[k + 1] = progressOf(m.result);
              resolve(m.result);
            } else {
              latest[k + 1] = m.progress;
              report();
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (!done) reject(new Error(`worker ${k + 1} of ${helpers} exited (code ${code}) before finishing its runs`));
          });
        }),
    );
    // this thread takes slices too, yielding between them (progress, Ctrl-C, worker messages)
    const mine = (async () => {
      let total = emptyJobTallies(job, from);
      for (;;) {
        checkStop();
        if (stopped()) break;
        const range = claimSlice(counters, from, to, slice);
        if (range === undefined) break;
        options.onLocalSlice?.(range[0], range[1]);
        total = mergeJobTallies(total, runSlice(job, range[0], range[1], stopped));
        latest[0] = progressOf(total);
        report();
        await nextTurn();
      }
      return total;
    })();
    const results = await Promise.all([mine, ...remote]);
    return canonicalJobTallies(results.reduce((a, b) => mergeJobTallies(a, b)));
  } finally {
    clearInterval(poll);
    for (const w of workers) void w.terminate();
  }
}
