/** What commands may do to the outside world, passed in so that tests can capture it. */
import { escapeControl } from '../common/terminalText';
import { STDOUT_PATH, writeOut, writeStdout } from './output';

export interface CliIO {
  /** the result: to --out (atomically) or to stdout */
  emit(text: string, options?: { out?: string; inputs?: readonly string[] }): Promise<void>;
  /** messages and progress: stderr */
  err(text: string): void;
  /** stdout is a terminal and we are not under CI */
  readonly interactive: boolean;
  /** set by commands whose result is a verdict (validate, backtest gates) */
  exitCode: number;
  /** true once the user pressed Ctrl-C */
  interrupted(): boolean;
}

/**
 * Everything printed goes through here: control characters from scenario text (ESC, BEL, NUL, C1) are shown as
 * escapes, never sent to the terminal or into a report (src/common/terminalText.ts).
 */
export const safeText = (text: string): string => escapeControl(text, { keepCrLf: true });

export function processIO(): CliIO {
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    // a second Ctrl-C ends at once
    process.once('SIGINT', () => process.exit(130));
  });
  return {
    async emit(text, options) {
      const out = options?.out;
      if (out !== undefined && out !== STDOUT_PATH) writeOut(out, safeText(text), options?.inputs);
      else await writeStdout(safeText(text));
    },
    err: (text) => {
      const safe = safeText(text);
      process.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
    },
    interactive: process.stdout.isTTY === true && !process.env.CI,
    exitCode: 0,
    interrupted: () => interrupted,
  };
}
