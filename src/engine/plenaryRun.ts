/**
 * One simulated run of the Plenary: the procedure statechart (compiled from its XState definition) driven by the
 * simulated chair and the floor, the participants' stances moved by the stance machine's transition table, every
 * random draw from the run's own generator. A `PlenaryRun` can be stepped (trainer mode, trace) or run to the end.
 */
import { compileMachine, send, type CompiledMachine, type Configuration } from '../procedure/interpreter';
import { chairMoves, checks, initialContext, procedureMachine, updates, type ProcedureContext, type ProcedureEvent, type ProcedureState } from '../procedure/machine';
import { CONCEDE_EVENT, EVENT_COUNT, FOLLOW_EVENT, PRESS_EVENT, SOFTEN_EVENT, STATE_EVENT, stanceTable, UNDECIDED } from '../floor/stanceTable';
import { ABSTAIN, OBJECT, type DecisionRule, type Stance, type Tally } from '../rules/types';
import { decisiveBlockers } from './blockers';
import { simulatedChair, type ChairPolicy } from '../chair/inOrder';
import type { Model } from '../floor/model';
import type { Rng } from './rng';
import { tallyOf } from '../floor/tally';

type Compiled = CompiledMachine<ProcedureContext, ProcedureEvent>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

const PASSED_CONSENSUS = Object.freeze({ kind: 'consensus', passed: true } as const);
const FAILED_CONSENSUS_CHECK = Object.freeze({ kind: 'consensus', passed: false } as const);
const PASSED_VOTE = Object.freeze({ kind: 'vote', passed: true } as const);
const FAILED_VOTE_CHECK = Object.freeze({ kind: 'vote', passed: false } as const);

/**
 * The procedure's context updates applied in place, for the Monte Carlo (a context owned by one run): the same
 * assignments as `updates` in machines/procedure.ts, without an object per event. test/bench/engine.test.ts checks
 * each against its pure update; an update missing here is applied in place generically (by the interpreter).
 */
export const inPlaceUpdates: Partial<Record<keyof typeof updates, (context: Writable<ProcedureContext>, event: ProcedureEvent) => void>> = {
  tableOption: (c, e) => {
    if (e.type !== 'TABLE') return;
    c.option = e.option;
    c.tabledMask = c.tabledMask | (1 << e.option);
    c.round = 0;
    c.voted = false;
    c.hours = c.hours + c.hoursToTable;
  },
  recordAnswers: (c, e) => {
    if (e.type === 'ANSWERS') {
      c.tally = e.tally;
      c.voteTally = e.voteTally;
    }
  },
  startRound: (c) => {
    c.round = c.round + 1;
    c.rounds = c.rounds + 1;
    c.hours = c.hours + c.hoursPerRound;
  },
  recordAdoption: (c) => {
    c.adopted = c.option;
  },
  recordConsensusPassed: (c) => {
    c.lastCheck = PASSED_CONSENSUS;
  },
  recordConsensusFailed: (c) => {
    c.lastCheck = FAILED_CONSENSUS_CHECK;
  },
  recordVotePassed: (c) => {
    c.voted = true;
    c.lastCheck = PASSED_VOTE;
  },
  recordVoteFailed: (c) => {
    c.voted = true;
    c.lastCheck = FAILED_VOTE_CHECK;
  },
};

let compiled: Compiled | undefined;
/** The procedure machine compiled once per process. */
export function compiledProcedure(): Compiled {
  compiled ??= compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, updates, inPlaceUpdates as Record<string, (c: ProcedureContext, e: ProcedureEvent) => void>);
  return compiled;
}

export interface RunResult {
  /** index into model.outcomes */
  readonly outcome: number;
  readonly hours: number;
  readonly rounds: number;
  /** per tabled option: decisive blockers (member indices) of its last failed check, if it was tabled and failed */
  readonly decisive: readonly (readonly number[] | undefined)[];
  /** how the adopted option passed */
  readonly adoptedBy?: 'consensus' | 'vote';
}

/** What happened in a step, for narration (trace, trainer). Only produced when asked for. */
export type RunEvent =
  | { kind: 'tabled'; option: number; stances: Uint8Array }
  | { kind: 'round'; option: number; round: number; concession: boolean; moves: readonly { member: number; from: Stance; to: Stance; why: 'soften' | 'pressure' | 'bloc' | 'concession' }[]; stances: Uint8Array }
  | { kind: 'check'; option: number; check: 'consensus' | 'vote'; passed: boolean; tally: Tally; explanation: string; objectors: readonly number[] }
  | { kind: 'chair'; event: ProcedureEvent }
  | { kind: 'end'; outcome: number; hours: number };

export interface RunOptions {
  /** replaces the simulated chair (trainer seat) */
  readonly chair?: ChairPolicy;
  /** collect narration events */
  readonly narrate?: boolean;
}

const FLOOR_STATES = new Set<ProcedureState>(['floor', 'consulting']);

type Move = { member: number; from: Stance; to: Stance; why: 'soften' | 'pressure' | 'bloc' | 'concession' };
/** shared by runs that do not narrate: never pushed to */
const NO_MOVES: Move[] = [];

/**
 * The initial procedure context of a model, built once: contexts are immutable (every update returns a new one), so
 * all runs share it. Every key is present from the start, so the updates' spreads keep one object shape.
 */
const initialContexts = new WeakMap<Model, ProcedureContext>();
function initialContextOf(model: Model): ProcedureContext {
  let context = initialContexts.get(model);
  if (context === undefined) {
    context = { ...initialContext(model.procedure), tally: undefined, lastCheck: undefined };
    initialContexts.set(model, context);
  }
  return context;
}

const NOT_FAILED = 0;
const FAILED_CONSENSUS = 1;
const FAILED_VOTE = 2;

export class PlenaryRun {
  readonly stances: Uint8Array;
  private readonly machine = compiledProcedure();
  private readonly config: Configuration<ProcedureContext>;
  private readonly table = stanceTable();
  /** per tabled option: the floor of its last failed check (valid when failedKind is not NOT_FAILED) */
  private readonly failed: Uint8Array[];
  private readonly failedKind: Uint8Array;
  /** per state index: the floor answers next */
  private readonly floorState: readonly boolean[];
  private lastChairEvent: ProcedureEvent['type'] | undefined;
  readonly log: RunEvent[] = [];

  constructor(
    readonly model: Model,
    private rng: Rng,
    private readonly options: RunOptions = {},
  ) {
    this.stances = new Uint8Array(model.size).fill(UNDECIDED);
    this.config = { state: this.machine.initial, context: initialContextOf(model) };
    this.failed = model.options.map(() => new Uint8Array(model.size));
    this.failedKind = new Uint8Array(model.options.length);
    this.floorState = this.machine.states.map((s) => FLOOR_STATES.has(s as ProcedureState));
  }

  /**
   * Starts the run afresh with another generator, reusing the buffers and one context object updated in place (the
   * Monte Carlo's hot path: the run's context must not be kept across steps by the caller).
   */
  restart(rng: Rng): this {
    this.rng = rng;
    this.stances.fill(UNDECIDED);
    this.config.state = this.machine.initial;
    if (this.config.owned !== true) {
      this.config.context = { ...initialContextOf(this.model) };
      this.config.owned = true;
    } else Object.assign(this.config.context, initialContextOf(this.model));
    this.failedKind.fill(NOT_FAILED);
    this.lastChairEvent = undefined;
    this.log.length = 0;
    return this;
  }

  get state(): ProcedureState {
    return this.machine.states[this.config.state] as ProcedureState;
  }
  get context(): ProcedureContext {
    return this.config.context;
  }
  get done(): boolean {
    return this.machine.final[this.config.state];
  }
  /** the floor answers next (no chair move is expected) */
  get floorNext(): boolean {
    return this.floorState[this.config.state];
  }

  /** Chair moves the statechart accepts now (guards evaluated), for "what can happen next". */
  allowedChairMoves(): ProcedureEvent[] {
    if (this.done || this.floorNext) return [];
    const c = this.context;
    const candidates = chairMoves(c.options.length);
    return candidates.filter((e) => {
      const ts = this.machine.on[this.config.state].get(e.type);
      return ts !== undefined && ts.some((t) => t.guard === undefined || t.guard(c, e));
    });
  }

  /**
   * One step: the floor answers (if it is the floor's turn) or the chair moves (`chairMove`, else the chair policy).
   * `seat` overrides one member's answer (applied right after the member's own draws, so bloc followers follow it
   * and the random draws stay those of the simulated run). Returns false if the chair move was not allowed.
   */
  step(chairMove?: ProcedureEvent, seat?: { member: number; stance: Stance }): boolean {
    if (this.done) return false;
    if (this.floorNext) {
      const option = this.context.option;
      const seatMember = seat ? seat.member : -1;
      const moves = this.state === 'floor' ? this.table_(option, seatMember, seat?.stance) : this.consult(option, seatMember, seat?.stance);
      const tally = tallyOf(this.model, this.stances);
      const { voteVoting, voting } = this.model;
      const voteTally = voteVoting === voting ? undefined : tallyOf(this.model, this.stances, voteVoting);
      if (this.options.narrate) this.log.push(moves);
      this.send(voteTally ? { type: 'ANSWERS', tally, voteTally } : { type: 'ANSWERS', tally });
      return true;
    }
    const policy = this.options.chair ?? simulatedChair;
    const event = chairMove ?? policy(this.state, this.context, this.model.scenario.procedure.fallbackToNextOption);
    if (!this.send(event)) return false;
    if (this.options.narrate) {
      this.log.push({ kind: 'chair', event });
      if (this.context.lastCheck && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE')) this.narrateCheck();
      if (this.done) this.log.push({ kind: 'end', outcome: this.outcome(), hours: this.context.hours });
    }
    return true;
  }

  /** Runs to a final state. */
  runToEnd(): RunResult {
    for (let guard = 0; !this.done; guard++) {
      if (guard > 100_000) throw new Error('procedure did not terminate');
      if (!this.step()) throw new Error(`the simulated chair made a move the statechart refused in state ${this.state}`);
    }
    return this.result();
  }

  outcome(): number {
    const c = this.context;
    if (this.state === 'adopted') return c.adopted;
    return this.model.options.length + (this.state === 'deferred' ? 1 : 0);
  }

  result(): RunResult {
    const c = this.context;
    const decisive = this.model.options.map((_, o) => {
      if (this.failedKind[o] === NOT_FAILED || o === c.adopted) return undefined;
      const snapshot = this.failed[o];
      const { rule, voting } = this.checkOf(this.failedKind[o] === FAILED_VOTE ? 'vote' : 'consensus');
      return decisiveBlockers(this.model, snapshot, tallyOf(this.model, snapshot, voting), rule.adopts, countsOnly(rule), voting);
    });
    return {
      outcome: this.outcome(),
      hours: c.hours,
      rounds: c.rounds,
      decisive,
      ...(this.state === 'adopted' ? { adoptedBy: c.lastCheck?.kind ?? 'consensus' } : {}),
    };
  }

  private send(event: ProcedureEvent): boolean {
    const accepted = send(this.machine, this.config, event);
    if (!accepted) return false;
    if (event.type !== 'ANSWERS') this.lastChairEvent = event.type;
    if (this.state === 'objected' && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE')) {
      const o = this.context.option;
      this.failed[o].set(this.stances);
      this.failedKind[o] = this.context.lastCheck?.kind === 'vote' ? FAILED_VOTE : FAILED_CONSENSUS;
    }
    return true;
  }

  /** The option is tabled: every member states a stance drawn from its distribution, then follows its bloc. */
  private table_(option: number, seatMember = -1, seatStance?: Stance): RunEvent {
    const { model, rng, table, stances } = this;
    const { leader, cohesion, size } = model;
    const cumulative = model.options[option].cumulative;
    for (let i = 0; i < size; i++) {
      const u = rng();
      const k = i * 4;
      const s = u < cumulative[k] ? 0 : u < cumulative[k + 1] ? 1 : u < cumulative[k + 2] ? 2 : 3;
      stances[i] = table[UNDECIDED * EVENT_COUNT + STATE_EVENT[s]];
      const l = leader[i];
      if (l >= 0 && rng() < cohesion[i]) stances[i] = table[stances[i] * EVENT_COUNT + FOLLOW_EVENT[stances[l]]];
      if (i === seatMember) stances[i] = seatStance!;
    }
    return { kind: 'tabled', option, stances: this.options.narrate ? stances.slice() : stances };
  }

  /** A consultation round: a concession if the chair offered one, then each member may soften, be pressed, follow. */
  private consult(option: number, seatMember = -1, seatStance?: Stance): RunEvent {
    const { model, rng, stances } = this;
    const { leader, cohesion, soften, size } = model;
    const narrate = this.options.narrate === true;
    const moves: Move[] = narrate ? [] : NO_MOVES;
    this.moves = moves;
    const move = this.move;
    const round = this.context.round;
    const compiledOption = model.options[option];
    const concession = this.lastChairEvent === 'OFFER_CONCESSION';
    if (concession) {
      for (const c of compiledOption.concessions) {
        if (c.round !== round) continue;
        for (const e of c.effects) if (rng() < e.probability) move(e.member, CONCEDE_EVENT[e.stance], 'concession');
      }
    }
    const pressure = compiledOption.pressure;
    for (let i = 0; i < size; i++) {
      const s = stances[i];
      if ((s === OBJECT || s === ABSTAIN) && rng() < soften[i]) move(i, SOFTEN_EVENT, 'soften');
      const effects = pressure[i];
      for (let k = 0; k < effects.length; k++) if (rng() < effects[k].probability) move(i, PRESS_EVENT[effects[k].stance], 'pressure');
      const l = leader[i];
      if (l >= 0 && rng() < cohesion[i]) move(i, FOLLOW_EVENT[stances[l]], 'bloc');
      if (i === seatMember) stances[i] = seatStance!;
    }
    return { kind: 'round', option, round, concession, moves, stances: narrate ? stances.slice() : stances };
  }

  /** the moves of the consultation round being narrated */
  private moves: Move[] = NO_MOVES;
  /** one member's stance machine takes an event (from the table); narrated when it moves */
  private readonly move = (member: number, event: number, why: Move['why']): void => {
    const from = this.stances[member] as Stance;
    const to = this.table[from * EVENT_COUNT + event] as Stance;
    if (to !== from && this.moves !== NO_MOVES) this.moves.push({ member, from, to, why });
    this.stances[member] = to;
  };

  /** The rule and electorate of a check: the rule's own, or for a vote after failed consensus its fallback's. */
  private checkOf(kind: 'consensus' | 'vote'): { rule: DecisionRule; voting: Uint8Array; byFallback: boolean } {
    const { rule } = this.model;
    const byFallback = kind === 'vote' && rule.mode !== 'vote' && rule.fallback !== undefined;
    return byFallback ? { rule: rule.fallback!, voting: this.model.voteVoting, byFallback } : { rule, voting: this.model.voting, byFallback };
  }

  private narrateCheck(): void {
    const c = this.context;
    const check = c.lastCheck!;
    const { rule, voting, byFallback } = this.checkOf(check.kind);
    const tally = byFallback ? (c.voteTally ?? c.tally!) : c.tally!;
    const objectors: number[] = [];
    for (let i = 0; i < this.model.size; i++) if (voting[i] === 1 && this.stances[i] === OBJECT) objectors.push(i);
    this.log.push({ kind: 'check', option: c.option, check: check.kind, passed: check.passed, tally, explanation: rule.explain(tally), objectors });
  }
}

/** The check reads only the counts of a tally (so every objector is alike for decisive blockers). */
const countsOnly = (rule: DecisionRule): boolean => !rule.uses.weights && !rule.uses.groups && rule.groups.length === 0;

/** One reusable run per model for `simulateRun` (synchronous, so never used by two callers at once). */
const runners = new WeakMap<Model, PlenaryRun>();

/** Runs one complete run with the simulated chair. */
export function simulateRun(model: Model, rng: Rng): RunResult {
  let runner = runners.get(model);
  if (runner === undefined) {
    runner = new PlenaryRun(model, rng);
    runners.set(model, runner);
  }
  return runner.restart(rng).runToEnd();
}


