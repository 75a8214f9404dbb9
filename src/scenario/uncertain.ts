/**
 * Inputs as ranges or distributions (schema side). Wherever the scenario format asks for a number that is a judgement
 * (a salience, a probability, a cohesion, hours, a model parameter), it also accepts a distribution; a plain number
 * stays a point, so every older file is still valid. This file holds the zod building blocks (`uncertain`,
 * `dirichletStances`) and the `Point` type: the document after every distribution is replaced by its mean, which is
 * what validation's meaning checks and normalisation read. Kept apart from schema.ts so that the two grow separately.
 */
import { z } from 'zod';
import type { DirichletDistribution, ScalarDistribution } from './distributions';

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

const finite = z.number();

function between(b: Bounds) {
  const v = finite.min(b.min).max(b.max);
  return z
    .object({ between: z.tuple([v, v]).refine(([lo, hi]) => lo <= hi, 'between: [low, high] needs low <= high') })
    .strict()
    .describe('uniform between low and high');
}

const betaShape = z.number().gt(0).max(1e6);
const beta = z
  .object({ beta: z.tuple([betaShape, betaShape]) })
  .strict()
  .describe('Beta(a, b) for a probability: mean a/(a+b); a+b is how many observations the judgement is worth');

function triangular(b: Bounds) {
  const v = finite.min(b.min).max(b.max);
  return z
    .object({ triangular: z.tuple([v, v, v]).refine(([lo, mode, hi]) => lo <= mode && mode <= hi, 'triangular: [min, mode, max] needs min <= mode <= max') })
    .strict()
    .describe('triangular with min, most likely value and max');
}

/**
 * A number, or a distribution of it. `probability` also admits a Beta distribution (its support is [0, 1]).
 * Distributions must lie within the number's own bounds.
 */
export function uncertain(base: z.ZodNumber, bounds: Bounds, options: { probability?: boolean } = {}) {
  return options.probability
    ? z.union([base, z.union([between(bounds), beta, triangular(bounds)])])
    : z.union([base, z.union([between(bounds), triangular(bounds)])]);
}

const weight = z.number().min(0).max(1e6);

/** A stance mix as a Dirichlet: `{ dirichlet: { support: 2, accept: 5, object: 1 }, source }`; mean = weight / total. */
export const dirichletStances = z
  .object({
    dirichlet: z
      .object({ support: weight.optional(), accept: weight.optional(), abstain: weight.optional(), object: weight.optional() })
      .strict()
      .refine((d) => Object.values(d).some((v) => (v ?? 0) > 0), 'dirichlet: at least one stance needs a weight > 0')
      .describe('Dirichlet weights per stance: the mean stance mix is weight / total; the total says how sure the mix is (larger: surer)'),
    source: z.string().min(1).max(2000).optional(),
  })
  .strict();

/** The hint shown when a value is neither a number nor a distribution the format knows. */
export const DISTRIBUTION_HINT = 'write a number, or a distribution: { between: [low, high] }, { beta: [a, b] } (probabilities), { triangular: [min, mode, max] }';

type StancePoint<D> = { -readonly [K in keyof D]?: number };

/** The document with every distribution replaced by its mean (a number; a Dirichlet by its mean stance mix). */
export type Point<T> = T extends ScalarDistribution
  ? never
  : T extends { dirichlet: infer D; source?: infer S }
    ? StancePoint<D> & { source?: S }
    : T extends readonly (infer E)[]
      ? T extends unknown[]
        ? Point<E>[]
        : readonly Point<E>[]
      : T extends object
        ? { [K in keyof T]: Point<T[K]> }
        : T;

export type { DirichletDistribution, ScalarDistribution };
