/**
 * From tallies to the report every output format reads: outcome shares with Wilson intervals, decisive blockers,
 * hours and rounds, time left for the rest of the agenda and what it crowds out.
 */
import { floorStatement, type FloorStatement } from '../floor/models';
import { histogram, HOURS_SCALE, type Tallies } from './accumulator';
import type { Model } from '../floor/model';
import { round3, round6, wilson } from './statistics';
import { citeRule, type RuleCitation } from '../rules/citation';
import type { AssumptionSummary, Stamp, UncertaintySummary } from './reportExtras';

export interface OutcomeShare {
  readonly outcome: string;
  readonly label: string;
  readonly count: number;
  readonly share: number;
  readonly ci95: readonly [number, number];
}

export interface BlockerShare {
  readonly participant: string;
  readonly name: string;
  readonly decisiveShare: number;
  readonly ci95: readonly [number, number];
  /** per tabled option id: share of runs in which the participant decisively blocked it */
  readonly byOption: Readonly<Record<string, number>>;
}

export interface AgendaShare {
  readonly item: string;
  readonly name: string;
  readonly hours: number;
  readonly crowdedOutShare: number;
}

export interface Summary {
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  /** the rule and the source the result cites for it (the scenario's own ruleSource for the rule in force) */
  readonly rule: RuleCitation;
  /** the floor model and how it behaves under this rule */
  readonly floor: FloorStatement;
  readonly runs: number;
  readonly seed: string;
  readonly partial: boolean;
  readonly outcomes: readonly OutcomeShare[];
  readonly blockers: readonly BlockerShare[];
  readonly hours: { readonly mean: number; readonly sd: number; readonly p10: number; readonly p50: number; readonly p90: number; readonly max: number };
  readonly rounds: { readonly mean: number; readonly max: number };
  readonly timeLeft: { readonly sessionHours: number; readonly meanHours: number; readonly p10: number };
  readonly agenda: readonly AgendaShare[];
  // ---- issue 14 (filled by the uncertainty analyses and the CLI; absent in older callers) ----
  /** a scenario with uncertain inputs: the two intervals per outcome */
  readonly uncertainty?: UncertaintySummary;
  /** how much of the result rests on assumptions, and the inputs behind it */
  readonly assumptions?: AssumptionSummary;
  /** reproduction stamp */
  readonly provenance?: Stamp;
  /** the ensemble floor model: each component model's shares on the same runs (model uncertainty) */
  readonly modelSpread?: ModelSpreadSummary;
}

/** Shares per outcome under each component of the ensemble (src/analyses/modelSpread.ts). */
export interface ModelSpreadSummary {
  readonly models: readonly string[];
  readonly outcomes: readonly { readonly outcome: string; readonly shares: readonly number[]; readonly min: number; readonly max: number }[];
  readonly runs: number;
}

export function outcomeLabel(model: Model, outcome: string): string {
  const option = model.options.find((o) => o.id === outcome);
  if (option) return option.kind === 'draft' ? `${option.name} (drafted)` : option.kind === 'declared' ? `${option.name} (the Chair's action)` : option.name;
  const untabled = model.scenario.options.find((o) => o.id === outcome);
  if (untabled) return untabled.name;
  if (outcome === 'referred') return model.scenario.procedure.referral?.to === 'written-procedure' ? 'Referred (to a written procedure)' : 'Referred (to an intersessional meeting)';
  if (outcome === 'no-decision') {
    const sq = model.scenario.options.find((o) => o.id === model.scenario.statusQuo);
    return `No decision (status quo: ${sq?.name ?? model.scenario.statusQuo})`;
  }
  return 'Deferred (time ran out)';
}

function quantile(hist: [number, number][], total: number, q: number): number {
  let seen = 0;
  const target = q * total;
  for (const [value, count] of hist) {
    seen += count;
    if (seen >= target) return value;
  }
  return hist.length > 0 ? hist[hist.length - 1][0] : 0;
}

/** Agenda items, in order, that no longer fit once the item has used `hours`; the first misfit ends the agenda. */
export function crowdedOut(model: Model, hours: number): boolean[] {
  let left = model.sessionHours - hours;
  let stopped = false;
  return model.scenario.agenda.map((a) => {
    if (!stopped && a.hours <= left + 1e-9) {
      left -= a.hours;
      return false;
    }
    stopped = true;
    return true;
  });
}

export function summarize(model: Model, tallies: Tallies, seed: string, partial = false): Summary {
  const n = tallies.runs;
  const share = (k: number) => (n === 0 ? 0 : round6(k / n));
  const ci = (k: number): [number, number] => {
    const [lo, hi] = wilson(k, n);
    return [round6(lo), round6(hi)];
  };
  const outcomes = model.outcomes
    .map((outcome, i) => ({ outcome, label: outcomeLabel(model, outcome), count: tallies.outcomes[i], share: share(tallies.outcomes[i]), ci95: ci(tallies.outcomes[i]), order: i }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
  const blockers = model.ids
    .map((id, m) => ({
      participant: id,
      name: model.names[m],
      decisiveShare: share(tallies.decisiveAny[m]),
      ci95: ci(tallies.decisiveAny[m]),
      byOption: Object.fromEntries(model.options.map((o, k) => [o.id, share(tallies.decisive[k][m])])),
      count: tallies.decisiveAny[m],
    }))
    .filter((b) => b.count > 0)
    .sort((a, b) => b.count - a.count || a.participant.localeCompare(b.participant))
    .map(({ count: _count, ...rest }) => rest);
  const hours = histogram(tallies.hours, HOURS_SCALE);
  let sum = 0;
  let sumSq = 0;
  for (const [h, c] of hours) {
    sum += h * c;
    sumSq += h * h * c;
  }
  const mean = n === 0 ? 0 : sum / n;
  const sd = n < 2 ? 0 : Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
  const rounds = histogram(tallies.rounds);
  const roundsMean = n === 0 ? 0 : rounds.reduce((s, [r, c]) => s + r * c, 0) / n;
  const crowded = model.scenario.agenda.map(() => 0);
  for (const [h, c] of hours) crowdedOut(model, h).forEach((out, i) => (crowded[i] += out ? c : 0));
  return {
    scenario: { id: model.scenario.id, title: model.scenario.meeting.title, ...(model.scenario.file ? { file: model.scenario.file } : {}) },
    rule: citeRule(model.rule, model.scenario),
    floor: floorStatement(model),
    runs: n,
    seed,
    partial,
    outcomes,
    blockers,
    hours: {
      mean: round3(mean),
      sd: round3(sd),
      p10: quantile(hours, n, 0.1),
      p50: quantile(hours, n, 0.5),
      p90: quantile(hours, n, 0.9),
      max: hours.length > 0 ? hours[hours.length - 1][0] : 0,
    },
    rounds: { mean: round3(roundsMean), max: rounds.length > 0 ? rounds[rounds.length - 1][0] : 0 },
    timeLeft: {
      sessionHours: model.sessionHours,
      meanHours: round3(model.sessionHours - mean),
      p10: round3(model.sessionHours - quantile(hours, n, 0.9)),
    },
    agenda: model.scenario.agenda.map((a, i) => ({ item: a.id, name: a.name, hours: a.hours, crowdedOutShare: share(crowded[i]) })),
  };
}
