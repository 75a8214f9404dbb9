/** Registration of `plenary power`. The body (src/cli/commands/powerCommand.ts) loads lazily. */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliIO } from '../io';
import { checkOutPath } from '../output';
import { formatParser } from '../options';
import type { PowerFormat } from '../../report/power';

/** kept here (not imported from the report) so that registration stays light */
const POWER_FORMATS: readonly PowerFormat[] = ['table', 'json', 'csv', 'markdown'];

export function registerPower(program: Command, io: CliIO): void {
  program
    .command('power')
    .description('a-priori voting power under a rule: Banzhaf, Shapley-Shubik, Coleman; veto players and dummies (exact)')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-r, --rule <rule>', 'the rule (default: the rule in force in the scenario)')
    .option('--rules <list>', 'comma-separated rules, side by side')
    .option('--all-present', 'count participants marked absent as voters (the body as constituted, not as it met)')
    .option('--weights <list>', 'quick form without a scenario: weights of players p1..pn, e.g. 4,4,4,2,2,1')
    .option('--quota <q>', 'quick form: weight a coalition must reach')
    .option('--min-members <m>', 'quick form: and at least m yes members')
    .option('--names <list>', 'quick form: player names instead of p1..pn')
    .addOption(new Option('-f, --format <format>', `output format (${POWER_FORMATS.join(', ')})`).argParser(formatParser(POWER_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  plenary power\n  plenary power --rules consensus,qualified-majority:2/3,consensus-minus-subject\n  plenary power --weights 4,4,4,2,2,1 --quota 12 --names FR,DE,IT,NL,BE,LU\n  plenary power --rule simple-majority --format json --out power.json',
    )
    .action(async (scenario: string | undefined, opts: { rule?: string; rules?: string; weights?: string; quota?: string; minMembers?: string; names?: string; allPresent?: boolean; format: PowerFormat; out?: string }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.out) checkOutPath(opts.out, inputs);
      const { powerCommand } = await import('./powerCommand');
      await io.emit(powerCommand({ scenario, ...opts }), { out: opts.out, inputs });
    });
}
