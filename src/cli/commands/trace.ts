/** `plenary trace`: the narrated transcript of one run, replayable from (seed, run). */
import { DEFAULT_SCENARIO } from '../../common/paths';
import { narrate } from '../../report/narrate';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { compileModel } from '../../floor/model';
import { withFloorModel } from '../../floor/models';
import { withChair } from '../../chair/registry';
import type { FloorModelName } from '../../scenario/schema';
import { runRng } from '../../engine/rng';
import { PlenaryRun } from '../../engine/plenaryRun';
import { outcomeLabel } from '../../engine/summarize';

export interface TraceOptions {
  readonly scenario?: string;
  readonly seed: string;
  readonly run: number;
  readonly rule?: string;
  /** `--model`: the floor model instead of the scenario's */
  readonly floor?: FloorModelName;
  /** `--chair`: the simulated chair instead of the scenario's */
  readonly chair?: string;
}

export function traceCommand(options: TraceOptions): string {
  const scenario = withChair(withFloorModel(loadScenario(options.scenario ?? DEFAULT_SCENARIO), options.floor), options.chair);
  const rule = ruleOrThrow(options.rule ?? scenario.rule);
  const model = compileModel(scenario, rule);
  const run = new PlenaryRun(model, runRng(options.seed, options.run), { narrate: true });
  const result = run.runToEnd();
  const lines = [
    `${scenario.meeting.title} — run ${options.run}, seed ${JSON.stringify(options.seed)}, rule ${rule.spec}`,
    `(replay: plenary trace${options.scenario ? ` ${options.scenario}` : ''} --seed ${JSON.stringify(options.seed)} --run ${options.run}${options.rule ? ` --rule ${options.rule}` : ''}${options.chair ? ` --chair ${options.chair}` : ''})`,
    '',
  ];
  for (const event of run.log) lines.push(...narrate(model, event));
  lines.push('');
  const outcome = model.outcomes[result.outcome];
  const why: string[] = [];
  result.decisive.forEach((list, o) => {
    if (list && list.length > 0) why.push(`"${model.options[o].name}" failed; decisive objections: ${list.map((m) => model.names[m]).join(', ')}.`);
  });
  if (result.settledBy === 'act') why.push(`The item ended by a voluntary act: ${outcomeLabel(model, outcome)}.`);
  else if (result.settledBy === 'declaration') why.push(`"${outcomeLabel(model, outcome)}" stood: nobody objected to the Chair's declaration.`);
  else if (result.adoptedBy) why.push(`"${outcomeLabel(model, outcome)}" passed by ${result.adoptedBy === 'vote' ? 'a vote' : rule.mode === 'written' ? 'written procedure (no objection within the period)' : 'consensus'} under ${rule.title}.`);
  else if (outcome === 'referred') why.push(`The Chair referred the item: ${outcomeLabel(model, outcome)}.`);
  lines.push(`Why: ${why.length > 0 ? why.join(' ') : 'no option passed the rule and no objection was decisive.'}`);
  return `${lines.join('\n')}\n`;
}
