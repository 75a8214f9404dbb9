/** Registration of compare, reforms, sweep, merge and what-would-it-take. Bodies load lazily. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { Interrupted } from '../../common/errors';
import { DEFAULT_SEED } from '../../engine/rng';
import { parseShard } from '../../engine/shard';
import type { CliIO } from '../io';
import { checkOutPath } from '../output';
import { formatParser, parseCount, parseFloorModel, parseRuns, parseSeed } from '../options';
import { MODEL_FLAG } from './core';
import type { FloorModelName } from '../../scenario/schema';

type CompareFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'json', 'csv', 'markdown', 'html'];
type SweepFormat = 'table' | 'json' | 'csv';
const SWEEP_FORMATS: readonly SweepFormat[] = ['table', 'json', 'csv'];

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerCompare(program: Command, io: CliIO): void {
  program
    .command('compare')
    .description('run one scenario under several rules on the same runs: outcome shares, paired differences, what changed, who blocks')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('--rules <list>', 'comma-separated rules or reform ids, compared with the baseline (the rule in force)')
    .option('--reforms [ids]', 'compare with the bundled reform proposals (scenarios/reforms/): all, or the comma-separated ids given')
    .option('--map-group <group=bloc>', 'apply a reform that needs a group (e.g. adpa) through a bloc of this scenario (repeatable)', collect, [])
    .option('--baseline <rule>', 'the rule the others are measured against (default: the scenario\'s rule in force)')
    .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
    .option('-n, --runs <n>', 'runs per rule (the same runs under every rule)', parseRuns, 1000)
    .option('-s, --seed <seed>', 'master seed; run k uses (seed, k) under every rule', parseSeed, DEFAULT_SEED)
    .addOption(new Option('-f, --format <format>', `output format (${COMPARE_FORMATS.join(', ')})`).argParser(formatParser(COMPARE_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--shard <i/n>', 'run only part i of n and write a shard file (combine with plenary merge)')
    .addHelpText('after', '\nExamples:\n  plenary compare --reforms\n  plenary compare --rules qualified-majority:2/3,consensus-then-vote:2/3\n  plenary compare --reforms wdc-2009-two-thirds,osce-consensus-minus-one\n  plenary compare my-council.yaml --reforms --map-group adpa=south --map-group western=north\n  plenary compare --reforms --format html --out reforms.html\n  plenary compare --reforms --shard 1/4 --out part1.json')
    .action(async (scenario: string | undefined, opts: { rules?: string; reforms?: boolean | string; mapGroup: string[]; baseline?: string; model?: FloorModelName; runs: number; seed: string; format: CompareFormat; out?: string; shard?: string }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.out) checkOutPath(opts.out, inputs);
      const shard = opts.shard ? parseShard(opts.shard) : undefined;
      const { compareCommand } = await import('./compareBodies');
      const result = compareCommand({ scenario, rules: opts.rules, reforms: opts.reforms, mapGroup: opts.mapGroup, baseline: opts.baseline, floor: opts.model, onSkipped: (line) => io.err(`plenary: ${line}`), runs: opts.runs, seed: opts.seed, format: opts.format, shard, shouldStop: io.interrupted });
      if (result.partial) {
        if (!shard && opts.format === 'table') await io.emit(result.text);
        throw new Interrupted();
      }
      await io.emit(result.text, { out: opts.out, inputs });
    });

  program
    .command('reforms')
    .description('list the bundled reform proposals (scenarios/reforms/) with their rules and proponents')
    .action(async () => {
      const { reformsCommand } = await import('./compareBodies');
      await io.emit(reformsCommand());
    });

  program
    .command('sweep')
    .description('vary numbers of a scenario and watch the outcome: tidy rows per setting and rule, and a chart')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('--vary <path=from:to:step>', 'a number of the scenario document to vary (repeatable), e.g. blocs.sadc.cohesion=0:1:0.1', collect, [])
    .option('--rules <list>', 'comma-separated rules (default: the rule in force)')
    .option('--outcome <id>', 'the outcome to chart (default: the first tabled option)')
    .option('-n, --runs <n>', 'runs per setting and rule', parseRuns, 500)
    .option('-s, --seed <seed>', 'master seed; run k uses (seed, k) in every setting', parseSeed, DEFAULT_SEED)
    .addOption(new Option('-f, --format <format>', `output format (${SWEEP_FORMATS.join(', ')})`).argParser(formatParser(SWEEP_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--shard <i/n>', 'run only part i of n and write a shard file (combine with plenary merge)')
    .addHelpText('after', '\nExamples:\n  plenary sweep --vary blocs.sadc.cohesion=0:1:0.1 --rules consensus,qualified-majority:2/3\n  plenary sweep --vary "participants[id=zimbabwe].flexibility=0:0.5:0.1" --format csv')
    .action(async (scenario: string | undefined, opts: { vary: string[]; rules?: string; outcome?: string; runs: number; seed: string; format: SweepFormat; out?: string; shard?: string }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.out) checkOutPath(opts.out, inputs);
      const shard = opts.shard ? parseShard(opts.shard) : undefined;
      const { sweepCommand } = await import('./sweepBody');
      const result = sweepCommand({ scenario, vary: opts.vary, rules: opts.rules, outcome: opts.outcome, runs: opts.runs, seed: opts.seed, format: opts.format, shard, shouldStop: io.interrupted });
      if (result.partial) throw new Interrupted();
      await io.emit(result.text, { out: opts.out, inputs });
    });

  program
    .command('merge')
    .description('combine the shard files of a run, compare or sweep into exactly the result of the unsplit command')
    .argument('<files...>', 'shard files written with --shard i/n')
    .addOption(new Option('-f, --format <format>', `output format (${COMPARE_FORMATS.join(', ')})`).argParser(formatParser(COMPARE_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExample:\n  for i in 1 2 3 4; do plenary compare --reforms --shard $i/4 --out part$i.json; done\n  plenary merge part*.json --format markdown')
    .action(async (files: string[], opts: { format: CompareFormat; out?: string }) => {
      if (opts.out) checkOutPath(opts.out, files);
      const { mergeCommand } = await import('./compareBodies');
      await io.emit(mergeCommand(files, opts.format), { out: opts.out, inputs: files });
    });

  program
    .command('what-would-it-take')
    .description('the smallest sets of participants whose change of stance would make an option the most likely outcome')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .requiredOption('--target <option>', 'the option to make the modal outcome, e.g. suspend')
    .option('-r, --rule <rule>', 'the rule (default: the rule in force)')
    .addOption(new Option('--to <stance>', 'the stance they change to on the target').choices(['support', 'accept']).default('support'))
    .option('--max-size <k>', 'largest set to search', parseCount('--max-size', 1, 6), 3)
    .option('--candidates <k>', 'participants considered: the k most frequent decisive blockers and objectors', parseCount('--candidates', 1, 60), 12)
    .option('-n, --runs <n>', 'runs per candidate set (the same runs for every set)', parseRuns, 200)
    .option('-s, --seed <seed>', 'master seed', parseSeed, DEFAULT_SEED)
    .option('-o, --out <file>', 'write the result to a file')
    .addHelpText('after', '\nExamples:\n  plenary what-would-it-take --target suspend\n  plenary what-would-it-take --target suspend --rule qualified-majority:2/3 --to accept')
    .action(async (scenario: string | undefined, opts: { target: string; rule?: string; to: 'support' | 'accept'; maxSize: number; candidates: number; runs: number; seed: string; out?: string }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.out) checkOutPath(opts.out, inputs);
      const { whatWouldItTakeCommand } = await import('./whatWouldItTakeBody');
      await io.emit(whatWouldItTakeCommand({ scenario, ...opts, shouldStop: io.interrupted }), { out: opts.out, inputs });
    });
}
