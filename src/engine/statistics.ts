/** Interval estimates used by every report. */

export const Z95 = 1.959963984540054;

/** Wilson score interval for a binomial proportion (good near 0 and 1, unlike the normal approximation). */
export function wilson(successes: number, trials: number, z = Z95): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Paired difference of two proportions on the same runs (common random numbers): each run gives d in {-1, 0, 1}.
 * `plus` runs where only the second had the outcome, `minus` where only the first. Normal interval on mean d.
 */
export function pairedDifference(plus: number, minus: number, trials: number, z = Z95): { difference: number; ci95: [number, number] } {
  if (trials === 0) return { difference: 0, ci95: [-1, 1] };
  const mean = (plus - minus) / trials;
  const second = (plus + minus) / trials;
  const variance = trials > 1 ? ((second - mean * mean) * trials) / (trials - 1) : 0;
  const half = z * Math.sqrt(Math.max(0, variance) / trials);
  return { difference: mean, ci95: [Math.max(-1, mean - half), Math.min(1, mean + half)] };
}

/** Rounds for stable, readable output. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
export const round3 = (x: number): number => Math.round(x * 1e3) / 1e3;
