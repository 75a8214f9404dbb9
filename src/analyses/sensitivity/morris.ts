/**
 * Morris elementary effects: a screen of many factors with r·(k + 1) evaluations. Each trajectory starts at a random
 * point of a p-level grid on the unit cube and moves one factor at a time, in random order, by ±Δ (Δ = p / (2(p − 1)));
 * the elementary effect of factor i is the change in the output divided by the signed step. Per factor:
 *
 *   μ*  = mean |EE|  (overall influence; Campolongo, Cariboni and Saltelli 2007)
 *   μ   = mean EE    (direction, when the effects do not change sign)
 *   σ   = standard deviation of EE (non-linearity or interactions)
 *
 * Effects are per unit of the cube, so factors mapped from their quantile scales compare directly. The design and the
 * estimate are separate: the caller evaluates the points. Pure; every random draw from the injected generator.
 *
 * References: M. D. Morris (1991), "Factorial sampling plans for preliminary computational experiments",
 * Technometrics 33(2):161–174. F. Campolongo, J. Cariboni, A. Saltelli (2007), "An effective screening design for
 * sensitivity analysis of large models", Environmental Modelling & Software 22:1509–1518.
 */
import type { Uniform } from './design';

export interface MorrisDesign {
  readonly factors: number;
  readonly trajectories: number;
  readonly levels: number;
  readonly delta: number;
  /** r·(k+1) points: trajectory t occupies points t·(k+1) .. t·(k+1)+k */
  readonly points: readonly (readonly number[])[];
  /** per trajectory, per step j = 1..k: the factor moved and the signed step (+Δ or −Δ) */
  readonly moves: readonly (readonly { readonly factor: number; readonly step: number }[])[];
}

export interface MorrisIndex {
  readonly muStar: number;
  readonly mu: number;
  readonly sigma: number;
}

/** r trajectories on a p-level grid (p even, default 4). */
export function morrisDesign(k: number, r: number, rng: Uniform, levels = 4): MorrisDesign {
  if (k < 1 || r < 1) throw new RangeError('a Morris design needs at least one factor and one trajectory');
  if (levels < 2 || levels % 2 !== 0) throw new RangeError('Morris levels must be an even number >= 2');
  const delta = levels / (2 * (levels - 1));
  const grid = (g: number) => g / (levels - 1);
  const half = levels / 2;
  const points: number[][] = [];
  const moves: { factor: number; step: number }[][] = [];
  for (let t = 0; t < r; t++) {
    // a random direction per factor; the start sits where that direction stays inside the cube
    const up = Array.from({ length: k }, () => rng() < 0.5);
    const x = up.map((u) => grid(Math.floor(rng() * half) + (u ? 0 : half)));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    points.push([...x]);
    const steps: { factor: number; step: number }[] = [];
    for (const i of order) {
      const step = up[i] ? delta : -delta;
      x[i] = Math.min(1, Math.max(0, x[i] + step));
      points.push([...x]);
      steps.push({ factor: i, step });
    }
    moves.push(steps);
  }
  return { factors: k, trajectories: r, levels, delta, points, moves };
}

/** μ*, μ and σ of every factor from the outputs of the design's points (one number per point, in design order). */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>): MorrisIndex[] {
  const { factors: k, trajectories: r } = design;
  if (y.length !== r * (k + 1)) throw new RangeError(`expected ${r * (k + 1)} outputs for the design, received ${y.length}`);
  const effects: number[][] = Array.from({ length: k }, () => []);
  design.moves.forEach((steps, t) => {
    const base = t * (k + 1);
    steps.forEach(({ factor, step }, j) => effects[factor].push((y[base + j + 1] - y[base + j]) / step));
  });
  return effects.map((ee) => {
    const n = ee.length;
    const mu = ee.reduce((s, v) => s + v, 0) / n;
    const muStar = ee.reduce((s, v) => s + Math.abs(v), 0) / n;
    const sigma = n > 1 ? Math.sqrt(ee.reduce((s, v) => s + (v - mu) ** 2, 0) / (n - 1)) : 0;
    return { muStar, mu, sigma };
  });
}
