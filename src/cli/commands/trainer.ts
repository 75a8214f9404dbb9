/** `plenary play` and `plenary replay`: one run stepped by hand on the terminal, then a debrief. */
import { hasOverrides, overridesText, type ParameterOverrides } from '../../scenario/parameterOverrides';
import { readFileSync } from 'node:fs';
import { noteInputRead } from '../../common/inputFiles';
import { defaultScenarioFile } from '../../common/paths';
import { CastRecorder } from '../../ui/cast';
import { parseScript, type DemoScript } from '../../ui/script';
import { UserError } from '../../common/errors';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { compileModel, type Model } from '../../floor/model';
import { comparisonRuns, debriefMarkdown } from '../../report/debrief';
import { sameSeat, seatNamed, TrainerSession, type Seat } from '../../ui/session';
import type { Comparison } from '../../ui/screen';
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
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
}

/** The session a trainee starts with; bad scenario, rule or seat → UserError. `as` may name several seats (hot-seat). */
export function prepareSession(options: PlayOptions): TrainerSession {
  const scenario = loadScenario(options.scenario ?? defaultScenarioFile(), { overrides: options.overrides });
  const rule = ruleOrThrow(options.rule ?? scenario.rule, options.rule ? '--rule' : `${scenario.file ?? scenario.id}: rule`);
  const model = compileModel(scenario, rule);
  const seats = options.as === undefined ? [] : parseSeats(options.as, model);
  return new TrainerSession(model, options.seed, options.run, seats);
}

/** "chair,Zimbabwe,eu" → seats (ids and names in any case); an unknown id or a seat named twice → UserError (with the ids to choose from). */
export function parseSeats(text: string, model: Model): Seat[] {
  const seats: Seat[] = [];
  for (const raw of text.split(',')) {
    const typed = raw.trim();
    if (typed === '') throw new UserError(`--as ${text}: an empty seat; name seats separated by commas, e.g. --as chair,zimbabwe`);
    const named = seatNamed(model, typed, `--as ${typed}`);
    if (typeof named === 'string') throw new UserError(named);
    if (seats.some((x) => sameSeat(x, named.seat))) throw new UserError(`--as ${text}: the seat "${named.id}" is named twice`);
    seats.push(named.seat);
  }
  return seats;
}

/** Why the trainer cannot run here, or undefined when stdin and stdout are terminals. */
export function terminalProblem(options: PlayOptions, stdinTTY: boolean, stdoutTTY: boolean): string | undefined {
  if (stdinTTY && stdoutTTY) return undefined;
  const scenario = options.scenario ? ` ${options.scenario}` : '';
  const rule = options.rule ? ` --rule ${options.rule}` : '';
  const param = hasOverrides(options.overrides) ? ` --param ${overridesText(options.overrides!, ',')}` : '';
  return `the trainer needs an interactive terminal (${!stdinTTY ? 'stdin' : 'stdout'} is not a terminal). To read the same run as text: plenary trace${scenario} --seed ${JSON.stringify(options.seed)} --run ${options.run}${rule}${param}`;
}

/** The runs a session's debrief compares with: the simulated chair on the same run and rule, every rule. */
export function sessionComparison(session: TrainerSession): Comparison {
  const { simulated, rules } = comparisonRuns(session.model.scenario, session.model.rule.spec, session.seed, session.runIndex);
  return { simulated, rules };
}

/** The Markdown debrief of a session, with the simulated chair's run and the same run under every rule. */
export function sessionDebriefMarkdown(session: TrainerSession, comparison: Comparison = sessionComparison(session)): string {
  return debriefMarkdown(session.debrief(comparison.rules, comparison.simulated));
}

export interface PlayResult {
  readonly markdown: string;
  readonly ending: 'quit' | 'interrupted';
  /** the asciicast, when --record was given */
  readonly cast?: string;
}

export interface PlayShellOptions {
  readonly debriefFile?: string;
  readonly present?: boolean;
  /** a prepared demo (YAML) */
  readonly script?: string;
  /** record an asciicast */
  readonly record?: boolean;
}

/** Reads and checks a prepared demo; every problem → one UserError. */
export function loadScript(file: string): DemoScript {
  let text: string;
  noteInputRead(file, 'the demo script');
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`--script ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseScript(text, file);
  } catch (error) {
    const problems = (error as Error).message.split('\n');
    throw new UserError(problems.join('\n'), problems);
  }
}

/** Runs the trainer on the terminal; returns the Markdown debrief once the trainee quits (or pressed Ctrl-C). */
export async function playCommand(options: PlayOptions & PlayShellOptions): Promise<PlayResult> {
  const session = prepareSession(options);
  const script = options.script ? loadScript(options.script) : undefined;
  const problem = terminalProblem(options, process.stdin.isTTY === true, process.stdout.isTTY === true);
  if (problem) throw new UserError(problem);
  // ink draws only the final frame when it believes it runs under CI (the is-in-ci check, made when ink is first
  // loaded). The trainer is interactive by definition and we know both ends are terminals, so draw live.
  for (const key of Object.keys(process.env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
  // the debrief's comparison runs are simulated here, by the caller, before the screen opens
  const comparison = sessionComparison(session);
  const { launchTrainer } = await import('../../ui/launch');
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  // the recording's clock is the shell's (the core never reads the time)
  const recorder = options.record
    ? new CastRecorder(
        {
          version: 2,
          width: process.stdout.columns || 80,
          height: process.stdout.rows || 24,
          timestamp: Math.floor(Date.now() / 1000),
          title: script?.title ?? `plenary play: ${session.model.scenario.meeting.title}`,
          env: { TERM: process.env.TERM ?? 'xterm-256color', SHELL: process.env.SHELL ?? '/bin/sh' },
        },
        () => performance.now() / 1000,
      )
    : undefined;
  const ending = await launchTrainer(session, {
    comparison,
    color: !noColor,
    present: options.present === true,
    ...(options.debriefFile ? { debriefFile: options.debriefFile } : {}),
    ...(script ? { script } : {}),
    ...(recorder ? { record: (data: string) => recorder.output(data) } : {}),
  });
  return { markdown: sessionDebriefMarkdown(session, comparison), ending, ...(recorder ? { cast: recorder.text() } : {}) };
}

/** `plenary diagram`: Mermaid text of the procedure or the participant (stance) machine. */
export function diagramCommand(machine: 'procedure' | 'participant', format: 'mermaid' | 'markdown'): string {
  const text = machine === 'procedure' ? mermaid(procedureMachine, { titles: PROCEDURE_STATE_TITLES }) : mermaid(stanceMachine);
  return format === 'markdown' ? `\`\`\`mermaid\n${text}\`\`\`\n` : text;
}
