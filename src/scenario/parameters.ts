/**
 * The model's global parameters: what a scenario uses for a parameter it does not set itself. They come from the
 * versioned parameters file `scenarios/parameters/model.yaml` (written by `plenary calibrate`, with its provenance: cases,
 * date, score, plenary version); if that file is missing, the built-in values below. A scenario may override any of
 * them in `model:` with a sourced value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SCENARIOS_DIR } from '../common/paths';
import { parseYaml, readText } from './source';
import { renderProblem } from './problems';
import type { GlobalParameters } from './modelParameters';

export type { GlobalParameters };

export const GLOBAL_PARAMETER_NAMES = ['resistance', 'pressureEffect', 'cohesion', 'salience', 'flexibility', 'vetoCost', 'positionNoise', 'indifference', 'convergence'] as const;
export type GlobalParameterName = (typeof GLOBAL_PARAMETER_NAMES)[number];

/** The values plenary shipped with before any calibration (judgements, not fitted). */
export const BUILT_IN_PARAMETERS: GlobalParameters = {
  resistance: 0.8,
  pressureEffect: 1,
  cohesion: 0.5,
  salience: 0.5,
  flexibility: 0.3,
  vetoCost: 0.9,
  positionNoise: 10,
  indifference: 0.02,
  convergence: 0.3,
  source: 'assumption: built-in defaults of plenary (judgement, not fitted)',
};

export const PARAMETERS_FILE = join(SCENARIOS_DIR, 'parameters', 'model.yaml');

/** The range each global parameter may take (the scenario schema's bounds for the same `model:` numbers). */
export const GLOBAL_PARAMETER_RANGES: Readonly<Record<GlobalParameterName, readonly [number, number]>> = {
  resistance: [0, 1],
  pressureEffect: [0, 1],
  cohesion: [0, 1],
  salience: [0, 1],
  flexibility: [0, 1],
  vetoCost: [0, 1],
  positionNoise: [0, 50],
  indifference: [0, 1],
  convergence: [0, 1],
};

const ranged = (name: GlobalParameterName) => z.number().min(GLOBAL_PARAMETER_RANGES[name][0]).max(GLOBAL_PARAMETER_RANGES[name][1]);
export const parametersFile = z
  .object({
    $schema: z.string().optional(),
    version: z.number().int().min(1).describe('format version of this file'),
    parameters: z
      .object(Object.fromEntries(GLOBAL_PARAMETER_NAMES.map((name) => [name, ranged(name)])) as Record<GlobalParameterName, z.ZodNumber>)
      .strict(),
    source: z.string().min(1).max(2000).describe('where the values come from ("assumption: ..." or the calibration that fitted them)'),
    provenance: z
      .object({
        method: z.string().max(2000).optional(),
        floor: z.string().max(40).optional().describe('the floor model the cases were simulated with when the values were fitted'),
        cases: z.array(z.string().max(500)).max(10_000).optional(),
        date: z.string().max(40).optional(),
        plenary: z.string().max(40).optional(),
        score: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
        baseline: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
        command: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ParametersFile = z.output<typeof parametersFile>;

/** Reads a parameters file; throws an Error naming every problem (the file ships with plenary: a fault, not a user error). */
export function readParameters(file = PARAMETERS_FILE): GlobalParameters {
  if (!existsSync(file)) return BUILT_IN_PARAMETERS;
  const text = readText(file);
  if (!text.ok) throw new Error(text.problems.map(renderProblem).join('; '));
  const yaml = parseYaml(file, text.value);
  if (!yaml.ok) throw new Error(yaml.problems.map(renderProblem).join('; '));
  const parsed = parametersFile.safeParse(yaml.value.data);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data.parameters, source: parsed.data.source };
}

let cached: GlobalParameters | undefined;
/** The bundled parameters, read once per process. */
export function defaultParameters(): GlobalParameters {
  cached ??= readParameters();
  return cached;
}

/** The version of a parameters file (0 when there is none or it cannot be read). */
export function readParametersVersion(file = PARAMETERS_FILE): number {
  if (!existsSync(file)) return 0;
  const text = readText(file);
  if (!text.ok) return 0;
  const yaml = parseYaml(file, text.value);
  if (!yaml.ok) return 0;
  const version = (yaml.value.data as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : 0;
}
