/**
 * The files a command reads, so that `--out` can never overwrite one of them: the scenario, the rosters it
 * includes (and the rosters those extend), reform files, backtest cases, shard parts, import files. Every reader
 * of user files calls `noteInputRead`; the CLI guards the resolved `--out` target for the length of a command, and
 * a read of that very file (after resolving symbolic links) is refused at once, before any work.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from './errors';

let guarded: { target: string; shown: string } | undefined;
const read = new Map<string, string>();

/** The path with symbolic links resolved (or as given, absolute, when it does not exist yet). */
export function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** From now on, reading `target` is refused (`shown` is the --out text as the user typed it). */
export function guardOutput(target: string, shown: string): void {
  guarded = { target: realOrResolved(target), shown };
  read.clear();
}

/** Ends the guard (the command is over). */
export function releaseOutput(): void {
  guarded = undefined;
  read.clear();
}

/** Records that `file` is read as `what` (e.g. "roster of scenarios/x.yaml"); throws if it is the --out file. */
export function noteInputRead(file: string, what = 'an input file'): void {
  if (guarded === undefined) return;
  const real = realOrResolved(file);
  if (!read.has(real)) read.set(real, what);
  if (real === guarded.target) throw outputIsInput(guarded.shown, file, what);
}

/** The input `target` would overwrite, if any (checked again just before writing). */
export function inputAt(target: string): { file: string; what: string } | undefined {
  const real = realOrResolved(target);
  const what = read.get(real);
  return what === undefined ? undefined : { file: real, what };
}

export function outputIsInput(shown: string, file: string, what: string): UserError {
  return new UserError(`--out ${shown}: is a file this command reads (${what}: ${file}); refusing to overwrite it. Choose another output file`);
}
