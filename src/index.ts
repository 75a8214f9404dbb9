/**
 * plenary as a library: load and validate scenarios, simulate them under a rule, summarize the runs.
 *
 *   const scenario = loadScenario('scenarios/kp-2009-swakopmund.yaml');
 *   const summary = simulate(scenario, { runs: 1000, seed: 'demo', rule: 'qualified-majority:2/3' });
 */
import { ruleOrThrow } from './rules/registry';
import type { DecisionRule } from './rules/types';
import type { Scenario } from './scenario/types';
import { runJob, type Shard } from './engine/job';
import { compileModel } from './floor/model';
import { summarize as summarizeTallies, type Summary } from './engine/summarize';
import { DEFAULT_SEED } from './engine/rng';

export { loadScenario, validateFile, validateText, validateData, type Validation } from './scenario/load';
export { renderProblem, type Problem } from './scenario/problems';
export { scenarioJsonSchema, type ScenarioInput } from './scenario/schema';
export type { Scenario, Participant, Bloc, Option } from './scenario/types';
export { RULES, parseRule, findRule } from './rules/registry';
export type { DecisionRule, Tally, Stance, StanceName } from './rules/types';
export { compileModel, type Model } from './floor/model';
export { PlenaryRun, simulateRun, type RunResult, type RunEvent } from './engine/plenaryRun';
export { runRng, DEFAULT_SEED, type Rng } from './engine/rng';
export { runJob, runJobParallel, parseShard, shardRange, type Shard } from './engine/job';
export { addRun, emptyTallies, mergeTallies, type Tallies } from './engine/accumulator';
export { wilson, pairedDifference } from './engine/statistics';
export type { Summary, OutcomeShare, BlockerShare } from './engine/summarize';
export { procedureMachine } from './procedure/machine';
export { stanceMachine } from './floor/stanceMachine';
export type { FloorModel, FloorRun, FloorMode, StanceMove } from './floor/types';
export { ordinalFloor } from './floor/ordinal';
export type { ChairPolicy, ChairView } from './chair/types';
export { CHAIRS, findChair } from './chair/registry';
export { summarizeComparison, type Comparison, type RuleComparison } from './analyses/comparison';
export { compileJob, jobOf, runSlice, mergeJobTallies, emptyJobTallies, type Job, type JobSpec, type JobTallies, type Reduction, type SettingSpec } from './engine/kernel';
export { runJobAsync, type JobRunOptions, type JobProgress } from './engine/parallel';
export { toRecord, RECORD_COLUMNS, DRAW_RECORD_COLUMNS, type RunRecord, type DecidedBy } from './engine/record';
export { renderRows, type RowsFormat } from './report/rows';
export { loadReforms, readReform, type Reform } from './analyses/reforms';
export { parseVary, setAtPath, summarizeSweep, sweepSettingIndex, type Sweep } from './analyses/sweep';
export { whatWouldItTake, withStance, type WhatWouldItTake } from './analyses/whatWouldItTake';
export { mergeShardDocuments, parseShardDocument, type ShardDocument } from './analyses/shards';
export { renderComparison, type CompareFormat } from './report/compare';
export { MODIFIERS } from './rules/registry';
export { backtest, backtestJob, backtestOf, backtestCase, forecastCase, blind, type BacktestResult, type CaseResult, type BacktestOptions } from './analyses/backtest/backtest';
export { scoreCase, overallScore, actualOutcomeInModel, type CaseScore, type OverallScore, type CaseForecast } from './analyses/backtest/metrics';
export { powerOfRule, powerOfWeightedGame, powerOfGame, weightedGame, gameOfRule, plan as powerPlan, toNumber, fractionString, type PowerResult, type MemberPower, type PowerGame, type Rational } from './analyses/power/index';

export interface SimulateOptions {
  readonly runs?: number;
  readonly seed?: string;
  /** a rule spec (`qualified-majority:2/3`) or rule object; default: the scenario's rule */
  readonly rule?: string | DecisionRule;
  readonly shard?: Shard;
}

/** Runs the Monte Carlo and summarizes it. Deterministic in (scenario, rule, seed, runs). */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Summary {
  const rule = typeof options.rule === 'object' ? options.rule : ruleOrThrow(options.rule ?? scenario.rule);
  const model = compileModel(scenario, rule);
  const seed = options.seed ?? DEFAULT_SEED;
  const tallies = runJob(model, seed, options.runs ?? 1000, { shard: options.shard });
  return summarizeTallies(model, tallies, seed);
}

export { summarizeTallies as summarize };
