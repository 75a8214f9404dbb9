/**
 * The CLI called in-process (`main` with a capturing CliIO): the same parsing, loading, checks and exit codes as
 * the built binary, thousands of times faster to start. `--out` writes real files through the same writer.
 */
import type { CliIO } from '../../src/cli/io';
import { safeText } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { STDOUT_PATH, writeOut } from '../../src/cli/output';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function plenaryInProcess(args: readonly string[], options: { interrupted?: () => boolean } = {}): Promise<InProcessRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    async emit(text, opts) {
      if (opts?.out !== undefined && opts.out !== STDOUT_PATH) writeOut(opts.out, safeText(text), opts.inputs);
      else out.push(safeText(text));
    },
    err: (text) => void err.push(safeText(text).endsWith('\n') ? safeText(text) : `${safeText(text)}\n`),
    interactive: false,
    exitCode: 0,
    interrupted: options.interrupted ?? (() => false),
  };
  const code = await main(['node', 'plenary', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A stack frame or a raw internal error in text meant for a user. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|<anonymous>)$|node:internal|\binternal error\b|TypeError|ReferenceError|RangeError/m;
