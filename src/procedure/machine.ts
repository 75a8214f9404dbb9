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
  // ---- instruments (issue 13); every one optional, its default leaves the procedure as it was ----
  /** bit i set when option i is a text the chair drafts during the item (DRAFT), not one tabled in order (default 0) */
  readonly draftMask?: number;
  /** bit i set when option i is the chair's action: declared, it stands unless a participant objects (DECLARE) (default 0) */
  readonly declaredMask?: number;
  /** the chair may refer the item to an intersessional meeting or a written procedure (REFER) (default false) */
  readonly referral?: boolean;
  /** hours a meeting of the friends of the chair takes; 0: no friends of the chair (default 0) */
  readonly friendsHours?: number;
  /** present deciding participants a check needs (0: no quorum) (default 0) */
  readonly quorum?: number;
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
  /** bit i set when the friends of the chair met on option i */
  readonly friendsMask: number;
  /** bit i set when a check on option i failed (a candidacy that failed releases the vetoes tied to it) */
  readonly failedMask: number;
  /** why the item was deferred: the time left could not hold the next step, or the chair chose to ('' if not deferred) */
  readonly deferredBy: '' | 'time' | 'chair';
  /** how the item ended other than by a check: the chair's declaration stood, or the subject's voluntary act ('' otherwise) */
  readonly settledBy: '' | 'declaration' | 'act';
  /** the last check failed for want of a quorum */
  readonly quorumFailed: boolean;
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
  | { type: 'CLOSE' }
  // ---- instruments (issue 13) ----
  | { type: 'DRAFT'; option: number }
  | { type: 'DECLARE'; option: number }
  | { type: 'CONVENE_FRIENDS' }
  | { type: 'REFER' }
  /** the floor: a voluntary act (of the subject, or another party): `ends` >= 0 the item ends with that outcome adopted, -1 it ends with no decision, -2 the act changes the item and it goes on */
  | { type: 'ACT'; ends: number }
  /** the floor: participants or observers walk out (the engine takes them off the floor) */
  | { type: 'WALKOUT' };

/** Events that come from the floor, not the chair. */
export type FloorEvent = Extract<ProcedureEvent, { type: 'ANSWERS' | 'ACT' | 'WALKOUT' }>;
export type ChairEvent = Exclude<ProcedureEvent, FloorEvent>;

/** `ACT.ends`: the act ends the item with no decision; the act changes the item, which goes on. */
export const ACT_ENDS_ITEM = -1;
export const ACT_CHANGES_ITEM = -2;

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
  ...Array.from({ length: options }, (_, option): ChairEvent => ({ type: 'DRAFT', option })),
  ...Array.from({ length: options }, (_, option): ChairEvent => ({ type: 'DECLARE', option })),
  { type: 'CONVENE_FRIENDS' },
  { type: 'REFER' },
];

export const initialContext = (input: ProcedureInput): ProcedureContext => ({
  ...input,
  nextOptionAfterFailure: input.nextOptionAfterFailure ?? true,
  sessionHours: input.sessionHours ?? input.itemBudgetHours,
  draftMask: input.draftMask ?? 0,
  declaredMask: input.declaredMask ?? 0,
  referral: input.referral ?? false,
  friendsHours: input.friendsHours ?? 0,
  quorum: input.quorum ?? 0,
  friendsMask: 0,
  failedMask: 0,
  deferredBy: '',
  settledBy: '',
  quorumFailed: false,
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
/** option `option` is on the list, not yet on the floor, and tabling it fits in the time left */
const canBring = (c: ProcedureContext, option: number): boolean =>
  option >= 0 && option < c.options.length && (c.tabledMask & (1 << option)) === 0 && fits(c, c.hoursToTable);
const optionNotYetTabled = (c: ProcedureContext, e: ProcedureEvent): boolean =>
  e.type === 'TABLE' && canBring(c, e.option) && ((c.draftMask | c.declaredMask) & (1 << e.option)) === 0;
/** a drafted text not yet brought (the chair drafts it on the floor) */
const draftAvailable = (c: ProcedureContext, e: ProcedureEvent): boolean =>
  e.type === 'DRAFT' && (c.draftMask & (1 << e.option)) !== 0 && canBring(c, e.option) && !outOfTime(c);
/** the chair's action not yet declared */
const declarationAvailable = (c: ProcedureContext, e: ProcedureEvent): boolean =>
  e.type === 'DECLARE' && (c.declaredMask & (1 << e.option)) !== 0 && canBring(c, e.option) && !outOfTime(c);
/** the friends of the chair can meet on the option on the floor: never under a written procedure, once per option, in the time left */
const friendsAvailable = (c: ProcedureContext): boolean =>
  c.friendsHours > 0 && c.option >= 0 && c.rule.mode !== 'written' && (c.friendsMask & (1 << c.option)) === 0 && fits(c, c.friendsHours);
/** the check's electorate is below the quorum */
const quorumLacking = (c: ProcedureContext): boolean => c.quorum > 0 && c.tally !== undefined && c.tally.members < c.quorum;
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
    if (e.type !== 'TABLE' && e.type !== 'DRAFT' && e.type !== 'DECLARE') return;
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
    c.quorumFailed = false;
    c.lastCheck = PASSED_CONSENSUS;
  },
  recordConsensusFailed: (c) => {
    c.quorumFailed = false;
    c.lastCheck = FAILED_CONSENSUS;
    c.failedMask = c.failedMask | (1 << c.option);
  },
  recordVotePassed: (c) => {
    c.quorumFailed = false;
    c.voted = true;
    c.lastCheck = PASSED_VOTE;
  },
  recordVoteFailed: (c) => {
    c.quorumFailed = false;
    c.voted = true;
    c.lastCheck = FAILED_VOTE;
    c.failedMask = c.failedMask | (1 << c.option);
  },
  recordNoQuorum: (c) => {
    c.lastCheck = FAILED_CONSENSUS;
    c.quorumFailed = true;
    c.failedMask = c.failedMask | (1 << c.option);
  },
  recordDeclarationStood: (c) => {
    c.quorumFailed = false;
    c.lastCheck = PASSED_CONSENSUS;
    c.settledBy = 'declaration';
  },
  recordDeferral: (c) => {
    c.deferredBy = outOfTime(c) ? 'time' : 'chair';
  },
  conveneFriends: (c) => {
    c.friendsMask = c.friendsMask | (1 << c.option);
    c.hours = c.hours + c.friendsHours;
  },
  recordAct: (c, e) => {
    if (e.type !== 'ACT') return;
    c.settledBy = 'act';
    if (e.ends >= 0) c.adopted = e.ends;
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
  draftAvailable,
  declarationAvailable,
  friendsAvailable: (c) => friendsAvailable(c),
  referralAvailable: (c) => c.referral,
  quorumLacking: (c) => quorumLacking(c),
  nobodyObjects: (c) => c.tally !== undefined && c.tally.object === 0,
  actAdopts: (_c, e) => e.type === 'ACT' && e.ends >= 0,
  actEndsItem: (_c, e) => e.type === 'ACT' && e.ends === ACT_ENDS_ITEM,
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
    recordNoQuorum: named('recordNoQuorum'),
    recordDeclarationStood: named('recordDeclarationStood'),
    recordDeferral: named('recordDeferral'),
    conveneFriends: named('conveneFriends'),
    recordAct: named('recordAct'),
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
    draftAvailable: guard('draftAvailable'),
    declarationAvailable: guard('declarationAvailable'),
    friendsAvailable: guard('friendsAvailable'),
    referralAvailable: guard('referralAvailable'),
    quorumLacking: guard('quorumLacking'),
    nobodyObjects: guard('nobodyObjects'),
    actAdopts: guard('actAdopts'),
    actEndsItem: guard('actEndsItem'),
  },
}).createMachine({
  id: 'procedure',
  context: ({ input }) => initialContext(input),
  initial: 'chairToMove',
  states: {
    chairToMove: {
      on: {
        TABLE: { guard: 'optionNotYetTabled', target: 'floor', actions: 'tableOption' },
        DRAFT: { guard: 'draftAvailable', target: 'floor', actions: 'tableOption' },
        DECLARE: { guard: 'declarationAvailable', target: 'declared', actions: 'tableOption' },
        EXTEND: { guard: 'extensionAvailable', actions: 'extendItem' },
        REFER: { guard: 'referralAvailable', target: 'referred' },
        DEFER: { target: 'deferred', actions: 'recordDeferral' },
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
        DEFER: { target: 'deferred', actions: 'recordDeferral' },
      },
    },
    consensusCheck: {
      always: [
        { guard: 'quorumLacking', target: 'objected', actions: 'recordNoQuorum' },
        { guard: 'ruleAdopts', target: 'adopted', actions: ['recordConsensusPassed', 'recordAdoption'] },
        { target: 'objected', actions: 'recordConsensusFailed' },
      ],
    },
    voteCount: {
      always: [
        { guard: 'quorumLacking', target: 'objected', actions: 'recordNoQuorum' },
        { guard: 'voteAdopts', target: 'adopted', actions: ['recordVotePassed', 'recordAdoption'] },
        { target: 'objected', actions: 'recordVoteFailed' },
      ],
    },
    declared: {
      on: {
        ANSWERS: { target: 'declarationCheck', actions: 'recordAnswers' },
      },
    },
    declarationCheck: {
      always: [
        { guard: 'quorumLacking', target: 'objected', actions: 'recordNoQuorum' },
        { guard: 'nobodyObjects', target: 'adopted', actions: ['recordDeclarationStood', 'recordAdoption'] },
        { target: 'objected', actions: 'recordConsensusFailed' },
      ],
    },
    objected: {
      on: {
        OFFER_CONCESSION: { guard: 'concessionDue', target: 'consulting', actions: 'startRound' },
        CONSULT: { guard: 'roundLeft', target: 'consulting', actions: 'startRound' },
        CALL_VOTE: { guard: 'voteFallbackAvailable', target: 'voteCount' },
        CONVENE_FRIENDS: { guard: 'friendsAvailable', target: 'friendsMeeting', actions: 'conveneFriends' },
        TABLE: { guard: 'nextOptionMayBeTabled', target: 'floor', actions: 'tableOption' },
        DRAFT: { guard: 'draftAvailable', target: 'floor', actions: 'tableOption' },
        DECLARE: { guard: 'declarationAvailable', target: 'declared', actions: 'tableOption' },
        EXTEND: { guard: 'extensionAvailable', actions: 'extendItem' },
        REFER: { guard: 'referralAvailable', target: 'referred' },
        DEFER: { target: 'deferred', actions: 'recordDeferral' },
        CLOSE: { guard: 'timeLeftForNextStep', target: 'noDecision' },
      },
    },
    consulting: {
      on: {
        ANSWERS: { target: 'positionsStated', actions: 'recordAnswers' },
        ACT: [
          { guard: 'actAdopts', target: 'adopted', actions: 'recordAct' },
          { guard: 'actEndsItem', target: 'noDecision', actions: 'recordAct' },
          // the act changed the item (the engine moved the stances): the consultation round goes on
          {},
        ],
        // who walked out is off the floor (the engine's presence masks); the round goes on
        WALKOUT: {},
      },
    },
    friendsMeeting: {
      on: {
        ANSWERS: { target: 'positionsStated', actions: 'recordAnswers' },
      },
    },
    adopted: { type: 'final' },
    noDecision: { type: 'final' },
    deferred: { type: 'final' },
    referred: { type: 'final' },
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
  | 'declared'
  | 'declarationCheck'
  | 'friendsMeeting'
  | 'adopted'
  | 'noDecision'
  | 'deferred'
  | 'referred';
