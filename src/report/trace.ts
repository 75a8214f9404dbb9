/**
 * The `plenary trace` report: one run's narrated steps as structured events (who tabled, the floor counts, the moves,
 * the checks, the instruments, the outcome) with the sentences narrate.ts makes of each, and why it ended as it did.
 * The text transcript and the JSON are rendered from the same TraceDocument, so they cannot tell different stories.
 * Pure: no I/O.
 */
import { parameterSetText, type ParameterSet } from '../scenario/parameterOverrides';
import type { Model } from '../floor/model';
import type { RunEvent, RunResult } from '../engine/plenaryRun';
import type { Stamp } from '../engine/reportExtras';
import type { InstrumentEvent } from '../engine/instruments';
import type { StanceMove } from '../floor/types';
import type { DecisionRule } from '../rules/types';
import { STANCES, type StanceName } from '../rules/types';
import { outcomeLabel } from '../engine/summarize';
import { narrate } from './narrate';
import { stampLines } from './provenance';

export type TraceFormat = 'text' | 'json';
export const TRACE_FORMATS: readonly TraceFormat[] = ['text', 'json'];

/** Stances of the members who decide, counted. */
export type StanceCounts = Record<StanceName, number>;

export interface TraceMove {
  readonly participant: string;
  readonly from: StanceName;
  readonly to: StanceName;
  readonly why: StanceMove['why'];
}

/** One step of the run: what happened, in fields, and the sentences of the transcript. */
export type TraceStep = { readonly step: number; readonly text: readonly string[] } & (
  | { readonly kind: 'chair'; readonly move: string; readonly option?: string }
  | { readonly kind: 'floor'; readonly option: string; readonly counts: StanceCounts; readonly objecting: readonly string[] }
  | { readonly kind: 'round'; readonly option: string; readonly round: number; readonly concession: boolean; readonly moves: readonly TraceMove[]; readonly counts: StanceCounts; readonly objecting: readonly string[] }
  | {
      readonly kind: 'check';
      readonly option: string;
      readonly check: 'consensus' | 'vote';
      readonly passed: boolean;
      readonly explanation: string;
      readonly objecting: readonly string[];
      readonly tally: { readonly members: number; readonly support: number; readonly accept: number; readonly abstain: number; readonly object: number; readonly yesWeight: number; readonly noWeight: number };
      readonly declaration?: boolean;
      readonly quorumFailed?: boolean;
    }
  | { readonly kind: 'attendance'; readonly absent: readonly string[] }
  | { readonly kind: 'walkout'; readonly participants: readonly string[] }
  | { readonly kind: 'act'; readonly act: string; readonly ends?: string; readonly moves: readonly TraceMove[] }
  | { readonly kind: 'friends'; readonly participants: readonly string[]; readonly rounds: number; readonly moves: readonly TraceMove[] }
  | { readonly kind: 'end'; readonly outcome: string; readonly label: string; readonly hours: number; readonly deferredBy?: 'time' | 'chair'; readonly settledBy?: 'declaration' | 'act' }
);

export interface TraceDocument {
  readonly kind: 'trace';
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly seed: string;
  readonly run: number;
  readonly rule: { readonly spec: string; readonly title: string };
  readonly floorModel: string;
  /** global model parameters set on the command line (--param) and what they replaced; only when some were */
  readonly parameters?: readonly ParameterSet[];
  /** the command that narrates this run again */
  readonly replay: string;
  readonly steps: readonly TraceStep[];
  readonly outcome: {
    readonly id: string;
    readonly label: string;
    readonly hours: number;
    readonly rounds: number;
    readonly adoptedBy?: 'consensus' | 'vote' | 'written';
    readonly deferredBy?: 'time' | 'chair';
    readonly settledBy?: 'declaration' | 'act';
    /** per option that failed on a decisive objection: who objected decisively */
    readonly decisive: readonly { readonly option: string; readonly participants: readonly string[] }[];
  };
  /** the transcript's closing sentence(s) */
  readonly why: string;
  readonly provenance?: Stamp;
}

export interface TraceMeta {
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly seed: string;
  readonly run: number;
  readonly rule: DecisionRule;
  readonly replay: string;
  readonly parameters?: readonly ParameterSet[];
  readonly stamp?: Stamp;
}

function countsOf(model: Model, stances: Uint8Array): { counts: StanceCounts; objecting: string[] } {
  const counts: StanceCounts = { support: 0, accept: 0, abstain: 0, object: 0 };
  const objecting: string[] = [];
  for (let i = 0; i < model.size; i++) {
    if (model.voting[i] === 0 || stances[i] > 3) continue;
    counts[STANCES[stances[i]]]++;
    if (stances[i] === 3) objecting.push(model.ids[i]);
  }
  return { counts, objecting };
}

const movesOf = (model: Model, moves: readonly StanceMove[]): TraceMove[] => moves.map((m) => ({ participant: model.ids[m.member], from: STANCES[m.from], to: STANCES[m.to], why: m.why }));
const optionId = (model: Model, o: number): string => model.options[o]?.id ?? `option ${o}`;

function instrumentStep(model: Model, event: InstrumentEvent) {
  const ids = (members: readonly number[]) => members.map((m) => model.ids[m]);
  switch (event.kind) {
    case 'attendance':
      return { kind: 'attendance' as const, absent: ids(event.absent) };
    case 'walkout':
      return { kind: 'walkout' as const, participants: ids(event.members) };
    case 'act':
      return { kind: 'act' as const, act: model.scenario.voluntaryActs[event.act]?.name ?? `act ${event.act}`, ...(event.ends >= 0 ? { ends: model.outcomes[event.ends] } : {}), moves: movesOf(model, event.moves) };
    case 'friends':
      return { kind: 'friends' as const, participants: ids(event.members), rounds: event.rounds, moves: movesOf(model, event.moves) };
  }
}

function stepOf(model: Model, event: RunEvent) {
  switch (event.kind) {
    case 'chair': {
      const option = 'option' in event.event ? { option: optionId(model, event.event.option) } : {};
      return { kind: 'chair' as const, move: event.event.type, ...option };
    }
    case 'tabled':
      return { kind: 'floor' as const, option: optionId(model, event.option), ...countsOf(model, event.stances) };
    case 'round':
      return { kind: 'round' as const, option: optionId(model, event.option), round: event.round, concession: event.concession, moves: movesOf(model, event.moves), ...countsOf(model, event.stances) };
    case 'check': {
      const t = event.tally;
      return {
        kind: 'check' as const,
        option: optionId(model, event.option),
        check: event.check,
        passed: event.passed,
        explanation: event.explanation,
        objecting: event.objectors.map((i) => model.ids[i]),
        tally: { members: t.members, support: t.support, accept: t.accept, abstain: t.abstain, object: t.object, yesWeight: t.yesWeight, noWeight: t.noWeight },
        ...(event.declaration ? { declaration: true } : {}),
        ...(event.quorum ? { quorumFailed: true } : {}),
      };
    }
    case 'instrument':
      return instrumentStep(model, event.event);
    case 'end':
      return {
        kind: 'end' as const,
        outcome: model.outcomes[event.outcome],
        label: event.deferredBy === 'chair' ? 'Deferred' : outcomeLabel(model, model.outcomes[event.outcome]),
        hours: event.hours,
        ...(event.deferredBy !== undefined ? { deferredBy: event.deferredBy } : {}),
        ...(event.settledBy !== undefined ? { settledBy: event.settledBy } : {}),
      };
  }
}

/** Why the run ended as it did: the decisive objections, or how the outcome came about. */
function whyOf(model: Model, rule: DecisionRule, result: RunResult): string {
  const outcome = model.outcomes[result.outcome];
  const why: string[] = [];
  result.decisive.forEach((list, o) => {
    if (list && list.length > 0) why.push(`"${model.options[o].name}" failed; decisive objections: ${list.map((m) => model.names[m]).join(', ')}.`);
  });
  if (result.settledBy === 'act') why.push(`The item ended by a voluntary act: ${outcomeLabel(model, outcome)}.`);
  else if (result.settledBy === 'declaration') why.push(`"${outcomeLabel(model, outcome)}" stood: nobody objected to the Chair's declaration.`);
  else if (result.adoptedBy) why.push(`"${outcomeLabel(model, outcome)}" passed by ${result.adoptedBy === 'vote' ? 'a vote' : rule.mode === 'written' ? 'written procedure (no objection within the period)' : 'consensus'} under ${rule.title}.`);
  else if (outcome === 'referred') why.push(`The Chair referred the item: ${outcomeLabel(model, outcome)}.`);
  return why.length > 0 ? why.join(' ') : 'no option passed the rule and no objection was decisive.';
}

/** The trace of one narrated run: its events (`log`) and result under `model`. */
export function traceDocument(model: Model, result: RunResult, log: readonly RunEvent[], meta: TraceMeta): TraceDocument {
  const outcome = model.outcomes[result.outcome];
  const adoptedBy = result.adoptedBy === 'consensus' && meta.rule.mode === 'written' ? 'written' : result.adoptedBy;
  return {
    kind: 'trace',
    scenario: meta.scenario,
    seed: meta.seed,
    run: meta.run,
    rule: { spec: meta.rule.spec, title: meta.rule.title },
    floorModel: model.floor,
    ...(meta.parameters ? { parameters: meta.parameters } : {}),
    replay: meta.replay,
    steps: log.map((event, i) => ({ step: i + 1, ...stepOf(model, event), text: narrate(model, event) }) as TraceStep),
    outcome: {
      id: outcome,
      label: outcomeLabel(model, outcome),
      hours: result.hours,
      rounds: result.rounds,
      ...(adoptedBy !== undefined ? { adoptedBy } : {}),
      ...(result.deferredBy !== undefined ? { deferredBy: result.deferredBy } : {}),
      ...(result.settledBy !== undefined ? { settledBy: result.settledBy } : {}),
      decisive: result.decisive.flatMap((list, o) => (list && list.length > 0 ? [{ option: model.options[o].id, participants: list.map((m) => model.ids[m]) }] : [])),
    },
    why: whyOf(model, meta.rule, result),
    ...(meta.stamp ? { provenance: meta.stamp } : {}),
  };
}

export function renderTrace(doc: TraceDocument, format: TraceFormat): string {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  const lines = [`${doc.scenario.title} — run ${doc.run}, seed ${JSON.stringify(doc.seed)}, rule ${doc.rule.spec}`, `(replay: ${doc.replay})`];
  if (doc.parameters) lines.push(`Model parameters set on the command line: ${doc.parameters.map(parameterSetText).join(', ')}`);
  lines.push('');
  for (const step of doc.steps) lines.push(...step.text);
  lines.push('', `Why: ${doc.why}`);
  if (doc.provenance) lines.push('', ...stampLines(doc.provenance));
  return `${lines.join('\n')}\n`;
}
