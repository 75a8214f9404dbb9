/**
 * Sobol variance-based sensitivity: first-order (S_i) and total-order (ST_i) indices of a function on the unit cube,
 * from the Saltelli (2010) design: two base matrices A and B (N rows each) and, per factor i, the matrix A_B^i (A with
 * column i taken from B); N·(k + 2) evaluations in all. Estimators (Saltelli et al. 2010, Table 2):
 *
 *   V     = variance of f over the rows of A and B together
 *   S_i   = mean over rows of f(B)·(f(A_B^i) − f(A)) / V             (Saltelli 2010)
 *   ST_i  = mean over rows of (f(A) − f(A_B^i))² / (2V)                (Jansen 1999)
 *
 * The design and the estimate are separate: the caller evaluates the design points (each a setting for the run
 * kernel) and hands back one output per point. Intervals are percentile bootstraps over the N rows. Pure; every
 * random draw comes from the injected generator.
 *
 * References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010), "Variance based
 * sensitivity analysis of model output. Design and estimator for the total sensitivity index", Computer Physics
 * Communications 181(2):259–270. M. J. W. Jansen (1999), "Analysis of variance designs for model output", Computer
 * Physics Communications 117:35–43.
 */
import { quasiRandomPoints, randomPoints, type Uniform } from './design';

export interface SaltelliDesign {
  readonly factors: number;
  /** rows of each base matrix */
  readonly n: number;
  /** all points, in the order A (n rows), B (n rows), then A_B^1 ... A_B^k (n rows each) */
  readonly points: readonly (readonly number[])[];
}

export interface SobolIndex {
  readonly first: number;
  readonly total: number;
  /** 95% bootstrap intervals */
  readonly firstCi95: readonly [number, number];
  readonly totalCi95: readonly [number, number];
}

export interface SobolResult {
  readonly variance: number;
  readonly mean: number;
  readonly indices: readonly SobolIndex[];
}

export interface SaltelliOptions {
  /** quasi-random (default) or independent uniform base points */
  readonly sequence?: 'quasi-random' | 'random';
}

/** The Saltelli design for `k` factors on the unit cube with `n` base rows. */
export function saltelliDesign(k: number, n: number, rng: Uniform, options: SaltelliOptions = {}): SaltelliDesign {
  if (k < 1 || n < 2) throw new RangeError('a Saltelli design needs at least one factor and two rows');
  const base = (options.sequence === 'random' ? randomPoints : quasiRandomPoints)(n, 2 * k, rng);
  const a = base.map((row) => row.slice(0, k));
  const b = base.map((row) => row.slice(k));
  const points: number[][] = [...a, ...b];
  for (let i = 0; i < k; i++) for (let r = 0; r < n; r++) points.push(a[r].map((v, j) => (j === i ? b[r][i] : v)));
  return { factors: k, n, points };
}

interface Parts {
  fa: ArrayLike<number>;
  fb: ArrayLike<number>;
  fab: ArrayLike<number>[];
}

function split(design: SaltelliDesign, y: ArrayLike<number>): Parts {
  const { n, factors: k } = design;
  if (y.length !== n * (k + 2)) throw new RangeError(`expected ${n * (k + 2)} outputs for the design, received ${y.length}`);
  const view = (from: number) => Array.from({ length: n }, (_, r) => y[from + r]);
  return { fa: view(0), fb: view(n), fab: Array.from({ length: k }, (_, i) => view((i + 2) * n)) };
}

function estimate({ fa, fb, fab }: Parts, rows: ArrayLike<number>): { mean: number; variance: number; first: number[]; total: number[] } {
  const n = rows.length;
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < n; t++) {
    const r = rows[t];
    sum += fa[r] + fb[r];
    sumSq += fa[r] * fa[r] + fb[r] * fb[r];
  }
  const mean = sum / (2 * n);
  const variance = Math.max(0, sumSq / (2 * n) - mean * mean);
  const first: number[] = [];
  const total: number[] = [];
  for (const f of fab) {
    let vi = 0;
    let vt = 0;
    for (let t = 0; t < n; t++) {
      const r = rows[t];
      vi += fb[r] * (f[r] - fa[r]);
      vt += (fa[r] - f[r]) ** 2;
    }
    first.push(variance > 0 ? vi / n / variance : 0);
    total.push(variance > 0 ? vt / (2 * n) / variance : 0);
  }
  return { mean, variance, first, total };
}

const percentile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];

/** First- and total-order indices from the outputs of the design's points (one number per point, in design order). */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>, rng: Uniform, bootstrap = 200): SobolResult {
  const parts = split(design, y);
  const all = Array.from({ length: design.n }, (_, r) => r);
  const point = estimate(parts, all);
  const firsts: number[][] = Array.from({ length: design.factors }, () => []);
  const totals: number[][] = Array.from({ length: design.factors }, () => []);
  const rows = new Int32Array(design.n);
  for (let b = 0; b < bootstrap; b++) {
    for (let t = 0; t < design.n; t++) rows[t] = Math.floor(rng() * design.n);
    const e = estimate(parts, rows);
    e.first.forEach((v, i) => firsts[i].push(v));
    e.total.forEach((v, i) => totals[i].push(v));
  }
  const ci = (xs: number[], fallback: number): [number, number] => {
    if (xs.length === 0) return [fallback, fallback];
    const s = [...xs].sort((p, q) => p - q);
    return [percentile(s, 0.025), percentile(s, 0.975)];
  };
  return {
    mean: point.mean,
    variance: point.variance,
    indices: point.first.map((first, i) => ({ first, total: point.total[i], firstCi95: ci(firsts[i], first), totalCi95: ci(totals[i], point.total[i]) })),
  };
}
