/**
 * `plenary sensitivity`: global sensitivity of each outcome's probability to the scenario's uncertain inputs and
 * model parameters (Morris screen, then Sobol on the survivors, then swings for the tornado chart), with the list of
 * inputs where research pays. The command body; declared in src/cli/program.ts.
 */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { defaultScenarioFile } from '../../common/paths';
import { idOrThrow } from '../../common/typedIds';
import type { FloorModelName } from '../../scenario/schema';
import { stampOf, type Invocation } from '../stamp';
import type { SensitivityFormat } from '../../report/sensitivity';
import type { JobHooks, JobOutcome } from '../job';
import type { WorkerCount } from '../../engine/parallel';

export interface SensitivityCommandOptions extends JobHooks {
  readonly scenario?: string;
  readonly seed: string;
  readonly rule?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  readonly model?: FloorModelName;
  /** threads the design points are simulated on (this one included); the result is the same whatever the number */
  readonly workers?: WorkerCount;
  readonly runs: number;
  readonly trajectories: number;
  readonly sobolRows: number;
  readonly sobolFactors: number;
  readonly outcome?: string;
  readonly format: SensitivityFormat;
  readonly invocation?: Invocation;
}

/** Loads the scenario and the rule; says how many runs the analysis will simulate. */
export async function prepareSensitivity(options: SensitivityCommandOptions) {
  const [{ loadScenario }, { ruleOrThrow }, { plannedPoints }] = await Promise.all([import('../../scenario/load'), import('../../rules/registry'), import('../../analyses/sensitivity/analysis')]);
  const scenario = loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides });
  const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
  const points = plannedPoints(scenario, { ...options, ...(options.model ? { floor: options.model } : {}) });
  return { scenario, rule, plannedRuns: points * options.runs };
}

export async function sensitivityCommand(options: SensitivityCommandOptions, prepared?: Awaited<ReturnType<typeof prepareSensitivity>>): Promise<JobOutcome> {
  const [{ sensitivity }, { renderSensitivity }] = await Promise.all([import('../../analyses/sensitivity/analysis'), import('../../report/sensitivity')]);
  const { scenario, rule } = prepared ?? (await prepareSensitivity(options));
  const result = await sensitivity(scenario, rule, {
    seed: options.seed,
    runs: options.runs,
    trajectories: options.trajectories,
    sobolRows: options.sobolRows,
    sobolFactors: options.sobolFactors,
    ...(options.model ? { floor: options.model } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.onProgress ? { onProgress: (done: number) => options.onProgress!({ runs: Math.round((done + 1) * options.runs), counts: [] }) } : {}),
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const outcomes = result.outcomes.map((o) => ({ id: o.id, name: o.label }));
  const outcome = options.outcome === undefined ? undefined : idOrThrow(options.outcome, outcomes, { where: `--outcome ${options.outcome}`, kind: 'outcome', scope: `scenario "${scenario.id}"` });
  const stamp = stampOf([scenario], options.seed, options.invocation);
  const text = renderSensitivity(result, options.format, { ...(outcome ? { outcome } : {}), ...(stamp ? { stamp } : {}) });
  return { text, partial: result.partial, marked: options.format === 'table' || options.format === 'markdown' || options.format === 'html' };
}
