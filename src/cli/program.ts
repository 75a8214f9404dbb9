/** The command-line program: declares commands and flags; command bodies are plain functions elsewhere. */
import { Command } from 'commander';
import { packageVersion } from '../common/paths';
import { registerCommands } from './commands/index';
import type { CliIO } from './io';

export function buildProgram(io: CliIO): Command {
  const program = new Command('plenary')
    .description('Simulate consensus decisions in plenary bodies (Kimberley Process and beyond): who blocks, what passes, how long it takes.')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'show stack traces of internal faults')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run plenary --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => io.err(s.trimEnd()),
    })
    .addHelpText(
      'after',
      `
Examples:
  plenary run                                   the Swakopmund 2009 scenario, 1000 runs
  plenary run --rule qualified-majority:2/3     the same under two-thirds voting
  plenary trace --run 7                         one run, narrated
  plenary validate scenarios/                   check scenario files
  plenary rules                                 the decision rules plenary knows`,
    );
  registerCommands(program, io);
  for (const command of program.commands) command.exitOverride().showSuggestionAfterError(true);
  return program;
}
