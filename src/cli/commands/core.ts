/** Registration of the core commands: run, trace, validate, schema, scenarios, rules. Bodies are plain functions. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { Interrupted } from '../../common/errors';
import { DEFAULT_SEED } from '../../engine/rng';
import type { CliIO } from '../io';
import { checkOutPath } from '../output';
import { formatParser, parseCount, parseFloorModel, parseRuns, parseSeed, REPORT_FORMATS, type ReportFormat } from '../options';
import type { FloorModelName } from '../../scenario/schema';

/** `--model`, the same on every command that simulates */
export const MODEL_FLAG = ['--model <name>', 'floor model: ordinal, spatial, compromise or ensemble (default: the scenario\'s model:, else spatial; see docs/model.md)'] as const;
import { parseShard, shardRange } from '../../engine/shard';
import { parseWorkers, type WorkerCount } from '../../engine/parallel';

export function registerCore(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('simulate a scenario many times: outcome probabilities, decisive objections, time used')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-n, --runs <n>', 'number of simulated runs', parseRuns, 1000)
    .option('-s, --seed <seed>', 'master seed (any text); run k uses (seed, k)', parseSeed, DEFAULT_SEED)
    .option('-r, --rule <rule>', 'override the rule in force, e.g. qualified-majority:2/3')
    .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
    .addOption(new Option('-f, --format <format>', `output format (${REPORT_FORMATS.join(', ')})`).argParser(formatParser(REPORT_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--shard <i/n>', 'run only part i of n of the runs and write a shard file, whatever the format (combine with plenary merge)')
    .option('-q, --quiet', 'no progress display')
    .option('-w, --workers <n|auto>', 'worker threads (auto: 1 below 20,000 runs, else up to 2); same result whatever the number', parseWorkers, 'auto' as WorkerCount)
    .option('--draws <n>', 'input draws when the scenario has ranges or distributions (two-level Monte Carlo; runs are split among them)', parseCount('--draws', 1, 100_000), 100)
    .addHelpText('after', '\nExamples:\n  plenary run\n  plenary run --runs 10000 --rule qualified-majority:2/3\n  plenary run scenarios/kp-2009-swakopmund.yaml --format json --out result.json')
    .action(async (scenario: string | undefined, opts: { runs: number; seed: string; rule?: string; model?: FloorModelName; format: ReportFormat; out?: string; shard?: string; quiet?: boolean; workers: WorkerCount; draws: number }) => {
      if (opts.out) checkOutPath(opts.out, scenario ? [scenario] : []);
      const shard = opts.shard ? parseShard(opts.shard) : undefined;
      const [{ runCommandAsync }, { withProgress, jobHooks }] = await Promise.all([import('./run'), import('../../ui/progress')]);
      const [from, to] = shardRange(opts.runs, shard);
      // sliced, so that Ctrl-C is seen during the job: a partial result, then exit 130; progress on a terminal's stderr
      const result = await withProgress(io, { total: to - from, quiet: opts.quiet }, (progress) =>
        runCommandAsync({ scenario, runs: opts.runs, seed: opts.seed, rule: opts.rule, floor: opts.model, format: opts.format, shard, shouldStop: io.interrupted, workers: opts.workers, draws: opts.draws, ...jobHooks(progress) }),
      );
      if (result.summary.partial) {
        if (shard || opts.format === 'json' || opts.format === 'csv') throw new Interrupted();
        await io.emit(result.text);
        throw new Interrupted();
      }
      await io.emit(result.text, { out: opts.out, inputs: scenario ? [scenario] : [] });
    });

  program
    .command('trace')
    .description('narrate one run step by step, ending with the outcome and why')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-s, --seed <seed>', 'master seed of the job the run belongs to', parseSeed, DEFAULT_SEED)
    .option('-k, --run <k>', 'run index (0-based)', parseCount('--run', 0, 1e12), 0)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
    .option('-o, --out <file>', 'write the transcript to a file')
    .addHelpText('after', '\nExamples:\n  plenary trace --run 173\n  plenary trace --seed 42 --run 5 --rule consensus-minus-subject')
    .action(async (scenario: string | undefined, opts: { seed: string; run: number; rule?: string; model?: FloorModelName; out?: string }) => {
      if (opts.out) checkOutPath(opts.out, scenario ? [scenario] : []);
      const { traceCommand } = await import('./trace');
      await io.emit(traceCommand({ scenario, seed: opts.seed, run: opts.run, rule: opts.rule, floor: opts.model }), { out: opts.out, inputs: scenario ? [scenario] : [] });
    });

  program
    .command('validate')
    .description('check scenario files (or folders of them); every problem with file:line')
    .argument('<files...>', 'scenario files or folders')
    .option('--strict', 'treat warnings (unsourced numbers) as errors')
    .addHelpText('after', '\nExamples:\n  plenary validate scenarios/\n  plenary validate my-case.yaml --strict')
    .action(async (files: string[], opts: { strict?: boolean }) => {
      const { validateCommand } = await import('./catalog');
      const result = validateCommand(files, opts);
      await io.emit(result.text);
      io.exitCode = result.exitCode;
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editors; bundled as scenarios/schema.json)')
    .option('--roster', 'the schema of roster files instead (scenarios/roster.schema.json)')
    .option('-o, --out <file>', 'write it to a file')
    .action(async (opts: { out?: string; roster?: boolean }) => {
      const { schemaCommand } = await import('./catalog');
      await io.emit(schemaCommand(opts.roster ? 'roster' : 'scenario'), { out: opts.out });
    });

  program
    .command('scenarios')
    .description('list the bundled scenarios')
    .action(async () => {
      const { scenariosCommand } = await import('./catalog');
      await io.emit(scenariosCommand());
    });

  program
    .command('rules')
    .description('list the decision rules with a one-line description and a source')
    .action(async () => {
      const { rulesCommand } = await import('./catalog');
      await io.emit(rulesCommand());
    });
}
