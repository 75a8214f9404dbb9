/** `plenary trace`: the narrated transcript of one run, replayable from (seed, run); as text or as JSON events. */
import { defaultScenarioFile } from '../../common/paths';
import { renderTrace, traceDocument, type TraceFormat } from '../../report/trace';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { compileModel } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import { withChair } from '../../chair/registry';
import type { FloorModelName } from '../../scenario/schema';
import { runRng } from '../../engine/rng';
import { PlenaryRun } from '../../engine/plenaryRun';
import { stampOf, type Invocation } from '../stamp';
import { hasOverrides, overridesText, type ParameterOverrides } from '../../scenario/parameterOverrides';
import { parametersSetOf } from '../../scenario/parameterOrigin';
import { drawnScenario } from '../../engine/inputDraws';
import { declaredSites } from '../../scenario/inputs';
import type { Scenario } from '../../scenario/types';
import { UserError } from '../../common/errors';

export interface TraceOptions {
  readonly scenario?: string;
  readonly seed: string;
  readonly run: number;
  readonly rule?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  /** `--chair`: the simulated chair instead of the scenario's */
  readonly chair?: string;
  /** `--draw`: a two-level run's input draw the run belongs to (its rows' `draw`): the run under that draw's inputs */
  readonly draw?: number;
  /** text (the transcript; default) or json (the same steps as structured events) */
  readonly format?: TraceFormat;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

export function traceCommand(options: TraceOptions): string {
  const scenario = atDraw(withChair(withFloorModel(loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides }), options.floor), options.chair), options);
  const rule = ruleOrThrow(options.rule ?? scenario.rule);
  const model = compileModel(scenario, rule);
  const run = new PlenaryRun(model, runRng(options.seed, options.run), { narrate: true });
  const result = run.runToEnd();
  const replay = `plenary trace${options.scenario ? ` ${options.scenario}` : ''} --seed ${JSON.stringify(options.seed)} --run ${options.run}${options.rule ? ` --rule ${options.rule}` : ''}${options.floor ? ` --model ${options.floor}` : ''}${options.chair ? ` --chair ${options.chair}` : ''}${hasOverrides(options.overrides) ? ` --param ${overridesText(options.overrides!, ',')}` : ''}${options.draw !== undefined ? ` --draw ${options.draw}` : ''}`;
  const set = parametersSetOf(scenario);
  const stamp = stampOf([scenario], options.seed, options.invocation);
  const doc = traceDocument(model, result, run.log, {
    scenario: { id: scenario.id, title: scenario.meeting.title, ...(scenario.file ? { file: scenario.file } : {}) },
    seed: options.seed,
    run: options.run,
    rule,
    replay,
    ...(set.length > 0 ? { parameters: set } : {}),
    ...(stamp ? { stamp } : {}),
  });
  return renderTrace(doc, options.format ?? 'text');
}

/**
 * With `--draw d`, the scenario under input draw d's values (drawn from (seed, "inputs", d), as in the two-level run
 * whose rows name that draw); without it, at the inputs' means.
 */
function atDraw(scenario: Scenario, options: Pick<TraceOptions, 'seed' | 'draw'>): Scenario {
  if (options.draw === undefined) return scenario;
  if (declaredSites(scenario.inputs).length === 0) {
    throw new UserError(`--draw ${options.draw}: scenario "${scenario.id}" has no ranges or distributions, so its runs have no input draws; leave --draw out`);
  }
  return drawnScenario(scenario, options.seed, options.draw);
}
