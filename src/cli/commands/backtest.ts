/** Registration of `plenary backtest`: does the model reproduce what the KP actually decided? Body in backtestRun.ts. */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SEED } from '../../engine/rng';
import type { CliIO } from '../io';
import { checkOutPath } from '../output';
import { formatParser, parseFloorModel, parseFloorModels, parseRuns, parseSeed } from '../options';
import { DEFAULT_FLOOR_MODEL } from '../../floor/defaultModel';
import { FLOOR_MODEL_NAMES, type FloorModelName } from '../../scenario/schema';

const FORMATS = ['table', 'json', 'markdown'] as const;

/** A share between 0 and 1 (also accepts a percentage such as 70%). */
export function parseShare(flag: string) {
  return (text: string): number => {
    const t = text.trim();
    const percent = t.endsWith('%');
    const value = Number(percent ? t.slice(0, -1) : t);
    if (t === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`${flag}: "${text}" is not a number; give a share from 0 to 1, e.g. 0.7 (or 70%)`);
    const share = percent ? value / 100 : value;
    if (share < 0 || share > 1) throw new InvalidArgumentError(`${flag}: ${text} is outside 0..1; give a share from 0 to 1, e.g. 0.7 (or 70%)`);
    return share;
  };
}

export function registerBacktest(program: Command, io: CliIO): void {
  program
    .command('backtest')
    .description('simulate historical cases blind and score the model against what was actually decided')
    .argument('[paths...]', 'case files or folders (default: scenarios/history/ and the Swakopmund 2009 scenario)')
    .option('-n, --runs <n>', 'simulated runs per case', parseRuns, 1000)
    .option('-s, --seed <seed>', 'master seed (any text); run k of every case uses (seed, k)', parseSeed, DEFAULT_SEED)
    .addOption(new Option('-f, --format <format>', `output format (${FORMATS.join(', ')})`).argParser(formatParser(FORMATS)).default('table'))
    .option('--min-hit-rate <share>', 'gate: exit 1 when the hit rate is below this share (0..1)', parseShare('--min-hit-rate'))
    .option('--blocker-threshold <share>', 'a recorded blocker counts as found when decisive in at least this share of runs', parseShare('--blocker-threshold'), 0.5)
    .option('--model <name>', `floor model for every case (${FLOOR_MODEL_NAMES.join(', ')}; default: each case's own, else ${DEFAULT_FLOOR_MODEL})`, parseFloorModel)
    .option('--models <list>', 'compare floor models, comma-separated (e.g. ordinal,spatial,compromise,ensemble); the case table shows the first', parseFloorModels)
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  plenary backtest\n  plenary backtest --models ordinal,spatial,compromise,ensemble\n  plenary backtest scenarios/history/ --runs 5000 --format markdown\n  plenary backtest my-cases/ --min-hit-rate 0.6',
    )
    .action(async (paths: string[], opts: { runs: number; seed: string; format: (typeof FORMATS)[number]; minHitRate?: number; blockerThreshold: number; out?: string; model?: FloorModelName; models?: FloorModelName[] }) => {
      if (opts.out) checkOutPath(opts.out, paths);
      const { backtestCommand } = await import('./backtestRun');
      const result = backtestCommand({ paths, runs: opts.runs, seed: opts.seed, format: opts.format, minHitRate: opts.minHitRate, blockerThreshold: opts.blockerThreshold, shouldStop: io.interrupted, floor: opts.model, models: opts.models });
      await io.emit(result.text, { out: opts.out, inputs: paths });
      if (result.gate && !result.gate.passed) io.err(`plenary: backtest hit rate ${result.result.overall.hits}/${result.result.overall.cases} is below --min-hit-rate ${result.gate.minHitRate}`);
      io.exitCode = result.exitCode;
    });
}
