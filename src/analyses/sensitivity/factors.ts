/**
 * The factors of a sensitivity analysis: every input site of the scenario that bears on the outcome, each mapped
 * from one number u in [0, 1] to a value of the input. A distribution the file declares is read by its quantile
 * function; a plain number gets a default range around it, wider when it rests on an assumption:
 *
 *   probabilities, shares, model parameters (0..1)  ± 0.20 (assumption, assumed number, unsourced) or ± 0.10 (sourced)
 *   hours                                           ± 25% or ± 10%
 *   positions (0..100)                              ± 15 or ± 5 points;  position noise (0..50) ± 5 or ± 2.5
 *   a stance mix                                    the odds of objecting multiplied or divided by up to 3 (assumption)
 *                                                   or 1.5 (sourced): factor F^(2u − 1); the other stances keep
 *                                                   their proportions
 *
 * all clipped to the input's own bounds. Weights count only under weighted rules and are left out unless declared.
 * Model parameters that the scenario's floor model does not read are left out, and so are those fixed on the
 * command line (`--param NAME=VALUE`: the analysis is then of the other inputs at that value). Pure.
 */
import { isDirichlet, quantile, type ScalarDistribution } from '../../scenario/distributions';
import { restsOnAssumption, type InputSite, type InputValue } from '../../scenario/inputs';
import type { FloorModelName } from '../../scenario/schema';

export interface Factor {
  readonly site: InputSite;
  /** how the range was set */
  readonly range: string;
  /** the value at u */
  value(u: number): InputValue;
  /** the low and high ends (u = 0 and u = 1), as text */
  readonly ends: readonly [string, string];
}

/** Model parameters each floor model reads. */
const MODEL_PARAMETERS: Record<FloorModelName, readonly string[]> = {
  ordinal: ['resistance', 'pressureEffect', 'cohesion', 'salience', 'flexibility'],
  spatial: ['resistance', 'pressureEffect', 'cohesion', 'salience', 'flexibility', 'vetoCost', 'positionNoise', 'indifference'],
  compromise: ['resistance', 'pressureEffect', 'cohesion', 'salience', 'flexibility', 'positionNoise', 'indifference', 'convergence'],
  ensemble: ['resistance', 'pressureEffect', 'cohesion', 'salience', 'flexibility', 'vetoCost', 'positionNoise', 'indifference', 'convergence'],
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const fmt = (x: number) => String(Number(x.toFixed(3)));

/**
 * A stance mix leaned by t ∈ [−1, 1]: the odds of objecting multiplied by F^t (the other stances keep their
 * proportions). A certain or impossible objection is first moved 0.5% inward, so that it too can lean.
 */
export function leanStances(p: readonly number[], t: number, factor: number): number[] {
  const [s, a, ab, o] = p;
  const inner = Math.min(0.995, Math.max(0.005, o));
  const odds = (inner / (1 - inner)) * Math.pow(factor, t);
  const leaned = odds / (1 + odds);
  const rest = s + a + ab;
  if (rest <= 0) return [0, (1 - leaned), 0, leaned]; // an objector for certain: the rest goes to accept
  const scale = (1 - leaned) / rest;
  return [s * scale, a * scale, ab * scale, leaned];
}

function scalarFactor(site: InputSite): Factor | undefined {
  const point = site.point as number;
  const wide = restsOnAssumption(site.status);
  const { min, max } = site.bounds;
  let lo: number;
  let hi: number;
  let range: string;
  if (site.declared && !isDirichlet(site.declared)) {
    const d = site.declared as ScalarDistribution;
    return { site, range: 'as declared', value: (u) => quantile(d, u), ends: [fmt(quantile(d, 0)), fmt(quantile(d, 1))] };
  }
  if (site.field === 'weight') return undefined;
  if (max === 10_000) {
    const r = wide ? 0.25 : 0.1;
    [lo, hi, range] = [point * (1 - r), point * (1 + r), `±${r * 100}%`];
  } else if (max === 100) {
    const r = wide ? 15 : 5;
    [lo, hi, range] = [point - r, point + r, `±${r} points`];
  } else if (max === 50) {
    const r = wide ? 5 : 2.5;
    [lo, hi, range] = [point - r, point + r, `±${r}`];
  } else {
    const r = wide ? 0.2 : 0.1;
    [lo, hi, range] = [point - r, point + r, `±${r}`];
  }
  lo = clamp(lo, min, max);
  hi = clamp(hi, min, max);
  if (hi <= lo) return undefined;
  return { site, range, value: (u) => lo + u * (hi - lo), ends: [fmt(lo), fmt(hi)] };
}

function stanceFactor(site: InputSite): Factor {
  const point = site.point as readonly number[];
  const factor = site.declared || restsOnAssumption(site.status) ? 3 : 1.5;
  const at = (u: number) => leanStances(point, 2 * u - 1, factor);
  const obj = (u: number) => `p(object) ${fmt(at(u)[3])}`;
  return { site, range: `odds of objecting ×/÷ ${factor}`, value: at, ends: [obj(0), obj(1)] };
}

/** The factors of a scenario: its input sites that bear on the outcome and can vary. */
export function factorsOf(sites: readonly InputSite[], floorModel: FloorModelName): Factor[] {
  const used = new Set(MODEL_PARAMETERS[floorModel]);
  const factors: Factor[] = [];
  for (const site of sites) {
    if (!site.affectsOutcome) continue;
    // a parameter set with --param is fixed for this analysis: not a factor
    if (site.fixed) continue;
    if (site.owner.kind === 'model' && !used.has(site.field)) continue;
    const f = site.kind === 'stances' ? stanceFactor(site) : scalarFactor(site);
    if (f) factors.push(f);
  }
  return factors;
}
