import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { saltelliDesign, sobolIndices } from '../../../src/analyses/sensitivity/sobol';
import { morrisDesign, morrisIndices } from '../../../src/analyses/sensitivity/morris';
import { harmonious, quasiRandomPoints } from '../../../src/analyses/sensitivity/design';

const rng = (seed: string) => seedrandom.alea(seed) as () => number;

/** Ishigami function on [-π, π]^3, from the unit cube. */
const A = 7;
const B = 0.1;
function ishigami(u: readonly number[]): number {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v);
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
}
// analytic variances (Ishigami and Homma 1990; Sobol' and Levitan 1999)
const pi4 = Math.PI ** 4;
const pi8 = Math.PI ** 8;
const V1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
const V2 = A ** 2 / 8;
const V13 = B ** 2 * pi8 * (1 / 18 - 1 / 50);
const V = V1 + V2 + V13;
const S = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe('Sobol indices (Saltelli 2010 design, Saltelli/Jansen estimators)', () => {
  it('the analytic Ishigami indices are the textbook values', () => {
    expect(S[0]).toBeCloseTo(0.3139, 3);
    expect(S[1]).toBeCloseTo(0.4424, 3);
    expect(ST[0]).toBeCloseTo(0.5576, 3);
    expect(ST[2]).toBeCloseTo(0.2437, 3);
  });

  it('recovers the Ishigami first- and total-order indices within 0.02 (N = 8192 base rows, quasi-random)', () => {
    const design = saltelliDesign(3, 8192, rng('ishigami'));
    expect(design.points).toHaveLength(8192 * 5);
    const result = sobolIndices(design, design.points.map(ishigami), rng('boot'), 50);
    result.indices.forEach((index, i) => {
      expect(Math.abs(index.first - S[i])).toBeLessThan(0.02);
      expect(Math.abs(index.total - ST[i])).toBeLessThan(0.02);
      expect(index.firstCi95[0]).toBeLessThanOrEqual(index.first + 1e-12);
      expect(index.totalCi95[1]).toBeGreaterThanOrEqual(index.total - 1e-12);
    });
    expect(Math.abs(result.variance - V) / V).toBeLessThan(0.02);
  });

  it('is deterministic in the seed and differs between seeds', () => {
    const one = saltelliDesign(2, 16, rng('x')).points;
    expect(saltelliDesign(2, 16, rng('x')).points).toEqual(one);
    expect(saltelliDesign(2, 16, rng('y')).points).not.toEqual(one);
  });

  it('an additive function has S_i = ST_i proportional to the squared coefficients; an unused factor gets 0', () => {
    const design = saltelliDesign(3, 4096, rng('additive'));
    const y = design.points.map((u) => 3 * u[0] + u[1]);
    const { indices } = sobolIndices(design, y, rng('b'), 0);
    expect(indices[0].first).toBeCloseTo(0.9, 1);
    expect(indices[1].first).toBeCloseTo(0.1, 1);
    expect(Math.abs(indices[2].first)).toBeLessThan(0.01);
    expect(indices[2].total).toBe(0);
  });

  it('refuses outputs that do not match the design', () => {
    const design = saltelliDesign(2, 4, rng('x'));
    expect(() => sobolIndices(design, [1, 2, 3], rng('b'))).toThrow(/expected 16 outputs/);
  });
});

describe('Morris elementary effects', () => {
  it('screens out what does not matter: μ* ranks the influential factor first and gives unused factors 0', () => {
    // y = 10·u2 + u0·u4 (interaction) + 0·(u1, u3, u5)
    const design = morrisDesign(6, 20, rng('morris'));
    expect(design.points).toHaveLength(20 * 7);
    const y = design.points.map((u) => 10 * u[2] + u[0] * u[4]);
    const indices = morrisIndices(design, y);
    expect(indices[2].muStar).toBeCloseTo(10, 9);
    expect(indices[2].sigma).toBeCloseTo(0, 9);
    for (const unused of [1, 3, 5]) expect(indices[unused].muStar).toBe(0);
    expect(indices[0].muStar).toBeGreaterThan(0);
    expect(indices[0].sigma).toBeGreaterThan(0); // an interaction shows as spread
    const ranked = indices.map((x, i) => [x.muStar, i]).sort((a, b) => b[0] - a[0]);
    expect(ranked[0][1]).toBe(2);
  });

  it('each trajectory moves every factor once by ±Δ and stays inside the cube', () => {
    const design = morrisDesign(5, 8, rng('t'), 4);
    expect(design.delta).toBeCloseTo(2 / 3, 12);
    for (let t = 0; t < 8; t++) {
      expect(new Set(design.moves[t].map((m) => m.factor)).size).toBe(5);
      for (let j = 1; j <= 5; j++) {
        const a = design.points[t * 6 + j - 1];
        const b = design.points[t * 6 + j];
        const changed = a.map((v, i) => (v !== b[i] ? i : -1)).filter((i) => i >= 0);
        expect(changed).toEqual([design.moves[t][j - 1].factor]);
        expect(Math.abs(b[changed[0]] - a[changed[0]])).toBeCloseTo(2 / 3, 12);
      }
      for (const p of design.points) for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('μ keeps the sign of a decreasing factor', () => {
    const design = morrisDesign(2, 5, rng('sign'));
    const indices = morrisIndices(design, design.points.map((u) => -4 * u[0] + u[1]));
    expect(indices[0].mu).toBeCloseTo(-4, 9);
    expect(indices[0].muStar).toBeCloseTo(4, 9);
  });
});

describe('quasi-random design', () => {
  it('φ_1 is the golden ratio and the points fill the cube evenly', () => {
    expect(harmonious(1)).toBeCloseTo((1 + Math.sqrt(5)) / 2, 12);
    const points = quasiRandomPoints(1000, 4, rng('q'));
    for (let j = 0; j < 4; j++) {
      const counts = new Array(10).fill(0);
      for (const p of points) counts[Math.floor(p[j] * 10)]++;
      for (const c of counts) expect(Math.abs(c - 100)).toBeLessThanOrEqual(10) // independent draws: sd 9.5 per bin;
    }
  });
});
