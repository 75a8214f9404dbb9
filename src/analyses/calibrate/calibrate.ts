/**
 * Calibration of the model's global parameters on a case library, scored out of sample. A deterministic grid search:
 * every case is simulated blind (its recorded outcome removed) at every grid point, for the same runs of the same seed
 * (common random numbers), and scored by the multi-class Brier score (or the log score) against what was decided.
 *
 *  - in sample: the grid point with the best mean score over all cases, and its scores;
 *  - leave-one-out: for each case, the grid point best on the other cases, scored on that case alone; these are the
 *    honest figures (the fit never sees the case it is scored on);
 *  - beside them: the scores of the current parameters (scenarios/parameters/model.yaml) and of the two trivial
 *    baselines, "nothing is adopted" and "the first tabled option passes".
 *
 * A case that sets a parameter itself in `model:` keeps its own value. Ties go to the grid point nearest the current
 * parameters. Pure apart from the optional progress, stop and pause callbacks.
 */
import { blind, forecastCase } from '../backtest/backtest';
import { scoreBaseline, recordedOutcome, type BaselineResult } from '../backtest/baselines';
import { overallScore, scoreCase, type CaseScore, type OverallScore } from '../backtest/metrics';
import { ruleOrThrow } from '../../rules/registry';
import { deriveScenario } from '../../scenario/derive';
import { GLOBAL_PARAMETER_RANGES, type GlobalParameterName, type GlobalParameters } from '../../scenario/parameters';
import type { FloorModelName } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { floorModelName } from '../../floor/model';
import { simulateSetting } from '../sensitivity/kernel';

export type ScoreName = 'brier' | 'log';

export type Grid = Partial<Record<GlobalParameterName, readonly number[]>>;

/**
 * The parameters each floor model reads that move outcomes most, and the values tried (the current value is added).
 * Each grid spans the parameter's allowed range (GLOBAL_PARAMETER_RANGES), coarsely at the far end and in steps of 0.1
 * near the values fitted so far, so that a fit on the edge of the grid is a fit on the edge of the range (the report
 * names any fitted value that is not). `indifference` only matters for cases with issue positions.
 */
export const DEFAULT_GRIDS: Record<FloorModelName, Grid> = {
  ordinal: { resistance: [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1], pressureEffect: [0, 0.25, 0.5, 0.75, 1], cohesion: [0, 0.3, 0.5, 0.7, 1] },
  spatial: { resistance: [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1], vetoCost: [0, 0.25, 0.5, 0.7, 0.8, 0.9, 1], pressureEffect: [0, 0.25, 0.5, 0.75, 1], indifference: [0.02, 0.05] },
  compromise: { resistance: [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1], convergence: [0, 0.1, 0.3, 0.5, 1], pressureEffect: [0, 0.5, 1], indifference: [0.02, 0.05] },
  ensemble: { resistance: [0, 0.4, 0.6, 0.8, 0.9, 1], vetoCost: [0, 0.5, 0.7, 0.9, 1], pressureEffect: [0, 0.5, 1], convergence: [0, 0.3, 1] },
};

/**
 * The fitted values that lie on an edge of their grid where the parameter's allowed range goes further: a better
 * value may lie outside the grid (widen it). A value at the limit of its range is not listed.
 */
export function edgesOfGrid(values: Readonly<Record<string, number>>, grid: Readonly<Record<string, readonly number[]>>): { readonly name: string; readonly value: number; readonly range: readonly [number, number] }[] {
  return Object.entries(values).flatMap(([name, value]) => {
    const tried = grid[name];
    const range = GLOBAL_PARAMETER_RANGES[name as GlobalParameterName];
    if (tried === undefined || range === undefined || tried.length < 2) return [];
    const low = Math.min(...tried);
    const high = Math.max(...tried);
    const open = (value === low && value > range[0]) || (value === high && value < range[1]);
    return open ? [{ name, value, range }] : [];
  });
}

export interface CalibrationOptions {
  readonly runs: number;
  readonly seed: string;
  readonly score?: ScoreName;
  /** the floor model every case is simulated with (default: each case's own, else the default) */
  readonly floor?: FloorModelName;
  readonly grid?: Grid;
  readonly shouldStop?: () => boolean;
  /** after each case at each grid point: evaluations done, planned */
  readonly onProgress?: (done: number, total: number) => void;
  readonly pause?: () => Promise<void>;
}

export interface Fit {
  readonly values: Readonly<Record<string, number>>;
  readonly overall: OverallScore;
}

export interface CalibrationResult {
  readonly cases: readonly { readonly id: string; readonly file?: string }[];
  readonly runs: number;
  readonly seed: string;
  readonly score: ScoreName;
  readonly floor: string;
  readonly grid: Readonly<Record<string, readonly number[]>>;
  readonly gridPoints: number;
  /** the parameters in use before calibration */
  readonly current: Fit;
  readonly inSample: Fit;
  readonly leaveOneOut: { readonly overall: OverallScore; readonly perCase: readonly { readonly id: string; readonly values: Readonly<Record<string, number>>; readonly score: CaseScore }[] };
  readonly baselines: readonly BaselineResult[];
  /** per grid point: its values and every case's score (Brier or log, as fitted), in case order */
  readonly gridScores: readonly { readonly values: Readonly<Record<string, number>>; readonly perCase: readonly number[] }[];
  /** fitted values (in sample) on an edge of the grid short of their range's limit: the grid may be too narrow */
  readonly edges: ReturnType<typeof edgesOfGrid>;
  /** parameters every value of which scores the same on these cases (the others at the fit): kept at the current value */
  readonly noEffect: readonly string[];
  /** parameters fixed on the command line (`--param`) for every case: not fitted, left out of the grid */
  readonly fixed?: Readonly<Record<string, number>>;
  readonly partial: boolean;
}

class Stopped extends Error {}

/** Every combination of the grid's values, in a fixed order (first parameter slowest). */
export function gridPoints(grid: Readonly<Record<string, readonly number[]>>): Record<string, number>[] {
  let points: Record<string, number>[] = [{}];
  for (const [name, values] of Object.entries(grid)) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  return points;
}

const metric = (s: CaseScore, score: ScoreName) => (score === 'log' ? s.logScore : s.brier);

export async function calibrate(cases: readonly Scenario[], current: GlobalParameters, options: CalibrationOptions): Promise<CalibrationResult> {
  const score = options.score ?? 'brier';
  const withActual = cases.filter((c) => c.actual !== undefined);
  if (withActual.length < 2) throw new RangeError('calibration needs at least two cases that record their outcome');
  const floorNames = [...new Set(withActual.map((c) => floorModelName(c, options.floor)))];
  const floor = floorNames.length === 1 ? floorNames[0] : 'ensemble';
  // a parameter the cases were read with from --param is fixed (it wins over any value tried): not in the grid
  const fixed: Record<string, number> = Object.assign({}, ...withActual.map((c) => c.overrides ?? {}));
  const asked = Object.fromEntries(Object.entries(options.grid ?? DEFAULT_GRIDS[floor]).filter(([name]) => fixed[name] === undefined));
  // the current value is always one of the values tried, so "no change" is a candidate
  const grid = Object.fromEntries(Object.entries(asked).map(([name, values]) => [name, [...new Set([...(values ?? []), current[name as GlobalParameterName]])].sort((a, b) => a - b)]));
  const points = gridPoints(grid);
  const distance = (p: Record<string, number>) => Object.entries(p).reduce((d, [k, v]) => d + Math.abs(v - current[k as GlobalParameterName]), 0);
  const total = points.length * withActual.length;
  let done = 0;
  let partial = false;

  const scoreAt = async (c: Scenario, values: Record<string, number>): Promise<CaseScore> => {
    if (options.shouldStop?.()) throw new Stopped();
    const visible = deriveScenario(blind(c), [], [], { ...current, ...values });
    const rule = ruleOrThrow(visible.rule, `${visible.file ?? visible.id}: rule`);
    const simulated = simulateSetting({ scenario: visible, rule, ...(options.floor ? { floor: options.floor } : {}) }, options.seed, 0, options.runs, options.shouldStop);
    if (simulated.tallies.runs < options.runs) throw new Stopped();
    const { forecast } = forecastCase(visible, { runs: options.runs, seed: options.seed }, simulated);
    done++;
    options.onProgress?.(done, total);
    if (options.pause) await options.pause();
    return scoreCase(forecast, { outcome: recordedOutcome(c), blockers: c.actual!.blockers });
  };

  // scores[g][c]
  const scores: CaseScore[][] = [];
  try {
    for (const p of points) {
      const row: CaseScore[] = [];
      for (const c of withActual) row.push(await scoreAt(c, p));
      scores.push(row);
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    partial = true;
  }
  const currentValues = Object.fromEntries(Object.keys(grid).map((k) => [k, current[k as GlobalParameterName]]));
  const currentIndex = points.findIndex((p) => Object.entries(p).every(([k, v]) => v === currentValues[k]));
  const usable = scores.length;
  /** the best grid point on the cases for which `include(c)` holds (ties: nearest the current parameters) */
  const best = (include: (c: number) => boolean): number => {
    let bestG = -1;
    let bestScore = Infinity;
    for (let g = 0; g < usable; g++) {
      let sum = 0;
      for (let c = 0; c < withActual.length; c++) if (include(c)) sum += metric(scores[g][c], score);
      if (sum < bestScore - 1e-12 || (Math.abs(sum - bestScore) <= 1e-12 && distance(points[g]) < distance(points[bestG]))) {
        bestScore = sum;
        bestG = g;
      }
    }
    return bestG;
  };
  const fitOf = (g: number): Fit => ({ values: points[g], overall: overallScore(scores[g]) });
  const empty: Fit = { values: currentValues, overall: overallScore([]) };
  const all = usable > 0 ? best(() => true) : -1;
  const loo = usable > 0 ? withActual.map((c, i) => ({ id: c.id, g: best((j) => j !== i), i })) : [];
  const looScores = loo.map(({ g, i }) => scores[g][i]);
  // a parameter has no effect when, the others at the fit, every value it takes scores the same on every case
  const noEffect =
    all < 0
      ? []
      : Object.keys(grid).filter((name) => {
          const line = points.map((p, g) => ({ p, g })).filter(({ p, g }) => g < usable && Object.entries(p).every(([k, v]) => k === name || v === points[all][k]));
          return line.length === grid[name].length && line.every(({ g }) => scores[g].every((s, c) => Math.abs(metric(s, score) - metric(scores[all][c], score)) <= 1e-12));
        });
  return {
    cases: withActual.map((c) => ({ id: c.id, ...(c.file ? { file: c.file } : {}) })),
    runs: options.runs,
    seed: options.seed,
    score,
    floor,
    grid,
    gridPoints: points.length,
    current: currentIndex >= 0 && currentIndex < usable ? fitOf(currentIndex) : empty,
    inSample: all >= 0 ? fitOf(all) : empty,
    leaveOneOut: { overall: overallScore(looScores), perCase: loo.map(({ id, g, i }) => ({ id, values: points[g], score: scores[g][i] })) },
    baselines: (['nothing-adopted', 'first-tabled-passes'] as const).map((name) => scoreBaseline(name, withActual, options.runs)),
    gridScores: scores.map((row, g) => ({ values: points[g], perCase: row.map((s) => metric(s, score)) })),
    edges: all >= 0 ? edgesOfGrid(points[all], grid).filter((e) => !noEffect.includes(e.name)) : [],
    noEffect,
    ...(Object.keys(fixed).length > 0 ? { fixed } : {}),
    partial,
  };
}
