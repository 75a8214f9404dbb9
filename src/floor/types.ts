/**
 * The floor: how the participants behave while the procedure runs. The procedure statechart decides *what may
 * happen* (the chair tables, calls, consults); a floor model decides *what the members say* when an option is tabled
 * and in each consultation round. The engine drives the procedure and calls the floor model on the floor's turns.
 *
 * ## The contract of a floor model
 *
 * - **State.** The floor of a run is one shared `Uint8Array` of stance codes (`FloorRun.stances`, one per member in
 *   the compiled model's follow order: 0 support, 1 accept, 2 abstain, 3 object, and 4 undecided before the first
 *   tabling). A model changes it in place and keeps no per-run state of its own elsewhere (a model object is shared
 *   by every run of a model, in one thread, one run at a time; any per-model data is computed once, e.g. in a
 *   factory taking the compiled `Model`).
 * - **Randomness.** Every draw comes from `run.rng` (the run's seeded generator), in an order fixed by the model's
 *   code alone, never from `Math.random`/`Date.now`. The same (seed, run index) must give the same floor, whatever
 *   the worker count or shard split.
 * - **What a stance event does** is the stance statechart's business (`src/floor/stanceMachine.ts`, evaluated as the
 *   table `run.table`): a model says *which* event happens to a member (`run.move(member, event, why)`, or
 *   `run.state(member, stance)` when it states a stance at tabling), not how the stance changes. `run.move` also
 *   narrates the move when the run is narrated, so a model never narrates on its own.
 * - **The trainee's seat.** When `run.seat >= 0`, that member's stance must be `run.seatStance` after the member's
 *   own draws in `table` and in `consult` (the member's draws are still made, so the other members' draws and the
 *   bloc cues stay those of the simulated run): call `run.sit(i)` right after member i's draws.
 * - **The rule.** `run.mode` says how the rule decides: `'consensus'` (a call for consensus; consultations follow an
 *   objection), `'vote'` (the option is put to a vote at once), `'written'` (one circulation, no consultation: the
 *   procedure never calls `consult`). A model may behave differently under each (e.g. sincere voting vs. objecting).
 * - **Hot path.** `table` and `consult` run once per tabling and per round of every Monte Carlo run: no allocation
 *   per call when the run is not narrated, no closures, no XState.
 */
import type { Stance } from '../rules/types';
import type { Model } from './model';

/** A uniform draw on [0, 1) (the run's seeded generator). */
export type Uniform = () => number;

/** How the rule takes its decision, as the floor sees it. */
export type FloorMode = 'consensus' | 'vote' | 'written';

/** Why a member's stance moved in a consultation round (narrated). */
/** `stands-aside`: an objector withdraws rather than pay the cost of standing apart (spatial model); `compromise`: moves toward the weighted compromise (compromise model) */
export type MoveReason = 'soften' | 'pressure' | 'bloc' | 'concession' | 'stands-aside' | 'compromise';

/** One narrated change of stance. */
export interface StanceMove {
  readonly member: number;
  readonly from: Stance;
  readonly to: Stance;
  readonly why: MoveReason;
}

/** The floor of one run, as a floor model sees and changes it. */
export interface FloorRun {
  /** the compiled scenario under the rule: members, probabilities, pressure, concessions */
  readonly model: Model;
  /** stance code per member, changed in place by the model */
  readonly stances: Uint8Array;
  /** the run's seeded generator */
  readonly rng: Uniform;
  readonly mode: FloorMode;
  /** the stance statechart as a transition table: `table[stance * EVENT_COUNT + event]` (see stanceTable.ts) */
  readonly table: Uint8Array;
  /** member index of the trainee's seat, or -1 */
  readonly seat: number;
  /** the trainee's answer (valid when `seat >= 0`) */
  readonly seatStance: Stance;
  /** member states a stance at tabling (the STATE_<S> event of its stance machine) */
  state(member: number, stance: number): void;
  /** member's stance machine takes event `event` (a column of the table); narrated when the stance changes */
  move(member: number, event: number, why: MoveReason): void;
  /** applies the trainee's answer if `member` is the seat (call after the member's own draws) */
  sit(member: number): void;
  /**
   * 1 for members not in the room in this run (uncertain attendance, a walkout): a pressure effect whose `by` is
   * absent has no effect (its draw is still made). Undefined when everyone compiled present is there.
   */
  readonly absent?: Uint8Array;
}

/** How the participants behave on the floor. One object per compiled model, shared by its runs. */
export interface FloorModel {
  /** a short id, e.g. `ordinal` */
  readonly name: string;
  /** option `option` (index into `model.options`) is tabled: every member states a stance */
  table(option: number, run: FloorRun): void;
  /**
   * consultation round `round` (1-based) on option `option`; `concession` when the chair offered the concession
   * due in this round (`model.options[option].concessions` with `round === round`)
   */
  consult(option: number, round: number, concession: boolean, run: FloorRun): void;
}

/** The floor's view of a rule's decision mode. */
export const floorMode = (mode: string): FloorMode => (mode === 'vote' ? 'vote' : mode === 'written' ? 'written' : 'consensus');
