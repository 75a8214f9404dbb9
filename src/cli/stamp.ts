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

/** Called once by main() with the process arguments. */
export function setInvocation(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const fixed = env.PLENARY_DATE;
  current = { args: argv.slice(2).filter((a) => a !== '--debug'), date: fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : new Date().toISOString().slice(0, 10) };
}

export const currentInvocation = (): Invocation | undefined => current;

const readOr = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** The stamp of a result computed from `scenarios` (one, or a case library) with `seed`. */
export function stampOf(scenarios: readonly Pick<Scenario, 'file' | 'files'>[], seed: string, invocation: Invocation | undefined = current): Stamp | undefined {
  if (!invocation) return undefined;
  const files = [...new Set(scenarios.flatMap((s) => s.files ?? (s.file ? [s.file] : [])))];
  return buildStamp({ version: packageVersion(), files: files.map((file) => ({ file, text: readOr(file) })), args: invocation.args, seed, date: invocation.date });
}
