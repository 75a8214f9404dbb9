/**
 * One simulated run of the Plenary: the procedure statechart (compiled from its XState definition) driven by the
 * simulated chair and the floor, the participants' stances moved by the stance machine's transition table, every
 * random draw from the run's own generator. A `PlenaryRun` can be stepped (trainer mode, trace) or run to the end.
 */
import { compileMachine, send, type CompiledMachine, type Configuration } from '../machines/interpreter';
import { checks, initialContext, procedureMachine, updates, type ProcedureContext, type ProcedureEvent, type ProcedureState } from '../machines/procedure';
import { CONCEDE_EVENT, FOLLOW_EVENT, nextStance, PRESS_EVENT, SOFTEN_EVENT, STATE_EVENT, stanceTable, UNDECIDED } from '../machines/stanceTable';
import { ABSTAIN, OBJECT, type Stance, type Tally } from '../rules/types';
import { decisiveBlockers } from './blockers';
import { simulatedChair, type ChairPolicy } from './chair';
import type { Model } from './model';
import type { Rng } from './rng';
import { tallyOf } from './tally';

type Compiled = CompiledMachine<ProcedureContext, ProcedureEvent>;
let compiled: Compiled | undefined;
/** The procedure machine compiled once per process. */
export function compiledProcedure(): Compiled {
  compiled ??= compileMachine<ProcedureContext, ProcedureEvent>(procedureMachine, checks, updates);
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

export class PlenaryRun {
  readonly stances: Uint8Array;
  private readonly machine = compiledProcedure();
  private readonly config: Configuration<ProcedureContext>;
  private readonly table = stanceTable();
  private readonly failed: (Uint8Array | undefined)[];
  private readonly failedKind: ('consensus' | 'vote')[];
  private lastChairEvent: ProcedureEvent['type'] | undefined;
  readonly log: RunEvent[] = [];

  constructor(
    readonly model: Model,
    private readonly rng: Rng,
    private readonly options: RunOptions = {},
  ) {
    this.stances = new Uint8Array(model.size).fill(UNDECIDED);
    this.config = { state: this.machine.initial, context: initialContext(model.procedure) };
    this.failed = model.options.map(() => undefined);
    this.failedKind = model.options.map(() => 'consensus');
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
    return FLOOR_STATES.has(this.state);
  }

  /** Chair moves the statechart accepts now (guards evaluated), for "what can happen next". */
  allowedChairMoves(): ProcedureEvent[] {
    if (this.done || this.floorNext) return [];
    const c = this.context;
    const candidates: ProcedureEvent[] = [
      ...c.options.map((_, option) => ({ type: 'TABLE', option }) as ProcedureEvent),
      { type: 'CALL_FOR_CONSENSUS' },
      { type: 'CALL_VOTE' },
      { type: 'CONSULT' },
      { type: 'OFFER_CONCESSION' },
      { type: 'DEFER' },
      { type: 'CLOSE' },
    ];
    return candidates.filter((e) => {
      const ts = this.machine.on[this.config.state].get(e.type);
      return ts !== undefined && ts.some((t) => t.guard === undefined || t.guard(c, e));
    });
  }

  /**
   * One step: the floor answers (if it is the floor's turn) or the chair moves (`chairMove`, else the chair policy).
   * `seat` overrides one member's answer. Returns false if the chair move was not allowed.
   */
  step(chairMove?: ProcedureEvent, seat?: { member: number; stance: Stance }): boolean {
    if (this.done) return false;
    if (this.floorNext) {
      const option = this.context.option;
      const moves = this.state === 'floor' ? this.table_(option) : this.consult(option);
      if (seat) this.stances[seat.member] = seat.stance;
      const tally = tallyOf(this.model, this.stances);
      if (this.options.narrate) this.log.push(moves);
      this.send({ type: 'ANSWERS', tally });
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
      const snapshot = this.failed[o];
      if (!snapshot || o === c.adopted) return undefined;
      const rule = this.model.rule;
      const passes = this.failedKind[o] === 'vote' && rule.mode !== 'vote' && rule.fallback ? rule.fallback.adopts : rule.adopts;
      return decisiveBlockers(this.model, snapshot, tallyOf(this.model, snapshot), passes);
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
      this.failed[o] = (this.failed[o] ?? new Uint8Array(this.model.size));
      this.failed[o]!.set(this.stances);
      this.failedKind[o] = this.context.lastCheck?.kind ?? 'consensus';
    }
    return true;
  }

  /** The option is tabled: every member states a stance drawn from its distribution, then follows its bloc. */
  private table_(option: number): RunEvent {
    const { model, rng, table, stances } = this;
    const cumulative = model.options[option].cumulative;
    for (let i = 0; i < model.size; i++) {
      const u = rng();
      const k = i * 4;
      const s = u < cumulative[k] ? 0 : u < cumulative[k + 1] ? 1 : u < cumulative[k + 2] ? 2 : 3;
      stances[i] = nextStance(table, UNDECIDED, STATE_EVENT[s]);
      const l = model.leader[i];
      if (l >= 0 && rng() < model.cohesion[i]) stances[i] = nextStance(table, stances[i], FOLLOW_EVENT[stances[l]]);
    }
    return { kind: 'tabled', option, stances: this.options.narrate ? stances.slice() : stances };
  }

  /** A consultation round: a concession if the chair offered one, then each member may soften, be pressed, follow. */
  private consult(option: number): RunEvent {
    const { model, rng, table, stances } = this;
    const narrate = this.options.narrate === true;
    const moves: { member: number; from: Stance; to: Stance; why: 'soften' | 'pressure' | 'bloc' | 'concession' }[] = [];
    const move = (member: number, event: number, why: 'soften' | 'pressure' | 'bloc' | 'concession') => {
      const from = stances[member] as Stance;
      const to = nextStance(table, from, event);
      if (narrate && to !== from) moves.push({ member, from, to, why });
      stances[member] = to;
    };
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
    for (let i = 0; i < model.size; i++) {
      const s = stances[i];
      if ((s === OBJECT || s === ABSTAIN) && rng() < model.soften[i]) move(i, SOFTEN_EVENT, 'soften');
      const effects = pressure[i];
      for (let k = 0; k < effects.length; k++) if (rng() < effects[k].probability) move(i, PRESS_EVENT[effects[k].stance], 'pressure');
      const l = model.leader[i];
      if (l >= 0 && rng() < model.cohesion[i]) move(i, FOLLOW_EVENT[stances[l]], 'bloc');
    }
    return { kind: 'round', option, round, concession, moves, stances: narrate ? stances.slice() : stances };
  }

  private narrateCheck(): void {
    const c = this.context;
    const tally = c.tally!;
    const check = c.lastCheck!;
    const rule = check.kind === 'vote' && this.model.rule.mode !== 'vote' && this.model.rule.fallback ? this.model.rule.fallback : this.model.rule;
    const objectors: number[] = [];
    for (let i = 0; i < this.model.size; i++) if (this.model.voting[i] === 1 && this.stances[i] === OBJECT) objectors.push(i);
    this.log.push({ kind: 'check', option: c.option, check: check.kind, passed: check.passed, tally, explanation: rule.explain(tally), objectors });
  }
}

/** Runs one complete run with the simulated chair. */
export function simulateRun(model: Model, rng: Rng): RunResult {
  return new PlenaryRun(model, rng).runToEnd();
}


