/** Parsers for command-line values: each returns the value or throws a UserError (exit 2) saying what is allowed. */
import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../common/suggest';

export const MAX_RUNS = 10_000_000;

export function parseRuns(text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new InvalidArgumentError(`"${text}" is not a whole number of runs (1 to ${MAX_RUNS.toLocaleString('en-US')})`);
  const n = Number(t);
  if (n < 1) throw new InvalidArgumentError(`at least 1 run is needed (received ${text})`);
  if (n > MAX_RUNS) throw new InvalidArgumentError(`${text} runs is more than the maximum of ${MAX_RUNS.toLocaleString('en-US')}; split the job with --shard i/n instead`);
  return n;
}

export function parseCount(name: string, min: number, max: number) {
  return (text: string): number => {
    const t = text.trim();
    if (!/^\d+$/.test(t)) throw new InvalidArgumentError(`"${text}" is not a whole number (${min} to ${max})`);
    const n = Number(t);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be ${min} to ${max} (received ${text})`);
    return n;
  };
}

/** Any string is a seed; it is used as given (so "42" and "042" are different seeds). */
export function parseSeed(text: string): string {
  if (text.length > 200) throw new InvalidArgumentError('a seed is at most 200 characters');
  return text;
}

export function formatParser<T extends string>(allowed: readonly T[]) {
  return (text: string): T => {
    if ((allowed as readonly string[]).includes(text)) return text as T;
    throw new InvalidArgumentError(`unknown format "${text}" (allowed: ${allowed.join(', ')}).${didYouMean(text, allowed)}`.replace(/\.$/, ''));
  };
}

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];
