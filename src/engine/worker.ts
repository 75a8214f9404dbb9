/**
 * A worker thread (bundled to dist/worker.js): rebuilds the job from its plain data (`JobSpec`), then claims slices
 * of the job's runs from a counter shared with the other threads until none is left, runs each through the kernel,
 * merges them, and posts the result back (progress after every slice when asked). A shared flag set by the main
 * thread stops it early (a partial result). A worker started ahead of its job waits for it in a message. It knows
 * no job in particular: run, compare, sweep and backtest are all settings × runs. See src/engine/parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileJob, emptyJobTallies, mergeJobTallies, runSlice } from './kernel';
import { claimSlice, progressOf, STOP, type WorkerData, type WorkerMessage } from './parallel';

function main(data: WorkerData): void {
  const { spec, from, to, slice, shared, reportProgress } = data;
  const counters = new Int32Array(shared);
  const shouldStop = () => Atomics.load(counters, STOP) === 1;
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  const job = compileJob(spec);
  let total = emptyJobTallies(job, from);
  for (let r = claimSlice(counters, from, to, slice); r !== undefined && !shouldStop(); r = claimSlice(counters, from, to, slice)) {
    total = mergeJobTallies(total, runSlice(job, r[0], r[1], shouldStop));
    if (reportProgress) post({ type: 'progress', progress: progressOf(total) });
  }
  post({ type: 'done', result: total });
}

// a worker started ahead of its job (prestartWorkers) gets its WorkerData in a message
if ((workerData as { waitForJob?: boolean } | undefined)?.waitForJob) parentPort!.once('message', (data: WorkerData) => main(data));
else main(workerData as WorkerData);
