/**
 * Typed errors with fixed exit codes. Only the CLI's single exit point turns them into a message and a code.
 * A user error never prints a stack trace.
 */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** A problem with what the user gave us: a file, a flag, a value. Exit code 2. */
export class UserError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(
    message: string,
    /** every problem found, when there are several (scenario validation) */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Thrown when a long job is interrupted (Ctrl-C). */
export class Interrupted extends Error {
  readonly exitCode = EXIT_INTERRUPTED;
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}
