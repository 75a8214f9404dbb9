/**
 * A Monte Carlo worker thread (bundled to dist/worker.js): compiles the model(s) from the normalized scenario and
 * the rule spec(s) it is given, then claims slices of the job's runs from a counter shared with the other threads
 * until none is left, merging its slices' tallies, and posts them back (progress after every slice when asked). A
 * shared flag set by the main thread stops it early (partial result). A worker started ahead of its job waits for it
 * in a message. See src/engine/parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ruleOrThrow } from '../rules/registry';
import { compileModel } from '../floor/model';
import { claimSlice, STOP, type WorkerData, type WorkerMessage } from './parallel';

async function main(data: WorkerData): Promise<void> {
  const { job, from, to, slice, shared, reportProgress } = data;
  const counters = new Int32Array(shared);
  const shouldStop = () => Atomics.load(counters, STOP) === 1;
  const post = <T>(message: WorkerMessage<T>) => parentPort!.postMessage(message);
  const work = async <T>(empty: T, range: (a: number, b: number) => T, merge: (a: T, b: T) => T) => {
    let total = empty;
    for (let r = claimSlice(counters, from, to, slice); r !== undefined && !shouldStop(); r = claimSlice(counters, from, to, slice)) {
      total = merge(total, range(r[0], r[1]));
      if (reportProgress) post({ type: 'progress', tallies: total });
    }
    post({ type: 'done', result: total });
  };
  if (job.kind === 'run') {
    const [{ runRange }, { emptyTallies, mergeTallies }] = await Promise.all([import('./monteCarlo'), import('./accumulator')]);
    const model = compileModel(job.scenario, ruleOrThrow(job.rule));
    await work(emptyTallies(model, from), (a, b) => runRange(model, job.seed, a, b, { shouldStop }), mergeTallies);
    return;
  }
  const { compareRange, emptyCompareTallies, mergeCompareTallies } = await import('../analyses/comparison');
  const models = job.rules.map((spec) => compileModel(job.scenario, ruleOrThrow(spec)));
  await work(emptyCompareTallies(models, from), (a, b) => compareRange(models, job.seed, a, b, { shouldStop }), mergeCompareTallies);
}

// a worker started ahead of its job (prestartWorkers) gets its WorkerData in a message
if ((workerData as { waitForJob?: boolean } | undefined)?.waitForJob) parentPort!.once('message', (data: WorkerData) => void main(data));
else await main(workerData as WorkerData);
