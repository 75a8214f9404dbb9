/**
 * The one exit point. User errors (bad files, bad flags) exit 2 with a message and never a stack trace; an
 * interrupt exits 130; anything else is an internal fault: one line asking for a report, exit 1 (trace with --debug).
 */
import { CommanderError } from 'commander';
import { EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UserError } from '../common/errors';
import { packageVersion } from '../common/paths';
import { processIO, type CliIO } from './io';
import { buildProgram } from './program';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
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
  }
}

function handle(error: unknown, io: CliIO, debug: boolean, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE; // commander already printed the message
  }
  if (error instanceof UserError) {
    io.err(`plenary: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof Interrupted) {
    io.err('plenary: interrupted');
    return EXIT_INTERRUPTED;
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT_OK;
  const command = argv.slice(2).join(' ');
  io.err(`plenary: internal error: ${(error as Error)?.message ?? String(error)}`);
  io.err(`Please report it with the version (${safeVersion()}) and the command (plenary ${command}).${debug ? '' : ' Run again with --debug for the stack trace.'}`);
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
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const code = await main(process.argv);
  process.exitCode = code;
}
