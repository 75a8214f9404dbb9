/**
 * Two-level Monte Carlo for scenarios whose inputs are distributions: an outer loop of input draws, an inner loop of
 * simulated runs per draw. Draw d takes its inputs from a generator derived from (seed, "inputs", d) — a stream
 * separate from the simulation's, so a draw never shifts the runs' own random numbers — and runs k of the job belong
 * to draw floor(k · draws / runs), each simulated with its usual generator (seed, k). The job runs on the one run
 * kernel (src/engine/kernel.ts with src/engine/inputDraws.ts): on any number of threads, in shards, with progress
 * and a stop, always with the same result; this file builds the job and summarizes what it kept.
 *
 * The spread of the result is then split in two (see docs/uncertainty.md):
 *  - inputs: how far the outcome's probability moves across plausible inputs: the 2.5–97.5% range of the per-draw
 *    probabilities, each shrunk toward the mean to remove its own simulation noise (the between-draw variance net of
 *    the within-draw binomial variance, as in a one-way random-effects analysis of variance);
 *  - simulation: how precisely the runs pin down the overall probability: the mean of the per-draw probabilities
 *    ± 1.96 standard errors (the draws are the independent units).
 * `inputVarianceShare` is Var_inputs(p) / (p(1 − p)): the part of the outcome's variance (law of total variance) that
 * comes from not knowing the inputs rather than from the procedure's own randomness. Pure, apart from the threads
 * of `runTwoLevelAsync`.
 */
import type { Tallies } from '../engine/accumulator';
import { canonicalJobTallies, jobOf, runSlice, type Job, type JobTallies } from '../engine/kernel';
import { runJobAsync, type JobRunOptions } from '../engine/parallel';
import { drawnValues, drawsOf, type DrawCounts } from '../engine/inputDraws';
import { round6, Z95 } from '../engine/statistics';
import { compileModel, type Model } from '../floor/model';
import type { DecisionRule } from '../rules/types';
import { declaredSites, type InputSite, type InputValue } from '../scenario/inputs';
import type { Scenario } from '../scenario/types';
import { describeDistribution } from '../scenario/distributions';
import { summarize, type Summary } from '../engine/summarize';
import { assumptionSummary } from './assumptions';
import type { UncertaintySummary } from '../engine/reportExtras';

export { DEFAULT_DRAWS, drawOfRun, inputRng } from '../engine/inputDraws';

export interface TwoLevelOptions {
  readonly runs: number;
  readonly seed: string;
  /** input draws (default 100, at most `runs`) */
  readonly draws?: number;
  readonly shouldStop?: () => boolean;
}

export interface OutcomeSpread {
  readonly outcome: string;
  /** mean over draws of the per-draw probability */
  readonly mean: number;
  /** 95% range of the probability across input draws (net of simulation noise) */
  readonly inputs95: readonly [number, number];
  /** 95% interval of the overall probability from the finite runs */
  readonly simulation95: readonly [number, number];
  /** share of the outcome's variance due to the inputs (0..1) */
  readonly inputVarianceShare: number;
}

export interface InputInfluence {
  readonly id: string;
  readonly label: string;
  readonly source?: string;
  /** rank correlation of the drawn value with each outcome's per-draw probability */
  readonly correlation: Readonly<Record<string, number>>;
}

export interface TwoLevelResult {
  readonly model: Model;
  readonly tallies: Tallies;
  readonly draws: number;
  readonly runsPerDraw: { readonly min: number; readonly max: number };
  readonly sites: readonly InputSite[];
  /** per draw with runs: outcome counts (model.outcomes order) and runs */
  readonly perDraw: readonly { readonly runs: number; readonly outcomes: readonly number[] }[];
  readonly outcomes: readonly OutcomeSpread[];
  readonly influence: readonly InputInfluence[];
  readonly partial: boolean;
}

/**
 * The job of a two-level run: one setting (the model of the scenario under the rule, compiled at the inputs' means,
 * which names the outcomes and members of every draw), its `runs` runs split among the input draws. `reduction`: 'tallies' for a
 * summary, 'records' for the per-run records (each naming its draw).
 */
export function twoLevelJob(model: Model, options: Pick<TwoLevelOptions, 'runs' | 'seed' | 'draws'>, reduction: 'tallies' | 'records' = 'tallies'): Job {
  return { ...jobOf([model], options.seed, reduction), inputs: drawsOf(options.runs, options.draws) };
}

/** Runs the whole two-level job in this thread. */
export function runTwoLevel(scenario: Scenario, rule: DecisionRule, options: TwoLevelOptions): TwoLevelResult {
  const job = twoLevelJob(compileModel(scenario, rule), options);
  const t = canonicalJobTallies(runSlice(job, 0, options.runs, options.shouldStop));
  return twoLevelOf(scenario, job, t, t.runs < options.runs);
}

/** `runTwoLevel` on threads (`workers`), with progress and a stop (a partial result): the same result. */
export async function runTwoLevelAsync(scenario: Scenario, rule: DecisionRule, options: TwoLevelOptions & JobRunOptions): Promise<TwoLevelResult> {
  const job = twoLevelJob(compileModel(scenario, rule), options);
  const t = await runJobAsync(job, 0, options.runs, options);
  return twoLevelOf(scenario, job, t, t.runs < options.runs);
}

/**
 * The two-level result of a job's runs (the whole job, the merge of its shards, or the runs done before a stop):
 * the two intervals of every outcome from the per-draw counts, and the rank correlation of every drawn input with
 * the per-draw probabilities (the inputs drawn again from (seed, "inputs", draw)). Draws without runs are left out.
 */
export function twoLevelOf(scenario: Scenario, job: Pick<Job, 'models' | 'seed'>, t: Pick<JobTallies, 'tallies' | 'perDraw'>, partial: boolean): TwoLevelResult {
  const model = job.models[0];
  const sites = declaredSites(scenario.inputs);
  const counted = drawsWithRuns(t.perDraw![0]);
  const perDraw = counted.map((d) => ({ runs: d.runs, outcomes: d.outcomes }));
  const values: InputValue[][] = counted.map((d) => drawnValues(scenario, job.seed, d.draw));
  const outcomes = model.outcomes.map((outcome, i) => spreadOf(outcome, perDraw.map((p) => ({ runs: p.runs, count: p.outcomes[i] }))));
  const influence = sites.map((site, s) => ({
    id: site.id,
    label: site.label,
    ...(site.source !== undefined ? { source: site.source } : {}),
    correlation: Object.fromEntries(
      model.outcomes.map((outcome, i) => [
        outcome,
        round6(rankCorrelation(values.map((v) => scalarOf(v[s], site)), perDraw.map((p) => p.outcomes[i] / p.runs))),
      ]),
    ),
  }));
  const sizes = perDraw.map((p) => p.runs);
  return { model, tallies: t.tallies![0], draws: perDraw.length, runsPerDraw: { min: sizes.length > 0 ? Math.min(...sizes) : 0, max: sizes.length > 0 ? Math.max(...sizes) : 0 }, sites, perDraw, outcomes, influence, partial };
}

/**
 * The run report's summary of a two-level job's runs: the plain summary, the two intervals (`uncertainty`) and the
 * assumptions behind it. The same text whether the runs were run whole, on threads, or merged from shards.
 */
export function twoLevelSummary(scenario: Scenario, job: Pick<Job, 'models' | 'seed'>, t: Pick<JobTallies, 'tallies' | 'perDraw'>, partial: boolean): Summary {
  const plain = summarize(job.models[0], t.tallies![0], job.seed, partial);
  const uncertainty = uncertaintySummary(twoLevelOf(scenario, job, t, partial));
  return { ...plain, uncertainty, assumptions: assumptionSummary(scenario, plain, uncertainty) };
}

/** What a run's report says of a two-level result (the `uncertainty` part of its summary). */
export function uncertaintySummary(result: TwoLevelResult): UncertaintySummary {
  return {
    method: 'two-level Monte Carlo: input draws from (seed, "inputs", draw), runs from (seed, run); inputs interval = 2.5-97.5% of per-draw probabilities net of simulation noise; simulation interval = mean ± 1.96 standard errors over draws (docs/uncertainty.md)',
    draws: result.draws,
    runsPerDraw: result.runsPerDraw,
    inputs: result.sites.map((s) => ({ id: s.id, label: s.label, distribution: describeDistribution(s.declared!), ...(s.source !== undefined ? { source: s.source } : {}) })),
    outcomes: result.outcomes,
    influence: result.influence,
  };
}

/** The draws of a setting's counts that have runs, in draw order. */
function drawsWithRuns(counts: DrawCounts): { draw: number; runs: number; outcomes: number[] }[] {
  return counts.counts
    .map((outcomes, i) => ({ draw: counts.first + i, runs: outcomes.reduce((a, b) => a + b, 0), outcomes }))
    .filter((d) => d.runs > 0);
}

/** A stance mix is summarised by its objection probability (the number that decides a consensus check). */
const scalarOf = (v: InputValue, site: InputSite): number => (typeof v === 'number' ? v : site.kind === 'stances' ? v[3] : 0);

/** The two intervals of one outcome from its per-draw counts. */
export function spreadOf(outcome: string, draws: readonly { runs: number; count: number }[]): OutcomeSpread {
  const D = draws.length;
  if (D === 0) return { outcome, mean: 0, inputs95: [0, 1], simulation95: [0, 1], inputVarianceShare: 0 };
  const p = draws.map((d) => (d.runs > 0 ? d.count / d.runs : 0));
  const mean = p.reduce((s, x) => s + x, 0) / D;
  const between = D > 1 ? p.reduce((s, x) => s + (x - mean) ** 2, 0) / (D - 1) : 0;
  // expected within-draw binomial variance of a per-draw share: p(1-p)/(n-1) is unbiased for p(1-p)/n
  const within = draws.reduce((s, d, i) => s + (d.runs > 1 ? (p[i] * (1 - p[i])) / (d.runs - 1) : 0), 0) / D;
  const inputVariance = Math.max(0, between - within);
  const shrink = between > 0 ? Math.sqrt(inputVariance / between) : 0;
  const shrunk = p.map((x) => mean + (x - mean) * shrink).sort((a, b) => a - b);
  const q = (f: number) => shrunk[Math.min(D - 1, Math.max(0, Math.round(f * (D - 1))))];
  const se = D > 1 ? Math.sqrt(between / D) : Math.sqrt((mean * (1 - mean)) / Math.max(1, draws[0].runs));
  const total = mean * (1 - mean);
  return {
    outcome,
    mean: round6(mean),
    inputs95: [round6(q(0.025)), round6(q(0.975))],
    simulation95: [round6(Math.max(0, mean - Z95 * se)), round6(Math.min(1, mean + Z95 * se))],
    inputVarianceShare: round6(total > 0 ? Math.min(1, inputVariance / total) : 0),
  };
}

/** Spearman rank correlation (average ranks for ties); 0 when either side is constant. */
export function rankCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 3) return 0;
  const ranks = (v: readonly number[]) => {
    const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(n);
    for (let i = 0; i < n; ) {
      let j = i;
      while (j + 1 < n && order[j + 1].value === order[i].value) j++;
      for (let k = i; k <= j; k++) r[order[k].i] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
