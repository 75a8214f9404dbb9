/** `plenary what-would-it-take`: load, search (each step of the search a kernel job), report (src/report/whatWouldItTake.ts). */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { defaultScenarioFile } from '../../common/paths';
import { whatWouldItTake, type NewStance } from '../../analyses/whatWouldItTake';
import { renderWwit, type WwitFormat } from '../../report/whatWouldItTake';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import type { WorkerCount } from '../../engine/parallel';
import type { JobOutcome } from '../job';
import { stampOf, type Invocation } from '../stamp';

export interface WwitCommandOptions {
  readonly scenario?: string;
  readonly target: string;
  readonly rule?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  readonly to: NewStance;
  readonly maxSize: number;
  readonly candidates: number;
  readonly runs: number;
  readonly seed: string;
  /** default table */
  readonly format?: WwitFormat;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
  readonly shouldStop?: () => boolean;
  readonly workers?: WorkerCount;
  /** sets simulated so far, of an upper estimate */
  readonly onProgress?: (sets: number, total: number) => void;
}

export async function whatWouldItTakeCommand(options: WwitCommandOptions): Promise<JobOutcome> {
  const scenario = loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides });
  const rule = ruleOrThrow(options.rule ?? scenario.rule);
  const w = await whatWouldItTake(scenario, rule, {
    target: options.target,
    stance: options.to,
    runs: options.runs,
    seed: options.seed,
    maxSize: options.maxSize,
    candidates: options.candidates,
    shouldStop: options.shouldStop,
    workers: options.workers,
    onProgress: options.onProgress,
  });
  const stamp = stampOf([scenario], options.seed, options.invocation);
  const report = { scenario: { id: scenario.id, title: scenario.meeting.title, ...(scenario.file ? { file: scenario.file } : {}) }, ...w, ...(stamp ? { provenance: stamp } : {}) };
  const format = options.format ?? 'table';
  // the text says PARTIAL; JSON is for programs and prints nothing when interrupted
  return { text: renderWwit(report, format), partial: w.partial, marked: format === 'table' };
}
