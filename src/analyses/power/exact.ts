/**
 * Exact coalition counts of a game, by two methods that both read the rule only through its tally:
 *
 * - class enumeration: voters with the same (weight, groups) are interchangeable, so a coalition is described by
 *   how many voters of each class it contains; with classes of sizes m_1..m_K there are Π (m_c + 1) such profiles,
 *   each standing for Π C(m_c, j_c) coalitions (BigInt). Fast for few classes (a one-member-one-vote body of any
 *   size has a single class, or a few with groups).
 * - sums DP: the generating function of coalitions over the tally sums the rule reads (yes count, yes weight
 *   units, yes count per group), built voter by voter and counted modulo primes below 2^52; the others-than-voter
 *   function of each class is obtained by exact polynomial division by (1 + t^d), so each class costs one pass.
 *   Polynomial in n, total weight and group sizes: fast for many distinct weights. A quota game (which reads the
 *   yes weight only up to its quota, `PowerGame.weightCap`) stops the weight axis at the quota, and each row k is
 *   filled only between the weights of the k lightest and the k heaviest voters.
 *
 * The cheaper method is chosen from an estimate of its work; if both exceed the limits the analysis refuses with a
 * message saying why, instead of hanging or exhausting memory.
 */
import { UserError } from '../../common/errors';
import type { CoalitionCounts } from './counts';
import { CoalitionTally, electorateOf, type Electorate, type PowerGame } from './game';
import { Crt, mod, primesFor } from './modular';

/** Work units a method may use (one unit is about a nanosecond on a 2020s core): a few seconds at most. */
export const WORK_LIMIT = 6e9;
/** Voters beyond which exact counts (numbers of up to n bits, factorials of n) are refused. */
export const MAX_VOTERS = 5000;
/** States the sums DP may hold: two float64 tables and a verdict byte per state (one prime at a time), about 270 MB. */
export const MEMORY_LIMIT = 16e6;
/** Coalition profiles class enumeration may hold (5 bytes each). */
export const PROFILE_LIMIT = 3e7;
const WINS_COST = 60;
const BIGINT_COST = 40;

export interface VoterClass {
  /** voters (electorate positions) in the class */
  readonly voters: number[];
  readonly units: number;
  readonly mask: number;
}

export function classesOf(electorate: Electorate, trackGroups: boolean): VoterClass[] {
  const byKey = new Map<string, VoterClass>();
  electorate.units.forEach((units, v) => {
    const mask = trackGroups ? electorate.masks[v] : 0;
    const key = `${units}:${mask}`;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { voters: [], units, mask }));
    c.voters.push(v);
  });
  return [...byKey.values()];
}

export interface Plan {
  readonly method: 'class-enumeration' | 'sums-dp';
  readonly work: number;
}

interface Setup {
  readonly electorate: Electorate;
  readonly classes: VoterClass[];
  readonly trackGroups: boolean;
  readonly enumeration: { readonly profiles: number; readonly work: number };
  readonly dp: { readonly states: number; readonly primes: number; readonly work: number; readonly memory: number; readonly capUnits?: number };
}

/**
 * A game that reads yes weight only through min(yes weight, cap) (a quota game) lets the DP stop the weight axis at
 * the cap: the cap in weight units, when the game declares one and no groups are tracked.
 */
function capOf(game: PowerGame, electorate: Electorate, trackGroups: boolean): number | undefined {
  if (game.weightCap === undefined || !game.uses.weights || trackGroups) return undefined;
  const unitWeight = electorate.unit.mul / electorate.unit.div;
  const cap = Math.ceil(game.weightCap / unitWeight);
  return cap >= 0 && cap < electorate.totalUnits ? cap : undefined;
}

function setup(game: PowerGame): Setup {
  const electorate = electorateOf(game);
  const trackGroups = game.uses.groups && game.groupIds.length > 0;
  const classes = classesOf(electorate, trackGroups);
  const n = electorate.index.length;
  const K = classes.length;
  const profiles = classes.reduce((a, c) => a * (c.voters.length + 1), 1);
  // BigInt operations on numbers of up to n bits cost more as n grows
  const enumerationWork = profiles * (WINS_COST + (K + 2) * BIGINT_COST * (1 + n / 256));
  const capUnits = capOf(game, electorate, trackGroups);
  let states = (n + 1) * (game.uses.weights ? (capUnits ?? electorate.totalUnits) + 1 : 1);
  if (trackGroups) for (const size of electorate.groupSizes) states *= size + 1;
  const primes = primesFor(n + 1);
  // the capped table is only filled within each row's weight band: estimate the work on the band's area
  let filled = states;
  if (capUnits !== undefined) {
    const sorted = [...electorate.units].sort((a, b) => a - b);
    let lo = 0;
    let hi = 0;
    filled = 1;
    for (let k = 1; k <= n; k++) {
      lo = Math.min(capUnits, lo + sorted[k - 1]);
      hi = Math.min(capUnits, hi + sorted[n - k]);
      filled += hi - lo + 1;
    }
  }
  const dpWork = (n / 2 + K) * filled * primes * 3.5 + states * WINS_COST;
  return {
    electorate,
    classes,
    trackGroups,
    enumeration: { profiles, work: enumerationWork },
    dp: { states, primes, work: dpWork, memory: states, capUnits },
  };
}

/** Which method would run and its estimated work, or why none can (a message for the user). */
export function plan(game: PowerGame): Plan | string {
  const s = setup(game);
  return choose(game, s);
}

function choose(game: PowerGame, s: Setup): Plan | string {
  const voters = s.electorate.index.length;
  if (voters > MAX_VOTERS) {
    return `exact voting power under "${game.spec}" is limited to ${MAX_VOTERS} voters (coalition counts up to 2^n and factorials of n); this body has ${voters}`;
  }
  const dpFits = s.dp.work <= WORK_LIMIT && s.dp.memory <= MEMORY_LIMIT;
  const enumerationFits = s.enumeration.work <= WORK_LIMIT && s.enumeration.profiles <= PROFILE_LIMIT;
  if (enumerationFits && (!dpFits || s.enumeration.work <= s.dp.work)) return { method: 'class-enumeration', work: s.enumeration.work };
  if (dpFits) return { method: 'sums-dp', work: s.dp.work };
  const n = s.electorate.index.length;
  return (
    `exact voting power under "${game.spec}" is too large to compute here: ${n} voters in ${s.classes.length} classes of identical voters ` +
    `(${fmt(s.enumeration.profiles)} coalition profiles), or ${fmt(s.dp.states)} tally states × ${s.dp.primes} primes for the dynamic programme` +
    (game.uses.weights ? ` (total weight ${s.electorate.totalUnits} units)` : '') +
    '. Fewer distinct weights, coarser weights (e.g. rounded to whole numbers) or fewer groups make it feasible.'
  );
}

const fmt = (x: number): string => (x < 1e6 ? String(Math.round(x)) : x.toExponential(1));

/** Exact coalition counts of a game; throws a UserError when the game is too large for both exact methods. */
export function exactCounts(game: PowerGame, force?: Plan['method']): CoalitionCounts {
  const s = setup(game);
  const chosen = force ? { method: force } : choose(game, s);
  if (typeof chosen === 'string') throw new UserError(chosen);
  return chosen.method === 'class-enumeration' ? enumerateClasses(game, s) : sumsDp(game, s);
}

/** Spreads per-class results to the voters of each class. */
function perVoter(n: number, classes: readonly VoterClass[], byClass: readonly bigint[][]): bigint[][] {
  const out = new Array<bigint[]>(n);
  classes.forEach((c, k) => {
    for (const v of c.voters) out[v] = byClass[k];
  });
  return out;
}

function binomials(m: number): bigint[] {
  const row = [1n];
  for (let j = 1; j <= m; j++) row.push((row[j - 1] * BigInt(m - j + 1)) / BigInt(j));
  return row;
}

function enumerateClasses(game: PowerGame, s: Setup): CoalitionCounts {
  const { electorate, classes, trackGroups } = s;
  const n = electorate.index.length;
  const K = classes.length;
  const sizes = classes.map((c) => c.voters.length);
  const radix: number[] = [];
  let V = 1;
  for (const m of sizes) {
    radix.push(V);
    V *= m + 1;
  }
  const G = trackGroups ? electorate.groupSizes.length : 0;
  const coalition = new CoalitionTally(electorate, game.uses.weights);
  const groupYes = new Float64Array(G);
  const j = new Float64Array(K);
  const win = new Uint8Array(V);
  const kOf = new Float64Array(V);
  // pass 1: the rule's verdict on every profile (odometer order = index order)
  for (let idx = 0; idx < V; idx++) {
    let k = 0;
    let units = 0;
    groupYes.fill(0);
    for (let c = 0; c < K; c++) {
      const jc = j[c];
      k += jc;
      units += jc * classes[c].units;
      for (let g = 0; g < G; g++) if ((classes[c].mask >> g) & 1) groupYes[g] += jc;
    }
    kOf[idx] = k;
    win[idx] = game.adopts(coalition.set(k, units, trackGroups ? groupYes : undefined)) ? 1 : 0;
    for (let c = 0; c < K; c++) {
      if (j[c] < sizes[c]) {
        j[c]++;
        break;
      }
      j[c] = 0;
    }
  }
  // pass 2: counts
  const binom = sizes.map(binomials);
  const bigSizes = sizes.map(BigInt);
  const byClass = classes.map(() => new Array<bigint>(Math.max(n, 1)).fill(0n));
  let winning = 0n;
  j.fill(0);
  for (let idx = 0; idx < V; idx++) {
    let T = 1n;
    for (let c = 0; c < K; c++) T *= binom[c][j[c]];
    if (win[idx]) winning += T;
    else {
      for (let c = 0; c < K; c++) {
        if (j[c] < sizes[c] && win[idx + radix[c]]) {
          // coalitions of the voters other than one given member of class c with this profile
          byClass[c][kOf[idx]] += (T * (bigSizes[c] - BigInt(j[c]))) / bigSizes[c];
        }
      }
    }
    for (let c = 0; c < K; c++) {
      if (j[c] < sizes[c]) {
        j[c]++;
        break;
      }
      j[c] = 0;
    }
  }
  return { n, winning, swingsBySize: perVoter(n, classes, byClass), method: 'class-enumeration' };
}

function sumsDp(game: PowerGame, s: Setup): CoalitionCounts {
  const { electorate, classes, trackGroups } = s;
  const n = electorate.index.length;
  const P = s.dp.primes;
  const crt = new Crt(P);
  const G = trackGroups ? electorate.groupSizes.length : 0;
  const cap = s.dp.capUnits;
  // state x = k * R + r: k = yes count (slowest), r = yes weight units (capped at `cap` when the game allows) and
  // yes count per group
  const inner = [game.uses.weights ? (cap ?? electorate.totalUnits) + 1 : 1, ...electorate.groupSizes.slice(0, G).map((size) => size + 1)];
  const strides = new Array<number>(inner.length);
  let R = 1;
  for (let d = inner.length - 1; d >= 0; d--) {
    strides[d] = R;
    R *= inner[d];
  }
  const B = (n + 1) * R;
  const sw = game.uses.weights ? strides[0] : 0;
  const deltaOf = (c: VoterClass): number => {
    let d = R + (cap === undefined ? c.units * sw : 0);
    for (let g = 0; g < G; g++) if ((c.mask >> g) & 1) d += strides[1 + g];
    return d;
  };

  // the rule's verdict on the tally of state x
  const coalition = new CoalitionTally(electorate, game.uses.weights);
  const groupYes = new Float64Array(G);
  const wins = (x: number): boolean => {
    const k = Math.floor(x / R);
    let rest = x - k * R;
    let units = 0;
    if (game.uses.weights) {
      units = Math.floor(rest / sw);
      rest -= units * sw;
    }
    for (let g = 0; g < G; g++) {
      groupYes[g] = Math.floor(rest / strides[1 + g]);
      rest -= groupYes[g] * strides[1 + g];
    }
    return game.adopts(coalition.set(k, units, trackGroups ? groupYes : undefined));
  };

  const F = new Float64Array(B);
  const O = new Float64Array(B);
  // capped table: the weight band of each row (sum of the k lightest / k heaviest voters, capped)
  const band = { lo: new Int32Array(n + 1), hi: new Int32Array(n + 1) };
  if (cap !== undefined) {
    const sorted = [...electorate.units].sort((a, b) => a - b);
    for (let k = 1; k <= n; k++) {
      band.lo[k] = Math.min(cap, band.lo[k - 1] + sorted[k - 1]);
      band.hi[k] = Math.min(cap, band.hi[k - 1] + sorted[n - k]);
    }
  }
  const win = new Uint8Array(B);
  for (let x = 0; x < B; x++) win[x] = wins(x) ? 1 : 0;
  /** per row k: first winning and last losing inner position (bounds the swing scan of the capped table) */
  const firstWin = new Int32Array(n + 1).fill(R);
  const lastLose = new Int32Array(n + 1).fill(-1);
  for (let k = 0; k <= n; k++) {
    for (let r = 0; r < R; r++) {
      if (win[k * R + r] === 1) firstWin[k] = Math.min(firstWin[k], r);
      else lastLose[k] = r;
    }
  }
  const winning = new Float64Array(P);
  /** [class][k * P + prime] */
  const bySize = classes.map(() => new Float64Array(Math.max(n, 1) * P));
  for (let j = 0; j < P; j++) {
    const p = crt.numbers[j];
    F.fill(0);
    F[0] = 1;
    // generating function of all coalitions, voter by voter (0/1 knapsack order: sources read before written)
    let added = 0;
    let reach = 0;
    for (const c of classes) {
      const d = deltaOf(c);
      for (let r = 0; r < c.voters.length; r++) {
        if (cap === undefined) {
          for (let x = Math.min(reach, B - 1 - d); x >= 0; x--) {
            const sum = mod(F[x + d] + F[x], p);
            F[x + d] = sum;
          }
          reach += d;
        } else {
          saturatedAdd(F, p, Math.min(added, n - 1), R, cap, c.units, band.lo, band.hi);
        }
        added++;
      }
    }
    let w = 0;
    for (let x = 0; x < B; x++) {
      if (win[x] === 0) continue;
      w = mod(w + F[x], p);
    }
    winning[j] = w;
    // per class: the coalitions of the others (exact division by the class's factor), then the swings by size
    classes.forEach((c, ci) => {
      const rows = bySize[ci];
      if (cap === undefined) {
        const d = deltaOf(c);
        for (let x = 0; x < B; x++) {
          if (x < d) O[x] = F[x];
          else {
            const diff = mod(F[x] - O[x - d], p);
            O[x] = diff;
          }
        }
        for (let x = 0; x + d < B; x++) {
          if (win[x] === 1 || win[x + d] === 0 || O[x] === 0) continue;
          const at = Math.floor(x / R) * P + j;
          const sum = mod(rows[at] + O[x], p);
          rows[at] = sum;
        }
      } else {
        saturatedDivide(F, O, p, n, R, cap, c.units, band.lo, band.hi);
        const u = c.units;
        for (let k = 0; k < n; k++) {
          const base = k * R;
          const next = base + R;
          let acc = 0;
          // a swing needs a losing cell here and a winning one in the next row: scan only where both can be
          for (let r = Math.max(0, firstWin[k + 1] - u, band.lo[k]), last = Math.min(lastLose[k], band.hi[k]); r <= last; r++) {
            if (win[base + r] === 1 || win[next + (r + u < cap ? r + u : cap)] === 0) continue;
            acc = mod(acc + O[base + r], p);
          }
          rows[k * P + j] = acc;
        }
      }
    });
  }
  const byClass = bySize.map((rows) => Array.from({ length: Math.max(n, 1) }, (_, k) => crt.rebuild(rows, k * P)));
  return { n, winning: crt.rebuild(winning), swingsBySize: perVoter(n, classes, byClass), method: 'sums-dp' };
}

/**
 * Adds one voter of `u` weight units to a (count × capped weight) table: (k, w) → (k + 1, min(w + u, cap)).
 * Row k is nonzero only within [lo[k], hi[k]] (k lightest / k heaviest voters, capped), so only that band is read.
 */
function saturatedAdd(F: Float64Array, p: number, kTop: number, R: number, cap: number, u: number, lo: Int32Array, hi: Int32Array): void {
  for (let k = kTop; k >= 0; k--) {
    const base = k * R;
    const to = base + R;
    const from = lo[k];
    const top = hi[k];
    // sources at or above cap - u land in the capped cell
    const capCell = to + cap;
    let acc = F[capCell];
    for (let w = Math.max(cap - u, from); w <= top; w++) acc = mod(acc + F[base + w], p);
    F[capCell] = acc;
    for (let w = Math.min(cap - u - 1, top); w >= from; w--) F[to + w + u] = mod(F[to + w + u] + F[base + w], p);
  }
}

/** O = F / (1 + voter of u units) on the capped table, row by row from k = 0, within the bands [lo[k], hi[k]]. */
function saturatedDivide(F: Float64Array, O: Float64Array, p: number, n: number, R: number, cap: number, u: number, lo: Int32Array, hi: Int32Array): void {
  for (let w = 0; w <= cap; w++) O[w] = F[w];
  for (let k = 1; k <= n; k++) {
    const base = k * R;
    const prev = base - R;
    const pLo = lo[k - 1];
    const pHi = hi[k - 1];
    for (let w = lo[k]; w <= hi[k] && w < cap; w++) {
      const s = w - u;
      O[base + w] = s >= pLo && s <= pHi ? mod(F[base + w] - O[prev + s], p) : F[base + w];
    }
    if (hi[k] === cap) {
      let v = F[base + cap];
      for (let w = Math.max(cap - u, pLo); w <= pHi; w++) v = mod(v - O[prev + w], p);
      O[base + cap] = v;
    }
  }
}
