/**
 * One simulated run of the Plenary: the procedure driver. The procedure statechart (compiled from its XState
 * definition) is driven by the chair (a chair policy, or the trainee's move) and by the floor (a `FloorModel`, which
 * moves the participants' stances), every random draw from the run's own generator. The narration (narrator.ts) and
 * the blocker analysis (blockers.ts) are kept apart. A `PlenaryRun` can be stepped (trainer mode, trace) or run to
 * the end.
 */
import { compileMachine, send, type CompiledMachine, type Configuration } from '../procedure/interpreter';
import { chairMoves, checks, initialContext, procedureMachine, updates, type ProcedureContext, type ProcedureEvent, type ProcedureState } from '../procedure/machine';
import type { Stance } from '../rules/types';
import { FailedChecks } from './blockers';
import { simulatedChair, type ChairPolicy } from '../chair/inOrder';
import type { Model } from '../floor/model';
import { FloorState } from '../floor/state';
import { floorMode, type FloorModel, type StanceMove } from '../floor/types';
import { floorModelOf } from '../floor/select';
import type { Rng } from './rng';
import { tallyOf } from '../floor/tally';
import { Narrator, type RunEvent } from './narrator';

export type { RunEvent } from './narrator';

type Compiled = CompiledMachine<ProcedureContext, ProcedureEvent>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

const PASSED_CONSENSUS = Object.freeze({ kind: 'consensus', passed: true } as const);
const FAILED_CONSENSUS = Object.freeze({ kind: 'consensus', passed: false } as const);
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
    c.lastCheck = FAILED_CONSENSUS;
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

export interface RunOptions {
  /** replaces the simulated chair (trainer seat) */
  readonly chair?: ChairPolicy;
  /** collect narration events */
  readonly narrate?: boolean;
  /** how the participants behave (default: the model's own, `floorModelOf`) */
  readonly floor?: FloorModel;
}

const FLOOR_STATES = new Set<ProcedureState>(['floor', 'consulting']);

/** shared by narrated rounds without moves: never pushed to */
const NO_EVENTS: readonly RunEvent[] = Object.freeze([]) as readonly RunEvent[];

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

/** A trainee's answer in a member's seat. */
export interface SeatAnswer {
  readonly member: number;
  readonly stance: Stance;
}

const isSeatList = (seat: SeatAnswer | readonly SeatAnswer[]): seat is readonly SeatAnswer[] => Array.isArray(seat);

export class PlenaryRun {
  private readonly machine = compiledProcedure();
  private readonly config: Configuration<ProcedureContext>;
  private readonly floor: FloorState;
  private readonly floorModel: FloorModel;
  private readonly failed: FailedChecks;
  private readonly narrator: Narrator | undefined;
  /** per state index: the floor answers next */
  private readonly floorState: readonly boolean[];
  private lastChairEvent: ProcedureEvent['type'] | undefined;

  constructor(
    readonly model: Model,
    rng: Rng,
    private readonly options: RunOptions = {},
  ) {
    this.config = { state: this.machine.initial, context: initialContextOf(model) };
    this.floor = new FloorState(model, rng, floorMode(model.rule.mode));
    this.floorModel = options.floor ?? floorModelOf(model);
    this.failed = new FailedChecks(model);
    this.narrator = options.narrate === true ? new Narrator(model) : undefined;
    this.floorState = this.machine.states.map((s) => FLOOR_STATES.has(s as ProcedureState));
  }

  /**
   * Starts the run afresh with another generator, reusing the buffers and one context object updated in place (the
   * Monte Carlo's hot path: the run's context must not be kept across steps by the caller).
   */
  restart(rng: Rng): this {
    this.floor.reset(rng);
    this.config.state = this.machine.initial;
    if (this.config.owned !== true) {
      this.config.context = { ...initialContextOf(this.model) };
      this.config.owned = true;
    } else Object.assign(this.config.context, initialContextOf(this.model));
    this.failed.reset();
    this.lastChairEvent = undefined;
    this.narrator?.reset();
    return this;
  }

  /** the participants' stances (member order of the model), changed in place by the floor */
  get stances(): Uint8Array {
    return this.floor.stances;
  }
  /** the narration so far (empty unless the run narrates) */
  get log(): readonly RunEvent[] {
    return this.narrator?.log ?? NO_EVENTS;
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
   * `seat` overrides the answers of one or more members (trainees; each applied right after the member's own draws,
   * so bloc followers follow it and the random draws stay those of the simulated run). Returns false if the chair
   * move was not allowed.
   */
  step(chairMove?: ProcedureEvent, seat?: SeatAnswer | readonly SeatAnswer[]): boolean {
    if (this.done) return false;
    if (this.floorNext) {
      this.answer(seat);
      return true;
    }
    const policy = this.options.chair ?? simulatedChair;
    const event = chairMove ?? policy(this.state, this.context, this.model.scenario.procedure.fallbackToNextOption);
    if (!this.send(event)) return false;
    const narrator = this.narrator;
    if (narrator !== undefined) {
      narrator.chair(event);
      if (this.context.lastCheck && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE')) narrator.check(this.context, this.floor.stances);
      if (this.done) narrator.end(this.outcome(), this.context.hours);
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
    return {
      outcome: this.outcome(),
      hours: c.hours,
      rounds: c.rounds,
      decisive: this.failed.decisive(c.adopted),
      ...(this.state === 'adopted' ? { adoptedBy: c.lastCheck?.kind ?? 'consensus' } : {}),
    };
  }

  /** The floor's turn: the floor model states positions (tabling) or holds a consultation round; the tally goes to the procedure. */
  private answer(seat: SeatAnswer | readonly SeatAnswer[] | undefined): void {
    const { floor, model, narrator } = this;
    const option = this.context.option;
    if (seat !== undefined && !isSeatList(seat)) {
      floor.seat = seat.member;
      floor.seatStance = seat.stance;
    } else if (seat !== undefined) {
      const seats = new Int8Array(model.size).fill(-1);
      for (const a of seat) seats[a.member] = a.stance;
      floor.seats = seats;
    }
    if (this.state === 'floor') {
      this.floorModel.table(option, floor);
      narrator?.tabled(option, floor.stances);
    } else {
      const round = this.context.round;
      const concession = this.lastChairEvent === 'OFFER_CONCESSION';
      const moves: StanceMove[] | undefined = narrator !== undefined ? [] : undefined;
      floor.moves = moves;
      this.floorModel.consult(option, round, concession, floor);
      floor.moves = undefined;
      if (narrator !== undefined) narrator.round(option, round, concession, moves!, floor.stances);
    }
    floor.seat = -1;
    floor.seats = undefined;
    const tally = tallyOf(model, floor.stances);
    const { voteVoting, voting } = model;
    const voteTally = voteVoting === voting ? undefined : tallyOf(model, floor.stances, voteVoting);
    this.send(voteTally ? { type: 'ANSWERS', tally, voteTally } : { type: 'ANSWERS', tally });
  }

  private send(event: ProcedureEvent): boolean {
    const accepted = send(this.machine, this.config, event);
    if (!accepted) return false;
    if (event.type !== 'ANSWERS') this.lastChairEvent = event.type;
    if (this.state === 'objected' && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE')) {
      this.failed.record(this.context.option, this.floor.stances, this.context.lastCheck?.kind === 'vote' ? 'vote' : 'consensus');
    }
    return true;
  }
}

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
