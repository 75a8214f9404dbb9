/**
 * The a-priori simple game of a decision rule on a body: the players are the members the rule lets decide; a
 * coalition S wins when the rule adopts the option on the tally "S votes yes, everybody else objects, nobody
 * abstains" (`wins(rule, tally)` of src/rules, the same definition the simulator uses).
 */
import { UserError } from '../../common/errors';
import { wins, type DecisionRule, type Tally, type TallyUse } from '../../rules/types';

/** A member of the body as the analysis lists it. */
export interface BodyMember {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
  /** false: listed, but has no vote under this rule (a dummy with zero power) */
  readonly votes: boolean;
  /** why a listed member has no vote */
  readonly note?: string;
  /** per rule group (rule.groups order): member of the group */
  readonly groups: readonly boolean[];
}

/** A game: the listed members, who votes, and the rule's predicate over coalition tallies. */
export interface PowerGame {
  readonly spec: string;
  readonly title: string;
  readonly uses: TallyUse;
  readonly groupIds: readonly string[];
  readonly members: readonly BodyMember[];
  readonly adopts: (tally: Tally) => boolean;
  /**
   * optional: the predicate reads the yes weight only through min(yesWeight, weightCap) (true of a quota game with
   * cap = quota); lets the exact DP stop the weight axis there
   */
  readonly weightCap?: number;
}

export function gameOfRule(rule: DecisionRule, members: readonly BodyMember[]): PowerGame {
  return { spec: rule.spec, title: rule.title, uses: rule.uses, groupIds: rule.groups, members, adopts: (t) => wins(rule, t) };
}

/** The voters of a game with their weights as exact integers: true weight = units × unit. */
export interface Electorate {
  /** indices into game.members */
  readonly index: readonly number[];
  /** integer weight units per voter (all 0 when the rule reads no weights) */
  readonly units: readonly number[];
  /** true weight of one unit (tally weights = units × unit) */
  readonly unit: { readonly mul: number; readonly div: number };
  readonly totalUnits: number;
  /** per voter: bit mask of rule groups */
  readonly masks: readonly number[];
  readonly groupSizes: readonly number[];
}

const MAX_DECIMALS = 6;
const MAX_UNITS = 2 ** 40;

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Digits after the decimal point of a double's shortest text, or undefined (exponent form, too many). */
function decimals(x: number): number | undefined {
  const text = String(x);
  if (/e/i.test(text)) return Number.isInteger(x) && x < 2 ** 53 ? 0 : undefined;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Exact integer weights. Integer weights are used as they are (divided by their greatest common divisor, which
 * leaves every comparison of weight sums unchanged because tallies still report true weights); decimal weights with
 * at most 6 digits after the point are scaled by 10^d exactly. Anything else is refused: exact power needs integers.
 */
export function electorateOf(game: PowerGame): Electorate {
  const index = game.members.flatMap((m, i) => (m.votes ? [i] : []));
  if (game.groupIds.length > 30) throw new UserError(`rule "${game.spec}" names ${game.groupIds.length} groups; the power analysis handles at most 30`);
  const masks = index.map((i) => game.members[i].groups.reduce((mask, inGroup, g) => (inGroup ? mask | (1 << g) : mask), 0));
  const groupSizes = game.groupIds.map((_, g) => masks.filter((mask) => (mask >> g) & 1).length);
  if (!game.uses.weights) {
    return { index, units: index.map(() => 0), unit: { mul: 1, div: 1 }, totalUnits: 0, masks, groupSizes };
  }
  const weights = index.map((i) => game.members[i].weight);
  let digits = 0;
  for (const [k, w] of weights.entries()) {
    const d = decimals(w);
    if (!(w >= 0) || d === undefined || d > MAX_DECIMALS) {
      const m = game.members[index[k]];
      throw new UserError(
        `participant "${m.id}" has weight ${w}: exact voting power under "${game.spec}" needs weights that are whole numbers or decimals with at most ${MAX_DECIMALS} digits after the point (scale all weights, e.g. multiply by 1000 and round)`,
      );
    }
    digits = Math.max(digits, d);
  }
  const scale = 10 ** digits;
  const scaled = weights.map((w) => Math.round(w * scale));
  const g = scaled.reduce((a, b) => gcdNumber(a, b), 0) || 1;
  const units = scaled.map((u) => u / g);
  const totalUnits = units.reduce((a, b) => a + b, 0);
  if (totalUnits > MAX_UNITS) {
    throw new UserError(`the weights under "${game.spec}" add up to ${totalUnits} units of ${g}/${scale}; exact power handles at most ${MAX_UNITS} (round the weights to fewer digits)`);
  }
  return { index, units, unit: { mul: g, div: scale }, totalUnits, masks, groupSizes };
}

/**
 * A reusable tally for coalition "yes = k voters with `units` weight units and `groupYes` per group, no = the
 * rest". Mutable on purpose (the engines fill it millions of times); rules only read it.
 */
export class CoalitionTally {
  readonly tally: {
    members: number;
    support: number;
    accept: number;
    abstain: number;
    object: number;
    yesWeight: number;
    noWeight: number;
    totalWeight: number;
    groupYes: number[];
    groupNo: number[];
    groupSize: readonly number[];
  };

  constructor(
    private readonly electorate: Electorate,
    private readonly readsWeights: boolean,
  ) {
    const n = electorate.index.length;
    const g = electorate.groupSizes.length;
    this.tally = {
      members: n,
      support: 0,
      accept: 0,
      abstain: 0,
      object: n,
      yesWeight: 0,
      noWeight: 0,
      totalWeight: readsWeights ? this.weightOf(electorate.totalUnits) : Number.NaN,
      groupYes: new Array<number>(g).fill(0),
      groupNo: [...electorate.groupSizes],
      groupSize: electorate.groupSizes,
    };
  }

  /** true weight of a number of units; exact for integer weights, correctly rounded for decimals */
  weightOf(units: number): number {
    const { mul, div } = this.electorate.unit;
    return div === 1 ? units * mul : (units * mul) / div;
  }

  /** fills the tally; `groupYes` may be omitted when the rule reads no groups */
  set(yes: number, units: number, groupYes?: ArrayLike<number>): Tally {
    const t = this.tally;
    t.support = yes;
    t.object = t.members - yes;
    if (this.readsWeights) {
      t.yesWeight = this.weightOf(units);
      t.noWeight = this.weightOf(this.electorate.totalUnits - units);
    } else {
      // never read by a rule that declares it reads no weights (the brute-force tests catch a wrong declaration)
      t.yesWeight = Number.NaN;
      t.noWeight = Number.NaN;
    }
    if (groupYes) {
      for (let g = 0; g < t.groupYes.length; g++) {
        t.groupYes[g] = groupYes[g];
        t.groupNo[g] = t.groupSize[g] - groupYes[g];
      }
    }
    return t;
  }
}
