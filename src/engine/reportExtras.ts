/**
 * Optional parts of a run's report added by the uncertainty analyses (issue 14), as plain data: the two intervals of
 * a scenario with uncertain inputs, how much of the result rests on assumptions, and the provenance stamp. Defined
 * here (below the analyses and reports that fill and read them) so that `Summary` can carry them.
 */

export interface UncertaintySummary {
  readonly method: string;
  readonly draws: number;
  readonly runsPerDraw: { readonly min: number; readonly max: number };
  /** the uncertain inputs drawn */
  readonly inputs: readonly { readonly id: string; readonly label: string; readonly distribution: string; readonly source?: string }[];
  readonly outcomes: readonly {
    readonly outcome: string;
    readonly mean: number;
    readonly inputs95: readonly [number, number];
    readonly simulation95: readonly [number, number];
    readonly inputVarianceShare: number;
  }[];
  /** the drawn inputs that moved each outcome most (rank correlation across draws) */
  readonly influence: readonly { readonly id: string; readonly label: string; readonly source?: string; readonly correlation: Readonly<Record<string, number>> }[];
}

export interface InputBehind {
  readonly id: string;
  readonly label: string;
  readonly status: 'assumption' | 'assumed number' | 'sourced' | 'unsourced';
  readonly source?: string;
  /** why it matters: e.g. "decisive objector on suspend in 62% of runs" */
  readonly why: string;
}

export interface AssumptionSummary {
  /** judgement numbers of the scenario that bear on the outcome */
  readonly inputs: number;
  readonly assumption: number;
  readonly assumedNumber: number;
  readonly sourced: number;
  readonly unsourced: number;
  /** (assumption + assumed number + unsourced) / inputs */
  readonly restingOnAssumptions: number;
  /** the inputs behind what decided the result, with their sources */
  readonly behind: readonly InputBehind[];
}

/** Who, what and when produced a result: enough to reproduce it (all but the date). */
export interface Stamp {
  readonly plenary: string;
  /** sha256 of the scenario file's text followed by the text of every roster it includes, in include order */
  readonly scenarioSha256: string;
  readonly files: readonly string[];
  readonly command: string;
  /** absent when the result uses no randomness (plenary power: an exact computation) */
  readonly seed?: string;
  readonly date: string;
}
