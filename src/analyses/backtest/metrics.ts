/**
 * Scoring the model against history: pure functions from a case's simulated outcome distribution and the recorded
 * outcome to per-case scores, and from case scores to the overall figures. No I/O, no simulation.
 *
 * Definitions (also in the README):
 * - modal outcome: the outcome with the most runs (ties: the first in the model's outcome order); a hit when it is
 *   the recorded outcome.
 * - p(actual): share of runs ending in the recorded outcome.
 * - Brier score (multi-class): sum over every outcome o of (p(o) - [o is the recorded outcome])², from 0 (certain and
 *   right) to 2 (certain and wrong); averaged over cases.
 * - log score: -ln p(actual), with p floored at 1/(runs+1) so that an outcome no run produced costs a finite
 *   ln(runs+1) rather than infinity; averaged over cases. Lower is better for both scores.
 * - blockers found: a recorded blocker counts as found when the model makes it a decisive blocker of the first tabled
 *   option in at least `blockerThreshold` of the runs (default 0.5: "more often than not").
 */

export interface OutcomeProbability {
  readonly outcome: string;
  readonly label: string;
  /** runs that ended in this outcome */
  readonly count: number;
}

/** What the model said about one case, before looking at what happened. */
export interface CaseForecast {
  readonly runs: number;
  /** every outcome the model can produce, in the model's order (tabled options, no-decision, deferred) */
  readonly outcomes: readonly OutcomeProbability[];
  /** per participant id: share of runs in which it decisively blocked the first tabled option */
  readonly blockerShares: Readonly<Record<string, number>>;
}

/** What happened, in the model's outcome space (see `actualOutcomeInModel`). */
export interface Recorded {
  readonly outcome: string;
  readonly blockers: readonly string[];
}

export interface BlockerCheck {
  readonly participant: string;
  readonly decisiveShare: number;
  readonly found: boolean;
}

export interface CaseScore {
  readonly modal: string;
  readonly modalShare: number;
  readonly hit: boolean;
  readonly pActual: number;
  readonly brier: number;
  readonly logScore: number;
  readonly blockers: readonly BlockerCheck[];
  /** found / recorded blockers; null when the sources name no blocker */
  readonly blockerRecall: number | null;
}

export interface OverallScore {
  readonly cases: number;
  readonly hits: number;
  readonly hitRate: number;
  readonly meanPActual: number;
  readonly brier: number;
  readonly logScore: number;
  /** pooled over cases: recorded blockers the model found, of all recorded blockers */
  readonly blockersNamed: number;
  readonly blockersFound: number;
  readonly blockerRecall: number | null;
}

export const DEFAULT_BLOCKER_THRESHOLD = 0.5;

/**
 * The recorded outcome as the model can express it: an option that is never tabled (the status quo) is what the model
 * calls "no-decision" when it is the status quo; any other untabled option cannot be produced (p = 0).
 */
export function actualOutcomeInModel(recorded: string, options: readonly { id: string; tabled: boolean }[], statusQuo: string): string {
  const option = options.find((o) => o.id === recorded);
  if (option && !option.tabled && option.id === statusQuo) return 'no-decision';
  return recorded;
}

export function scoreCase(forecast: CaseForecast, recorded: Recorded, blockerThreshold = DEFAULT_BLOCKER_THRESHOLD): CaseScore {
  const n = forecast.runs;
  if (n < 1) throw new Error('a forecast needs at least one run');
  let modal = forecast.outcomes[0];
  for (const o of forecast.outcomes) if (o.count > modal.count) modal = o;
  const p = (o: OutcomeProbability) => o.count / n;
  const actual = forecast.outcomes.find((o) => o.outcome === recorded.outcome);
  const pActual = actual ? p(actual) : 0;
  let brier = actual ? 0 : 1; // an outcome the model cannot produce: its indicator term is (0 - 1)²
  for (const o of forecast.outcomes) brier += (p(o) - (o.outcome === recorded.outcome ? 1 : 0)) ** 2;
  const logScore = 0 - Math.log(Math.max(pActual, 1 / (n + 1))); // 0 - x: never -0
  const blockers = recorded.blockers.map((participant) => {
    const decisiveShare = forecast.blockerShares[participant] ?? 0;
    return { participant, decisiveShare, found: decisiveShare >= blockerThreshold };
  });
  return {
    modal: modal.outcome,
    modalShare: p(modal),
    hit: modal.outcome === recorded.outcome,
    pActual,
    brier,
    logScore,
    blockers,
    blockerRecall: blockers.length === 0 ? null : blockers.filter((b) => b.found).length / blockers.length,
  };
}

export function overallScore(scores: readonly CaseScore[]): OverallScore {
  const n = scores.length;
  const mean = (f: (s: CaseScore) => number) => (n === 0 ? 0 : scores.reduce((sum, s) => sum + f(s), 0) / n);
  const hits = scores.filter((s) => s.hit).length;
  const blockersNamed = scores.reduce((sum, s) => sum + s.blockers.length, 0);
  const blockersFound = scores.reduce((sum, s) => sum + s.blockers.filter((b) => b.found).length, 0);
  return {
    cases: n,
    hits,
    hitRate: n === 0 ? 0 : hits / n,
    meanPActual: mean((s) => s.pActual),
    brier: mean((s) => s.brier),
    logScore: mean((s) => s.logScore),
    blockersNamed,
    blockersFound,
    blockerRecall: blockersNamed === 0 ? null : blockersFound / blockersNamed,
  };
}
