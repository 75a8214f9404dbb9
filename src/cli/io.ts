/** What commands may do to the outside world, passed in so that tests can capture it. */
import { checkOutPath, writeFileAtomic, writeStdout } from './output';

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

export function processIO(): CliIO {
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    // a second Ctrl-C ends at once
    process.once('SIGINT', () => process.exit(130));
  });
  return {
    async emit(text, options) {
      if (options?.out) writeFileAtomic(checkOutPath(options.out, options.inputs), text);
      else await writeStdout(text);
    },
    err: (text) => {
      process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    interactive: process.stdout.isTTY === true && !process.env.CI,
    exitCode: 0,
    interrupted: () => interrupted,
  };
}
