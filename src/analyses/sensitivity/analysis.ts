/**
 * Global sensitivity of each outcome's probability to the scenario's uncertain inputs and model parameters:
 *
 *  1. Morris screen over every factor (src/analyses/sensitivity/factors.ts): r trajectories, μ* per factor and outcome;
 *  2. Sobol first- and total-order indices (Saltelli design) on the factors that survive the screen (μ* at least
 *     `keepShare` of the largest for some outcome; at most `sobolFactors`); the others stay at their point values;
 *  3. one-at-a-time swings of the leading factors from the low to the high end of their range (the tornado chart).
 *
 * Every design point is a setting (the scenario with the point's input values) simulated for the same runs
 * 0..runs-1 of the same seed: common random numbers across all designs, so differences between points are not
 * drowned in simulation noise. Designs draw from generators derived from the seed. The points of a stage (the Morris
 * screen, the Saltelli design, the swings) are simulated as one batch: the settings of one kernel job, on `workers`
 * threads, each point's counts identical whatever the number of threads. A stop (Ctrl-C) ends the stage under way; the
 * result keeps the stages done before it (partial). Pure apart from the optional progress, stop and pause callbacks
 * and the worker threads.
 */
import { runRng } from '../../engine/rng';
import type { DecisionRule } from '../../rules/types';
import { deriveScenario } from '../../scenario/derive';
import type { InputValue } from '../../scenario/inputs';
import type { FloorModelName } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { floorModelName } from '../../floor/model';
import { outcomeLabel } from '../../engine/summarize';
import { factorsOf, type Factor } from './factors';
import { simulateSetting, simulateSettings } from './kernel';
import type { WorkerCount } from '../../engine/parallel';
import { morrisDesign, morrisIndices, type MorrisIndex } from './morris';
import { saltelliDesign, sobolIndices, type SobolIndex } from './sobol';

export interface SensitivityOptions {
  readonly seed: string;
  /** runs per design point (default 200) */
  readonly runs?: number;
  /** Morris trajectories (default 10) */
  readonly trajectories?: number;
  /** base rows of the Saltelli design (default 128) */
  readonly sobolRows?: number;
  /** most factors carried into the Sobol stage (default 8) */
  readonly sobolFactors?: number;
  /** a factor survives the screen with μ* at least this share of the largest, for some outcome (default 0.1) */
  readonly keepShare?: number;
  /** factors in the tornado chart (default 10) */
  readonly tornado?: number;
  readonly floor?: FloorModelName;
  /** threads the design points are simulated on (this one included); default `auto` (src/engine/parallel.ts) */
  readonly workers?: WorkerCount;
  readonly shouldStop?: () => boolean;
  /** as the design points are simulated: points done (a fraction while a stage runs), points planned */
  readonly onProgress?: (done: number, total: number) => void;
  /** awaited between the design points a stage derives (the CLI yields to the event loop there, so Ctrl-C is seen) */
  readonly pause?: () => Promise<void>;
}

export interface FactorResult {
  readonly id: string;
  readonly label: string;
  readonly owner: { readonly kind: string; readonly id: string };
  /** participant and bloc ids the input belongs to (a participant's blocs, a bloc itself) */
  readonly blocs: readonly string[];
  readonly source?: string;
  readonly status: string;
  readonly range: string;
  readonly ends: readonly [string, string];
  /** per outcome */
  readonly morris: Readonly<Record<string, MorrisIndex>>;
  /** per outcome, when the factor reached the Sobol stage */
  readonly sobol?: Readonly<Record<string, SobolIndex>>;
  /** per outcome: p(outcome) with this input at its low and high end, everything else at its point value */
  readonly swing?: Readonly<Record<string, readonly [number, number]>>;
}

export interface GroupResult {
  readonly kind: 'participant' | 'bloc' | 'other';
  readonly id: string;
  readonly inputs: number;
  /** per outcome: sum of μ* and (over factors in the Sobol stage) of total-order indices */
  readonly muStar: Readonly<Record<string, number>>;
  readonly total: Readonly<Record<string, number>>;
}

export interface SensitivityResult {
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly rule: string;
  readonly floor: FloorModelName;
  readonly seed: string;
  readonly runs: number;
  readonly outcomes: readonly { readonly id: string; readonly label: string; readonly point: number }[];
  readonly design: { readonly factors: number; readonly trajectories: number; readonly morrisPoints: number; readonly sobolFactors: number; readonly sobolRows: number; readonly sobolPoints: number; readonly tornadoPoints: number; readonly simulatedRuns: number };
  readonly factors: readonly FactorResult[];
  readonly groups: readonly GroupResult[];
  readonly partial: boolean;
}

class Stopped extends Error {}

/** Design points the analysis will simulate (for a progress display), the point scenario included. */
export function plannedPoints(scenario: Scenario, options: Pick<SensitivityOptions, 'trajectories' | 'sobolRows' | 'sobolFactors' | 'tornado' | 'floor'>): number {
  const k = factorsOf(scenario.inputs, floorModelName(scenario, options.floor)).length;
  if (k === 0) return 1;
  return 1 + (options.trajectories ?? 10) * (k + 1) + (options.sobolRows ?? 128) * (Math.min(options.sobolFactors ?? 8, k) + 2) + 2 * Math.min(options.tornado ?? 10, k);
}

export async function sensitivity(scenario: Scenario, rule: DecisionRule, options: SensitivityOptions): Promise<SensitivityResult> {
  const runs = options.runs ?? 200;
  const r = options.trajectories ?? 10;
  const rows = options.sobolRows ?? 128;
  const maxSobol = options.sobolFactors ?? 8;
  const keepShare = options.keepShare ?? 0.1;
  const floor = floorModelName(scenario, options.floor);
  const factors = factorsOf(scenario.inputs, floor);
  const k = factors.length;
  const sites = factors.map((f) => f.site);
  const pointValues: InputValue[] = factors.map((f) => f.site.point);
  const base = simulateSetting({ scenario, rule, floor }, options.seed, 0, runs);
  const outcomes = base.model.outcomes;
  const planned = k > 0 ? r * (k + 1) + rows * (Math.min(maxSobol, k) + 2) + 2 * Math.min(options.tornado ?? 10, k) : 0;
  let done = 0;
  let partial = false;

  /** p(outcome) per outcome at each design point of a stage (values per factor), simulated as one batch. */
  const evaluate = async (points: readonly (readonly InputValue[])[]): Promise<number[][]> => {
    if (points.length === 0) return [];
    const settings = [];
    for (const values of points) {
      if (options.shouldStop?.()) throw new Stopped();
      settings.push({ scenario: deriveScenario(scenario, sites, values), rule, floor });
      if (options.pause) await options.pause();
    }
    const before = done;
    const batch = await simulateSettings(settings, options.seed, runs, {
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      ...(options.onProgress ? { onProgress: (r: number) => options.onProgress!(before + (points.length * r) / runs, planned) } : {}),
    });
    if (batch.runs < runs) throw new Stopped();
    done += points.length;
    options.onProgress?.(done, planned);
    return batch.outcomes.map((counts) => counts.map((c) => c / runs));
  };
  const atU = (u: readonly number[], subset: readonly number[] = factors.map((_, i) => i)): InputValue[] => {
    const values = [...pointValues];
    subset.forEach((f, j) => (values[f] = factors[f].value(u[j])));
    return values;
  };

  const morris: Record<string, MorrisIndex>[] = factors.map(() => ({}));
  const sobol: (Record<string, SobolIndex> | undefined)[] = factors.map(() => undefined);
  const swing: (Record<string, [number, number]> | undefined)[] = factors.map(() => undefined);
  let survivors: number[] = [];
  try {
    if (k > 0) {
      // 1. the Morris screen over every factor
      const md = morrisDesign(k, r, runRng(`${options.seed}/morris`, 0));
      const ys = await evaluate(md.points.map((point) => atU(point)));
      outcomes.forEach((o, j) => morrisIndices(md, ys.map((y) => y[j])).forEach((index, f) => (morris[f][o] = index)));
      // 2. Sobol on the survivors
      const strength = factors.map((_, f) => Math.max(...outcomes.map((o) => relative(morris, f, o))));
      survivors = factors
        .map((_, f) => f)
        .filter((f) => strength[f] >= keepShare)
        .sort((a, b) => strength[b] - strength[a] || a - b)
        .slice(0, maxSobol);
      if (survivors.length > 0) {
        const sd = saltelliDesign(survivors.length, rows, runRng(`${options.seed}/saltelli`, 0));
        const sy = await evaluate(sd.points.map((point) => atU(point, survivors)));
        outcomes.forEach((o, j) => {
          const result = sobolIndices(sd, sy.map((y) => y[j]), runRng(`${options.seed}/bootstrap`, j), 100);
          result.indices.forEach((index, s) => {
            const f = survivors[s];
            sobol[f] = { ...(sobol[f] ?? {}), [o]: index };
          });
        });
      }
      // 3. swings of the leading factors (Sobol survivors first, then by μ*)
      const leading = [...survivors, ...factors.map((_, f) => f).filter((f) => !survivors.includes(f)).sort((a, b) => strength[b] - strength[a])].slice(0, options.tornado ?? 10);
      const ends = leading.flatMap((f) => [0, 1].map((u) => pointValues.map((v, i) => (i === f ? factors[f].value(u) : v))));
      const ye = await evaluate(ends);
      leading.forEach((f, i) => {
        const [ylo, yhi] = [ye[2 * i], ye[2 * i + 1]];
        swing[f] = Object.fromEntries(outcomes.map((o, j) => [o, [ylo[j], yhi[j]] as [number, number]]));
      });
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    partial = true;
  }

  const blocsOf = (factor: Factor): string[] => {
    const owner = factor.site.owner;
    if (owner.kind === 'bloc') return [owner.id];
    if (owner.kind === 'participant') return scenario.participants.find((p) => p.id === owner.id)?.blocs.slice() ?? [];
    return [];
  };
  const results: FactorResult[] = factors.map((f, i) => ({
    id: f.site.id,
    label: f.site.label,
    owner: f.site.owner,
    blocs: blocsOf(f),
    ...(f.site.source !== undefined ? { source: f.site.source } : {}),
    status: f.site.status,
    range: f.range,
    ends: f.ends,
    morris: morris[i],
    ...(sobol[i] ? { sobol: sobol[i] } : {}),
    ...(swing[i] ? { swing: swing[i] } : {}),
  }));
  const n = base.tallies.runs;
  return {
    scenario: { id: scenario.id, title: scenario.meeting.title, ...(scenario.file ? { file: scenario.file } : {}) },
    rule: rule.spec,
    floor,
    seed: options.seed,
    runs,
    outcomes: outcomes.map((o, j) => ({ id: o, label: outcomeLabel(base.model, o), point: n > 0 ? base.tallies.outcomes[j] / n : 0 })),
    design: {
      factors: k,
      trajectories: r,
      morrisPoints: k > 0 ? r * (k + 1) : 0,
      sobolFactors: survivors.length,
      sobolRows: rows,
      sobolPoints: survivors.length > 0 ? rows * (survivors.length + 2) : 0,
      tornadoPoints: 2 * swing.filter(Boolean).length,
      simulatedRuns: (done + 1) * runs,
    },
    factors: results,
    groups: groupsOf(results, outcomes),
    partial,
  };
}

/** μ* of factor f for outcome o relative to the largest μ* for that outcome. */
function relative(morris: readonly Record<string, MorrisIndex>[], f: number, o: string): number {
  const max = Math.max(...morris.map((m) => m[o]?.muStar ?? 0));
  return max > 0 ? (morris[f][o]?.muStar ?? 0) / max : 0;
}

/** Sums per participant, per bloc (its own inputs and its members'), and per other section. */
function groupsOf(factors: readonly FactorResult[], outcomes: readonly string[]): GroupResult[] {
  const groups = new Map<string, { kind: GroupResult['kind']; id: string; inputs: number; muStar: Record<string, number>; total: Record<string, number> }>();
  const add = (kind: GroupResult['kind'], id: string, f: FactorResult) => {
    const key = `${kind}:${id}`;
    let g = groups.get(key);
    if (!g) {
      g = { kind, id, inputs: 0, muStar: Object.fromEntries(outcomes.map((o) => [o, 0])), total: Object.fromEntries(outcomes.map((o) => [o, 0])) };
      groups.set(key, g);
    }
    g.inputs++;
    for (const o of outcomes) {
      g.muStar[o] += f.morris[o]?.muStar ?? 0;
      g.total[o] += Math.max(0, f.sobol?.[o]?.total ?? 0);
    }
  };
  for (const f of factors) {
    if (f.owner.kind === 'participant') add('participant', f.owner.id, f);
    else if (f.owner.kind !== 'bloc') add('other', f.owner.kind === 'model' || f.owner.kind === 'procedure' || f.owner.kind === 'defaults' ? f.owner.kind : `${f.owner.kind} ${f.owner.id}`, f);
    for (const b of f.blocs) add('bloc', b, f);
  }
  return [...groups.values()];
}

/**
 * Where research pays: the inputs whose uncertainty moves p(outcome) most — by total-order index where the factor
 * reached the Sobol stage, then by μ* — with their sources.
 */
export function whereResearchPays(result: SensitivityResult, outcome: string, limit = 5): FactorResult[] {
  const score = (f: FactorResult) => [f.sobol?.[outcome]?.total ?? -1, f.morris[outcome]?.muStar ?? 0] as const;
  return [...result.factors]
    .filter((f) => (f.morris[outcome]?.muStar ?? 0) > 0)
    .sort((a, b) => score(b)[0] - score(a)[0] || score(b)[1] - score(a)[1] || a.id.localeCompare(b.id))
    .slice(0, limit);
}
