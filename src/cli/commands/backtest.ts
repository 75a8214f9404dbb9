/**
 * `plenary backtest`: load the cases (all problems at once), simulate each blind (the cases are the settings of one
 * kernel job), score, render, apply the gate.
 */
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { backtestJob, backtestOf, type BacktestResult, type Calibration, type RecordedScore } from '../../analyses/backtest/backtest';
import { PARAMETERS_FILE, parametersFile } from '../../scenario/parameters';
import { EXIT_OK, UserError } from '../../common/errors';
import { runJobAsync, type WorkerCount } from '../../engine/parallel';
import { shardRange, type Shard } from '../../engine/shard';
import { shardDocument, shardJson } from '../../analyses/shards';
import { turnOrStop, type JobHooks, type JobOutcome } from '../job';
import { DEFAULT_SCENARIO, SCENARIOS_DIR, shortPath } from '../../common/paths';
import { renderBacktest, renderEmptyBacktest, type BacktestFormat, type Gate } from '../../report/backtest';
import { validateFile } from '../../scenario/load';
import { problemsMessage, renderProblem } from '../../scenario/problems';
import { showWarning } from '../../common/warnings';
import type { Scenario } from '../../scenario/types';
import type { FloorModelName } from '../../scenario/schema';
import { expandScenarioPaths } from '../scenarioFiles';
import { withChair } from '../../chair/registry';
import { shardInvocation, stampOf, type Invocation } from '../stamp';

/** The bundled case library. */
export const HISTORY_DIR = join(SCENARIOS_DIR, 'history');

export interface BacktestCommandOptions extends JobHooks {
  /** files or folders; empty: the bundled history folder and the default scenario */
  readonly paths?: readonly string[];
  readonly runs: number;
  readonly seed: string;
  readonly format: BacktestFormat;
  readonly minHitRate?: number;
  readonly blockerThreshold?: number;
  readonly floor?: FloorModelName;
  readonly models?: readonly FloorModelName[];
  /** `--chair`: the simulated chair of every case instead of its own */
  readonly chair?: string;
  /** `--param`: global model parameters set on the command line (over the parameters file and the scenario's model:) */
  readonly overrides?: ParameterOverrides;
  readonly workers?: WorkerCount;
  /** run only part i of n of the runs and write a shard file (plenary merge renders the whole backtest) */
  readonly shard?: Shard;
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

/** What the backtest needs besides the cases and the runs: threshold, floor models, the parameters' calibration. */
export function backtestOptionsOf(options: { runs: number; seed: string; blockerThreshold?: number; floor?: FloorModelName; models?: readonly FloorModelName[] }) {
  return {
    runs: options.runs,
    seed: options.seed,
    blockerThreshold: options.blockerThreshold,
    ...(options.floor !== undefined ? { floor: options.floor } : {}),
    ...(options.models !== undefined ? { models: options.models } : {}),
    ...(calibration() ? { calibration: calibration()! } : {}),
  };
}

export interface BacktestCommandResult extends JobOutcome {
  readonly exitCode: number;
  /** of a shard: the scores of its part of the runs (its file holds the raw tallies; plenary merge scores the whole) */
  readonly result: BacktestResult;
  readonly gate?: Gate;
}

/** Exit code of a failed gate (a verdict, not a usage error). */
export const EXIT_GATE_FAILED = 1;

export function caseFiles(paths: readonly string[] | undefined): string[] {
  const given = paths !== undefined && paths.length > 0;
  const files = given ? expandScenarioPaths(paths) : [...expandScenarioPaths([HISTORY_DIR]), DEFAULT_SCENARIO].map(shortPath);
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const key = resolve(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) throw new UserError(`no case files (.yaml) found in ${given ? paths.join(', ') : HISTORY_DIR}`);
  return unique;
}

/** Reads one case file into `scenarios`, or its problems into `problems`; shows its warnings as run does. */
function readCase(file: string, overrides: ParameterOverrides | undefined, scenarios: Scenario[], problems: string[]): void {
  const result = validateFile(file, { overrides });
  if (result.scenario) scenarios.push(result.scenario);
  else problems.push(...result.errors.map(renderProblem));
  for (const w of result.warnings) if (w.always) showWarning(renderProblem(w));
}

function casesOrThrow(scenarios: Scenario[], problems: readonly string[]): Scenario[] {
  if (problems.length > 0) throw new UserError(problemsMessage(problems, 'the case files'), problems);
  return scenarios;
}

/** Loads every case; throws one UserError listing every problem of every file. */
export function loadCases(files: readonly string[], overrides?: ParameterOverrides): Scenario[] {
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const file of files) readCase(file, overrides, scenarios, problems);
  return casesOrThrow(scenarios, problems);
}

/** `loadCases`, giving the event loop a turn between files (Ctrl-C is seen while a large library loads). */
async function loadCasesInTurns(files: readonly string[], shouldStop: (() => boolean) | undefined, overrides?: ParameterOverrides): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const file of files) {
    await turnOrStop(shouldStop);
    readCase(file, overrides, scenarios, problems);
  }
  return casesOrThrow(scenarios, problems);
}

/** The cases the bundled global parameters were fitted on (the parameters file's provenance), if they were fitted. */
export function calibration(file = PARAMETERS_FILE): Calibration | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = parametersFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) return undefined; // reported by every command that reads the parameters
  const provenance = parsed.data.provenance;
  const cases = provenance?.cases ?? [];
  if (cases.length === 0) return undefined;
  const leaveOneOut = recordedLeaveOneOut(provenance?.score);
  return {
    cases,
    ...(leaveOneOut ? { leaveOneOut } : {}),
    ...(provenance?.method !== undefined ? { method: provenance.method } : {}),
    ...(provenance?.floor !== undefined ? { floor: provenance.floor } : {}),
  };
}

/** The leave-one-out score `plenary calibrate --write` records (provenance.score), if it is complete. */
function recordedLeaveOneOut(score: Readonly<Record<string, number | string>> | undefined): RecordedScore | undefined {
  const hits = /^(\d+)\/(\d+)$/.exec(String(score?.leaveOneOutHits ?? ''));
  const brier = score?.leaveOneOutBrier;
  const logScore = score?.leaveOneOutLog;
  if (!hits || typeof brier !== 'number' || typeof logScore !== 'number' || Number(hits[2]) === 0) return undefined;
  const meanP = score?.leaveOneOutMeanP;
  return { hits: Number(hits[1]), cases: Number(hits[2]), hitRate: Number(hits[1]) / Number(hits[2]), ...(typeof meanP === 'number' ? { meanPActual: meanP } : {}), brier, logScore };
}

export async function backtestCommand(options: BacktestCommandOptions): Promise<BacktestCommandResult> {
  // chronological (undated cases last, in the order given): the table reads as a history
  const date = (s: Scenario) => s.meeting.dates?.from ?? '9999';
  const scenarios = (await loadCasesInTurns(caseFiles(options.paths), options.shouldStop, options.overrides))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => date(a.s).localeCompare(date(b.s)) || a.i - b.i)
    .map(({ s }) => withChair(s, options.chair));
  const backtestOptions = backtestOptionsOf(options);
  const job = backtestJob(scenarios, backtestOptions);
  const [from, to] = shardRange(options.runs, options.shard);
  const tallies = await runJobAsync(job, from, to, { workers: options.workers, shouldStop: options.shouldStop, onProgress: options.onProgress });
  const partial = tallies.runs < to - from;
  // the stamp covers every case file with its rosters
  const stamp = options.shard ? undefined : stampOf(scenarios, options.seed, options.invocation);
  const result: BacktestResult = { ...backtestOf(scenarios, job, tallies, backtestOptions), ...(stamp ? { provenance: stamp } : {}) };
  if (options.shard) {
    // a shard file records the unsplit job's stamp (without --shard and --format), the same in every part
    const shardStamp = stampOf(scenarios, options.seed, options.invocation && shardInvocation(options.invocation));
    const shardJob = {
      command: 'backtest' as const,
      scenario: { id: 'backtest' },
      rules: [...new Set(job.settings.map((s) => s.rule))].slice(0, 100),
      seed: options.seed,
      runs: options.runs,
      options: { ...(options.floor !== undefined ? { floor: options.floor } : {}), ...(options.models !== undefined ? { models: options.models } : {}), ...(options.chair !== undefined ? { chair: options.chair } : {}) },
    };
    const context = {
      scenarios,
      options: {
        ...(options.blockerThreshold !== undefined ? { blockerThreshold: options.blockerThreshold } : {}),
        ...(options.floor !== undefined ? { floor: options.floor } : {}),
        ...(options.models !== undefined ? { models: [...options.models] } : {}),
      },
    };
    const text = shardJson(shardDocument(shardJob, options.shard, context, { runs: tallies.runs, from: tallies.from, to: tallies.to, cases: tallies.tallies! }, shardStamp));
    return { text, partial, exitCode: EXIT_OK, result };
  }
  const gate: Gate | undefined =
    options.minHitRate === undefined || partial ? undefined : { minHitRate: options.minHitRate, passed: result.overall.cases > 0 && result.overall.hitRate >= options.minHitRate };
  if (!partial && result.overall.cases === 0) {
    // no scored case: no score at all (a Brier score of 0.000 would read as a perfect model); exit 1
    const note = `No case was scored: none of the ${scenarios.length} file${scenarios.length === 1 ? '' : 's'} given records what was actually decided (a case needs actual: { outcome, blockers, source }), so there is no hit rate, Brier or log score.`;
    return {
      text: renderEmptyBacktest(result, options.format, note),
      partial,
      marked: false,
      exitCode: EXIT_GATE_FAILED,
      result,
    };
  }
  return {
    text: renderBacktest(result, options.format, gate),
    partial,
    marked: false, // the backtest report has no PARTIAL mark: nothing is printed when interrupted
    exitCode: gate && !gate.passed ? EXIT_GATE_FAILED : EXIT_OK,
    result,
    ...(gate ? { gate } : {}),
  };
}
