/**
 * The shell every long job of the CLI goes through (run, compare, sweep, backtest, what-would-it-take, power): live
 * progress on a terminal's stderr (not under CI, --quiet or a pipe), Ctrl-C, and where the result goes.
 *
 * Ctrl-C (SIGINT): the job sees it between two slices of runs (well within a second), stops, and its result is
 * marked PARTIAL. A partial result in a format that shows the mark to a reader (table, Markdown, HTML) is printed to
 * stdout; formats read by programs (JSON, CSV, rows, shard files) print nothing, so that no script takes a partial
 * result for a whole one. Nothing is written to --out, and the command exits 130 with `plenary: interrupted` on
 * stderr. A second Ctrl-C ends at once (src/cli/io.ts).
 */
import { Interrupted } from '../common/errors';
import type { JobProgress } from '../engine/parallel';
import type { CliIO } from './io';

/** What a command body is given to report to and to stop on. */
export interface JobHooks {
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (progress: JobProgress) => void;
  /** names of the counts progress reports (outcome labels of the first setting) */
  readonly onLabels?: (labels: readonly string[]) => void;
}

export interface JobOutcome {
  readonly text: string;
  /** stopped before the end (Ctrl-C) */
  readonly partial: boolean;
  /** whether `text` says that it is partial (then it is printed when partial) */
  readonly marked?: boolean;
}

export interface JobShell {
  /** runs (or other units) the job will do, for the progress bar */
  readonly total: number;
  readonly title?: string;
  readonly quiet?: boolean;
  readonly out?: string;
  /** files the command reads (--out may not be one of them) */
  readonly inputs: readonly string[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * For the preparation of a job (reading and validating many files or settings): gives the event loop a turn, so that
 * a Ctrl-C during a long preparation is seen, and ends the command (exit 130, nothing written) if it was pressed.
 */
export async function turnOrStop(shouldStop: (() => boolean) | undefined): Promise<void> {
  await nextTurn();
  if (shouldStop?.()) throw new Interrupted();
}

/** Runs a command body with progress and Ctrl-C, then writes its result (or reports the interruption). */
export async function runJobCommand(io: CliIO, shell: JobShell, body: (hooks: JobHooks) => Promise<JobOutcome>): Promise<JobOutcome> {
  const { withProgress, jobHooks } = await import('../ui/progress');
  const outcome = await withProgress(io, { total: shell.total, quiet: shell.quiet, ...(shell.title ? { title: shell.title } : {}) }, (sink) => body({ shouldStop: io.interrupted, ...jobHooks(sink) }));
  if (outcome.partial) {
    if (outcome.marked) await io.emit(outcome.text);
    throw new Interrupted();
  }
  await io.emit(outcome.text, { out: shell.out, inputs: shell.inputs });
  return outcome;
}
