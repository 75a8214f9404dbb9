/**
 * The per-run record every job yields (agreed between the engine, the procedure, the floor and the analyses): one
 * row per run and setting, flat and named in domain words, so that an analyst's own tools (pandas, R, DuckDB) read it
 * and every summary can be checked against it. The Monte Carlo's hot path keeps member and outcome indices
 * (`RunResult`); a record spells them out.
 */
import type { Model } from '../floor/model';
import type { RunResult } from './plenaryRun';

/** How the adopted option was decided; '' when nothing was adopted. */
export type DecidedBy = 'consensus' | 'vote' | 'written' | '';

export interface RunRecord {
  /** run index k: the run's generator comes from (seed, k) */
  readonly run: number;
  /** two-level runs only: the input draw the run was simulated under (its inputs come from (seed, "inputs", draw)) */
  readonly draw?: number;
  /** the setting the run belongs to: a rule, a reform, a sweep setting, a case */
  readonly setting: string;
  /** outcome id: an option id, 'no-decision' or 'deferred' */
  readonly outcome: string;
  /** the adopted option id, or '' */
  readonly option: string;
  readonly decidedBy: DecidedBy;
  /** hours the item took */
  readonly hours: number;
  /** consultation rounds held */
  readonly rounds: number;
  /** participant ids whose objection was decisive in the last failed check of some option, in member order */
  readonly decisive: readonly string[];
}

/** The columns of a record, in the order rows are written. */
export const RECORD_COLUMNS = ['run', 'setting', 'outcome', 'option', 'decidedBy', 'hours', 'rounds', 'decisive'] as const;
/** The columns of a two-level run's records: the draw after the run. */
export const DRAW_RECORD_COLUMNS = ['run', 'draw', 'setting', 'outcome', 'option', 'decidedBy', 'hours', 'rounds', 'decisive'] as const;

export function decidedBy(model: Model, result: RunResult): DecidedBy {
  if (result.adoptedBy === undefined) return '';
  return result.adoptedBy === 'consensus' && model.rule.mode === 'written' ? 'written' : result.adoptedBy;
}

/** Member indices decisive on any option, each once, in member order. */
export function decisiveMembers(result: RunResult): number[] {
  const members = new Set<number>();
  for (const list of result.decisive) if (list) for (const m of list) members.add(m);
  return [...members].sort((a, b) => a - b);
}

export function toRecord(model: Model, setting: string, run: number, result: RunResult, draw?: number): RunRecord {
  const outcome = model.outcomes[result.outcome];
  return {
    run,
    ...(draw !== undefined ? { draw } : {}),
    setting,
    outcome,
    option: result.adoptedBy !== undefined ? outcome : '',
    decidedBy: decidedBy(model, result),
    hours: Math.round(result.hours * 1000) / 1000,
    rounds: result.rounds,
    decisive: decisiveMembers(result).map((m) => model.ids[m]),
  };
}
