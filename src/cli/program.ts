/** The command-line program: declares commands and flags; command bodies are plain functions elsewhere. */
import { Command } from 'commander';
import { guardOutput } from '../common/inputFiles';
import { cutLongWords } from '../common/terminalText';
import { packageVersion } from '../common/paths';
import { registerCommands } from './commands/index';
import type { CliIO } from './io';
import { checkOutPath, STDOUT_PATH } from './output';

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
      // one error style: commander's "error: ..." reads "plenary: ..." like every other message
      // and a pasted file given as a value is not echoed whole
      writeErr: (s) => io.err(cutLongWords(s.trimEnd().replace(/^error: /, 'plenary: '))),
      outputError: (s, write) => write(s.replace(/^error: /, 'plenary: ')),
    })
    // --out, for every command that has it: '' refused, '-' is stdout, and the file is checked before any work
    // (folder exists and is writable, not an input); from then on reading that file is refused (src/common/inputFiles.ts)
    .hook('preAction', (_program, command) => {
      const out = command.getOptionValue('out') as unknown;
      if (typeof out !== 'string') return;
      if (out === STDOUT_PATH) {
        command.setOptionValue('out', undefined);
        return;
      }
      const target = checkOutPath(out, command.args);
      guardOutput(target, out);
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
  for (const command of program.commands) command.exitOverride().showSuggestionAfterError(true).showHelpAfterError(`(run plenary ${command.name()} --help for usage)`);
  return program;
}
