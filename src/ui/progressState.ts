/** The state of a progress display: what the view draws, what the job's reports update. */
export interface ProgressState {
  readonly title: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly labels: readonly string[];
  readonly counts: readonly number[];
}
