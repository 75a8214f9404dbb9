/** `plenary play` and `plenary replay`: one run stepped by hand on the terminal, then a debrief. */
import { DEFAULT_SCENARIO } from '../../common/paths';
import { UserError } from '../../common/errors';
import { didYouMean } from '../../common/suggest';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { compileModel } from '../../floor/model';
import { alternativeRun, debriefMarkdown, otherRuleSpecs } from '../../report/debrief';
import { TrainerSession, type Seat } from '../../ui/session';
import { mermaid, PROCEDURE_STATE_TITLES } from '../../procedure/diagram';
import { procedureMachine } from '../../procedure/machine';
import { stanceMachine } from '../../floor/stanceMachine';

export interface PlayOptions {
  readonly scenario?: string;
  /** "chair", a participant id, or undefined for a replay (nobody's seat) */
  readonly as?: string;
  readonly seed: string;
  readonly run: number;
  readonly rule?: string;
}

/** The session a trainee starts with; bad scenario, rule or seat → UserError. */
export function prepareSession(options: PlayOptions): TrainerSession {
  const scenario = loadScenario(options.scenario ?? DEFAULT_SCENARIO);
  const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
  const model = compileModel(scenario, rule);
  let seat: Seat = { kind: 'none' };
  if (options.as === 'chair') seat = { kind: 'chair' };
  else if (options.as !== undefined) {
    const member = model.ids.indexOf(options.as);
    if (member < 0) {
      const ids = scenario.participants.filter((p) => p.role === 'participant').map((p) => p.id);
      throw new UserError(`--as ${options.as}: not a participant of scenario "${scenario.id}"; use "chair" or a participant id (e.g. ${ids.slice(0, 4).join(', ')}).${didYouMean(options.as, [...model.ids, 'chair'])}`);
    }
    seat = { kind: 'member', member };
  }
  return new TrainerSession(model, options.seed, options.run, seat);
}

/** Why the trainer cannot run here, or undefined when stdin and stdout are terminals. */
export function terminalProblem(options: PlayOptions, stdinTTY: boolean, stdoutTTY: boolean): string | undefined {
  if (stdinTTY && stdoutTTY) return undefined;
  const scenario = options.scenario ? ` ${options.scenario}` : '';
  const rule = options.rule ? ` --rule ${options.rule}` : '';
  return `the trainer needs an interactive terminal (${!stdinTTY ? 'stdin' : 'stdout'} is not a terminal). To read the same run as text: plenary trace${scenario} --seed ${JSON.stringify(options.seed)} --run ${options.run}${rule}`;
}

/** The Markdown debrief of a session, with the same run under every other rule (and with everyone simulated). */
export function sessionDebriefMarkdown(session: TrainerSession): string {
  const scenario = session.model.scenario;
  const alternatives = [
    ...(session.seat.kind === 'none' ? [] : [alternativeRun(scenario, session.model.rule.spec, session.seed, session.runIndex, `${session.model.rule.title}, everyone simulated`)]),
    ...otherRuleSpecs(session.model.rule.spec).map((spec) => alternativeRun(scenario, spec, session.seed, session.runIndex)),
  ];
  return debriefMarkdown(session.debrief(alternatives));
}

/** Runs the trainer on the terminal; returns the Markdown debrief once the trainee quits. */
export async function playCommand(options: PlayOptions & { readonly debriefFile?: string }): Promise<string> {
  const session = prepareSession(options);
  const problem = terminalProblem(options, process.stdin.isTTY === true, process.stdout.isTTY === true);
  if (problem) throw new UserError(problem);
  // ink draws only the final frame when it believes it runs under CI (the is-in-ci check, made when ink is first
  // loaded). The trainer is interactive by definition and we know both ends are terminals, so draw live.
  for (const key of Object.keys(process.env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
  const { launchTrainer } = await import('../../ui/launch');
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  await launchTrainer(session, { otherRules: otherRuleSpecs(session.model.rule.spec), color: !noColor, ...(options.debriefFile ? { debriefFile: options.debriefFile } : {}) });
  return sessionDebriefMarkdown(session);
}

/** `plenary diagram`: Mermaid text of the procedure or the participant (stance) machine. */
export function diagramCommand(machine: 'procedure' | 'participant', format: 'mermaid' | 'markdown'): string {
  const text = machine === 'procedure' ? mermaid(procedureMachine, { titles: PROCEDURE_STATE_TITLES }) : mermaid(stanceMachine);
  return format === 'markdown' ? `\`\`\`mermaid\n${text}\`\`\`\n` : text;
}
