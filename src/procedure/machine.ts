/**
 * The Plenary procedure for one agenda item, as a statechart.
 *
 * The chair tables an option, the floor states positions, the chair calls for consensus (or a vote, as the rule
 * says); objections lead to consultation rounds, a concession, the next option, a deferral or closing the item.
 * The item ends adopted(option), with no decision (the status quo stands) or deferred (time ran out).
 *
 * Three layers: pure helpers (context updates and guard predicates, shared with the compiled interpreter used by
 * the Monte Carlo), `setup()` naming them, `createMachine()` only referring to names. Data enters through `input`.
 * No randomness here: the floor's answers arrive as events.
 *
 * Termination: TABLE needs an option not yet tabled, CONSULT/OFFER_CONCESSION need a round left on the option,
 * CALL_VOTE in `objected` needs a vote not yet taken on the option, every other event moves toward a final state.
 * So every path is finite (checked over the statechart's paths in test/machines/procedure.test.ts).
 */
import { assign, setup } from 'xstate';
import type { DecisionRule, Tally } from '../rules/types';

// ---- pure helpers -------------------------------------------------------------------------------------------

export interface ProcedureInput {
  readonly rule: DecisionRule;
  /** tabled options in order (ids) */
  readonly options: readonly string[];
  /** per option: the consultation rounds at which a concession is offered */
  readonly concessionRounds: readonly (readonly number[])[];
  readonly itemBudgetHours: number;
  readonly hoursToTable: number;
  readonly hoursPerRound: number;
  readonly maxRoundsPerOption: number;
}

export interface ProcedureContext extends ProcedureInput {
  /** index into options of the option on the floor, -1 before the first tabling */
  readonly option: number;
  /** bit i set when option i has been tabled */
  readonly tabledMask: number;
  /** consultation rounds held on the option on the floor */
  readonly round: number;
  readonly rounds: number;
  readonly hours: number;
  readonly tally?: Tally;
  /** the floor as the fallback vote's electorate sees it, when it differs (observers voting only in the vote) */
  readonly voteTally?: Tally;
  /** a vote has been taken on the option on the floor (consensus-then-vote) */
  readonly voted: boolean;
  /** adopted option index, or -1 */
  readonly adopted: number;
  /** the last check: which rule test ran and whether it passed */
  readonly lastCheck?: { readonly kind: 'consensus' | 'vote'; readonly passed: boolean };
}

export type ProcedureEvent =
  | { type: 'TABLE'; option: number }
  | { type: 'ANSWERS'; tally: Tally; voteTally?: Tally }
  | { type: 'CALL_FOR_CONSENSUS' }
  | { type: 'CALL_VOTE' }
  | { type: 'CONSULT' }
  | { type: 'OFFER_CONCESSION' }
  | { type: 'DEFER' }
  | { type: 'CLOSE' };

/** Every move the chair can make on an item with `options` tabled options (the statechart says which are allowed now). */
export const chairMoves = (options: number): ProcedureEvent[] => [
  ...Array.from({ length: options }, (_, option): ProcedureEvent => ({ type: 'TABLE', option })),
  { type: 'CALL_FOR_CONSENSUS' },
  { type: 'CALL_VOTE' },
  { type: 'CONSULT' },
  { type: 'OFFER_CONCESSION' },
  { type: 'DEFER' },
  { type: 'CLOSE' },
];

export const initialContext = (input: ProcedureInput): ProcedureContext => ({
  ...input,
  option: -1,
  tabledMask: 0,
  round: 0,
  rounds: 0,
  hours: 0,
  voted: false,
  adopted: -1,
});

type Update = (context: ProcedureContext, event: ProcedureEvent) => ProcedureContext;
type Check = (context: ProcedureContext, event: ProcedureEvent) => boolean;

const fits = (c: ProcedureContext, hours: number): boolean => c.hours + hours <= c.itemBudgetHours + 1e-9;

/** Context updates, by name. */
const updateImpl = {
  tableOption: (c, e) =>
    e.type !== 'TABLE' ? c : { ...c, option: e.option, tabledMask: c.tabledMask | (1 << e.option), round: 0, voted: false, hours: c.hours + c.hoursToTable },
  recordAnswers: (c, e) => (e.type !== 'ANSWERS' ? c : { ...c, tally: e.tally, voteTally: e.voteTally }),
  startRound: (c) => ({ ...c, round: c.round + 1, rounds: c.rounds + 1, hours: c.hours + c.hoursPerRound }),
  recordAdoption: (c) => ({ ...c, adopted: c.option }),
  recordConsensusPassed: (c) => ({ ...c, lastCheck: { kind: 'consensus', passed: true } }),
  recordConsensusFailed: (c) => ({ ...c, lastCheck: { kind: 'consensus', passed: false } }),
  recordVotePassed: (c) => ({ ...c, voted: true, lastCheck: { kind: 'vote', passed: true } }),
  recordVoteFailed: (c) => ({ ...c, voted: true, lastCheck: { kind: 'vote', passed: false } }),
} satisfies Record<string, Update>;
export const updates: Record<keyof typeof updateImpl, Update> = updateImpl;

/** Guard predicates, by name. Rules are pure functions; these are one-line wrappers. */
const checkImpl = {
  optionNotYetTabled: (c, e) =>
    e.type === 'TABLE' && e.option >= 0 && e.option < c.options.length && (c.tabledMask & (1 << e.option)) === 0 && fits(c, c.hoursToTable),
  ruleAdopts: (c) => c.tally !== undefined && c.rule.adopts(c.tally),
  voteAdopts: (c) => c.tally !== undefined && (c.rule.mode === 'vote' ? c.rule.adopts(c.tally) : c.rule.fallback?.adopts(c.voteTally ?? c.tally) === true),
  ruleCallsForConsensus: (c) => c.rule.mode !== 'vote',
  ruleCallsForVote: (c) => c.rule.mode === 'vote',
  voteFallbackAvailable: (c) => c.rule.fallback !== undefined && !c.voted,
  roundLeft: (c) => c.round < c.maxRoundsPerOption && fits(c, c.hoursPerRound),
  concessionDue: (c) => c.option >= 0 && c.round < c.maxRoundsPerOption && fits(c, c.hoursPerRound) && (c.concessionRounds[c.option] ?? []).includes(c.round + 1),
} satisfies Record<string, Check>;
export const checks: Record<keyof typeof checkImpl, Check> = checkImpl;

// ---- setup: names for the helpers ----------------------------------------------------------------------------

const named = <K extends keyof typeof updates>(name: K) =>
  assign<ProcedureContext, ProcedureEvent, undefined, ProcedureEvent, never>(({ context, event }) => updates[name](context, event));
const guard = <K extends keyof typeof checks>(name: K) =>
  ({ context, event }: { context: ProcedureContext; event: ProcedureEvent }) => checks[name](context, event);

export const procedureMachine = setup({
  types: {
    context: {} as ProcedureContext,
    events: {} as ProcedureEvent,
    input: {} as ProcedureInput,
  },
  actions: {
    tableOption: named('tableOption'),
    recordAnswers: named('recordAnswers'),
    startRound: named('startRound'),
    recordAdoption: named('recordAdoption'),
    recordConsensusPassed: named('recordConsensusPassed'),
    recordConsensusFailed: named('recordConsensusFailed'),
    recordVotePassed: named('recordVotePassed'),
    recordVoteFailed: named('recordVoteFailed'),
  },
  guards: {
    optionNotYetTabled: guard('optionNotYetTabled'),
    ruleAdopts: guard('ruleAdopts'),
    voteAdopts: guard('voteAdopts'),
    ruleCallsForConsensus: guard('ruleCallsForConsensus'),
    ruleCallsForVote: guard('ruleCallsForVote'),
    voteFallbackAvailable: guard('voteFallbackAvailable'),
    roundLeft: guard('roundLeft'),
    concessionDue: guard('concessionDue'),
  },
}).createMachine({
  id: 'procedure',
  context: ({ input }) => initialContext(input),
  initial: 'chairToMove',
  states: {
    chairToMove: {
      on: {
        TABLE: { guard: 'optionNotYetTabled', target: 'floor', actions: 'tableOption' },
        DEFER: 'deferred',
        CLOSE: 'noDecision',
      },
    },
    floor: {
      on: {
        ANSWERS: { target: 'positionsStated', actions: 'recordAnswers' },
      },
    },
    positionsStated: {
      on: {
        CALL_FOR_CONSENSUS: { guard: 'ruleCallsForConsensus', target: 'consensusCheck' },
        CALL_VOTE: { guard: 'ruleCallsForVote', target: 'voteCount' },
        DEFER: 'deferred',
      },
    },
    consensusCheck: {
      always: [
        { guard: 'ruleAdopts', target: 'adopted', actions: ['recordConsensusPassed', 'recordAdoption'] },
        { target: 'objected', actions: 'recordConsensusFailed' },
      ],
    },
    voteCount: {
      always: [
        { guard: 'voteAdopts', target: 'adopted', actions: ['recordVotePassed', 'recordAdoption'] },
        { target: 'objected', actions: 'recordVoteFailed' },
      ],
    },
    objected: {
      on: {
        OFFER_CONCESSION: { guard: 'concessionDue', target: 'consulting', actions: 'startRound' },
        CONSULT: { guard: 'roundLeft', target: 'consulting', actions: 'startRound' },
        CALL_VOTE: { guard: 'voteFallbackAvailable', target: 'voteCount' },
        TABLE: { guard: 'optionNotYetTabled', target: 'floor', actions: 'tableOption' },
        DEFER: 'deferred',
        CLOSE: 'noDecision',
      },
    },
    consulting: {
      on: {
        ANSWERS: { target: 'positionsStated', actions: 'recordAnswers' },
      },
    },
    adopted: { type: 'final' },
    noDecision: { type: 'final' },
    deferred: { type: 'final' },
  },
});

export type ProcedureState =
  | 'chairToMove'
  | 'floor'
  | 'positionsStated'
  | 'consensusCheck'
  | 'voteCount'
  | 'objected'
  | 'consulting'
  | 'adopted'
  | 'noDecision'
  | 'deferred';
