/**
 * The backtest: simulate each historical case blind (the recorded outcome is removed before the engine sees the
 * scenario), then score the simulated distribution against what happened. Pure apart from the optional stop check:
 * scenarios in, results out; reading files is the command's job. Every (floor model, case) is a setting of one kernel
 * job (`backtestJob`: run k of every case uses (seed, k)); `backtestOf` scores its tallies, `backtest` does both.
 */
import { overridesText } from '../../scenario/parameterOverrides';
import { ruleOrThrow } from '../../rules/registry';
import type { Scenario } from '../../scenario/types';
import { runJob } from '../../engine/job';
import { jobOf, runSlice, type Job, type JobTallies } from '../../engine/kernel';
import { compileModel, type Model } from '../../floor/model';
import { outcomeLabel } from '../../engine/summarize';
import type { Tallies } from '../../engine/accumulator';
import { actualOutcomeInModel, DEFAULT_BLOCKER_THRESHOLD, overallScore, scoreCase, type CaseForecast, type CaseScore, type OverallScore } from './metrics';
import { BASELINES, scoreBaseline, type BaselineResult } from './baselines';
import type { FloorModelName } from '../../scenario/schema';
import type { Stamp } from '../../engine/reportExtras';

export interface BacktestOptions {
  readonly runs: number;
  readonly seed: string;
  readonly blockerThreshold?: number;
  /** checked between runs; a stopped case is marked partial */
  readonly shouldStop?: () => boolean;
  /** the floor model every case runs under (default: the one each case names, else the default model) */
  readonly floor?: FloorModelName;
  /** `backtest`: the floor models to compare (default: just `floor`); the case table shows the first */
  readonly models?: readonly FloorModelName[];
  /** the calibration of the global parameters the cases run with, if they were fitted (the parameters file) */
  readonly calibration?: Calibration;
}

/** One floor model over every case. */
export interface ModelBacktest {
  /** the model's name; 'as-named' when each case ran under the model it names (or the default) */
  readonly model: FloorModelName | 'as-named';
  readonly cases: readonly CaseResult[];
  readonly overall: OverallScore;
  /** what was fitted to the cases, if anything (then the scores shown are leave-one-out) */
  readonly fitted: string;
}

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly file?: string;
  readonly date?: string;
  readonly rule: { readonly spec: string; readonly title: string };
  /** the floor model it ran under */
  readonly floor: FloorModelName;
  readonly runs: number;
  readonly partial: boolean;
  /** the simulated distribution, every outcome the model can produce, in the model's order */
  readonly outcomes: readonly { readonly outcome: string; readonly label: string; readonly share: number }[];
  readonly actual: {
    /** as recorded in the file */
    readonly outcome: string;
    /** as the model expresses it (the untabled status quo becomes no-decision) */
    readonly inModel: string;
    readonly label: string;
    readonly blockers: readonly string[];
    readonly source?: string;
  };
  readonly score: CaseScore;
}

export interface SkippedCase {
  readonly id: string;
  readonly file?: string;
  readonly reason: string;
}

export interface BacktestResult {
  readonly runs: number;
  readonly seed: string;
  readonly blockerThreshold: number;
  readonly cases: readonly CaseResult[];
  readonly skipped: readonly SkippedCase[];
  readonly overall: OverallScore;
  /** every model compared (the first is the one `cases` and `overall` show) */
  readonly models: readonly ModelBacktest[];
  /** the baselines, scored on the same cases */
  readonly baselines: readonly BaselineResult[];
  /** the provenance stamp, over every case file with its rosters (added by the command) */
  readonly provenance?: Stamp;
  /** when the global parameters were fitted on some of these cases: the calibration's leave-one-out score */
  readonly leaveOneOut?: LeaveOneOutNote;
}

/** No floor model has parameters fitted to the case library: every score is out of sample by construction. */
export const NOTHING_FITTED = 'nothing (a-priori parameters)';

/** The global parameters' calibration (the parameters file's provenance): which cases they were fitted on. */
export interface Calibration {
  /** case ids or files the parameters were fitted on */
  readonly cases: readonly string[];
  /** the calibration's own out-of-sample score on those cases (each scored by a fit without it), as recorded */
  readonly leaveOneOut?: RecordedScore;
  /** how it was fitted (the parameters file's provenance.method) */
  readonly method?: string;
  /** the floor model the cases were simulated with when it was fitted */
  readonly floor?: string;
}

/** A score recorded in the parameters file (not re-simulated by the backtest); mean p(recorded) when it was recorded. */
export interface RecordedScore {
  readonly hits: number;
  readonly cases: number;
  readonly hitRate: number;
  readonly meanPActual?: number;
  readonly brier: number;
  readonly logScore: number;
}

/** The honest figure beside an in-sample backtest: the calibration's leave-one-out score, as the parameters file records it. */
export interface LeaveOneOutNote extends RecordedScore {
  /** how many of the backtest's cases the parameters were fitted on */
  readonly inSample: number;
  readonly method?: string;
  readonly floor?: string;
}

/** A case is among those a calibration was fitted on when its id, file or file name is listed. */
const fittedOn = (scenario: Scenario, calibration: Calibration): boolean =>
  calibration.cases.some((c) => c === scenario.id || (scenario.file !== undefined && (scenario.file === c || scenario.file.endsWith(`/${c}`) || c.endsWith(`/${scenario.file.split('/').pop()}`))));

/**
 * What was fitted to these cases. The floor models' own parameters are set a priori; if the global parameters were
 * calibrated on some of these cases (plenary calibrate), the scores are in sample for those, and the report says so
 * (the leave-one-out scores of a calibration are `plenary calibrate`'s).
 */
export function fittedNote(cases: readonly Scenario[], calibration: Calibration | undefined): string {
  if (calibration === undefined || calibration.cases.length === 0) return NOTHING_FITTED;
  const inSample = cases.filter((c) => fittedOn(c, calibration)).length;
  // parameters set with --param are not the fitted ones: said beside the calibration
  const set = cases.find((c) => c.overrides !== undefined)?.overrides;
  const but = set ? `, except ${overridesText(set)} (--param)` : '';
  if (inSample === 0) return `global parameters calibrated on other cases (${calibration.cases.length})${but}: out of sample`;
  return `global parameters calibrated on ${inSample} of these cases${but}: IN SAMPLE (leave-one-out: plenary calibrate)`;
}

/** The calibration's leave-one-out score, when the parameters were fitted on some of these cases and it was recorded. */
export function leaveOneOutNote(cases: readonly Scenario[], calibration: Calibration | undefined): LeaveOneOutNote | undefined {
  if (calibration?.leaveOneOut === undefined) return undefined;
  const inSample = cases.filter((c) => fittedOn(c, calibration)).length;
  if (inSample === 0) return undefined;
  return { ...calibration.leaveOneOut, inSample, ...(calibration.method !== undefined ? { method: calibration.method } : {}), ...(calibration.floor !== undefined ? { floor: calibration.floor } : {}) };
}

/** The scenario without its recorded outcome (also in the document it carries): all the engine is ever given. */
export function blind(scenario: Scenario): Scenario {
  const { actual: _recorded, document, ...rest } = scenario;
  if (!document) return rest;
  const { actual: _also, ...unseen } = document;
  return { ...rest, document: unseen };
}

/** The model a case is simulated with: its blind scenario under its rule (and the floor model asked for, if any). */
export function caseModel(scenario: Scenario, floor?: FloorModelName): Model {
  const visible = blind(scenario);
  const rule = ruleOrThrow(visible.rule, `${visible.file ?? visible.id}: rule`);
  return compileModel(visible, rule, floor !== undefined ? { floor } : {});
}

/** A case's runs, already simulated blind (by `backtestJob`). */
export interface SimulatedCase {
  readonly model: Model;
  readonly tallies: Tallies;
}

/** Simulates a case without looking at its recorded outcome (or reads its runs from `simulated`). */
export function forecastCase(scenario: Scenario, options: BacktestOptions, simulated?: SimulatedCase): { model: Model; tallies: Tallies; forecast: CaseForecast } {
  const model = simulated?.model ?? caseModel(scenario, options.floor);
  const tallies = simulated?.tallies ?? runJob(model, options.seed, options.runs, { shouldStop: options.shouldStop });
  const n = Math.max(1, tallies.runs);
  const first = 0; // the first tabled option: the one the recorded blockers blocked (schema: actual.blockers)
  const blockerShares: Record<string, number> = {};
  model.ids.forEach((id, m) => {
    const count = tallies.decisive[first]?.[m] ?? 0;
    if (count > 0) blockerShares[id] = count / n;
  });
  return {
    model,
    tallies,
    forecast: {
      runs: n,
      outcomes: model.outcomes.map((outcome, i) => ({ outcome, label: outcomeLabel(model, outcome), count: tallies.outcomes[i] })),
      blockerShares,
    },
  };
}

/** Simulates and scores one case. The case must record its `actual` outcome. */
export function backtestCase(scenario: Scenario, options: BacktestOptions, simulated?: SimulatedCase): CaseResult {
  const actual = scenario.actual;
  if (!actual) throw new Error(`scenario "${scenario.id}" records no actual outcome`);
  const { model, tallies, forecast } = forecastCase(scenario, options, simulated);
  const inModel = actualOutcomeInModel(actual.outcome, scenario.options, scenario.statusQuo);
  const score = scoreCase(forecast, { outcome: inModel, blockers: actual.blockers }, options.blockerThreshold ?? DEFAULT_BLOCKER_THRESHOLD);
  const known = model.outcomes.includes(inModel);
  return {
    id: scenario.id,
    title: scenario.meeting.title,
    ...(scenario.file !== undefined ? { file: scenario.file } : {}),
    ...(scenario.meeting.dates ? { date: scenario.meeting.dates.from } : {}),
    rule: { spec: model.rule.spec, title: model.rule.title },
    floor: model.floor,
    runs: tallies.runs,
    partial: tallies.runs < options.runs,
    outcomes: forecast.outcomes.map((o) => ({ outcome: o.outcome, label: o.label, share: o.count / forecast.runs })),
    actual: {
      outcome: actual.outcome,
      inModel,
      label: known ? outcomeLabel(model, inModel) : (scenario.options.find((o) => o.id === inModel)?.name ?? inModel),
      blockers: actual.blockers,
      ...(actual.source !== undefined ? { source: actual.source } : {}),
    },
    score,
  };
}

const recordedCases = (scenarios: readonly Scenario[]): Scenario[] => scenarios.filter((s) => s.actual);
const askedModels = (options: Pick<BacktestOptions, 'floor' | 'models'>): readonly (FloorModelName | undefined)[] =>
  options.models !== undefined && options.models.length > 0 ? options.models : [options.floor];

/**
 * The job of a backtest: one setting per floor model asked for × case that records an outcome (model-major; ids
 * `case` or `model:case`), 'tallies' reduction.
 */
export function backtestJob(scenarios: readonly Scenario[], options: Pick<BacktestOptions, 'seed' | 'floor' | 'models'>): Job {
  const recorded = recordedCases(scenarios);
  const asked = askedModels(options);
  const settings = asked.flatMap((floor) => recorded.map((s) => ({ model: caseModel(s, floor), id: asked.length > 1 ? `${floor}:${s.id}` : s.id })));
  return jobOf(
    settings.map((x) => x.model),
    options.seed,
    'tallies',
    settings.map((x) => x.id),
  );
}

/** Scores the tallies of `backtestJob(scenarios, options)`; cases without a recorded outcome are skipped with a note. */
export function backtestOf(scenarios: readonly Scenario[], job: Job, tallies: JobTallies, options: BacktestOptions): BacktestResult {
  const skipped: SkippedCase[] = scenarios
    .filter((s) => !s.actual)
    .map((s) => ({ id: s.id, ...(s.file !== undefined ? { file: s.file } : {}), reason: 'records no actual outcome (add actual: { outcome, blockers, source })' }));
  const recorded = recordedCases(scenarios);
  const models: ModelBacktest[] = askedModels(options).map((floor, f) => {
    const cases = recorded.map((scenario, c) => {
      const s = f * recorded.length + c;
      return backtestCase(scenario, { ...options, ...(floor !== undefined ? { floor } : {}) }, { model: job.models[s], tallies: tallies.tallies![s] });
    });
    return { model: floor ?? 'as-named', cases, overall: overallScore(cases.map((c) => c.score)), fitted: fittedNote(recorded, options.calibration) };
  });
  const baselines = BASELINES.map((b) => scoreBaseline(b.name, recorded, options.runs));
  const leaveOneOut = leaveOneOutNote(recorded, options.calibration);
  return {
    runs: options.runs,
    seed: options.seed,
    blockerThreshold: options.blockerThreshold ?? DEFAULT_BLOCKER_THRESHOLD,
    cases: models[0].cases,
    skipped,
    overall: models[0].overall,
    models,
    baselines,
    ...(leaveOneOut ? { leaveOneOut } : {}),
  };
}

/** Backtests every case that records an outcome under each model asked for, in this thread; cases without one are skipped with a note. */
export function backtest(scenarios: readonly Scenario[], options: BacktestOptions): BacktestResult {
  const job = backtestJob(scenarios, options);
  return backtestOf(scenarios, job, runSlice(job, 0, options.runs, options.shouldStop), options);
}
