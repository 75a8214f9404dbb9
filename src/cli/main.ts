/**
 * The one exit point. User errors (bad files, bad flags) exit 2 with a message and never a stack trace; an
 * interrupt exits 130; anything else is an internal fault: one line asking for a report, exit 1 (trace with --debug).
 */
import { CommanderError } from 'commander';
import { EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UserError } from '../common/errors';
import { releaseOutput } from '../common/inputFiles';
import { onWarning } from '../common/warnings';
import { cutLongWords } from '../common/terminalText';
import { packageVersion } from '../common/paths';
import { processIO, type CliIO } from './io';
import { buildProgram } from './program';
import { setInvocation } from './stamp';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  setInvocation(argv);
  onWarning((text) => io.err(`plenary: ${text}`)); // text: `file:line warning: path: ...`
  try {
    const program = buildProgram(io);
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync([...argv]);
    return io.exitCode;
  } catch (error) {
    return handle(error, io, debug, argv);
  } finally {
    releaseOutput();
    onWarning(undefined);
  }
}

function handle(error: unknown, io: CliIO, debug: boolean, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE; // commander already printed the message
  }
  if (error instanceof UserError) {
    // a value pasted by mistake (a 100 KB --rule or --vary) is not echoed whole
    io.err(cutLongWords(`plenary: ${error.message}`, 300));
    return EXIT_USAGE;
  }
  if (error instanceof Interrupted) {
    io.err('plenary: interrupted');
    return EXIT_INTERRUPTED;
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT_OK;
  return internalFault(error, io, debug, argv);
}

/** One line asking for a report, with the version and the command; the stack trace only with --debug. Exit 1. */
function internalFault(error: unknown, io: Pick<CliIO, 'err'>, debug: boolean, argv: readonly string[]): number {
  const command = argv.slice(2).join(' ');
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  io.err(
    `plenary: internal error (${message}). Please report it with the version (plenary ${safeVersion()}) and the command (plenary ${command}).${debug ? '' : ' Run again with --debug for the stack trace.'}`,
  );
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return EXIT_INTERNAL;
}

function safeVersion(): string {
  try {
    return packageVersion();
  } catch {
    return 'unknown';
  }
}

/** Entry point of the built CLI. */
export async function cli(): Promise<void> {
  // a closed pipe (`plenary validate ... | head -1`): the rest of the output is dropped quietly and the command
  // still ends with its own exit code (validate's verdict); other write errors reach writeStdout's callback
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {}); // nowhere left to report to
  // a fault outside the command's promise chain (a timer, a stream callback) gets the same one-line report
  const fault = (error: unknown) => {
    process.exitCode = internalFault(error, { err: (text) => process.stderr.write(`${text}\n`) }, process.argv.includes('--debug'), process.argv);
    process.exit();
  };
  process.on('uncaughtException', fault);
  process.on('unhandledRejection', fault);
  const code = await main(process.argv);
  process.exitCode = code;
}
