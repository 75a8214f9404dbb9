/**
 * The chair-policy interface. Every chair — the simulated chair of the Monte Carlo (`in-order`, `reads-the-room`),
 * a trainee in the chair, any future chair — chooses among the chair events the procedure statechart accepts now
 * (computed from the compiled machine's guards; the same set as `snapshot.can()` of an XState actor), seeing the
 * floor only through a read-only view. A chair cannot make a move the procedure does not allow, and a procedural
 * rule never lives in a chair. No randomness: a policy is a deterministic function of the moves and the view.
 */
import type { ChairEvent, ProcedureContext, ProcedureState } from '../procedure/machine';
import type { Model } from '../floor/model';

/** What a chair sees: the procedure's state and context, and the floor (do not write to `stances`). */
export interface ChairView {
  /** the compiled scenario under the rule (participants' stated distributions, softening chances, options) */
  readonly model: Model;
  readonly state: ProcedureState;
  readonly context: ProcedureContext;
  /** the stances stated on the floor (member order of the model; 4 = undecided before the first tabling) */
  readonly stances: Uint8Array;
}

export interface ChairPolicy {
  /** the id used in scenarios (`procedure.chair:`) and on the command line (`--chair`) */
  readonly name: string;
  readonly description: string;
  /**
   * Picks one of `moves` — the chair events the procedure accepts now, never empty, in the order of `chairMoves`
   * (TABLE by option index first). Must return one of them (the same object). `moves` is only valid during the call.
   */
  choose(moves: readonly ChairEvent[], view: ChairView): ChairEvent;
  /**
   * Optional, for a chair that is a fixed order of preference over event types (TABLE by option index): `choose`
   * must then return the first accepted move in this order. The engine may use it to evaluate the statechart's
   * guards lazily, in this order, instead of computing the whole set first — the same choice, by the same guards
   * (test/chair/moves.test.ts checks both agree at every reachable state).
   */
  readonly preference?: readonly ChairEvent['type'][];
}
