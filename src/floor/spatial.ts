/**
 * The spatial floor model with a costly veto (`spatial`). Participants placed on the issue dimensions state the
 * stance their position implies (src/floor/utility.ts; a stance stated in the file for that option overrides it);
 * the others draw theirs from their stance distribution, read as their initial inclination. Bloc cues, softening,
 * observer pressure and concessions work as in the ordinal model (src/floor/ordinal.ts), except that a placed member's
 * objection does not soften by flexibility: it stands or falls by its loss against the cost. What the rule changes
 * (src/floor/regime.ts):
 * - under consensus, after the floor states its positions and after every consultation round, each objector weighs
 *   its objection against the cost of standing apart (src/floor/costlyVeto.ts): the cost grows as fewer others
 *   object and shrinks with salience, so the last holdouts stand aside (SOFTEN: object → abstain) unless the item
 *   is vital to them;
 * - under a written procedure the same weighing happens once, when the text circulates (silence is consent);
 * - under a vote nobody pays to vote no: each votes its utility and abstains when indifferent.
 * The model says which stance event happens; the stance statechart says what it does.
 */
import { ABSTAIN, OBJECT } from '../rules/types';
import { foldChance, keepsObjection, standingApartCost } from './costlyVeto';
import type { Model } from './model';
import { ordinalFloor } from './ordinal';
import { compilePositions, drawIdealPoints, gainOf, type CompiledPositions } from './positions';
import { CONCEDE_EVENT, FOLLOW_EVENT, PRESS_EVENT, SOFTEN_EVENT, UNDECIDED } from './stanceTable';
import type { FloorModel, FloorRun } from './types';
import { stanceOfGain } from './utility';

/** What the spatial and compromise models know of a compiled model, computed once per model. */
export interface SpatialData {
  readonly positions: CompiledPositions | undefined;
  /** per member: the item's salience to it (0..1) */
  readonly salience: Float64Array;
  /** per member: salience × weight, its pull on the floor's compromise */
  readonly pull: Float64Array;
  readonly vetoCost: number;
  readonly indifference: number;
  readonly convergence: number;
}

const spatialData = new WeakMap<Model, SpatialData>();

export function spatialDataOf(model: Model): SpatialData {
  let data = spatialData.get(model);
  if (data === undefined) {
    const { scenario } = model;
    const byId = new Map(scenario.participants.map((p) => [p.id, p]));
    const salience = Float64Array.from(model.ids, (id) => byId.get(id)!.salience);
    const pull = Float64Array.from(model.ids, (id, i) => (model.voting[i] === 1 ? byId.get(id)!.salience * byId.get(id)!.weight : 0));
    data = {
      positions: compilePositions(scenario, model.ids, model.options.map((o) => o.id), model.voting),
      salience,
      pull,
      vetoCost: scenario.model.vetoCost,
      indifference: scenario.model.indifference,
      convergence: scenario.model.convergence,
    };
    spatialData.set(model, data);
  }
  return data;
}

/** Per run: the members' ideal points, drawn at the run's first tabling. Keyed by the run's floor. */
const idealPoints = new WeakMap<FloorRun, Float64Array>();

/** This run's ideal points (drawn when the run's first option is tabled, i.e. while every member is undecided). */
export function idealPointsOf(run: FloorRun, positions: CompiledPositions): Float64Array {
  let ideal = idealPoints.get(run);
  if (ideal === undefined || ideal.length !== positions.placed.length * positions.d) {
    ideal = new Float64Array(positions.placed.length * positions.d);
    idealPoints.set(run, ideal);
  }
  if (run.stances[0] === UNDECIDED) drawIdealPoints(positions, run.rng, ideal);
  return ideal;
}

/**
 * The option is tabled: members placed on its dimensions state the stance their (this run's) ideal point implies,
 * the others draw from their distributions; then bloc cues. Same draw order as the ordinal model for members
 * without positions. Returns this run's ideal points (undefined without positions).
 */
export function tableBySpatialStances(option: number, run: FloorRun, data: SpatialData): Float64Array | undefined {
  const positions = data.positions;
  if (positions === undefined) {
    ordinalFloor.table(option, run);
    return undefined;
  }
  const ideal = idealPointsOf(run, positions);
  const { model, rng, stances } = run;
  const { leader, cohesion, size } = model;
  const cumulative = model.options[option].cumulative;
  const uses = positions.usesPosition[option];
  const text = positions.optionPosition[option];
  for (let i = 0; i < size; i++) {
    const u = rng();
    if (uses[i] === 1) run.state(i, stanceOfGain(gainOf(positions, ideal, i, text), data.indifference));
    else {
      const k = i * 4;
      run.state(i, u < cumulative[k] ? 0 : u < cumulative[k + 1] ? 1 : u < cumulative[k + 2] ? 2 : 3);
    }
    const l = leader[i];
    if (l >= 0 && rng() < cohesion[i]) run.move(i, FOLLOW_EVENT[stances[l]], 'bloc');
    run.sit(i);
  }
  return ideal;
}

/**
 * Every objector weighs its objection against the cost of standing apart, in member order, the count of other
 * objectors updated as members stand aside. Only deciding members' objections block, so only theirs are weighed.
 */
export function weighObjections(option: number, run: FloorRun, data: SpatialData, ideal: Float64Array | undefined): void {
  const { model, stances, rng } = run;
  const { voting, size } = model;
  let objecting = 0;
  for (let i = 0; i < size; i++) if (voting[i] === 1 && stances[i] === OBJECT) objecting++;
  const positions = data.positions;
  const uses = positions?.usesPosition[option];
  const text = positions?.optionPosition[option];
  for (let i = 0; i < size && objecting > 0; i++) {
    if (voting[i] === 0 || stances[i] !== OBJECT || i === run.seat) continue;
    const cost = standingApartCost(data.vetoCost, data.salience[i], objecting - 1);
    const folds =
      uses !== undefined && uses[i] === 1 && ideal !== undefined
        ? !keepsObjection(-gainOf(positions!, ideal, i, text!), cost)
        : rng() < foldChance(cost);
    if (folds) {
      run.move(i, SOFTEN_EVENT, 'stands-aside');
      objecting--;
    }
  }
}

/** This run's ideal points when the model has positions and the run has tabled an option. */
function idealOf(run: FloorRun, data: SpatialData): Float64Array | undefined {
  return data.positions === undefined ? undefined : idealPoints.get(run);
}

/**
 * A consultation round as in the ordinal model (concession, softening, pressure, bloc cues, same draws), except that
 * a member whose stance on this option follows from its position does not soften an objection by flexibility: its
 * objection stands or falls by its loss against the cost of standing apart (`weighObjections`).
 */
export function consultSpatially(option: number, round: number, concession: boolean, run: FloorRun, data: SpatialData): void {
  const uses = data.positions?.usesPosition[option];
  if (uses === undefined) {
    ordinalFloor.consult(option, round, concession, run);
    return;
  }
  const { model, rng, stances } = run;
  const { leader, cohesion, soften, size } = model;
  const compiledOption = model.options[option];
  if (concession) {
    for (const c of compiledOption.concessions) {
      if (c.round !== round) continue;
      for (const e of c.effects) if (rng() < e.probability) run.move(e.member, CONCEDE_EVENT[e.stance], 'concession');
    }
  }
  const pressure = compiledOption.pressure;
  for (let i = 0; i < size; i++) {
    const s = stances[i];
    if ((s === OBJECT || s === ABSTAIN) && rng() < soften[i] && !(s === OBJECT && uses[i] === 1)) run.move(i, SOFTEN_EVENT, 'soften');
    const effects = pressure[i];
    for (let k = 0; k < effects.length; k++) if (rng() < effects[k].probability) run.move(i, PRESS_EVENT[effects[k].stance], 'pressure');
    const l = leader[i];
    if (l >= 0 && rng() < cohesion[i]) run.move(i, FOLLOW_EVENT[stances[l]], 'bloc');
    run.sit(i);
  }
}

export function spatialFloor(model: Model): FloorModel {
  const data = spatialDataOf(model);
  return {
    name: 'spatial',
    table(option, run) {
      const ideal = tableBySpatialStances(option, run, data);
      if (run.mode !== 'vote') weighObjections(option, run, data, ideal);
    },
    consult(option, round, concession, run) {
      consultSpatially(option, round, concession, run, data);
      if (run.mode !== 'vote') weighObjections(option, run, data, idealOf(run, data));
    },
  };
}
