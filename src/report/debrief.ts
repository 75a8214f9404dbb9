/**
 * The trainer's debrief of one run: the outcome, which options were reachable, who objected when and who moved, the
 * decisive blockers, the trainee's decisions, and the same run (same seed and run index) under other rules for
 * discussion. Built as data (the trainer screen shows it) and rendered as Markdown (`plenary play --debrief FILE`).
 * Pure: no I/O. The runs to compare with (the simulated chair on the same run and rule, the same run under every
 * rule) are simulated by `comparisonRuns`, which the caller runs (the CLI, the room's host): never the screen.
 */
import { UserError } from '../common/errors';
import { RULES, parseRule } from '../rules/registry';
import { STANCES } from '../rules/types';
import { compileModel, type Model } from '../floor/model';
import { runRng } from '../engine/rng';
import { PlenaryRun, type RunEvent, type RunResult } from '../engine/plenaryRun';
import { outcomeLabel } from '../engine/summarize';
import type { Scenario } from '../scenario/types';
import { hoursText, markdownTable } from './table';
import { escapeMarkdown } from './markdown';

/** One step of the run as the debrief reads it (the trainer session's timeline entries have this shape). */
export interface DebriefStep {
  /** hours used on the item when the step began, and after it */
  readonly startHours: number;
  readonly hours: number;
  readonly decision?: string;
  readonly events: readonly RunEvent[];
  readonly lines: readonly string[];
}

export interface DebriefInput {
  readonly model: Model;
  readonly seed: string;
  readonly runIndex: number;
  /** "the Chair", a delegation's name, or "nobody (replay)" */
  readonly seat: string;
  readonly steps: readonly DebriefStep[];
  readonly result: RunResult;
  /** false when the trainee left before the item ended */
  readonly finished: boolean;
  readonly alternatives: readonly AlternativeRun[];
  /** the item's budget at the end (the chair may have extended it; default: the scenario's) */
  readonly budget?: number;
  /** the same run under the same rule with the simulated chair and delegations: the trainee's first comparison */
  readonly simulated?: AlternativeRun;
}

export interface Objection {
  readonly hours: number;
  readonly option: string;
  readonly check: 'consensus' | 'vote';
  readonly passed: boolean;
  readonly objectors: readonly string[];
}

export interface Move {
  readonly hours: number;
  readonly option: string;
  readonly round: number;
  readonly participant: string;
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export interface OptionFate {
  readonly option: string;
  readonly tabled: boolean;
  readonly text: string;
}

/** The same run under another rule, everyone simulated. */
export interface AlternativeRun {
  readonly spec: string;
  readonly title: string;
  /** the rule's title, or what else is different ("Consensus, everyone simulated") */
  readonly label: string;
  readonly outcome?: string;
  /** the outcome in words that say why (deferred by the chair vs. time ran out) */
  readonly ending?: string;
  /** the rule in force in the trainee's run */
  readonly inForce?: boolean;
  readonly hours?: number;
  readonly adoptedBy?: 'consensus' | 'vote';
  readonly decisive?: readonly string[];
  readonly lines?: readonly string[];
  /** why the rule cannot apply to this scenario */
  readonly error?: string;
}

export interface Debrief {
  readonly title: string;
  readonly rule: { readonly spec: string; readonly title: string };
  readonly seed: string;
  readonly runIndex: number;
  readonly seat: string;
  readonly finished: boolean;
  readonly outcome: string;
  /** the outcome in words that say why: adopted by what, deferred by the chair or because time ran out, ... */
  readonly ending: string;
  readonly hours: number;
  readonly budget: number;
  readonly adoptedBy?: 'consensus' | 'vote';
  readonly options: readonly OptionFate[];
  readonly decisive: readonly { readonly option: string; readonly blockers: readonly string[] }[];
  readonly objections: readonly Objection[];
  readonly moves: readonly Move[];
  readonly decisions: readonly { readonly hours: number; readonly text: string }[];
  readonly timeline: readonly { readonly hours: number; readonly text: string }[];
  readonly alternatives: readonly AlternativeRun[];
  readonly simulated?: AlternativeRun;
  readonly replay: string;
}

const WHY = { soften: 'moved in consultations', pressure: 'observer pressure', bloc: 'followed its bloc', concession: 'concession', 'stands-aside': 'stood aside (cost of blocking alone)', compromise: 'toward the compromise' } as const;

/** Rule specs to compare against, in registry order (each rule's example form), the rule in force left out. */
export function otherRuleSpecs(current: string): string[] {
  const specs = RULES.map((r) => r.example);
  return [...new Set(specs)].filter((s) => s !== current);
}

/** Simulates run `runIndex` of `seed` under `spec` with the simulated chair. Rules that cannot apply say why. */
export function alternativeRun(scenario: Scenario, spec: string, seed: string, runIndex: number, label?: string): AlternativeRun {
  const rule = parseRule(spec);
  if (typeof rule === 'string') return { spec, title: spec, label: label ?? spec, error: rule };
  let model: Model;
  try {
    model = compileModel(scenario, rule);
  } catch (error) {
    if (error instanceof UserError) return { spec, title: rule.title, label: label ?? rule.title, error: error.message };
    throw error;
  }
  const run = new PlenaryRun(model, runRng(seed, runIndex), { narrate: true });
  const result = run.runToEnd();
  return {
    spec: rule.spec,
    title: rule.title,
    label: label ?? rule.title,
    outcome: outcomeLabel(model, model.outcomes[result.outcome]),
    ending: endingOf(model, result.outcome, result.adoptedBy, result.hours, run.log, false, run.context.itemBudgetHours),
    hours: result.hours,
    ...(result.adoptedBy ? { adoptedBy: result.adoptedBy } : {}),
    decisive: decisiveNames(model, result),
    lines: run.log.flatMap((e) => narrateShort(model, e)),
  };
}

/** The runs a debrief compares with, simulated for the caller: the simulated chair on the same run and rule, then the
 * same run under every rule the registry knows (the rule in force marked). */
export function comparisonRuns(scenario: Scenario, spec: string, seed: string, runIndex: number): { readonly simulated: AlternativeRun; readonly rules: AlternativeRun[] } {
  const simulated = alternativeRun(scenario, spec, seed, runIndex, 'the simulated chair, same rule');
  const specs = [...new Set([spec, ...RULES.map((r) => r.example)])];
  const rules = specs.map((x) => (x === spec ? { ...alternativeRun(scenario, x, seed, runIndex), inForce: true } : alternativeRun(scenario, x, seed, runIndex)));
  return { simulated, rules };
}

/**
 * The outcome in words that say why: "adopted by consensus", "deferred by the Chair with 6 h left", "deferred: time
 * ran out", "no decision: the Chair closed the item", "no decision: no option left to table".
 */
export function endingOf(
  model: Model,
  outcome: number,
  adoptedBy: 'consensus' | 'vote' | undefined,
  hours: number,
  events: readonly RunEvent[],
  byTrainee: boolean,
  budget: number = model.procedure.itemBudgetHours,
): string {
  const id = model.outcomes[outcome];
  const end = [...events].reverse().find((e) => e.kind === 'end');
  const settledBy = end?.kind === 'end' ? end.settledBy : undefined;
  const option = model.options.find((o) => o.id === id);
  const untabledOutcome = option === undefined ? model.scenario.options.find((o) => o.id === id && id !== model.scenario.statusQuo) : undefined;
  if (settledBy === 'act') return `${option?.name ?? untabledOutcome?.name ?? outcomeLabel(model, id)}: the item ended by a voluntary act`;
  if (option && settledBy === 'declaration') return `${option.name}: the Chair's declaration stood, nobody objected`;
  if (option) return `${option.name}${option.kind === 'draft' ? ' (drafted on the floor)' : ''}, adopted by ${adoptedBy === 'vote' ? 'a vote' : model.rule.mode === 'written' ? 'written procedure (no objection)' : 'consensus'}`;
  if (id === 'referred') return outcomeLabel(model, id);
  const left = Math.max(0, budget - hours);
  const sq = model.scenario.options.find((o) => o.id === model.scenario.statusQuo)?.name ?? model.scenario.statusQuo;
  if (id === 'deferred') {
    if (byTrainee || (end?.kind === 'end' && end.deferredBy === 'chair')) return `Deferred by the Chair, with ${hoursText(left)} of the item's ${hoursText(budget)} left`;
    return `Deferred: time ran out (${hoursText(left)} left; tabling takes ${hoursText(model.procedure.hoursToTable)}, a consultation round ${hoursText(model.procedure.hoursPerRound)})`;
  }
  const tabled = new Set(events.flatMap((e) => (e.kind === 'chair' && e.event.type === 'TABLE' ? [e.event.option] : [])));
  const untabled = model.options.length - tabled.size;
  if (byTrainee) return `No decision: the Chair closed the item${untabled > 0 ? ` with ${untabled} option${untabled === 1 ? '' : 's'} never tabled` : ''} (the status quo, ${sq}, stands)`;
  return `No decision: every tabled option failed and none was left to table (the status quo, ${sq}, stands)`;
}

function decisiveNames(model: Model, result: RunResult): string[] {
  const names = new Set<string>();
  for (const list of result.decisive) for (const m of list ?? []) names.add(model.names[m]);
  return [...names];
}

/** A short line per check and per end, for the other-rule panel. */
function narrateShort(model: Model, e: RunEvent): string[] {
  const name = (o: number) => model.options[o]?.name ?? String(o);
  if (e.kind === 'check') return [`${name(e.option)}: ${e.check === 'vote' ? 'vote' : 'consensus'} ${e.passed ? 'passes' : 'fails'} (${e.explanation})`];
  return [];
}

export function buildDebrief(input: DebriefInput): Debrief {
  const { model, result } = input;
  const name = (o: number) => model.options[o]?.name ?? `option ${o}`;
  const objections: Objection[] = [];
  const moves: Move[] = [];
  const tabledAt = new Map<number, number>();
  const checks = new Map<number, Objection[]>();
  const timeline: { hours: number; text: string }[] = [];
  for (const step of input.steps) {
    for (const line of step.lines) timeline.push({ hours: step.startHours, text: line.trim() });
    for (const e of step.events) {
      if (e.kind === 'chair' && e.event.type === 'TABLE') tabledAt.set(e.event.option, step.startHours);
      if (e.kind === 'check') {
        const o: Objection = { hours: step.hours, option: name(e.option), check: e.check, passed: e.passed, objectors: e.objectors.map((i) => model.names[i]) };
        objections.push(o);
        checks.set(e.option, [...(checks.get(e.option) ?? []), o]);
      }
      if (e.kind === 'round') {
        for (const m of e.moves) moves.push({ hours: step.hours, option: name(e.option), round: e.round, participant: model.names[m.member], from: STANCES[m.from], to: STANCES[m.to], why: WHY[m.why] });
      }
    }
  }
  const budget = input.budget ?? model.procedure.itemBudgetHours;
  const hours = input.steps.length > 0 ? input.steps[input.steps.length - 1].hours : 0;
  const outcomeId = model.outcomes[result.outcome];
  const ended = !input.finished ? 'the trainee stopped' : outcomeId === 'deferred' ? 'the item was deferred' : outcomeId === 'no-decision' ? 'the item was closed' : 'another option was adopted';
  const options: OptionFate[] = model.options.map((opt, o) => {
    const at = tabledAt.get(o);
    if (at === undefined) {
      const left = Math.max(0, budget - hours);
      const enough = left + 1e-9 >= model.procedure.hoursToTable;
      return {
        option: opt.name,
        tabled: false,
        text: `never tabled: ${ended} at ${hoursText(hours)}, with ${hoursText(left)} of the ${hoursText(budget)} budget left — ${enough ? 'enough' : 'not enough'} to table it (${hoursText(model.procedure.hoursToTable)}).`,
      };
    }
    const list = checks.get(o) ?? [];
    const failed = list.filter((c) => !c.passed);
    const counts = failed.map((c) => c.objectors.length);
    const trend = counts.length === 0 ? '' : counts.length === 1 ? ` (${plural(counts[0], 'objection')})` : ` (objections ${counts.join(' → ')})`;
    const head = `tabled at ${hoursText(at)}`;
    if (result.outcome === o && input.finished) {
      const last = list[list.length - 1];
      return { option: opt.name, tabled: true, text: `${head}; ${failed.length > 0 ? `${plural(failed.length, 'failed call')}${trend}, then ` : ''}adopted by ${result.adoptedBy === 'vote' ? 'a vote' : 'consensus'} at ${hoursText(last?.hours ?? hours)}.` };
    }
    if (list.length === 0) return { option: opt.name, tabled: true, text: `${head}; no call for consensus or vote was taken on it.` };
    return { option: opt.name, tabled: true, text: `${head}; ${plural(failed.length, 'failed call')}${trend}.` };
  });
  const sq = model.scenario.options.find((x) => x.id === model.scenario.statusQuo);
  if (sq) options.push({ option: sq.name, tabled: false, text: 'the status quo: it stands if nothing is adopted.' });
  const decisive = model.options
    .map((opt, o) => ({ option: opt.name, blockers: (result.decisive[o] ?? []).map((m) => model.names[m]) }))
    .filter((d) => d.blockers.length > 0);
  const decisions = input.steps.flatMap((s) => (s.decision ? [{ hours: s.startHours, text: s.decision }] : []));
  const ending = input.finished ? endingOf(model, result.outcome, result.adoptedBy, hours, input.steps.flatMap((s) => s.events), endedByTrainee(input.steps), budget) : `Not reached: stopped after ${hoursText(hours)}`;
  const scenarioArg = model.scenario.file ? ` ${model.scenario.file}` : '';
  return {
    title: model.scenario.meeting.title,
    rule: { spec: model.rule.spec, title: model.rule.title },
    seed: input.seed,
    runIndex: input.runIndex,
    seat: input.seat,
    finished: input.finished,
    outcome: input.finished ? outcomeLabel(model, outcomeId) : 'not reached (the trainee stopped before the end)',
    ending,
    hours,
    budget,
    ...(input.finished && result.adoptedBy ? { adoptedBy: result.adoptedBy } : {}),
    options,
    decisive,
    objections,
    moves,
    decisions,
    timeline,
    alternatives: input.alternatives,
    ...(input.simulated ? { simulated: input.simulated } : {}),
    replay: `plenary trace${scenarioArg} --seed ${JSON.stringify(input.seed)} --run ${input.runIndex} --rule ${model.rule.spec}`,
  };
}

/** The last chair move (DEFER or CLOSE) was a trainee's decision. */
function endedByTrainee(steps: readonly DebriefStep[]): boolean {
  for (let i = steps.length - 1; i >= 0; i--) {
    const chair = steps[i].events.find((e) => e.kind === 'chair');
    if (chair) return steps[i].decision !== undefined && steps[i].decision!.includes('the Chair');
  }
  return false;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The trainee's run against the simulated chair's on the same run and rule, in sentences. */
export function comparisonLines(d: Debrief): string[] {
  const sim = d.simulated;
  if (!sim || sim.error) return [];
  const yours = d.finished ? `${d.ending}, after ${hoursText(d.hours)}` : `not finished (stopped after ${hoursText(d.hours)})`;
  const theirs = `${sim.ending ?? sim.outcome}, after ${hoursText(sim.hours ?? 0)}`;
  const same = d.finished && sim.outcome === d.outcome;
  return [
    `- Your run (${d.seat}): ${yours}.`,
    `- The simulated chair (same run, same rule ${d.rule.title}): ${theirs}.`,
    d.finished ? (same ? `- The same outcome${sim.hours === d.hours ? ' in the same time' : `, ${(sim.hours ?? 0) > d.hours ? `${hoursText((sim.hours ?? 0) - d.hours)} faster` : `${hoursText(d.hours - (sim.hours ?? 0))} slower`} than the simulated chair`}.` : '- A different outcome from the simulated chair: your decisions changed the result.') : '- Finish the item to compare the outcomes.',
  ];
}

/** The debrief as a Markdown document. */
export function debriefMarkdown(d: Debrief): string {
  const out: string[] = [
    `# Debrief: ${d.title}`,
    '',
    `Run ${d.runIndex} of seed \`${d.seed}\`, rule **${d.rule.title}** (\`${d.rule.spec}\`). Trainee: ${d.seat}.${d.finished ? '' : ' **The trainee stopped before the end of the item.**'}`,
    '',
    '## Outcome',
    '',
    d.finished
      ? `**${d.adoptedBy ? d.outcome : d.ending}**${d.adoptedBy ? `, adopted by ${d.adoptedBy === 'vote' ? 'a vote' : 'consensus'}` : ''}, after ${hoursText(d.hours)} of the ${hoursText(d.budget)} the chair gave the item.`
      : `Not reached: stopped after ${hoursText(d.hours)} of the ${hoursText(d.budget)} the chair gave the item.`,
    '',
    ...(d.simulated ? ['## You and the simulated chair', '', ...comparisonLines(d), ''] : []),
    '## Options: which were reachable',
    '',
    ...d.options.map((o) => `- **${o.option}**: ${o.text}`),
    '',
    '## Decisive blockers',
    '',
    ...(d.decisive.length > 0
      ? d.decisive.map((x) => `- ${x.option}: ${x.blockers.join(', ')}`)
      : ['No objection was decisive (no option failed on objections).']),
    '',
    '_A blocker is decisive when its objection alone (or as part of a smallest blocking set) kept the option from passing at its last failed call._',
    '',
    '## Who objected when',
    '',
  ];
  if (d.objections.length > 0) {
    out.push(
      markdownTable(
        [{ header: 'Hours', align: 'right' }, { header: 'Option' }, { header: 'Call' }, { header: 'Result' }, { header: 'Objecting' }],
        d.objections.map((o) => [hoursText(o.hours), o.option, o.check === 'vote' ? 'vote' : 'consensus', o.passed ? 'passed' : 'failed', o.objectors.join(', ') || '—']),
      ),
    );
  } else out.push('No call for consensus or vote was taken.');
  out.push('', '## Who moved', '');
  if (d.moves.length > 0) {
    out.push(
      markdownTable(
        [{ header: 'Hours', align: 'right' }, { header: 'Option' }, { header: 'Round', align: 'right' }, { header: 'Participant' }, { header: 'From' }, { header: 'To' }, { header: 'Why' }],
        d.moves.map((m) => [hoursText(m.hours), m.option, String(m.round), m.participant, m.from, m.to, m.why]),
      ),
    );
  } else out.push('Nobody moved in consultations.');
  if (d.decisions.length > 0) {
    out.push('', '## Your decisions', '', markdownTable([{ header: 'Hours', align: 'right' }, { header: 'Decision' }], d.decisions.map((x) => [hoursText(x.hours), x.text])));
  }
  if (d.alternatives.length > 0) {
    out.push(
      '',
      '## The same run under other rules',
      '',
      `Same seed and run index, the chair and every delegation simulated. For discussion: what would the rule have changed?`,
      '',
      markdownTable(
        [{ header: 'Rule' }, { header: 'Outcome' }, { header: 'Hours', align: 'right' }, { header: 'Decisive objections (any option)' }],
        d.alternatives.map((a) =>
          a.error
            ? [`${a.label} (\`${a.spec}\`)${a.inForce ? ' — in force' : ''}`, `not applicable: ${a.error}`, '', '']
            : [`${a.label} (\`${a.spec}\`)${a.inForce ? ' — in force' : ''}`, a.ending ?? `${a.outcome}${a.adoptedBy ? ` (by ${a.adoptedBy === 'vote' ? 'vote' : 'consensus'})` : ''}`, hoursText(a.hours ?? 0), (a.decisive ?? []).join(', ') || '—'],
        ),
      ),
    );
  }
  out.push('', '## Timeline', '');
  for (const t of d.timeline) out.push(`- ${hoursText(t.hours)} — ${t.text}`);
  out.push('', `Replay the simulated version of this run: \`${d.replay}\``);
  return escapeMarkdown(`${out.join('\n')}\n`);
}
