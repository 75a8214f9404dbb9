/**
 * The floor of one run: the stances, the run's generator, the trainee's seat, and the moves of a narrated round.
 * It implements `FloorRun` for the floor models (src/floor/types.ts); the engine owns one per run and reuses it.
 */
import type { Stance } from '../rules/types';
import type { Model } from './model';
import { EVENT_COUNT, STATE_EVENT, stanceTable, UNDECIDED } from './stanceTable';
import type { FloorMode, FloorRun, MoveReason, StanceMove, Uniform } from './types';

export class FloorState implements FloorRun {
  readonly stances: Uint8Array;
  readonly table = stanceTable();
  seat = -1;
  seatStance: Stance = 0;
  /** several trainees' seats (hot-seat, a room): per member its answer, or -1; undefined when at most one seat */
  seats: Int8Array | undefined = undefined;
  /** when set, the moves of the round being narrated are pushed here */
  moves: StanceMove[] | undefined = undefined;
  /** 1 for members not in the room this run (attendance drawn, walked out): their pressure stops; undefined: all as compiled */
  absent: Uint8Array | undefined = undefined;

  constructor(
    readonly model: Model,
    public rng: Uniform,
    readonly mode: FloorMode,
  ) {
    this.stances = new Uint8Array(model.size).fill(UNDECIDED);
  }

  /** A new run: every member undecided, no seat, no narration. */
  reset(rng: Uniform): void {
    this.rng = rng;
    this.stances.fill(UNDECIDED);
    this.seat = -1;
    this.seats = undefined;
    this.moves = undefined;
  }

  state(member: number, stance: number): void {
    this.stances[member] = this.table[this.stances[member] * EVENT_COUNT + STATE_EVENT[stance]];
  }

  move(member: number, event: number, why: MoveReason): void {
    const from = this.stances[member] as Stance;
    const to = this.table[from * EVENT_COUNT + event] as Stance;
    if (to !== from && this.moves !== undefined) this.moves.push({ member, from, to, why });
    this.stances[member] = to;
  }

  sit(member: number): void {
    if (member === this.seat) this.stances[member] = this.seatStance;
    else if (this.seats !== undefined && this.seats[member] >= 0) this.stances[member] = this.seats[member];
  }
}
