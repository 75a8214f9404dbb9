/**
 * The plain-loop reference: the same behavioural model as the engine (src/engine/plenaryRun.ts), written by hand as one
 * loop with no XState, no compiled interpreter, no stance table, no event objects and no per-step allocation.
 * Same chair policy, same random draws in the same order, same float additions in the same order, so it gives the
 * same tallies for the same seed (test/bench/reference.test.ts checks this on several scenarios and rules).
 *
 * It is what a hand-written Monte Carlo of this model can do on this machine: the practical limit that
 * `npm run bench` compares the engine against. It shares only data with the engine: the compiled `Model`
 * (flat arrays of the scenario), the rules' predicates, `runRng` and the `Tallies` shape.
 */
import { emptyTallies, type Tallies } from '../src/engine/accumulator';
import type { Model } from '../src/floor/model';
import { runRng, type Rng } from '../src/engine/rng';
import type { DecisionRule, Tally } from '../src/rules/types';

const ACCEPT = 1;
const ABSTAIN = 2;
const OBJECT = 3;

type Scratch = {
  -readonly [K in keyof Tally]: Tally[K] extends readonly number[] ? number[] : Tally[K];
};

/** Model data flattened for the loop (once per model). */
interface Prepared {
  readonly model: Model;
  readonly n: number;
  readonly optionCount: number;
  /** per option: concession rounds, and per concession its effects as flat (round, member, stance, p) rows */
  readonly concessionRounds: readonly (readonly number[])[];
  readonly concessionEffects: readonly Float64Array[];
  /** per option: pressure as CSR (start offsets per member; stance and probability per effect) */
  readonly pressureStart: readonly Int32Array[];
  readonly pressureStance: readonly Uint8Array[];
  readonly pressureP: readonly Float64Array[];
  readonly countsOnly: boolean;
  readonly fallbackCountsOnly: boolean;
}

function prepare(model: Model): Prepared {
  const countsOnly = (r: DecisionRule | undefined) => r !== undefined && !r.uses.weights && !r.uses.groups && r.groups.length === 0;
  return {
    model,
    n: model.size,
    optionCount: model.options.length,
    concessionRounds: model.procedure.concessionRounds,
    concessionEffects: model.options.map((o) => {
      const rows: number[] = [];
      for (const c of o.concessions) for (const e of c.effects) rows.push(c.round, e.member, e.stance, e.probability);
      return Float64Array.from(rows);
    }),
    pressureStart: model.options.map((o) => {
      const start = new Int32Array(model.size + 1);
      for (let i = 0; i < model.size; i++) start[i + 1] = start[i] + o.pressure[i].length;
      return start;
    }),
    pressureStance: model.options.map((o) => Uint8Array.from(o.pressure.flat().map((e) => e.stance))),
    pressureP: model.options.map((o) => Float64Array.from(o.pressure.flat().map((e) => e.probability))),
    countsOnly: countsOnly(model.rule),
    fallbackCountsOnly: countsOnly(model.rule.fallback),
  };
}

const NOT_FAILED = 0;
const FAILED_CONSENSUS = 1;
const FAILED_VOTE = 2;

/**
 * What a floor model adds to the ordinal loop, written by hand in its own file (bench/spatialReference.ts):
 * called on the stances after the floor states them at tabling and after every consultation round, unless the rule
 * votes at once. The ordinal model adds nothing.
 */
export interface ReferenceFloor {
  weigh?(stances: Uint8Array, rng: Rng): void;
}

/** Runs [from, to) of a job, like `runRange` in src/engine/job.ts (the kernel) (the ordinal floor model, unless `floor` adds to it). */
export function referenceRange(model: Model, seed: string, from: number, to: number, floor: ReferenceFloor = {}): Tallies {
  const weigh = model.rule.mode === 'vote' ? undefined : floor.weigh;
  const p = prepare(model);
  const { n, optionCount } = p;
  const rule = model.rule;
  const proc = model.procedure;
  const budget = proc.itemBudgetHours + 1e-9;
  const { hoursToTable, hoursPerRound, maxRoundsPerOption: maxRounds } = proc;
  const fallbackToNext = model.scenario.procedure.fallbackToNextOption;
  const voteMode = rule.mode === 'vote';
  const consults = rule.mode !== 'written';
  const g = model.groups.length;
  const { voting, voteVoting, weight, groups, leader, cohesion, soften } = model;
  const stances = new Uint8Array(n);
  const failed = new Uint8Array(optionCount);
  const snapshots = model.options.map(() => new Uint8Array(n));
  const t: Scratch = { members: 0, support: 0, accept: 0, abstain: 0, object: 0, yesWeight: 0, noWeight: 0, totalWeight: 0, groupYes: new Array<number>(g).fill(0), groupNo: new Array<number>(g).fill(0), groupSize: new Array<number>(g).fill(0) };
  const c: Scratch = { ...t, groupYes: [...t.groupYes], groupNo: [...t.groupNo], groupSize: [...t.groupSize] };
  const objectors = new Int32Array(n);
  const inSet = new Uint8Array(n);
  const byWeight = new Int32Array(n);
  const anyStamp = new Int32Array(n).fill(-1);

  const tallies = emptyTallies(model, from);
  const hoursHist = new Map<number, number>();
  const roundsHist = new Map<number, number>();

  /** the rule's tally of a floor (by the electorate `mask`), into `t` */
  const count = (s: Uint8Array, mask: Uint8Array = voting) => {
    let members = 0, support = 0, accept = 0, abstain = 0, object = 0, yesWeight = 0, noWeight = 0, totalWeight = 0;
    for (let k = 0; k < g; k++) t.groupYes[k] = t.groupNo[k] = t.groupSize[k] = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const x = s[i];
      members++;
      const w = weight[i];
      totalWeight += w;
      if (x === 0) support++;
      else if (x === ACCEPT) accept++;
      else if (x === ABSTAIN) abstain++;
      else object++;
      if (x <= ACCEPT) yesWeight += w;
      else if (x === OBJECT) noWeight += w;
      for (let k = 0; k < g; k++) {
        if (groups[k][i] === 0) continue;
        t.groupSize[k]++;
        if (x <= ACCEPT) t.groupYes[k]++;
        else if (x === OBJECT) t.groupNo[k]++;
      }
    }
    t.members = members; t.support = support; t.accept = accept; t.abstain = abstain; t.object = object;
    t.yesWeight = yesWeight; t.noWeight = noWeight; t.totalWeight = totalWeight;
  };

  /** objectors[0..k) of `s` not flagged in `inSet` turned supporters, into `c`; does the option still fail? */
  const blocks = (k: number, passes: (x: Tally) => boolean): boolean => {
    let converted = 0;
    let w = 0;
    for (let q = 0; q < g; q++) { c.groupYes[q] = t.groupYes[q]; c.groupNo[q] = t.groupNo[q]; c.groupSize[q] = t.groupSize[q]; }
    for (let q = 0; q < k; q++) {
      const i = objectors[q];
      if (inSet[i] === 1) continue;
      converted++;
      w += weight[i];
      for (let r = 0; r < g; r++) if (groups[r][i] === 1) { c.groupYes[r]++; c.groupNo[r]--; }
    }
    c.members = t.members; c.accept = t.accept; c.abstain = t.abstain; c.totalWeight = t.totalWeight;
    c.support = t.support + converted; c.object = t.object - converted;
    c.yesWeight = converted === 0 ? t.yesWeight : t.yesWeight + w;
    c.noWeight = converted === 0 ? t.noWeight : t.noWeight - w;
    return !passes(c);
  };

  /** decisive blockers of option o's failed floor: bumps tallies.decisive[o][m] and marks anyStamp for run `run` */
  const decisive = (o: number, run: number) => {
    const s = snapshots[o];
    const viaFallback = failed[o] === FAILED_VOTE && !voteMode && rule.fallback !== undefined;
    const passes = viaFallback ? rule.fallback!.adopts : rule.adopts;
    const mask = viaFallback ? voteVoting : voting;
    count(s, mask);
    if (passes(t)) return;
    let k = 0;
    for (let i = 0; i < n; i++) if (mask[i] === 1 && s[i] === OBJECT) objectors[k++] = i;
    if (k === 0) return;
    const row = tallies.decisive[o];
    if (viaFallback ? p.fallbackCountsOnly : p.countsOnly) {
      // only the number of objectors matters: every objector is alike
      const fails = (kept: number) => {
        c.members = t.members; c.accept = t.accept; c.abstain = t.abstain; c.totalWeight = t.totalWeight;
        c.yesWeight = t.yesWeight; c.noWeight = t.noWeight;
        c.support = t.support + k - kept;
        c.object = t.object - (k - kept);
        return !passes(c);
      };
      let all = fails(1);
      if (!all) {
        let size = 0;
        for (let q = 1; q < k; q++) if (!fails(size + 1)) size++;
        all = fails(size + 1);
      }
      if (all) for (let q = 0; q < k; q++) { row[objectors[q]]++; anyStamp[objectors[q]] = run; }
      return;
    }
    for (let q = 0; q < k; q++) byWeight[q] = objectors[q];
    const sorted = Array.from(byWeight.subarray(0, k)).sort((a, b) => weight[b] - weight[a] || a - b);
    for (let q = 0; q < k; q++) {
      const i = objectors[q];
      // S = {i}: inSet marks S, so every other objector is converted
      inSet.fill(0, 0, n);
      inSet[i] = 1;
      let yes = blocks(k, passes);
      if (!yes) {
        inSet[i] = 0;
        for (const j of sorted) {
          if (j === i) continue;
          inSet[j] = 1;
          if (blocks(k, passes)) inSet[j] = 0;
        }
        inSet[i] = 1;
        yes = blocks(k, passes);
      }
      inSet.fill(0, 0, n);
      if (yes) { row[i]++; anyStamp[i] = run; }
    }
  };

  const bump = (h: Map<number, number>, key: number) => h.set(key, (h.get(key) ?? 0) + 1);

  for (let run = from; run < to; run++) {
    const rng: Rng = runRng(seed, run);
    failed.fill(NOT_FAILED);
    let hours = 0;
    let rounds = 0;
    let next = 0;
    let adopted = -1;
    let byVote = false;
    let deferred = false;
    outer: for (;;) {
      // the chair tables the next option, if there is one and time for it
      if (next >= optionCount) break;
      if (!(hours + hoursToTable <= budget)) { deferred = true; break; }
      const option = next++;
      hours += hoursToTable;
      let round = 0;
      let voted = false;
      let concession = false;
      const cum = model.options[option].cumulative;
      for (let i = 0; i < n; i++) {
        const u = rng();
        const q = i * 4;
        stances[i] = u < cum[q] ? 0 : u < cum[q + 1] ? 1 : u < cum[q + 2] ? 2 : 3;
        const l = leader[i];
        if (l >= 0 && rng() < cohesion[i]) stances[i] = stances[l];
      }
      weigh?.(stances, rng);
      for (;;) {
        // positions stated: the chair calls for consensus or a vote
        count(stances);
        if (rule.adopts(t)) { adopted = option; byVote = voteMode; break outer; }
        if (voteMode) voted = true;
        failed[option] = voteMode ? FAILED_VOTE : FAILED_CONSENSUS;
        snapshots[option].set(stances);
        // objected: concession, consultation, fallback vote, next option, defer or close
        for (;;) {
          const roundFits = consults && round < maxRounds && hours + hoursPerRound <= budget;
          if (roundFits) {
            concession = p.concessionRounds[option].includes(round + 1);
            round++;
            rounds++;
            hours += hoursPerRound;
            break;
          }
          if (consults && round < maxRounds) { deferred = true; break outer; }
          if (rule.fallback !== undefined && !voted) {
            voted = true;
            if (!voteMode && voteVoting !== voting) count(stances, voteVoting);
            const passed = voteMode ? rule.adopts(t) : rule.fallback.adopts(t);
            if (passed) { adopted = option; byVote = true; break outer; }
            failed[option] = FAILED_VOTE;
            snapshots[option].set(stances);
            continue;
          }
          if (fallbackToNext && next < optionCount) {
            if (hours + hoursToTable <= budget) continue outer;
            deferred = true;
            break outer;
          }
          break outer;
        }
        // a consultation round
        if (concession) {
          const e = p.concessionEffects[option];
          for (let q = 0; q < e.length; q += 4) {
            if (e[q] !== round) continue;
            if (rng() < e[q + 3]) {
              const m = e[q + 1];
              if (stances[m] > e[q + 2]) stances[m] = e[q + 2];
            }
          }
        }
        const start = p.pressureStart[option];
        const toward = p.pressureStance[option];
        const pp = p.pressureP[option];
        for (let i = 0; i < n; i++) {
          const s = stances[i];
          if (s >= ABSTAIN && rng() < soften[i]) stances[i] = s - 1;
          for (let q = start[i]; q < start[i + 1]; q++) {
            if (rng() < pp[q]) {
              const x = stances[i];
              const target = toward[q];
              stances[i] = x === target ? x : x < target ? x + 1 : x - 1;
            }
          }
          const l = leader[i];
          if (l >= 0 && rng() < cohesion[i]) stances[i] = stances[l];
        }
        weigh?.(stances, rng);
      }
    }
    const outcome = adopted >= 0 ? adopted : optionCount + (deferred ? 1 : 0);
    tallies.runs++;
    tallies.to = run + 1;
    tallies.outcomes[outcome]++;
    if (adopted >= 0 && byVote) tallies.adoptedByVote[outcome]++;
    bump(hoursHist, Math.round(hours * 1000));
    bump(roundsHist, rounds);
    for (let o = 0; o < optionCount; o++) if (failed[o] !== NOT_FAILED && o !== adopted) decisive(o, run);
    for (let i = 0; i < n; i++) if (anyStamp[i] === run) tallies.decisiveAny[i]++;
  }
  for (const [k, v] of hoursHist) tallies.hours[String(k)] = v;
  for (const [k, v] of roundsHist) tallies.rounds[String(k)] = v;
  return tallies;
}
