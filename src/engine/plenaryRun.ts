/**
 * One simulated run of the Plenary: the procedure driver. The procedure statechart (compiled from its XState
 * definition) is driven by the chair (a chair policy, or the trainee's move) and by the floor (a `FloorModel`, which
 * moves the participants' stances), every random draw from the run's own generator. The narration (narrator.ts) and
 * the blocker analysis (blockers.ts) are kept apart. A `PlenaryRun` can be stepped (trainer mode, trace) or run to
 * the end.
 */
import { acceptedFromTable, candidateTable, compileMachine, firstAcceptedFromTable, type CandidateTable, send, type CompiledMachine, type Configuration } from '../procedure/interpreter';
import { chairMoves, checks, initialContext, mutators, procedureMachine, type ChairEvent, type ProcedureContext, type ProcedureEvent, type ProcedureInput, type ProcedureState } from '../procedure/machine';
import type { Stance } from '../rules/types';
import { FailedChecks } from './blockers';
import type { ChairPolicy, ChairView } from '../chair/types';
import { chairOrThrow, DEFAULT_CHAIR } from '../chair/registry';
import type { Model } from '../floor/model';
import { FloorState } from '../floor/state';
import { floorMode, type FloorModel, type StanceMove } from '../floor/types';
import { floorModelOf } from '../floor/select';
import type { Rng } from './rng';
import { tallyOf } from '../floor/tally';
import { Narrator, type RunEvent } from './narrator';
import { InstrumentFloor } from './instruments';

export type { RunEvent } from './narrator';

type Compiled = CompiledMachine<ProcedureContext, ProcedureEvent>;
/**
 * The chair events an item can ever accept: every move of `chairMoves`, less the instruments the scenario does not
 * provide (their guards are false for the whole run: DRAFT/DECLARE of an option that is not a draft or the chair's
 * action, CONVENE_FRIENDS without friends of the chair, REFER without a referral). Leaving them out keeps the accepted
 * set equal to `snapshot.can()` and spares the Monte Carlo their guards on every chair turn.
 */
function possibleMoves(p: ProcedureInput): { key: string; moves: ChairEvent[] } {
  const draft = p.draftMask ?? 0;
  const declared = p.declaredMask ?? 0;
  const friends = (p.friendsHours ?? 0) > 0;
  const referral = p.referral === true;
  const moves = chairMoves(p.options.length).filter((e) => {
    if (e.type === 'DRAFT') return (draft & (1 << e.option)) !== 0;
    if (e.type === 'DECLARE') return (declared & (1 << e.option)) !== 0;
    if (e.type === 'CONVENE_FRIENDS') return friends;
    if (e.type === 'REFER') return referral;
    return true;
  });
  return { key: `${p.options.length}|${draft}|${declared}|${friends}|${referral}`, moves };
}

/** per set of possible moves: the chair events each state of the compiled procedure has transitions for */
const candidateTables = new Map<string, CandidateTable<ProcedureContext, ChairEvent>>();
function candidatesOf(p: ProcedureInput): CandidateTable<ProcedureContext, ChairEvent> {
  const { key, moves } = possibleMoves(p);
  let table = candidateTables.get(key);
  if (table === undefined) candidateTables.set(key, (table = candidateTable<ProcedureContext, ChairEvent>(compiledProcedure() as never, moves)));
  return table;
}

/** per chair preference and set of possible moves: the candidate table in order of preference */
const preferredTables = new WeakMap<readonly ChairEvent['type'][], Map<string, CandidateTable<ProcedureContext, ChairEvent>>>();
function preferredOf(preference: readonly ChairEvent['type'][], p: ProcedureInput): CandidateTable<ProcedureContext, ChairEvent> {
  let byMoves = preferredTables.get(preference);
  if (byMoves === undefined) preferredTables.set(preference, (byMoves = new Map()));
  const { key } = possibleMoves(p);
  let table = byMoves.get(key);
  if (table === undefined) {
    const rank = (type: ChairEvent['type']) => (preference.includes(type) ? preference.indexOf(type) : preference.length);
    // a stable sort: moves of one type keep their order (TABLE by option index)
    byMoves.set(key, (table = candidatesOf(p).map((entries) => [...entries].sort((a, b) => rank(a.event.type) - rank(b.event.type)))));
  }
  return table;
}

let compiled: Compiled | undefined;
/** The procedure machine compiled once per process. */
export function compiledProcedure(): Compiled {
  compiled ??= compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, mutators as Record<string, (c: ProcedureContext, e: ProcedureEvent) => void>);
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
  /** deferred: because the time left could not hold the next step, or by the chair's choice */
  readonly deferredBy?: 'time' | 'chair';
  /** the item ended by the chair's declaration standing, or by a voluntary act */
  readonly settledBy?: 'declaration' | 'act';
}

export interface RunOptions {
  /** the chair (default: the scenario's `procedure.chair`, else in-order) */
  readonly chair?: ChairPolicy;
  /** collect narration events */
  readonly narrate?: boolean;
  /** how the participants behave (default: the model's own, `floorModelOf`) */
  readonly floor?: FloorModel;
}

const FLOOR_STATES = new Set<ProcedureState>(['floor', 'consulting', 'declared', 'friendsMeeting']);

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

export class PlenaryRun implements ChairView {
  private readonly machine = compiledProcedure();
  private readonly config: Configuration<ProcedureContext>;
  private readonly floor: FloorState;
  private readonly floorModel: FloorModel;
  private readonly failed: FailedChecks;
  private readonly narrator: Narrator | undefined;
  /** per state index: the floor answers next */
  private readonly floorState: readonly boolean[];
  private lastChairEvent: ProcedureEvent['type'] | undefined;
  private readonly chair: ChairPolicy;
  /** every chair event of this item, and the ones the procedure accepts now (a buffer reused per step) */
  private readonly candidates: CandidateTable<ProcedureContext, ChairEvent>;
  /** for a chair with a fixed preference: the candidates in that order (guards then evaluated lazily) */
  private readonly preferred: CandidateTable<ProcedureContext, ChairEvent> | undefined;
  private readonly accepted: ChairEvent[] = [];
  /** the instruments' floor work (attendance, walkouts, acts, friends, tied vetoes); undefined when the scenario uses none */
  private readonly instruments: InstrumentFloor | undefined;

  constructor(
    readonly model: Model,
    rng: Rng,
    options: RunOptions = {},
  ) {
    this.config = { state: this.machine.initial, context: initialContextOf(model) };
    this.floor = new FloorState(model, rng, floorMode(model.rule.mode));
    this.floorModel = options.floor ?? floorModelOf(model);
    this.failed = new FailedChecks(model);
    this.narrator = options.narrate === true ? new Narrator(model) : undefined;
    this.chair = options.chair ?? chairOf(model);
    this.candidates = candidatesOf(model.procedure);
    this.preferred = this.chair.preference === undefined ? undefined : preferredOf(this.chair.preference, model.procedure);
    this.floorState = this.machine.states.map((s) => FLOOR_STATES.has(s as ProcedureState));
    this.instruments = model.instruments === undefined ? undefined : new InstrumentFloor(model, model.instruments);
    if (this.instruments !== undefined) this.floor.absent = this.instruments.absent;
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
    this.instruments?.reset();
    if (this.instruments !== undefined) this.floor.absent = this.instruments.absent;
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

  /**
   * The chair events the statechart accepts now (its guards evaluated on the compiled machine; equal to
   * `snapshot.can()` of an XState actor): what any chair — simulated or a trainee — may choose from.
   */
  allowedChairMoves(): ChairEvent[] {
    return [...this.acceptedNow()];
  }

  /** the accepted chair events, in a buffer reused per step */
  private acceptedNow(): readonly ChairEvent[] {
    return acceptedFromTable(this.candidates, this.config, this.accepted);
  }

  /** The move the run's chair would make now (undefined on the floor's turn or at the end). */
  chairChoice(): ChairEvent | undefined {
    if (this.preferred !== undefined) return firstAcceptedFromTable(this.preferred, this.config);
    const moves = this.acceptedNow();
    return moves.length === 0 ? undefined : this.chair.choose(moves, this);
  }

  /**
   * One step: the floor answers (if it is the floor's turn) or the chair moves (`chairMove`, else the chair policy).
   * `seat` overrides the answers of one or more members (trainees; each applied right after the member's own draws,
   * so bloc followers follow it and the random draws stay those of the simulated run). Returns false if the chair
   * move was not allowed (or is not a chair event).
   */
  step(chairMove?: ProcedureEvent, seat?: SeatAnswer | readonly SeatAnswer[]): boolean {
    if (this.done) return false;
    if (this.floorNext) {
      this.answer(seat);
      return true;
    }
    const event = chairMove ?? this.chairChoice();
    if (event === undefined || event.type === 'ANSWERS' || event.type === 'ACT' || event.type === 'WALKOUT' || !this.send(event)) return false;
    const narrator = this.narrator;
    if (narrator !== undefined) {
      narrator.chair(event);
      if (this.context.lastCheck && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE')) narrator.check(this.context, this.floor.stances);
      if (this.done) narrator.end(this.outcome(), this.context.hours, this.result());
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
    const state = this.state;
    if (state === 'adopted') return c.adopted;
    if (state === 'deferred') return this.model.deferredOutcome;
    if (state === 'referred') return this.model.referredOutcome;
    return this.model.noDecisionOutcome;
  }

  result(): RunResult {
    const c = this.context;
    return {
      outcome: this.outcome(),
      hours: c.hours,
      rounds: c.rounds,
      decisive: this.failed.decisive(c.adopted),
      ...(this.state === 'adopted' ? { adoptedBy: c.lastCheck?.kind ?? 'consensus' } : {}),
      ...(c.deferredBy !== '' ? { deferredBy: c.deferredBy } : {}),
      ...(c.settledBy !== '' ? { settledBy: c.settledBy } : {}),
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
    const instruments = this.instruments;
    const state = this.state;
    if (state === 'floor' || state === 'declared') {
      if (instruments !== undefined) {
        const drawn = instruments.drawAttendance(floor.rng);
        if (drawn !== undefined) narrator?.instrument(drawn);
      }
      this.floorModel.table(option, floor);
      instruments?.settle(option, this.context.failedMask, floor.stances);
      narrator?.tabled(option, floor.stances);
    } else if (state === 'friendsMeeting') {
      const met = instruments?.negotiate(option, this.context.round, this.floorModel, floor, narrator !== undefined);
      instruments?.settle(option, this.context.failedMask, floor.stances);
      if (met !== undefined) narrator?.instrument(met);
    } else {
      if (instruments !== undefined) {
        const round = this.context.round;
        const left = instruments.walkouts(option, round, floor.rng);
        if (left !== undefined) {
          instruments.settle(option, this.context.failedMask, floor.stances);
          narrator?.instrument(left);
          this.send({ type: 'WALKOUT' });
        }
        const act = instruments.act(option, round, floor, narrator !== undefined);
        if (act !== undefined && act.kind === 'act') {
          narrator?.instrument(act);
          this.send({ type: 'ACT', ends: act.ends });
          if (this.done) {
            floor.seat = -1;
            floor.seats = undefined;
            narrator?.end(this.outcome(), this.context.hours, this.result());
            return;
          }
        }
      }
      const round = this.context.round;
      const concession = this.lastChairEvent === 'OFFER_CONCESSION';
      const moves: StanceMove[] | undefined = narrator !== undefined ? [] : undefined;
      floor.moves = moves;
      this.floorModel.consult(option, round, concession, floor);
      floor.moves = undefined;
      instruments?.settle(option, this.context.failedMask, floor.stances);
      if (narrator !== undefined) narrator.round(option, round, concession, moves!, floor.stances);
    }
    floor.seat = -1;
    floor.seats = undefined;
    const { voteVoting, voting } = instruments ?? model;
    const tally = tallyOf(model, floor.stances, voting);
    const voteTally = voteVoting === voting ? undefined : tallyOf(model, floor.stances, voteVoting);
    this.send(voteTally ? { type: 'ANSWERS', tally, voteTally } : { type: 'ANSWERS', tally });
    if (state === 'declared' && narrator !== undefined) {
      narrator.check(this.context, floor.stances, 'declaration');
      if (this.done) narrator.end(this.outcome(), this.context.hours, this.result());
    }
  }

  private send(event: ProcedureEvent): boolean {
    const before = this.config.state;
    const accepted = send(this.machine, this.config, event);
    if (!accepted) return false;
    if (event.type !== 'ANSWERS' && event.type !== 'ACT' && event.type !== 'WALKOUT') this.lastChairEvent = event.type;
    if (this.state === 'objected' && (event.type === 'CALL_FOR_CONSENSUS' || event.type === 'CALL_VOTE' || (event.type === 'ANSWERS' && this.machine.states[before] === 'declared'))) {
      this.failed.record(this.context.option, this.floor.stances, this.context.lastCheck?.kind === 'vote' ? 'vote' : 'consensus');
    }
    return true;
  }
}

/** The chair a scenario names (`procedure.chair`), else the default. */
export function chairOf(model: Model): ChairPolicy {
  return chairOrThrow(model.scenario.procedure.chair ?? DEFAULT_CHAIR);
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
