/**
 * The shell side of the provenance stamp: the command line as invoked, today's date (the only clock read, here in
 * the shell; `PLENARY_DATE=YYYY-MM-DD` fixes it), the plenary version and the texts of the scenario's files. The
 * stamp itself is built by src/report/provenance.ts.
 */
import { readFileSync } from 'node:fs';
import { packageVersion } from '../common/paths';
import { buildStamp, type Stamp } from '../report/provenance';
import type { Scenario } from '../scenario/types';

export interface Invocation {
  /** the arguments after `plenary` */
  readonly args: readonly string[];
  readonly date: string;
}

let current: Invocation | undefined;

/** Options that change how a command runs or where its result goes, never the result: left out of the stamp. */
const WITH_VALUE = new Set(['--workers', '-w', '--out', '-o']);
const ALONE = new Set(['--quiet', '-q', '--debug']);

/** The arguments that decide the result (so that the stamp, too, is the same for any --workers or --out). */
export function resultArgs(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (ALONE.has(a)) continue;
    if (WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (/^--(workers|out)=/.test(a) || /^-[wo].+/.test(a)) continue;
    kept.push(a);
  }
  return kept;
}

/** Drops `flag value`, `flag=value` and (for a one-letter flag) `-xvalue` from the arguments. */
function without(args: readonly string[], long: string, short?: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === long || (short !== undefined && a === short)) {
      i++;
      continue;
    }
    if (a.startsWith(`${long}=`) || (short !== undefined && a.startsWith(short) && a.length > short.length && !a.startsWith('--'))) continue;
    kept.push(a);
  }
  return kept;
}

/**
 * The invocation of the unsplit job a shard belongs to: the same arguments without `--shard i/n`. A part of rows
 * (`--format rows/jsonl --shard i/n`) is stamped with it, so that the parts concatenate to the unsplit output.
 */
export const unsplitInvocation = (invocation: Invocation): Invocation => ({ ...invocation, args: without(invocation.args, '--shard') });

/**
 * The invocation a shard file records: the unsplit job's, without `--format` either (a shard file is the same
 * whatever the format; `plenary merge --format F` adds its own), so that every part of one job records the same.
 */
export const shardInvocation = (invocation: Invocation): Invocation => ({ ...invocation, args: without(without(invocation.args, '--shard'), '--format', '-f') });

/** Called once by main() with the process arguments. */
export function setInvocation(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const fixed = env.PLENARY_DATE;
  current = { args: resultArgs(argv.slice(2)), date: fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : new Date().toISOString().slice(0, 10) };
}

export const currentInvocation = (): Invocation | undefined => current;

const readOr = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/**
 * The stamp of a result computed from `scenarios` (one, or a case library) with `seed` (undefined: a result that uses
 * no randomness). No scenarios (a body given on the command line): the hash is of nothing, and the stamp says so.
 */
export function stampOf(scenarios: readonly Pick<Scenario, 'file' | 'files'>[], seed: string | undefined, invocation: Invocation | undefined = current): Stamp | undefined {
  if (!invocation) return undefined;
  const files = [...new Set(scenarios.flatMap((s) => s.files ?? (s.file ? [s.file] : [])))];
  return buildStamp({ version: packageVersion(), files: files.map((file) => ({ file, text: readOr(file) })), args: invocation.args, seed, date: invocation.date });
}
