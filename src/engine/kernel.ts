/**
 * The run kernel: every job (run, compare, sweep, backtest, what-would-it-take, sensitivity) is a list of settings
 * (a scenario under a rule) × runs [from, to), and this is the one loop that runs it. Run k of every setting uses the
 * generator (seed, k) (common random numbers), so differences between settings come from the settings, and the
 * result of a run never depends on which thread, slice or shard ran it.
 *
 * What a job keeps of its runs is its reduction, named in the job so that a worker thread can rebuild the whole job
 * from plain data (`JobSpec`: normalized scenarios, rule specs, seed, reduction):
 *  - 'tallies'  per setting the mergeable integer `Tallies` (outcomes, decisive blockers, hours, rounds);
 *  - 'paired'   the same, plus per setting the [setting 0's outcome][this setting's outcome] transition counts of
 *               the same runs (paired comparisons against the first setting);
 *  - 'outcomes' per setting only the outcome counts (long sweeps: memory flat in the number of members);
 *  - 'records'  every run's `RunRecord` (one row per run and setting), in run order.
 * Every reduction merges exactly (integer sums, or concatenation in run order), so any split gives the same result.
 *
 * A two-level job (`inputs`: scenarios with ranges or distributions; src/engine/inputDraws.ts) simulates run k of a
 * setting under the inputs of the run's draw, floor(k · draws / runs), drawn from (seed, "inputs", draw); besides
 * its reduction it keeps per setting the outcome counts of every draw (`perDraw`), and its records name their draw.
 * Pure apart from the optional stop check.
 */
import { ruleOrThrow } from '../rules/registry';
import type { FloorModelName } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import { compileModel, type Model } from '../floor/model';
import { addRun, emptyTallies, mergeTallies, sortHist, type Tallies } from './accumulator';
import { toRecord, type RunRecord } from './record';
import { runRng } from './rng';
import { simulateRun } from './plenaryRun';
import { countDraw, drawnScenario, drawOfRun, emptyDrawCounts, mergeDrawCounts, type DrawCounts, type InputDraws } from './inputDraws';

export type Reduction = 'tallies' | 'paired' | 'outcomes' | 'records';

/** One setting of a job: a scenario under a rule, as plain data. */
export interface SettingSpec {
  /** how records and reports name the setting (a rule spec, a reform id, a sweep setting, a case id) */
  readonly id: string;
  /** normalized scenario (plain data) */
  readonly scenario: Scenario;
  /** rule spec, as for --rule */
  readonly rule: string;
  /** the floor model (default: the scenario's own, else the default model) */
  readonly floor?: FloorModelName;
}

/** A job as plain data: what a worker thread is given to rebuild it. */
export interface JobSpec {
  readonly settings: readonly SettingSpec[];
  readonly seed: string;
  readonly reduction: Reduction;
  /** a two-level job: the settings' uncertain inputs are drawn anew for each of `draws` draws among `runs` runs */
  readonly inputs?: InputDraws;
}

/** A job ready to run: its spec and the compiled model of every setting. */
export interface Job extends JobSpec {
  readonly models: readonly Model[];
}

/** Compiles every setting of a spec (a worker does this with the spec it is sent). */
export function compileJob(spec: JobSpec): Job {
  return { ...spec, models: spec.settings.map((s) => compileModel(s.scenario, ruleOrThrow(s.rule), s.floor !== undefined ? { floor: s.floor } : {})) };
}

/** A job from models already compiled (their rules must be registry rules, whose specs parse back). */
export function jobOf(models: readonly Model[], seed: string, reduction: Reduction, ids: readonly string[] = models.map((m) => m.rule.spec)): Job {
  return { settings: models.map((m, s) => ({ id: ids[s], scenario: m.scenario, rule: m.rule.spec, floor: m.floor })), seed, reduction, models };
}

/** What a job keeps of runs [from, to): fields by reduction (see the top of this file). */
export interface JobTallies {
  runs: number;
  from: number;
  to: number;
  /** 'tallies', 'paired': per setting */
  tallies?: Tallies[];
  /** 'paired': per setting, [setting 0's outcome][this setting's outcome] → runs */
  transitions?: number[][][];
  /** 'outcomes': per setting, per outcome → runs */
  outcomes?: number[][];
  /** 'records': one per run and setting, in run order then setting order */
  records?: RunRecord[];
  /** two-level jobs (every reduction but 'records'): per setting, the outcome counts of each draw */
  perDraw?: DrawCounts[];
}

export function emptyJobTallies(job: Pick<Job, 'models' | 'reduction' | 'inputs'>, from = 0): JobTallies {
  const t: JobTallies = { runs: 0, from, to: from };
  const { models, reduction } = job;
  if (reduction === 'tallies' || reduction === 'paired') t.tallies = models.map((m) => emptyTallies(m, from));
  if (reduction === 'paired') {
    const n = models[0]?.outcomes.length ?? 0;
    t.transitions = models.map((m) => Array.from({ length: n }, () => new Array<number>(m.outcomes.length).fill(0)));
  }
  if (reduction === 'outcomes') t.outcomes = models.map((m) => new Array<number>(m.outcomes.length).fill(0));
  if (reduction === 'records') t.records = [];
  else if (job.inputs) t.perDraw = models.map(() => emptyDrawCounts());
  return t;
}

/**
 * The kernel: runs [from, to) of every setting, run-major (run k of every setting, then run k + 1). Stops before a
 * run when `shouldStop` returns true (a partial result: `runs` tells how many runs were done).
 */
export function runSlice(job: Job, from: number, to: number, shouldStop?: () => boolean): JobTallies {
  const t = emptyJobTallies(job, from);
  const { seed, settings, inputs } = job;
  const count = job.models.length;
  const { tallies, transitions, outcomes, records, perDraw } = t;
  const modelsOf = inputs ? drawModels(job) : () => job.models;
  let first = 0;
  for (let k = from; k < to; k++) {
    if (shouldStop?.()) break;
    const draw = inputs ? drawOfRun(k, inputs.runs, inputs.draws) : undefined;
    const models = modelsOf(draw ?? 0);
    for (let s = 0; s < count; s++) {
      const result = simulateRun(models[s], runRng(seed, k));
      if (tallies) addRun(tallies[s], result, k);
      if (transitions) {
        if (s === 0) first = result.outcome;
        transitions[s][first][result.outcome]++;
      }
      if (outcomes) outcomes[s][result.outcome]++;
      if (perDraw) countDraw(perDraw[s], draw!, result.outcome, models[s].outcomes.length);
      if (records) records.push(toRecord(models[s], settings[s].id, k, result, draw));
    }
    t.runs++;
    t.to = k + 1;
  }
  return t;
}

/**
 * The models of a two-level job's settings under draw d's inputs (compiled once per draw a slice meets; runs are
 * claimed in order, so a slice meets its draws one after another). Each keeps its setting's rule and floor model.
 */
function drawModels(job: Job): (draw: number) => readonly Model[] {
  let current = -1;
  let models: readonly Model[] = job.models;
  return (draw) => {
    if (draw !== current) {
      models = job.models.map((m, s) => compileModel(drawnScenario(job.settings[s].scenario, job.seed, draw), m.rule, { floor: m.floor }));
      current = draw;
    }
    return models;
  };
}

const addMatrix = (a: number[][], b: number[][]): number[][] => a.map((row, i) => row.map((v, j) => v + b[i][j]));

function concatInRunOrder(a: RunRecord[], b: RunRecord[]): RunRecord[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a[a.length - 1].run < b[0].run) return a.concat(b);
  if (b[b.length - 1].run < a[0].run) return b.concat(a);
  return [...a, ...b].sort((x, y) => x.run - y.run);
}

/** Exact merge of two parts of one job (in any order: the result is the same). */
export function mergeJobTallies(a: JobTallies, b: JobTallies): JobTallies {
  const out: JobTallies = { runs: a.runs + b.runs, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
  if (a.tallies && b.tallies) out.tallies = a.tallies.map((x, s) => mergeTallies(x, b.tallies![s]));
  if (a.transitions && b.transitions) out.transitions = a.transitions.map((m, s) => addMatrix(m, b.transitions![s]));
  if (a.outcomes && b.outcomes) out.outcomes = a.outcomes.map((row, s) => row.map((v, o) => v + b.outcomes![s][o]));
  // a run is never split between parts, and sort is stable: run order, then setting order within a run
  if (a.records && b.records) out.records = concatInRunOrder(a.records, b.records);
  if (a.perDraw && b.perDraw) out.perDraw = a.perDraw.map((x, s) => mergeDrawCounts(x, b.perDraw![s]));
  return out;
}

/** The canonical form (histograms in value order), so that results serialize identically however they were split. */
export function canonicalJobTallies(t: JobTallies): JobTallies {
  return t.tallies ? { ...t, tallies: t.tallies.map((x) => ({ ...x, hours: sortHist(x.hours), rounds: sortHist(x.rounds) })) } : t;
}
