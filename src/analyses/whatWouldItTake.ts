/**
 * What would it take: the smallest sets of participants whose change of stance on a target option would make it the
 * most likely (modal) outcome. Each candidate set is a derived Scenario (pure; the engine is never special-cased), run
 * on the same runs (common random numbers): the sets of one search step (every set of one size, or every next
 * candidate of the greedy search) are the settings of one kernel job, so they share threads, progress and Ctrl-C. Exact among the candidates for set sizes whose search fits the budget; a
 * labelled greedy heuristic beyond.
 */
import { idOrThrow } from '../common/typedIds';
import { observersVote, type DecisionRule } from '../rules/types';
import type { Scenario, StanceVector } from '../scenario/types';
import { compileModel, type Model } from '../floor/model';
import type { Tallies } from '../engine/accumulator';
import { jobOf } from '../engine/kernel';
import { runJobAsync, type JobRunOptions } from '../engine/parallel';
import { round6, wilson } from '../engine/statistics';

export type NewStance = 'support' | 'accept';

/** The scenario in which `ids` hold `stance` on `option` with certainty. Pure. */
export function withStance(scenario: Scenario, ids: readonly string[], option: string, stance: NewStance): Scenario {
  const vector: StanceVector = stance === 'support' ? [1, 0, 0, 0] : [0, 1, 0, 0];
  const set = new Set(ids);
  return {
    ...scenario,
    participants: scenario.participants.map((p) => (set.has(p.id) ? { ...p, stances: { ...p.stances, [option]: vector } } : p)),
  };
}

export interface SetResult {
  readonly participants: readonly string[];
  readonly names: readonly string[];
  readonly share: number;
  readonly ci95: readonly [number, number];
  readonly modal: boolean;
}

export interface WhatWouldItTake {
  readonly target: string;
  readonly targetLabel: string;
  readonly rule: string;
  readonly stance: NewStance;
  readonly runs: number;
  readonly seed: string;
  readonly baseline: { readonly share: number; readonly ci95: readonly [number, number]; readonly modalOutcome: string; readonly modal: boolean };
  readonly candidates: readonly { readonly id: string; readonly name: string; readonly decisiveShare: number }[];
  /** exact: every set up to `searchedSize` among the candidates was run; heuristic: greedy beyond that */
  readonly method: 'exact' | 'greedy' | 'none-needed' | 'not-found';
  /** all sets of size < minimalSize among the candidates were checked and fail */
  readonly searchedSize: number;
  readonly sets: readonly SetResult[];
  readonly evaluated: number;
  /** stopped early (Ctrl-C): the search did not finish and the sets found so far may not be the smallest */
  readonly partial: boolean;
}

export interface WwitOptions {
  readonly target: string;
  readonly stance: NewStance;
  readonly runs: number;
  readonly seed: string;
  readonly maxSize: number;
  readonly candidates: number;
  /** maximum number of simulated runs for the exact search */
  readonly budget?: number;
  readonly shouldStop?: () => boolean;
  /** threads for each step's job (default auto) */
  readonly workers?: JobRunOptions['workers'];
  /** sets simulated so far and an upper estimate of all the search may simulate */
  readonly onProgress?: (sets: number, total: number) => void;
}

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, acc: number[]) => {
    if (acc.length === k) return void out.push([...acc]);
    for (let i = start; i <= n - (k - acc.length); i++) {
      acc.push(i);
      pick(i + 1, acc);
      acc.pop();
    }
  };
  pick(0, []);
  return out;
}

const choose = (n: number, k: number): number => {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
};

export async function whatWouldItTake(scenario: Scenario, rule: DecisionRule, options: WwitOptions): Promise<WhatWouldItTake> {
  // the target as typed: an option id in any case, or the option's name
  const tabled = scenario.options.filter((x) => x.tabled).map((x) => ({ id: x.id, name: x.name }));
  const o = { ...options, target: idOrThrow(options.target, tabled, { where: `--target ${options.target}`, kind: 'tabled option', scope: `scenario "${scenario.id}"` }) };
  const budget = o.budget ?? 200_000;
  let evaluated = 0;
  let partial = false;
  const estimate = 1 + Math.floor(budget / Math.max(1, o.runs));
  type Evaluation = { t: Tallies; model: Model; k: number; share: number; ci95: [number, number]; modal: boolean };
  /** runs every set of `sets` on the same runs, as one job */
  const evaluateAll = async (sets: readonly (readonly string[])[]): Promise<Evaluation[]> => {
    const models = sets.map((ids) => compileModel(ids.length === 0 ? scenario : withStance(scenario, ids, o.target, o.stance), rule));
    const done = evaluated;
    const job = await runJobAsync(jobOf(models, o.seed, 'tallies', sets.map((ids) => ids.join('+') || 'as-is')), 0, o.runs, {
      workers: o.workers,
      shouldStop: o.shouldStop,
      onProgress: o.onProgress && ((p) => o.onProgress!(done + (p.runs / Math.max(1, o.runs)) * sets.length, Math.max(estimate, done + sets.length))),
    });
    if (job.runs < o.runs) partial = true;
    evaluated += sets.length;
    return models.map((model, s) => {
      const t = job.tallies![s];
      const k = model.outcomes.indexOf(o.target);
      const count = t.outcomes[k];
      const modal = t.outcomes.every((c, i) => i === k || c < count);
      const [lo, hi] = wilson(count, t.runs);
      return { t, model, k, share: t.runs === 0 ? 0 : round6(count / t.runs), ci95: [round6(lo), round6(hi)] as [number, number], modal };
    });
  };
  const [base] = await evaluateAll([[]]);
  const modalIndex = base.t.outcomes.indexOf(Math.max(...base.t.outcomes));
  const names = new Map(scenario.participants.map((p) => [p.id, p.name]));
  const decides = (p: Scenario['participants'][number]) => p.present && (p.role === 'participant' || observersVote(rule));
  const notYet = (p: Scenario['participants'][number]) => (o.stance === 'support' ? p.stances[o.target][0] < 1 : p.stances[o.target][0] + p.stances[o.target][1] < 1);
  const ranked = scenario.participants
    .filter((p) => decides(p) && notYet(p))
    .map((p) => {
      const m = base.model.ids.indexOf(p.id);
      return { id: p.id, name: p.name, decisive: base.t.decisive[base.k][m], object: p.stances[o.target][3] };
    })
    .sort((a, b) => b.decisive - a.decisive || b.object - a.object || a.id.localeCompare(b.id))
    .slice(0, o.candidates);
  const candidates = ranked.map((c) => ({ id: c.id, name: c.name, decisiveShare: round6(c.decisive / Math.max(1, base.t.runs)) }));
  const result = (method: WhatWouldItTake['method'], searchedSize: number, sets: SetResult[]): WhatWouldItTake => ({
    target: o.target,
    targetLabel: scenario.options.find((x) => x.id === o.target)!.name,
    rule: rule.spec,
    stance: o.stance,
    runs: o.runs,
    seed: o.seed,
    baseline: { share: base.share, ci95: base.ci95, modalOutcome: base.model.outcomes[modalIndex], modal: base.modal },
    candidates,
    method,
    searchedSize,
    sets,
    evaluated,
    partial,
  });
  if (base.modal || partial) return result(base.modal ? 'none-needed' : 'not-found', 0, []);
  const asSet = (ids: string[], r: Evaluation): SetResult => ({ participants: ids, names: ids.map((id) => names.get(id) ?? id), share: r.share, ci95: r.ci95, modal: r.modal });
  let searched = 0;
  let spent = o.runs;
  for (let size = 1; size <= Math.min(o.maxSize, candidates.length); size++) {
    if (spent + choose(candidates.length, size) * o.runs > budget) break;
    const found: SetResult[] = [];
    const sets = combinations(candidates.length, size).map((combo) => combo.map((i) => candidates[i].id));
    const results = await evaluateAll(sets);
    spent += sets.length * o.runs;
    if (partial) return result('not-found', searched, []);
    results.forEach((r, i) => {
      if (r.modal) found.push(asSet(sets[i], r));
    });
    searched = size;
    if (found.length > 0) return result('exact', size - 1, found.sort((a, b) => b.share - a.share || a.participants.join().localeCompare(b.participants.join())));
  }
  // greedy: add the candidate that raises the target's share most, until it is modal
  const chosen: string[] = [];
  let last: Evaluation | undefined;
  while (chosen.length < candidates.length) {
    const next = candidates.filter((c) => !chosen.includes(c.id));
    const results = await evaluateAll(next.map((c) => [...chosen, c.id]));
    if (partial) return result('not-found', searched, []);
    let best = 0;
    for (let i = 1; i < results.length; i++) if (results[i].share > results[best].share) best = i;
    chosen.push(next[best].id);
    last = results[best];
    if (last.modal) break;
  }
  if (!last || !last.modal) return result('not-found', searched, []);
  return result('greedy', searched, [asSet(chosen, last)]);
}
