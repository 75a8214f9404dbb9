/**
 * The instruments' work on the floor's turns (issue 13), kept out of the run driver: who attends (drawn per run),
 * walkouts, voluntary acts, the friends of the chair's negotiation and vetoes tied to a candidacy. The statechart
 * decides what may happen (DRAFT, DECLARE, CONVENE_FRIENDS, REFER; the floor's ACT and WALKOUT events); this file
 * draws what the floor does, from the run's own generator, only for scenarios that use an instrument (a scenario
 * without one never gets here, so its draws and results are unchanged).
 */
import type { CompiledAct, CompiledInstruments, Model } from '../floor/model';
import type { FloorState } from '../floor/state';
import { CONCEDE_EVENT, UNDECIDED } from '../floor/stanceTable';
import type { FloorModel, StanceMove } from '../floor/types';
import { OBJECT } from '../rules/types';

/** What the instruments did in a step, for the narration. */
export type InstrumentEvent =
  | { kind: 'attendance'; absent: readonly number[] }
  | { kind: 'walkout'; members: readonly number[] }
  | { kind: 'act'; act: number; ends: number; moves: readonly StanceMove[] }
  | { kind: 'friends'; members: readonly number[]; rounds: number; moves: readonly StanceMove[]; stances: Uint8Array };

/** Per-run state of the instruments: presence masks, acts and walkouts already taken. */
export class InstrumentFloor {
  /** 1 for members not in the room (absent by the attendance draw, or walked out) */
  readonly absent: Uint8Array;
  /** the rule's electorate and the fallback vote's, net of who is absent */
  readonly voting: Uint8Array;
  readonly voteVoting: Uint8Array;
  /** 1 for each act and walkout already taken this run (flags, not a bit mask: the format allows up to 50 of each) */
  private readonly actsTaken: Uint8Array;
  private readonly walkoutsTaken: Uint8Array;
  private attendanceDrawn = false;
  private readonly saved: Uint8Array;

  constructor(
    private readonly model: Model,
    private readonly instruments: CompiledInstruments,
  ) {
    this.absent = new Uint8Array(model.size);
    this.voting = model.voting.slice();
    this.voteVoting = model.voteVoting === model.voting ? this.voting : model.voteVoting.slice();
    this.saved = new Uint8Array(model.size);
    this.actsTaken = new Uint8Array(instruments.acts.length);
    this.walkoutsTaken = new Uint8Array(instruments.walkouts.length);
  }

  reset(): void {
    this.absent.fill(0);
    this.voting.set(this.model.voting);
    if (this.voteVoting !== this.voting) this.voteVoting.set(this.model.voteVoting);
    this.actsTaken.fill(0);
    this.walkoutsTaken.fill(0);
    this.attendanceDrawn = false;
  }

  private leave(m: number): void {
    this.absent[m] = 1;
    this.voting[m] = 0;
    this.voteVoting[m] = 0;
  }

  /** Before the first tabling: who of the uncertain attends ("39 of 51, unknown which"). */
  drawAttendance(rng: () => number): InstrumentEvent | undefined {
    const a = this.instruments.attendance;
    if (a === undefined || this.attendanceDrawn) return undefined;
    this.attendanceDrawn = true;
    const among = a.among;
    const absent: number[] = [];
    if (a.count !== undefined) {
      // a uniformly random subset of `count` attendees: partial Fisher-Yates over a copy of the list
      const order = [...among];
      const attend = Math.min(a.count, order.length);
      for (let k = 0; k < attend; k++) {
        const j = k + Math.floor(rng() * (order.length - k));
        const t = order[k];
        order[k] = order[j];
        order[j] = t;
      }
      for (let k = attend; k < order.length; k++) absent.push(order[k]);
    } else {
      const p = a.probability ?? 1;
      for (const m of among) if (!(rng() < p)) absent.push(m);
    }
    absent.sort((x, y) => x - y);
    for (const m of absent) this.leave(m);
    return { kind: 'attendance', absent };
  }

  /** In a consultation round on `option`: the walkouts of this round (each drawn once per run, in its round). */
  walkouts(option: number, round: number, rng: () => number): InstrumentEvent | undefined {
    const list = this.instruments.walkouts;
    let left: number[] | undefined;
    for (let k = 0; k < list.length; k++) {
      const w = list[k];
      if (this.walkoutsTaken[k] === 1 || round !== w.round || (w.option !== -1 && w.option !== option)) continue;
      this.walkoutsTaken[k] = 1;
      if (!(rng() < w.probability)) continue;
      for (const m of w.members) {
        if (this.absent[m] === 1) continue;
        this.leave(m);
        (left ??= []).push(m);
      }
    }
    return left === undefined ? undefined : { kind: 'walkout', members: left };
  }

  /**
   * In a consultation round on `option`: the first voluntary act that happens now (each once per run). An act that
   * changes the item moves the stances it names (as a concession does).
   */
  act(option: number, round: number, floor: FloorState, narrated: boolean): InstrumentEvent | undefined {
    const acts = this.instruments.acts;
    for (let k = 0; k < acts.length; k++) {
      const a: CompiledAct = acts[k];
      if (this.actsTaken[k] === 1 || round < a.fromRound || (a.option !== -1 && a.option !== option) || (a.by >= 0 && this.absent[a.by] === 1)) continue;
      if (!(floor.rng() < a.probability)) continue;
      this.actsTaken[k] = 1;
      const moves: StanceMove[] = [];
      floor.moves = narrated ? moves : undefined;
      for (const e of a.effects) if (floor.rng() < e.probability) floor.move(e.member, CONCEDE_EVENT[e.stance], 'concession');
      floor.moves = undefined;
      return { kind: 'act', act: k, ends: a.ends, moves };
    }
    return undefined;
  }

  /**
   * The friends of the chair negotiate the option on the floor: `rounds` consultation rounds in which only the
   * group's members move (the floor model's own round; the others' stances are kept as they were, their draws still
   * made so the run's draw order is fixed). Then the plenary is asked again.
   */
  negotiate(option: number, round: number, floorModel: FloorModel, floor: FloorState, narrated: boolean): InstrumentEvent | undefined {
    const friends = this.instruments.friends;
    if (friends === undefined) return undefined;
    const group = friends.members;
    const stances = floor.stances;
    const moves: StanceMove[] = [];
    for (let r = 0; r < friends.rounds; r++) {
      this.saved.set(stances);
      floor.moves = narrated ? [] : undefined;
      floorModel.consult(option, round, false, floor);
      if (floor.moves !== undefined) for (const m of floor.moves) if (group[m.member] === 1) moves.push(m);
      floor.moves = undefined;
      for (let i = 0; i < stances.length; i++) if (group[i] === 0) stances[i] = this.saved[i];
    }
    const members: number[] = [];
    for (let i = 0; i < group.length; i++) if (group[i] === 1 && this.absent[i] === 0) members.push(i);
    return { kind: 'friends', members, rounds: friends.rounds, moves, stances: stances.slice() };
  }

  /**
   * After every floor step: nobody absent states a stance (they are off the floor), and a candidate whose veto is
   * tied to its own candidacy objects to every rival while its candidacy stands (its option not yet failed).
   */
  settle(option: number, failedMask: number, stances: Uint8Array): void {
    const model = this.model;
    for (let i = 0; i < stances.length; i++) if (this.absent[i] === 1) stances[i] = UNDECIDED;
    if (!this.instruments.tiedVetoes) return;
    const options = model.options;
    for (let k = 0; k < options.length; k++) {
      const m = options[k].vetoingCandidate;
      if (m < 0 || k === option || (failedMask & (1 << k)) !== 0 || this.absent[m] === 1) continue;
      stances[m] = OBJECT;
    }
  }
}
