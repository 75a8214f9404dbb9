/**
 * Distributions for uncertain inputs, in the scenario's own terms: `{ between: [low, high] }` (uniform),
 * `{ beta: [a, b] }` (a probability), `{ triangular: [min, mode, max] }`, and `{ dirichlet: { support, accept, ... } }`
 * for a stance mix. Each is drawn by its quantile function from uniforms of the injected generator (the Dirichlet
 * through Gamma quantiles), so the same uniforms always give the same inputs and a design on the unit cube maps to
 * inputs directly. Pure numerics: no I/O, no global generator.
 */

export type ScalarDistribution =
  | { readonly between: readonly [number, number] }
  | { readonly beta: readonly [number, number] }
  | { readonly triangular: readonly [number, number, number] };

export const STANCE_NAMES = ['support', 'accept', 'abstain', 'object'] as const;
export type StanceWeights = Partial<Record<(typeof STANCE_NAMES)[number], number>>;
export interface DirichletDistribution {
  readonly dirichlet: StanceWeights;
}

export type Distribution = ScalarDistribution | DirichletDistribution;

export const isScalarDistribution = (v: unknown): v is ScalarDistribution =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && ('between' in v || 'beta' in v || 'triangular' in v);
export const isDirichlet = (v: unknown): v is DirichletDistribution => v !== null && typeof v === 'object' && !Array.isArray(v) && 'dirichlet' in v;

export function describeDistribution(d: Distribution): string {
  if ('between' in d) return `between ${d.between[0]} and ${d.between[1]}`;
  if ('beta' in d) return `Beta(${d.beta[0]}, ${d.beta[1]})`;
  if ('triangular' in d) return `triangular(${d.triangular.join(', ')})`;
  return `Dirichlet(${STANCE_NAMES.filter((k) => (d.dirichlet[k] ?? 0) > 0).map((k) => `${k} ${d.dirichlet[k]}`).join(', ')})`;
}

/** The mean: what a run without input uncertainty uses. */
export function meanOf(d: ScalarDistribution): number {
  if ('between' in d) return (d.between[0] + d.between[1]) / 2;
  if ('beta' in d) return d.beta[0] / (d.beta[0] + d.beta[1]);
  return (d.triangular[0] + d.triangular[1] + d.triangular[2]) / 3;
}

/** Mean stance probabilities of a Dirichlet, in support/accept/abstain/object order. */
export function dirichletMean(d: DirichletDistribution): number[] {
  const a = STANCE_NAMES.map((k) => d.dirichlet[k] ?? 0);
  const sum = a.reduce((s, x) => s + x, 0);
  return a.map((x) => (sum > 0 ? x / sum : 0));
}

/** The value at quantile u ∈ [0, 1] (the inverse distribution function). */
export function quantile(d: ScalarDistribution, u: number): number {
  const p = Math.min(1, Math.max(0, u));
  if ('between' in d) return d.between[0] + p * (d.between[1] - d.between[0]);
  if ('triangular' in d) {
    const [a, c, b] = d.triangular;
    if (b <= a) return a;
    const f = (c - a) / (b - a);
    return p < f ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
  }
  return betaQuantile(d.beta[0], d.beta[1], p);
}

/** A Dirichlet draw from one uniform per stance (the Gamma quantiles, normalized). */
export function dirichletQuantile(d: DirichletDistribution, u: readonly number[]): number[] {
  const g = STANCE_NAMES.map((k, i) => {
    const alpha = d.dirichlet[k] ?? 0;
    return alpha > 0 ? gammaQuantile(alpha, Math.min(1 - 1e-12, Math.max(1e-12, u[i]))) : 0;
  });
  const sum = g.reduce((s, x) => s + x, 0);
  return sum > 0 ? g.map((x) => x / sum) : dirichletMean(d);
}

// ---- special functions (Numerical Recipes, 3rd ed., §6.1–6.4) ----------------------------------------------------

const LANCZOS = [57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5];

export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.2421875;
  const t = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return t + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const gln = logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 1000; n++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  // continued fraction for Q(a, x) (modified Lentz)
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** Regularized incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betaContinuedFraction(a, b, x)) / a : 1 - (bt * betaContinuedFraction(b, a, 1 - x)) / b;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < 1e-300) d = 1e-300;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Inverse of a monotone increasing function on [lo, hi] by bisection (robust; 60 halvings reach double precision). */
function invert(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function betaQuantile(a: number, b: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return invert((x) => betaI(a, b, x), p, 0, 1);
}

export function gammaQuantile(a: number, p: number): number {
  let hi = Math.max(1, a);
  while (gammaP(a, hi) < p) hi *= 2;
  return invert((x) => gammaP(a, x), p, 0, hi);
}
