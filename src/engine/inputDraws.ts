/**
 * Input draws of a two-level job (a scenario whose inputs are ranges or distributions): the job's runs 0..runs-1 are
 * split evenly among `draws` input draws, run k belonging to draw floor(k · draws / runs). Draw d takes its inputs
 * from a generator derived from (seed, "inputs", d) — a stream separate from every run's own (seed, k), so a draw
 * never shifts the runs' random numbers — and its runs are simulated under the scenario with those inputs.
 *
 * Which draw a run belongs to depends only on (k, runs, draws), and a draw's inputs only on (seed, d): any thread,
 * slice or shard that runs run k simulates it under the same inputs, so two-level jobs split like any other.
 * Also the per-draw outcome counts a two-level job keeps (`DrawCounts`), which merge exactly. Pure.
 */
import { deriveScenario } from '../scenario/derive';
import { declaredSites, drawInputs, type InputValue } from '../scenario/inputs';
import type { Scenario } from '../scenario/types';
import { runRng, type Rng } from './rng';

/** A two-level job's draws: `draws` input draws among the whole job's `runs` runs (a shard's too). */
export interface InputDraws {
  readonly draws: number;
  readonly runs: number;
}

/** Input draws a two-level run makes unless told (`--draws`). */
export const DEFAULT_DRAWS = 100;

/** The draws of a job of `runs` runs: as asked (default 100), at least 1, at most one per run. */
export const drawsOf = (runs: number, draws: number | undefined): InputDraws => ({ draws: Math.max(1, Math.min(runs, draws ?? DEFAULT_DRAWS)), runs });

/** Which draw run k belongs to. */
export const drawOfRun = (k: number, runs: number, draws: number): number => Math.floor((k * draws) / runs);

/** The first run of draw d (draw d has runs [firstRunOf(d), firstRunOf(d + 1))). */
export const firstRunOf = (d: number, runs: number, draws: number): number => Math.ceil((d * runs) / draws);

/** The generator of draw d's inputs: separate from every run's simulation stream. */
export const inputRng = (seed: string, draw: number): Rng => runRng(`${seed}/inputs`, draw);

/** Draw d's values of the scenario's declared (uncertain) inputs, in `declaredSites` order. */
export const drawnValues = (scenario: Scenario, seed: string, draw: number): InputValue[] => drawInputs(declaredSites(scenario.inputs), inputRng(seed, draw));

/**
 * The scenario under draw d's inputs. It keeps the floor model and the chair of `scenario` (which the command line
 * may have set with --model and --chair; the document it is derived from has the file's own).
 */
export function drawnScenario(scenario: Scenario, seed: string, draw: number): Scenario {
  const derived = deriveScenario(scenario, declaredSites(scenario.inputs), drawnValues(scenario, seed, draw));
  const { name } = scenario.model;
  const { chair } = scenario.procedure;
  return {
    ...derived,
    model: name === derived.model.name ? derived.model : { ...derived.model, name },
    procedure: chair === derived.procedure.chair ? derived.procedure : { ...derived.procedure, chair },
  };
}

/**
 * Outcome counts per draw of one setting, for the draws [first, first + counts.length) (a part of a job covers
 * contiguous runs, hence contiguous draws; a stopped job may leave a draw at zero runs).
 */
export interface DrawCounts {
  first: number;
  /** [draw - first][outcome] → runs */
  counts: number[][];
}

export const emptyDrawCounts = (first = 0): DrawCounts => ({ first, counts: [] });

/** Counts a run of draw d with outcome index o. */
export function countDraw(t: DrawCounts, draw: number, outcome: number, outcomes: number): void {
  if (t.counts.length === 0) t.first = draw;
  while (draw < t.first) {
    t.counts.unshift(new Array<number>(outcomes).fill(0));
    t.first--;
  }
  while (draw >= t.first + t.counts.length) t.counts.push(new Array<number>(outcomes).fill(0));
  t.counts[draw - t.first][outcome]++;
}

/** Exact merge of two parts' counts (in any order: the same result; an empty part leaves the other as it is). */
export function mergeDrawCounts(a: DrawCounts, b: DrawCounts): DrawCounts {
  if (b.counts.length === 0) return a;
  if (a.counts.length === 0) return b;
  const first = Math.min(a.first, b.first);
  const end = Math.max(a.first + a.counts.length, b.first + b.counts.length);
  const width = (a.counts[0] ?? b.counts[0]).length;
  const at = (t: DrawCounts, d: number): readonly number[] | undefined => t.counts[d - t.first];
  const counts = Array.from({ length: end - first }, (_, i) => {
    const x = at(a, first + i);
    const y = at(b, first + i);
    return Array.from({ length: width }, (_, o) => (x?.[o] ?? 0) + (y?.[o] ?? 0));
  });
  return { first, counts };
}
