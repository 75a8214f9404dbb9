/**
 * Streaming aggregation of runs: integer counts and histograms only, so memory is flat in the number of runs and
 * merging parts (workers, shards) in any order gives exactly the same numbers.
 */
import type { Model } from '../floor/model';
import type { RunResult } from './plenaryRun';

/** Hours are recorded in thousandths of an hour, as integers. */
const MILLI = 1000;

export interface Tallies {
  runs: number;
  /** first run index and one past the last, for shard bookkeeping */
  from: number;
  to: number;
  /** per outcome (model.outcomes order) */
  outcomes: number[];
  /** per member (model.ids order): runs in which the member was a decisive blocker of some option */
  decisiveAny: number[];
  /** per tabled option, per member: runs in which the member was a decisive blocker of that option */
  decisive: number[][];
  /** per tabled option: runs in which it was adopted by a vote (rather than by consensus) */
  adoptedByVote: number[];
  /** milli-hours → runs */
  hours: Record<string, number>;
  /** rounds → runs */
  rounds: Record<string, number>;
}

export function emptyTallies(model: Pick<Model, 'outcomes' | 'size' | 'options'>, from = 0): Tallies {
  return {
    runs: 0,
    from,
    to: from,
    outcomes: model.outcomes.map(() => 0),
    decisiveAny: new Array<number>(model.size).fill(0),
    decisive: model.options.map(() => new Array<number>(model.size).fill(0)),
    adoptedByVote: model.options.map(() => 0),
    hours: {},
    rounds: {},
  };
}

const bump = (h: Record<string, number>, key: number) => {
  const k = String(key);
  h[k] = (h[k] ?? 0) + 1;
};

export function addRun(t: Tallies, r: RunResult, runIndex: number): void {
  t.runs++;
  t.to = Math.max(t.to, runIndex + 1);
  t.outcomes[r.outcome]++;
  if (r.adoptedBy === 'vote') t.adoptedByVote[r.outcome]++;
  bump(t.hours, Math.round(r.hours * MILLI));
  bump(t.rounds, r.rounds);
  // a member decisive on several options counts once in decisiveAny: marked with this call's stamp (no Set per run)
  let stamp = 0;
  for (let o = 0; o < r.decisive.length; o++) {
    const list = r.decisive[o];
    if (!list || list.length === 0) continue;
    if (stamp === 0) stamp = nextStamp(t.decisiveAny.length);
    const row = t.decisive[o];
    for (let k = 0; k < list.length; k++) {
      const m = list[k];
      row[m]++;
      if (seen[m] !== stamp) {
        seen[m] = stamp;
        t.decisiveAny[m]++;
      }
    }
  }
}

let seen = new Int32Array(0);
let lastStamp = 0;
function nextStamp(size: number): number {
  if (seen.length < size || lastStamp >= 0x7fffffff) {
    seen = new Int32Array(Math.max(size, seen.length));
    lastStamp = 0;
  }
  return ++lastStamp;
}

const mergeHist = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return sortHist(out);
};

export const sortHist = (h: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(h).sort((x, y) => Number(x[0]) - Number(y[0])));

export function mergeTallies(a: Tallies, b: Tallies): Tallies {
  const sum = (x: number[], y: number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return {
    runs: a.runs + b.runs,
    from: Math.min(a.from, b.from),
    to: Math.max(a.to, b.to),
    outcomes: sum(a.outcomes, b.outcomes),
    decisiveAny: sum(a.decisiveAny, b.decisiveAny),
    decisive: a.decisive.map((row, o) => sum(row, b.decisive[o])),
    adoptedByVote: sum(a.adoptedByVote, b.adoptedByVote),
    hours: mergeHist(a.hours, b.hours),
    rounds: mergeHist(a.rounds, b.rounds),
  };
}

/** Histogram entries as [value, count], value in natural units, sorted. */
export function histogram(h: Record<string, number>, scale = 1): [number, number][] {
  return Object.entries(h)
    .map(([k, v]) => [Number(k) / scale, v] as [number, number])
    .sort((x, y) => x[0] - y[0]);
}

export const HOURS_SCALE = MILLI;
