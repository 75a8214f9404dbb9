/** `plenary backtest`: load the cases (all problems at once), simulate each blind, score, render, apply the gate. */
import { join, resolve } from 'node:path';
import { backtest, type BacktestResult } from '../../analyses/backtest/backtest';
import { EXIT_OK, Interrupted, UserError } from '../../common/errors';
import { DEFAULT_SCENARIO, SCENARIOS_DIR } from '../../common/paths';
import { renderBacktest, type BacktestFormat, type Gate } from '../../report/backtest';
import { validateFile } from '../../scenario/load';
import { problemsMessage, renderProblem } from '../../scenario/problems';
import type { Scenario } from '../../scenario/types';
import type { FloorModelName } from '../../scenario/schema';
import { expandScenarioPaths } from './catalog';

/** The bundled case library. */
export const HISTORY_DIR = join(SCENARIOS_DIR, 'history');

export interface BacktestCommandOptions {
  /** files or folders; empty: the bundled history folder and the default scenario */
  readonly paths?: readonly string[];
  readonly runs: number;
  readonly seed: string;
  readonly format: BacktestFormat;
  readonly minHitRate?: number;
  readonly blockerThreshold?: number;
  readonly shouldStop?: () => boolean;
  readonly floor?: FloorModelName;
  readonly models?: readonly FloorModelName[];
}

export interface BacktestCommandResult {
  readonly text: string;
  readonly exitCode: number;
  readonly result: BacktestResult;
  readonly gate?: Gate;
}

/** Exit code of a failed gate (a verdict, not a usage error). */
export const EXIT_GATE_FAILED = 1;

export function caseFiles(paths: readonly string[] | undefined): string[] {
  const given = paths !== undefined && paths.length > 0;
  const files = given ? expandScenarioPaths(paths) : [...expandScenarioPaths([HISTORY_DIR]), DEFAULT_SCENARIO];
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

/** Loads every case; throws one UserError listing every problem of every file. */
export function loadCases(files: readonly string[]): Scenario[] {
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const result = validateFile(file);
    if (result.scenario) scenarios.push(result.scenario);
    else problems.push(...result.errors.map(renderProblem));
  }
  if (problems.length > 0) {
    throw new UserError(problemsMessage(problems, 'the case files'), problems);
  }
  return scenarios;
}

export function backtestCommand(options: BacktestCommandOptions): BacktestCommandResult {
  // chronological (undated cases last, in the order given): the table reads as a history
  const date = (s: Scenario) => s.meeting.dates?.from ?? '9999';
  const scenarios = loadCases(caseFiles(options.paths))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => date(a.s).localeCompare(date(b.s)) || a.i - b.i)
    .map(({ s }) => s);
  const result = backtest(scenarios, {
    runs: options.runs,
    seed: options.seed,
    blockerThreshold: options.blockerThreshold,
    shouldStop: options.shouldStop,
    ...(options.floor !== undefined ? { floor: options.floor } : {}),
    ...(options.models !== undefined ? { models: options.models } : {}),
  });
  if (options.shouldStop?.() === true || result.cases.some((c) => c.partial)) throw new Interrupted();
  const gate: Gate | undefined =
    options.minHitRate === undefined ? undefined : { minHitRate: options.minHitRate, passed: result.overall.cases > 0 && result.overall.hitRate >= options.minHitRate };
  return {
    text: renderBacktest(result, options.format, gate),
    exitCode: gate && !gate.passed ? EXIT_GATE_FAILED : EXIT_OK,
    result,
    ...(gate ? { gate } : {}),
  };
}
