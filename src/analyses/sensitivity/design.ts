/**
 * Quasi-random points in the unit cube for sensitivity designs: the Kronecker (R_d) sequence of Roberts (2018),
 * x_n = frac(s + n·α) with α_j = φ_d^-j and φ_d the root of x^(d+1) = x + 1, shifted by a random vector s drawn from
 * the injected generator (a Cranley–Patterson rotation), so that a design is seeded and reproducible yet covers the
 * cube more evenly than independent draws. Any dimension; no tables. Pure.
 */
export type Uniform = () => number;

/** φ_d: the unique positive root of x^(d+1) = x + 1 (the golden ratio for d = 1). */
export function harmonious(d: number): number {
  let x = 2;
  for (let i = 0; i < 60; i++) x = Math.pow(1 + x, 1 / (d + 1));
  return x;
}

/** `n` points of the shifted R_d sequence in [0, 1)^d. */
export function quasiRandomPoints(n: number, d: number, rng: Uniform): number[][] {
  const phi = harmonious(d);
  const alpha = Array.from({ length: d }, (_, j) => Math.pow(1 / phi, j + 1) % 1);
  const shift = Array.from({ length: d }, () => rng());
  const points: number[][] = [];
  for (let i = 1; i <= n; i++) points.push(alpha.map((a, j) => (shift[j] + i * a) % 1));
  return points;
}

/** `n` independent uniform points in [0, 1)^d from the generator (for designs that must not be quasi-random). */
export function randomPoints(n: number, d: number, rng: Uniform): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng()));
}
