/**
 * The Plenary procedure for one agenda item, as a statechart: the one executable source of procedure. The simulated
 * chair, a trainee in the chair and the Monte Carlo all choose among the events this machine accepts now.
 *
 * The chair tables an option, the floor states positions, the chair calls for consensus (or a vote, or circulates a
 * written procedure, as the rule says); objections lead to consultation rounds, a concession, the rule's fallback
 * vote, the next option, a deferral or closing the item. The item ends adopted(option), with no decision (the
 * status quo stands) or deferred.
 *
 * Procedural rules, each a named guard:
 * - a written procedure is one circulation: no consultation rounds and no concession after an objection
 *   (`consultationsOpen`);
 * - the item's time budget bounds every step; when the time left cannot hold the procedure's next step (a round
 *   while rounds are left, else the fallback vote, else the next option) the item can only be deferred, or
 *   extended while session time remains (`outOfTime`, `extensionAvailable`);
 * - which rule and electorate decide a check: the rule's own for a call for consensus, the fallback vote's for a
 *   vote after failed consensus (`checkPasses` in check.ts);
 * - the fallback vote is taken at most once per option (`voteFallbackAvailable`);
 * - after a failed option the next one is tabled only if the scenario's procedure says so (`nextOptionAfterFailure`).
 *
 * Three layers: pure helpers (context updates, written once as in-place mutators, and guard predicates, shared with
 * the compiled interpreter used by the Monte Carlo), `setup()` naming them, `createMachine()` only referring to
 * names. Data enters through `input`. No randomness here: the floor's answers arrive as events.
 *
 * Termination: TABLE needs an option not yet tabled, CONSULT/OFFER_CONCESSION need a round left on the option,
 * CALL_VOTE in `objected` needs a vote not yet taken on the option, EXTEND needs session time beyond the item's
 * budget (and raises the budget), every other event moves toward a final state. So every path is finite (checked
 * over the statechart's paths in test/robustness/termination.test.ts).
 */
import { assign, setup } from 'xstate';
import type { DecisionRule, Tally } from '../rules/types';
import { checkPasses, type CheckKind } from './check';
import { copying } from './interpreter';

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
  /** after an option fails, the chair may table the next one (default true) */
  readonly nextOptionAfterFailure?: boolean;
  /** the session's hours: the item's budget can be extended up to them (default: the item's budget, no extension) */
  readonly sessionHours?: number;
}

export interface ProcedureContext extends Required<ProcedureInput> {
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
  readonly lastCheck?: { readonly kind: CheckKind; readonly passed: boolean };
}

export type ProcedureEvent =
  | { type: 'TABLE'; option: number }
  | { type: 'ANSWERS'; tally: Tally; voteTally?: Tally }
  | { type: 'CALL_FOR_CONSENSUS' }
  | { type: 'CALL_VOTE' }
  | { type: 'CONSULT' }
  | { type: 'OFFER_CONCESSION' }
  | { type: 'EXTEND' }
  | { type: 'DEFER' }
  | { type: 'CLOSE' };

export type ChairEvent = Exclude<ProcedureEvent, { type: 'ANSWERS' }>;

/** Every move the chair can make on an item with `options` tabled options (the statechart says which are allowed now). */
export const chairMoves = (options: number): ChairEvent[] => [
  ...Array.from({ length: options }, (_, option): ChairEvent => ({ type: 'TABLE', option })),
  { type: 'CALL_FOR_CONSENSUS' },
  { type: 'CALL_VOTE' },
  { type: 'CONSULT' },
  { type: 'OFFER_CONCESSION' },
  { type: 'EXTEND' },
  { type: 'DEFER' },
  { type: 'CLOSE' },
];

export const initialContext = (input: ProcedureInput): ProcedureContext => ({
  ...input,
  nextOptionAfterFailure: input.nextOptionAfterFailure ?? true,
  sessionHours: input.sessionHours ?? input.itemBudgetHours,
  option: -1,
  tabledMask: 0,
  round: 0,
  rounds: 0,
  hours: 0,
  voted: false,
  adopted: -1,
});

type Writable<T> = { -readonly [K in keyof T]: T[K] };
/** A context update applied in place (to a context owned by one run). */
export type Mutator = (context: Writable<ProcedureContext>, event: ProcedureEvent) => void;
type Update = (context: ProcedureContext, event: ProcedureEvent) => ProcedureContext;
type Check = (context: ProcedureContext, event: ProcedureEvent) => boolean;

const fits = (c: ProcedureContext, hours: number): boolean => c.hours + hours <= c.itemBudgetHours + 1e-9;
const untabled = (c: ProcedureContext): boolean => c.tabledMask !== (1 << c.options.length) - 1;
/** consultation rounds can still be held on the option on the floor (never under a written procedure) */
const consultationsOpen = (c: ProcedureContext): boolean => c.rule.mode !== 'written' && c.round < c.maxRoundsPerOption;
const votePending = (c: ProcedureContext): boolean => c.rule.fallback !== undefined && !c.voted;
/**
 * The time left cannot hold the procedure's next step: before any tabling, tabling an option; after an objection, a
 * round while rounds are left, else (no vote pending) tabling the next option when one may be tabled.
 */
const outOfTime = (c: ProcedureContext): boolean => {
  if (c.option < 0) return untabled(c) && !fits(c, c.hoursToTable);
  if (consultationsOpen(c)) return !fits(c, c.hoursPerRound);
  if (votePending(c)) return false;
  return c.nextOptionAfterFailure && untabled(c) && !fits(c, c.hoursToTable);
};
const optionNotYetTabled = (c: ProcedureContext, e: ProcedureEvent): boolean =>
  e.type === 'TABLE' && e.option >= 0 && e.option < c.options.length && (c.tabledMask & (1 << e.option)) === 0 && fits(c, c.hoursToTable);
/** hours one extension adds to the item: one more step of the procedure */
const extension = (c: ProcedureContext): number => Math.max(c.hoursPerRound, c.hoursToTable);

const PASSED_CONSENSUS = Object.freeze({ kind: 'consensus', passed: true } as const);
const FAILED_CONSENSUS = Object.freeze({ kind: 'consensus', passed: false } as const);
const PASSED_VOTE = Object.freeze({ kind: 'vote', passed: true } as const);
const FAILED_VOTE = Object.freeze({ kind: 'vote', passed: false } as const);

/**
 * Context updates, by name, written once as in-place mutators. The pure updates (what XState's `assign` and an
 * unowned configuration use) are derived from them by copying the context first, so both cannot drift apart.
 */
const mutatorImpl = {
  tableOption: (c, e) => {
    if (e.type !== 'TABLE') return;
    c.option = e.option;
    c.tabledMask = c.tabledMask | (1 << e.option);
    c.round = 0;
    c.voted = false;
    c.hours = c.hours + c.hoursToTable;
  },
  recordAnswers: (c, e) => {
    if (e.type !== 'ANSWERS') return;
    c.tally = e.tally;
    c.voteTally = e.voteTally;
  },
  startRound: (c) => {
    c.round = c.round + 1;
    c.rounds = c.rounds + 1;
    c.hours = c.hours + c.hoursPerRound;
  },
  extendItem: (c) => {
    c.itemBudgetHours = Math.min(c.sessionHours, c.itemBudgetHours + extension(c));
  },
  recordAdoption: (c) => {
    c.adopted = c.option;
  },
  recordConsensusPassed: (c) => {
    c.lastCheck = PASSED_CONSENSUS;
  },
  recordConsensusFailed: (c) => {
    c.lastCheck = FAILED_CONSENSUS;
  },
  recordVotePassed: (c) => {
    c.voted = true;
    c.lastCheck = PASSED_VOTE;
  },
  recordVoteFailed: (c) => {
    c.voted = true;
    c.lastCheck = FAILED_VOTE;
  },
} satisfies Record<string, Mutator>;
export const mutators: Record<keyof typeof mutatorImpl, Mutator> = mutatorImpl;

/** The same updates, pure (on a copy of the context): what XState's `assign` runs. */
export const updates = Object.fromEntries(Object.entries(mutators).map(([name, m]) => [name, copying(m as (c: ProcedureContext, e: ProcedureEvent) => void)])) as Record<keyof typeof mutatorImpl, Update>;

/** Guard predicates, by name. Rules are pure functions; these are one-line wrappers. */
const checkImpl = {
  optionNotYetTabled,
  nextOptionMayBeTabled: (c, e) => c.nextOptionAfterFailure && optionNotYetTabled(c, e) && !outOfTime(c),
  ruleAdopts: (c) => c.tally !== undefined && checkPasses(c.rule, 'consensus', c.tally),
  voteAdopts: (c) => c.tally !== undefined && checkPasses(c.rule, 'vote', c.tally, c.voteTally),
  ruleCallsForConsensus: (c) => c.rule.mode !== 'vote',
  ruleCallsForVote: (c) => c.rule.mode === 'vote',
  voteFallbackAvailable: (c) => votePending(c) && !outOfTime(c),
  roundLeft: (c) => consultationsOpen(c) && fits(c, c.hoursPerRound),
  concessionDue: (c) => c.option >= 0 && consultationsOpen(c) && fits(c, c.hoursPerRound) && (c.concessionRounds[c.option] ?? []).includes(c.round + 1),
  extensionAvailable: (c) => outOfTime(c) && c.itemBudgetHours + 1e-9 < c.sessionHours,
  timeLeftForNextStep: (c) => !outOfTime(c),
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
    extendItem: named('extendItem'),
    recordAdoption: named('recordAdoption'),
    recordConsensusPassed: named('recordConsensusPassed'),
    recordConsensusFailed: named('recordConsensusFailed'),
    recordVotePassed: named('recordVotePassed'),
    recordVoteFailed: named('recordVoteFailed'),
  },
  guards: {
    optionNotYetTabled: guard('optionNotYetTabled'),
    nextOptionMayBeTabled: guard('nextOptionMayBeTabled'),
    ruleAdopts: guard('ruleAdopts'),
    voteAdopts: guard('voteAdopts'),
    ruleCallsForConsensus: guard('ruleCallsForConsensus'),
    ruleCallsForVote: guard('ruleCallsForVote'),
    voteFallbackAvailable: guard('voteFallbackAvailable'),
    roundLeft: guard('roundLeft'),
    concessionDue: guard('concessionDue'),
    extensionAvailable: guard('extensionAvailable'),
    timeLeftForNextStep: guard('timeLeftForNextStep'),
  },
}).createMachine({
  id: 'procedure',
  context: ({ input }) => initialContext(input),
  initial: 'chairToMove',
  states: {
    chairToMove: {
      on: {
        TABLE: { guard: 'optionNotYetTabled', target: 'floor', actions: 'tableOption' },
        EXTEND: { guard: 'extensionAvailable', actions: 'extendItem' },
        DEFER: 'deferred',
        CLOSE: { guard: 'timeLeftForNextStep', target: 'noDecision' },
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
        TABLE: { guard: 'nextOptionMayBeTabled', target: 'floor', actions: 'tableOption' },
        EXTEND: { guard: 'extensionAvailable', actions: 'extendItem' },
        DEFER: 'deferred',
        CLOSE: { guard: 'timeLeftForNextStep', target: 'noDecision' },
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
