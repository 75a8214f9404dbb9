/**
 * Positions on issue dimensions, compiled for the Monte Carlo (KTAB / DEU form: per participant and dimension a
 * position, a salience and a clout, each on 0..100; per option a position; the status quo is the reversion point).
 *
 * A participant weighs a text against the reversion point. Its gain from text y over status quo q is
 *
 *     gain = Σ_d w_d (|x_d − q_d| − |x_d − y_d|) / 100,   w_d = salience_d / Σ salience   (over its dimensions)
 *
 * in −1..1: the salience-weighted share of the scale by which the text is closer to what it wants (city-block
 * utility, as in the DEU models). Its ideal point x is drawn once per run around its stated position (normal,
 * `positionNoise` points), so its stances on every option follow from the same draw: related options get correlated
 * stances. Pure: no randomness here beyond the generator passed in.
 */
import type { Scenario } from '../scenario/types';
/** a uniform generator on [0, 1), injected (the run's own) */
type Rng = () => number;

export interface CompiledPositions {
  /** dimensions in use (placed by some tabled option) */
  readonly dimensions: readonly string[];
  /** D = dimensions.length */
  readonly d: number;
  /** per member (follow order) × dimension: stated position, NaN when not placed */
  readonly position: Float64Array;
  /** per member × dimension: weight w_d (salience normalized over the member's placed dimensions), 0 when not placed */
  readonly weight: Float64Array;
  /** per member × dimension: salience × clout, for the compromise (0 when not placed or not deciding) */
  readonly pull: Float64Array;
  /** status quo (reversion point) per dimension */
  readonly statusQuo: Float64Array;
  /** per tabled option: its position per dimension (the status quo's where it is not placed) */
  readonly optionPosition: readonly Float64Array[];
  /** per tabled option, per member: 1 when the member's stance follows from its position (placed, and no stance stated) */
  readonly usesPosition: readonly Uint8Array[];
  /** 1 when the member is placed on some dimension in use */
  readonly placed: Uint8Array;
  /** spread of the ideal point around the stated position, 0..100 scale */
  readonly noise: number;
}

/**
 * Compiles the positions of `members` (ids in follow order) on the dimensions where tabled options are placed;
 * undefined when no tabled option is placed anywhere (the scenario has no spatial content).
 */
export function compilePositions(scenario: Scenario, ids: readonly string[], tabledIds: readonly string[], deciding: Uint8Array): CompiledPositions | undefined {
  const tabled = tabledIds.map((id) => scenario.options.find((o) => o.id === id)!);
  const dimensions = scenario.dimensions.map((x) => x.id).filter((dim) => tabled.some((o) => o.positions[dim] !== undefined));
  if (dimensions.length === 0) return undefined;
  const d = dimensions.length;
  const size = ids.length;
  const byId = new Map(scenario.participants.map((p) => [p.id, p]));
  const sq = scenario.options.find((o) => o.id === scenario.statusQuo)!;
  const statusQuo = Float64Array.from(dimensions, (dim) => sq.positions[dim] ?? 50);
  const position = new Float64Array(size * d).fill(Number.NaN);
  const weight = new Float64Array(size * d);
  const pull = new Float64Array(size * d);
  const placed = new Uint8Array(size);
  ids.forEach((id, i) => {
    const p = byId.get(id)!;
    const on = dimensions.filter((dim) => p.positions[dim] !== undefined);
    if (on.length === 0) return;
    placed[i] = 1;
    const total = on.reduce((sum, dim) => sum + p.positions[dim].salience, 0);
    dimensions.forEach((dim, k) => {
      const at = p.positions[dim];
      if (at === undefined) return;
      position[i * d + k] = at.position;
      weight[i * d + k] = total > 0 ? at.salience / total : 1 / on.length;
      pull[i * d + k] = deciding[i] === 1 ? at.salience * at.clout : 0;
    });
  });
  const optionPosition = tabled.map((o) => Float64Array.from(dimensions, (dim, k) => o.positions[dim] ?? statusQuo[k]));
  const usesPosition = tabled.map((o) => {
    const mask = new Uint8Array(size);
    const onOption = dimensions.filter((dim) => o.positions[dim] !== undefined);
    ids.forEach((id, i) => {
      const p = byId.get(id)!;
      if (!p.statedStances.includes(o.id) && onOption.some((dim) => p.positions[dim] !== undefined)) mask[i] = 1;
    });
    return mask;
  });
  return { dimensions, d, position, weight, pull, statusQuo, optionPosition, usesPosition, placed, noise: scenario.model.positionNoise };
}

/** One standard normal draw (Box–Muller, two uniforms). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws this run's ideal points into `ideal` (member × dimension): the stated position plus noise, kept on 0..100. */
export function drawIdealPoints(positions: CompiledPositions, rng: Rng, ideal: Float64Array): void {
  const { position, noise, placed, d } = positions;
  for (let i = 0; i < placed.length; i++) {
    if (placed[i] === 0) continue;
    for (let k = 0; k < d; k++) {
      const x = position[i * d + k];
      if (Number.isNaN(x)) continue;
      const drawn = noise > 0 ? x + noise * normal(rng) : x;
      ideal[i * d + k] = drawn < 0 ? 0 : drawn > 100 ? 100 : drawn;
    }
  }
}

/** The member's gain from `text` over the status quo, −1..1 (see the file comment). */
export function gainOf(positions: CompiledPositions, ideal: Float64Array, member: number, text: Float64Array): number {
  const { weight, statusQuo, d } = positions;
  let gain = 0;
  for (let k = 0; k < d; k++) {
    const w = weight[member * d + k];
    if (w === 0) continue;
    const x = ideal[member * d + k];
    gain += w * (Math.abs(x - statusQuo[k]) - Math.abs(x - text[k]));
  }
  return gain / 100;
}

/**
 * The compromise: per dimension, the salience × clout weighted mean of the positions (the DEU "compromise model",
 * Achen 2006; van den Bos 1991). `ideal` gives the positions (stated or this run's); NaN where nobody is placed.
 */
export function compromisePoint(positions: CompiledPositions, ideal: Float64Array, out: Float64Array = new Float64Array(positions.d)): Float64Array {
  const { pull, d, placed } = positions;
  for (let k = 0; k < d; k++) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < placed.length; i++) {
      const w = pull[i * d + k];
      if (w === 0) continue;
      sum += w * ideal[i * d + k];
      total += w;
    }
    out[k] = total > 0 ? sum / total : Number.NaN;
  }
  return out;
}
