/**
 * The a-priori power indices from exact coalition counts (n voters, |W| winning coalitions, η_i swings of voter i,
 * N_i(k) swings at coalition size k):
 *
 * - absolute (Penrose) Banzhaf: η_i / 2^(n-1), the chance that i's vote decides when all others vote at random;
 * - normalised Banzhaf: η_i / Σ η (0 when nobody ever swings);
 * - Shapley–Shubik: Σ_k N_i(k) k! (n-1-k)! / n!, the share of orderings in which i is pivotal;
 * - Coleman preventive: η_i / |W|, the share of winning coalitions i can stop (1 for a veto player);
 * - Coleman initiative: η_i / (2^n - |W|), the share of losing coalitions i can turn into winning ones;
 * - Coleman power of the body to act: |W| / 2^n, the share of coalitions that would carry a proposal.
 *
 * An index whose reference set is empty (preventive power when nothing can pass, initiative when everything passes)
 * is reported as 0.
 */
import type { CoalitionCounts } from './counts';
import type { PowerGame } from './game';
import { ratio, ZERO, type Rational } from './rational';

export interface MemberPower {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
  /** has a vote under the rule (otherwise a dummy with zeros: excluded party, absent, non-voting) */
  readonly votes: boolean;
  readonly note?: string;
  readonly swings: bigint;
  readonly banzhafAbsolute: Rational;
  readonly banzhafNormalized: Rational;
  readonly shapleyShubik: Rational;
  readonly colemanPreventive: Rational;
  readonly colemanInitiative: Rational;
  /** every winning coalition needs this member */
  readonly veto: boolean;
  /** never decides the outcome */
  readonly dummy: boolean;
}

export interface PowerResult {
  /** rule spec, or the weighted game `[q; w1, ..., wn]` */
  readonly rule: string;
  readonly title: string;
  /** voters (the players of the game) */
  readonly voters: number;
  readonly coalitions: bigint;
  readonly winning: bigint;
  readonly powerToAct: Rational;
  readonly method: CoalitionCounts['method'];
  readonly participants: readonly MemberPower[];
}

function factorials(n: number): bigint[] {
  const f = [1n];
  for (let i = 1; i <= n; i++) f.push(f[i - 1] * BigInt(i));
  return f;
}

export function powerIndices(game: PowerGame, counts: CoalitionCounts): PowerResult {
  const { n, winning } = counts;
  const coalitions = 1n << BigInt(n);
  const losing = coalitions - winning;
  const swings = counts.swingsBySize.map((row) => row.reduce((a, b) => a + b, 0n));
  const totalSwings = swings.reduce((a, b) => a + b, 0n);
  const half = n > 0 ? 1n << BigInt(n - 1) : 1n;
  const fact = factorials(n);
  /** a voter's indices; the voters of a class share their row of counts, so each class is computed once */
  type Indices = Pick<MemberPower, 'swings' | 'banzhafAbsolute' | 'banzhafNormalized' | 'shapleyShubik' | 'colemanPreventive' | 'colemanInitiative' | 'veto' | 'dummy'>;
  const byRow = new Map<readonly bigint[], Indices>();
  const indicesOf = (i: number): Indices => {
    const row = counts.swingsBySize[i];
    let value = byRow.get(row);
    if (value === undefined) {
      const eta = swings[i];
      let ss = 0n;
      for (let k = 0; k < n; k++) if (row[k] !== 0n) ss += row[k] * fact[k] * fact[n - 1 - k];
      value = {
        swings: eta,
        banzhafAbsolute: ratio(eta, half),
        banzhafNormalized: ratio(eta, totalSwings),
        shapleyShubik: ratio(ss, fact[n]),
        colemanPreventive: ratio(eta, winning),
        colemanInitiative: ratio(eta, losing),
        veto: winning > 0n && eta === winning,
        dummy: eta === 0n,
      };
      byRow.set(row, value);
    }
    return value;
  };
  let v = 0;
  const participants = game.members.map((m): MemberPower => {
    const base = { id: m.id, name: m.name, weight: m.weight, votes: m.votes, ...(m.note !== undefined ? { note: m.note } : {}) };
    if (!m.votes) {
      return { ...base, swings: 0n, banzhafAbsolute: ZERO, banzhafNormalized: ZERO, shapleyShubik: ZERO, colemanPreventive: ZERO, colemanInitiative: ZERO, veto: false, dummy: true };
    }
    return { ...base, ...indicesOf(v++) };
  });
  return { rule: game.spec, title: game.title, voters: n, coalitions, winning, powerToAct: ratio(winning, coalitions), method: counts.method, participants };
}
