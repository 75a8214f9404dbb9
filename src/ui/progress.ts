/**
 * Live progress for long commands (run, compare, sweep): a bar, runs per second, time left and the outcome tallies
 * so far, drawn with ink on stderr while the job runs and erased when it ends, so that only the result remains.
 *
 * No progress at all with --quiet, under CI, or when stderr is not a terminal (pipes, files): then stdout and stderr
 * carry nothing but the result and messages. ink is imported lazily: before a big job (see `eagerRuns`), or once a
 * job's pace says it will take a while longer, so short jobs and `plenary --help` never load it.
 *
 * The job must yield to the event loop now and then (every job does, between slices: src/engine/parallel.ts), or
 * nothing can be drawn.
 */
import type { ProgressState } from './progressState';
import type { JobProgress } from '../engine/parallel';

export type { ProgressState };

/** What the display asks of the shell: has the user pressed Ctrl-C? */
export interface Interruptible {
  interrupted(): boolean;
}

/** What a job reports to. */
export interface ProgressSink {
  /** false when nothing is displayed (reporting is then free to skip) */
  readonly active: boolean;
  /** names of the counts that `report` passes (e.g. outcome labels), once they are known */
  labels(labels: readonly string[]): void;
  /** runs done so far (of the total) and the running counts per label */
  report(done: number, counts?: readonly number[]): void;
}

export interface ProgressOptions {
  readonly total: number;
  readonly title?: string;
  readonly quiet?: boolean;
  /** where to draw (default: stderr) */
  readonly stream?: NodeJS.WriteStream;
  readonly env?: NodeJS.ProcessEnv;
  /** show progress only when the job looks like it needs at least this long to finish (default 1500 ms) */
  readonly minRemainingMs?: number;
  /**
   * from this many runs on (default 20,000), load the display before the job starts: importing ink takes some 35
   * turns of the event loop, which a job yielding only between slices grants slowly, so a display loaded on the way
   * would appear late in a job of a few seconds
   */
  readonly eagerRuns?: number;
  /** clock for rates (default: performance.now) */
  readonly now?: () => number;
}

const NO_SINK: ProgressSink = { active: false, labels: () => undefined, report: () => undefined };

/** The hooks of a job (see src/engine/parallel.ts: `JobProgress`) that feed a progress sink. */
export function jobHooks(sink: ProgressSink): { onLabels?: (labels: readonly string[]) => void; onProgress?: (progress: JobProgress) => void } {
  if (!sink.active) return {};
  return {
    onLabels: (labels) => sink.labels(labels),
    onProgress: (progress) => sink.report(progress.runs, progress.counts),
  };
}

/** Progress is drawn only on a terminal, outside CI, without --quiet. */
export function progressWanted(options: Pick<ProgressOptions, 'quiet' | 'stream' | 'env'>): boolean {
  const env = options.env ?? process.env;
  const stream = options.stream ?? process.stderr;
  return options.quiet !== true && !env.CI && stream.isTTY === true;
}

interface View {
  update(state: ProgressState): void;
  close(): void;
}

/**
 * Runs `job` with a progress display when one is wanted (see `progressWanted`). The display is removed when the
 * job ends, whether it succeeds, stops early or fails; the job's result is returned unchanged.
 */
export async function withProgress<T>(io: Interruptible, options: ProgressOptions, job: (sink: ProgressSink) => Promise<T>): Promise<T> {
  if (!progressWanted(options)) return job(NO_SINK);
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const minRemaining = options.minRemainingMs ?? 1500;
  let started = now();
  let labels: readonly string[] = [];
  let state: ProgressState = { title: options.title ?? 'Simulating', done: 0, total: options.total, elapsedMs: 0, labels, counts: [] };
  let view: View | undefined;
  let loading: Promise<void> | undefined;
  let finished = false;
  const load = () =>
    import('./ProgressView')
      .then(({ mountProgress }) => {
        if (finished) return;
        view = mountProgress(stream);
        view.update(state);
      })
      .catch(() => undefined); // no display is better than a failed job
  const sink: ProgressSink = {
    active: true,
    labels: (l) => {
      labels = l;
    },
    report: (done, counts = []) => {
      const elapsedMs = now() - started;
      state = { ...state, done, elapsedMs, labels, counts, ...(io.interrupted() ? { title: 'Stopping (Ctrl-C): finishing the current runs' } : {}) };
      if (view) view.update(state);
      else if (!loading && done > 0 && (elapsedMs * (options.total - done)) / done >= minRemaining) {
        loading = load();
      }
    },
  };
  if (options.total >= (options.eagerRuns ?? 20_000)) {
    loading = load();
    await loading;
    started = now();
  }
  try {
    return await job(sink);
  } finally {
    // a display still loading is never mounted; one on screen is erased, leaving only the result
    finished = true;
    view?.close();
  }
}
