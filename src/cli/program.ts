/**
 * The command-line program: every command and flag, declared here on one screen. Each command's body is a plain
 * function in src/cli/commands/<command>.ts, loaded when the command runs (so `plenary --help` stays light). The
 * long jobs (run, compare, sweep, backtest, what-would-it-take, power) go through one shell (src/cli/job.ts): live
 * progress on a terminal, Ctrl-C → a PARTIAL result and exit 130, --out written only for a complete result.
 * The trainer's commands (play, replay, diagram) are declared in commands/play.ts.
 */
import { Command, Option } from 'commander';
import { guardOutput } from '../common/inputFiles';
import { UserError } from '../common/errors';
import { resolveScenarioArg } from '../scenario/bundled';
import { cutLongWords } from '../common/terminalText';
import { packageVersion } from '../common/paths';
import { DEFAULT_SEED } from '../engine/rng';
import { parseShard, shardRange, type Shard } from '../engine/shard';
import { parseWorkers, type WorkerCount } from '../engine/parallel';
import { registerTrainer } from './commands/play';
import type { CliIO } from './io';
import { runJobCommand } from './job';
import { currentInvocation } from './stamp';
import { checkOutPath, STDOUT_PATH } from './output';
import { addParamOption, formatParser, parseChair, parseCount, parseFloorModel, parseFloorModels, parseRuns, parseSeed, parseShare } from './options';
import { DEFAULT_FLOOR_MODEL } from '../floor/defaultModel';
import { FLOOR_MODEL_NAMES, type FloorModelName } from '../scenario/floorModelNames';
import type { ParameterOverrides } from '../scenario/parameterOverrides';

const RUN_FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'rows', 'jsonl'] as const;
const COMPARE_FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'rows', 'jsonl'] as const;
const MERGE_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
const SWEEP_FORMATS = ['table', 'json', 'csv', 'markdown', 'rows', 'jsonl'] as const;
const BACKTEST_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
const WWIT_FORMATS = ['table', 'json'] as const;
const POWER_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
const LIST_FORMATS = ['table', 'json'] as const;
const TRACE_FORMATS = ['text', 'json'] as const;
const VALIDATE_FORMATS = ['text', 'json'] as const;
const SENSITIVITY_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
const CALIBRATION_FORMATS = ['table', 'json', 'markdown'] as const;
type Of<T extends readonly string[]> = T[number];

const collect = (value: string, previous: string[]): string[] => [...previous, value];
/** `--model`, the same on every command that simulates */
const CHAIR_FLAG = ['--chair <name>', "simulated chair: in-order (options in file order; the default) or reads-the-room (tables what is most likely to pass, drops what cannot, may extend the item); default: the scenario's procedure.chair"] as const;
const MODEL_FLAG = ['--model <name>', "floor model: ordinal, spatial, compromise or ensemble (default: the scenario's model:, else spatial; see docs/model.md)"] as const;
const inputsOf = (scenario: string | undefined): string[] => (scenario ? [scenario] : []);
const ROWS_HELP = 'rows: one CSV line per run (and rule or setting), with a header; jsonl: the same as JSON Lines; the first record carries the provenance stamp (a last column or field, provenance)';

/** What an --out file's extension asks for, when --format is not given (the first of these the command has). */
const FORMAT_OF_EXTENSION: Readonly<Record<string, readonly string[]>> = { html: ['html'], htm: ['html'], md: ['markdown'], markdown: ['markdown'], json: ['json'], csv: ['csv'], txt: ['table', 'text'], jsonl: ['jsonl'] };

/**
 * `--out report.html` without --format writes HTML, not a text table into an .html file: the format follows the
 * extension when the command has that format; an extension it cannot write is refused, naming the formats it has.
 */
export function inferFormat(command: Command, out: string): void {
  const option = command.options.find((o) => o.attributeName() === 'format');
  if (!option || command.getOptionValueSource('format') !== 'default') return;
  const ext = /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
  const candidates = ext === undefined ? undefined : FORMAT_OF_EXTENSION[ext];
  if (candidates === undefined) return;
  const format = candidates[0];
  for (const candidate of candidates) {
    try {
      command.setOptionValueWithSource('format', option.parseArg ? option.parseArg(candidate, undefined) : candidate, 'implied');
      return;
    } catch {
      // not a format of this command: try the next, else refuse below
    }
  }
  throw new UserError(`--out ${out}: plenary ${command.name()} cannot write ${format} (formats: ${option.description.replace(/^output format \(([^;)]*).*$/, '$1')}); give --format, or an --out name with a matching extension`);
}

/** Flags every Monte Carlo job shares. */
function jobFlags(command: Command, shard: 'with-rows' | 'shard' | false, threads: 'workers' | 'one thread' = 'workers'): Command {
  command.option('-q, --quiet', 'no progress display (progress is shown only on a terminal, never under CI)');
  // a command that runs on one thread does not offer --workers (rather than accept it and ignore it)
  if (threads === 'workers') command.option('-w, --workers <n|auto>', 'threads (auto: 1 below 20,000 runs, else up to 2); the result is the same whatever the number', parseWorkers, 'auto' as WorkerCount);
  if (shard) command.option('--shard <i/n>', `run only part i of n of the runs and write a shard file (combine with plenary merge)${shard === 'with-rows' ? '; with rows: the rows of that part' : ''}`);
  return command;
}

interface JobOpts {
  readonly runs: number;
  readonly seed: string;
  readonly out?: string;
  readonly shard?: string;
  readonly quiet?: boolean;
  readonly workers: WorkerCount;
}

/** Checks --out and --shard before any work; the runs the job will do. */
function prepare(opts: JobOpts, inputs: readonly string[]): { shard?: Shard; total: number } {
  if (opts.out) checkOutPath(opts.out, inputs);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  const [from, to] = shardRange(opts.runs, shard);
  return { ...(shard ? { shard } : {}), total: to - from };
}

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
    // a scenario argument may name a bundled scenario by id (`plenary run kp-2010-tel-aviv`) or by its path under scenarios/
    .hook('preAction', (_program, command) => {
      if (command.registeredArguments[0]?.name() !== 'scenario' || typeof command.processedArgs[0] !== 'string') return;
      const resolved = resolveScenarioArg(command.processedArgs[0]);
      command.processedArgs[0] = resolved;
      command.args[0] = resolved;
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
      inferFormat(command, out);
    })
    .addHelpText(
      'after',
      `
Examples:
  plenary run                                   the Swakopmund 2009 scenario, 1000 runs
  plenary run --rule qualified-majority:2/3     the same under two-thirds voting
  plenary run --format rows --runs 1000         one CSV line per run, for your own tools
  plenary trace --run 7                         one run, narrated
  plenary validate scenarios/                   check scenario files
  plenary rules                                 the decision rules plenary knows`,
    );

  // ---- run, trace ---------------------------------------------------------------------------------------------
  jobFlags(
    addParamOption(program
      .command('run'))
      .description('simulate a scenario many times: outcome probabilities, decisive objections, time used')
      .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
      .option('-n, --runs <n>', 'number of simulated runs', parseRuns, 1000)
      .option('-s, --seed <seed>', 'master seed (any text); run k uses (seed, k)', parseSeed, DEFAULT_SEED)
      .option('-r, --rule <rule>', 'override the rule in force, e.g. qualified-majority:2/3')
      .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
      .option(CHAIR_FLAG[0], CHAIR_FLAG[1], parseChair)
      .addOption(new Option('-f, --format <format>', `output format (${RUN_FORMATS.join(', ')}; ${ROWS_HELP})`).argParser(formatParser(RUN_FORMATS)).default('table'))
      .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
      .option('--draws <n>', 'input draws when the scenario has ranges or distributions (two-level Monte Carlo; runs are split among them; with rows, each run names its draw)', parseCount('--draws', 1, 100_000), 100),
    'with-rows',
  )
    .addHelpText('after', '\nExamples:\n  plenary run\n  plenary run --runs 10000 --rule qualified-majority:2/3\n  plenary run scenarios/kp-2009-swakopmund.yaml --format json --out result.json\n  plenary run --format rows --runs 1000 --out runs.csv')
    .action(async (scenario: string | undefined, opts: JobOpts & { rule?: string; model?: FloorModelName; chair?: string; format: Of<typeof RUN_FORMATS>; draws: number; param?: ParameterOverrides }) => {
      const inputs = inputsOf(scenario);
      const { shard, total } = prepare(opts, inputs);
      const { runCommand } = await import('./commands/run');
      await runJobCommand(io, { total, quiet: opts.quiet, out: opts.out, inputs }, (hooks) =>
        runCommand({ scenario, runs: opts.runs, seed: opts.seed, rule: opts.rule, overrides: opts.param, floor: opts.model, chair: opts.chair, format: opts.format, shard, workers: opts.workers, draws: opts.draws, invocation: currentInvocation(), ...hooks }),
      );
    });

  addParamOption(program
    .command('trace'))
    .description('narrate one run step by step, ending with the outcome and why')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-s, --seed <seed>', 'master seed of the job the run belongs to', parseSeed, DEFAULT_SEED)
    .option('-k, --run <k>', 'run index (0-based)', parseCount('--run', 0, 1e12), 0)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
    .option(CHAIR_FLAG[0], CHAIR_FLAG[1], parseChair)
    .option('--draw <d>', "for a scenario with ranges or distributions: the input draw the run belongs to (the draw column of run's rows); the run is replayed under that draw's inputs (default: at their means)", parseCount('--draw', 0, 99_999))
    .addOption(new Option('-f, --format <format>', `output format (${TRACE_FORMATS.join(', ')}; json: the same steps as structured events, with the outcome, why and the provenance stamp)`).argParser(formatParser(TRACE_FORMATS)).default('text'))
    .option('-o, --out <file>', 'write the transcript to a file')
    .addHelpText('after', '\nExamples:\n  plenary trace --run 173\n  plenary trace --seed 42 --run 5 --rule consensus-minus-subject\n  plenary trace --run 7 --format json --out run7.json')
    .action(async (scenario: string | undefined, opts: { seed: string; run: number; rule?: string; model?: FloorModelName; chair?: string; draw?: number; format: Of<typeof TRACE_FORMATS>; out?: string; param?: ParameterOverrides }) => {
      if (opts.out) checkOutPath(opts.out, inputsOf(scenario));
      const { traceCommand } = await import('./commands/trace');
      await io.emit(traceCommand({ scenario, seed: opts.seed, run: opts.run, rule: opts.rule, overrides: opts.param, floor: opts.model, chair: opts.chair, draw: opts.draw, format: opts.format, invocation: currentInvocation() }), { out: opts.out, inputs: inputsOf(scenario) });
    });

  // ---- reference: validate, schema, scenarios, rules, reforms --------------------------------------------------
  program
    .command('validate')
    .description('check scenario files (or folders of them); every problem with file:line')
    .argument('<files...>', 'scenario files or folders')
    .option('--strict', 'treat warnings (unsourced numbers) as errors')
    .addOption(new Option('-f, --format <format>', `output format (${VALIDATE_FORMATS.join(', ')}; json: per file ok or its errors and warnings with file, line, field path and message; the exit code is the same)`).argParser(formatParser(VALIDATE_FORMATS)).default('text'))
    .option('-o, --out <file>', 'write the report to a file (the exit code is the same)')
    .addHelpText('after', '\nExamples:\n  plenary validate scenarios/\n  plenary validate my-case.yaml --strict\n  plenary validate scenarios/ --format json')
    .action(async (files: string[], opts: { strict?: boolean; format: Of<typeof VALIDATE_FORMATS>; out?: string }) => {
      if (opts.out) checkOutPath(opts.out, files);
      const { validateCommand } = await import('./commands/validate');
      const result = validateCommand(files, opts);
      await io.emit(result.text, { out: opts.out, inputs: files });
      io.exitCode = result.exitCode;
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editors; bundled as scenarios/schema.json)')
    .option('--roster', 'the schema of roster files instead (scenarios/roster.schema.json)')
    .option('-o, --out <file>', 'write it to a file')
    .action(async (opts: { out?: string; roster?: boolean }) => {
      const { schemaCommand } = await import('./commands/schema');
      await io.emit(schemaCommand(opts.roster ? 'roster' : 'scenario'), { out: opts.out });
    });

  program
    .command('scenarios')
    .description('list the bundled scenarios: each runs by its id, e.g. plenary run kp-2010-tel-aviv')
    .addOption(new Option('-f, --format <format>', 'output format (table, json)').argParser(formatParser(LIST_FORMATS)).default('table'))
    .action(async (opts: { format: Of<typeof LIST_FORMATS> }) => {
      const { scenariosCommand } = await import('./commands/scenarios');
      await io.emit(scenariosCommand(opts.format));
    });

  program
    .command('participants')
    .description('who sits at the table: participant ids (for --as and sweep paths), names, blocs and roles')
    .argument('[scenario]', 'scenario file or bundled scenario id (default: the bundled Swakopmund 2009 scenario)')
    .addOption(new Option('-f, --format <format>', 'output format (table, json)').argParser(formatParser(LIST_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the list to a file')
    .addHelpText('after', '\nExamples:\n  plenary participants\n  plenary participants kp-2010-tel-aviv --format json')
    .action(async (scenario: string | undefined, opts: { format: Of<typeof LIST_FORMATS>; out?: string }) => {
      const { participantsCommand } = await import('./commands/participants');
      await io.emit(participantsCommand(scenario, opts.format), { out: opts.out, inputs: inputsOf(scenario) });
    });

  program
    .command('rules')
    .description('list the decision rules with a one-line description and a source')
    .addOption(new Option('-f, --format <format>', 'output format (table, json)').argParser(formatParser(LIST_FORMATS)).default('table'))
    .action(async (opts: { format: Of<typeof LIST_FORMATS> }) => {
      const { rulesCommand } = await import('./commands/rules');
      await io.emit(rulesCommand(opts.format));
    });

  // ---- compare, reforms, sweep, merge, what-would-it-take ------------------------------------------------------
  jobFlags(
    addParamOption(program
      .command('compare'))
      .description('run one scenario under several rules on the same runs: outcome shares, paired differences, what changed, who blocks')
      .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
      .option('--rules <list>', 'comma-separated rules or reform ids, compared with the baseline (the rule in force)')
      .option('--reforms [ids]', 'compare with the bundled reform proposals (scenarios/reforms/): all, or the comma-separated ids given')
      .option('--map-group <group=bloc>', 'apply a reform that needs a group (e.g. adpa) through a bloc of this scenario (repeatable)', collect, [])
      .option('--baseline <rule>', "the rule the others are measured against (default: the scenario's rule in force)")
      .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
      .option(CHAIR_FLAG[0], CHAIR_FLAG[1], parseChair)
      .option('-n, --runs <n>', 'runs per rule (the same runs under every rule)', parseRuns, 1000)
      .option('-s, --seed <seed>', 'master seed; run k uses (seed, k) under every rule', parseSeed, DEFAULT_SEED)
      .addOption(new Option('-f, --format <format>', `output format (${COMPARE_FORMATS.join(', ')}; ${ROWS_HELP})`).argParser(formatParser(COMPARE_FORMATS)).default('table'))
      .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout'),
    'with-rows',
  )
    .addHelpText('after', '\nExamples:\n  plenary compare --reforms\n  plenary compare --rules qualified-majority:2/3,consensus-then-vote:2/3\n  plenary compare --reforms wdc-2009-two-thirds,osce-consensus-minus-one\n  plenary compare my-council.yaml --reforms --map-group adpa=south --map-group western=north\n  plenary compare --reforms --format html --out reforms.html\n  plenary compare --reforms --shard 1/4 --out part1.json\n  plenary compare --reforms --format rows --out runs.csv')
    .action(async (scenarioArg: string | undefined, opts: JobOpts & { rules?: string; reforms?: boolean | string; mapGroup: string[]; baseline?: string; model?: FloorModelName; chair?: string; format: Of<typeof COMPARE_FORMATS>; param?: ParameterOverrides }) => {
      let scenario = scenarioArg;
      // `--reforms FILE`: the optional list took the scenario (reform ids never hold "/" or "."); all reforms on FILE
      if (typeof opts.reforms === 'string' && scenario === undefined && /[/\\.]/.test(opts.reforms)) {
        scenario = opts.reforms;
        opts.reforms = true;
      }
      const inputs = inputsOf(scenario);
      const { shard, total } = prepare(opts, inputs);
      const { compareCommand } = await import('./commands/compare');
      await runJobCommand(io, { total, quiet: opts.quiet, out: opts.out, inputs }, (hooks) =>
        compareCommand({ scenario, overrides: opts.param, rules: opts.rules, reforms: opts.reforms, mapGroup: opts.mapGroup, baseline: opts.baseline, floor: opts.model, chair: opts.chair, onSkipped: (line) => io.err(`plenary: ${line}`), runs: opts.runs, seed: opts.seed, format: opts.format, shard, workers: opts.workers, invocation: currentInvocation(), ...hooks }),
      );
    });

  program
    .command('reforms')
    .description('list the bundled reform proposals (scenarios/reforms/) with their rules and proponents')
    .addOption(new Option('-f, --format <format>', 'output format (table, json)').argParser(formatParser(LIST_FORMATS)).default('table'))
    .action(async (opts: { format: Of<typeof LIST_FORMATS> }) => {
      const { reformsCommand } = await import('./commands/reforms');
      await io.emit(reformsCommand(opts.format));
    });

  jobFlags(
    addParamOption(program
      .command('sweep'))
      .description('vary numbers of a scenario and watch the outcome: tidy rows per setting and rule, and a chart')
      .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
      .option('--vary <path=from:to:step>', 'a number of the scenario document to vary (repeatable), e.g. blocs.sadc.cohesion=0:1:0.1', collect, [])
      .option('--rules <list>', 'comma-separated rules (default: the rule in force)')
      .option('--outcome <id>', 'the outcome to chart (default: the first tabled option)')
      .option('-n, --runs <n>', 'runs per setting and rule', parseRuns, 500)
      .option('-s, --seed <seed>', 'master seed; run k uses (seed, k) in every setting', parseSeed, DEFAULT_SEED)
      .addOption(new Option('-f, --format <format>', `output format (${SWEEP_FORMATS.join(', ')}; ${ROWS_HELP})`).argParser(formatParser(SWEEP_FORMATS)).default('table'))
      .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout'),
    'with-rows',
  )
    .addHelpText('after', '\nExamples:\n  plenary sweep --vary blocs.sadc.cohesion=0:1:0.1 --rules consensus,qualified-majority:2/3\n  plenary sweep --vary "participants[id=zimbabwe].flexibility=0:0.5:0.1" --format csv\n  plenary sweep --vary blocs.sadc.cohesion=0:1:0.25 --format markdown --out sweep.md')
    .action(async (scenario: string | undefined, opts: JobOpts & { vary: string[]; rules?: string; outcome?: string; format: Of<typeof SWEEP_FORMATS>; param?: ParameterOverrides }) => {
      const inputs = inputsOf(scenario);
      const { shard, total } = prepare(opts, inputs);
      const { sweepCommand } = await import('./commands/sweep');
      await runJobCommand(io, { total, quiet: opts.quiet, out: opts.out, inputs }, (hooks) =>
        sweepCommand({ scenario, overrides: opts.param, vary: opts.vary, rules: opts.rules, outcome: opts.outcome, runs: opts.runs, seed: opts.seed, format: opts.format, shard, workers: opts.workers, invocation: currentInvocation(), ...hooks }),
      );
    });

  program
    .command('merge')
    .description('combine the shard files of a run, compare, sweep or backtest into exactly the result of the unsplit command')
    .argument('<files...>', 'shard files written with --shard i/n')
    .addOption(new Option('-f, --format <format>', `output format (${MERGE_FORMATS.join(', ')})`).argParser(formatParser(MERGE_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExample:\n  for i in 1 2 3 4; do plenary compare --reforms --shard $i/4 --out part$i.json; done\n  plenary merge part*.json --format markdown')
    .action(async (files: string[], opts: { format: Of<typeof MERGE_FORMATS>; out?: string }) => {
      if (opts.out) checkOutPath(opts.out, files);
      const { mergeCommand } = await import('./commands/merge');
      await io.emit(mergeCommand(files, opts.format, undefined, { invocation: currentInvocation() }), { out: opts.out, inputs: files });
    });

  jobFlags(
    addParamOption(program
      .command('what-would-it-take'))
      .description('the smallest sets of participants whose change of stance would make an option the most likely outcome')
      .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
      .requiredOption('--target <option>', 'the option to make the modal outcome, e.g. suspend')
      .option('-r, --rule <rule>', 'the rule (default: the rule in force)')
      .addOption(new Option('--to <stance>', 'the stance they change to on the target').choices(['support', 'accept']).default('support'))
      .option('--max-size <k>', 'largest set to search', parseCount('--max-size', 1, 6), 3)
      .option('--candidates <k>', 'participants considered: the k most frequent decisive blockers and objectors', parseCount('--candidates', 1, 60), 12)
      .option('-n, --runs <n>', 'runs per candidate set (the same runs for every set)', parseRuns, 200)
      .option('-s, --seed <seed>', 'master seed', parseSeed, DEFAULT_SEED)
      .addOption(new Option('-f, --format <format>', `output format (${WWIT_FORMATS.join(', ')})`).argParser(formatParser(WWIT_FORMATS)).default('table'))
      .option('-o, --out <file>', 'write the result to a file'),
    false,
  )
    .addHelpText('after', '\nExamples:\n  plenary what-would-it-take --target suspend\n  plenary what-would-it-take --target suspend --rule qualified-majority:2/3 --to accept\n  plenary what-would-it-take --target suspend --format json --out suspend.json')
    .action(async (scenario: string | undefined, opts: JobOpts & { target: string; rule?: string; to: 'support' | 'accept'; maxSize: number; candidates: number; format: Of<typeof WWIT_FORMATS>; param?: ParameterOverrides }) => {
      const inputs = inputsOf(scenario);
      prepare(opts, inputs);
      const { whatWouldItTakeCommand } = await import('./commands/whatWouldItTake');
      // progress counts candidate sets simulated, of an upper estimate (the search stops as soon as it has an answer)
      await runJobCommand(io, { total: 1 + Math.floor(200_000 / opts.runs), title: 'Searching', quiet: opts.quiet, out: opts.out, inputs }, (hooks) =>
        whatWouldItTakeCommand({
          scenario,
          target: opts.target,
          rule: opts.rule,
          overrides: opts.param,
          to: opts.to,
          maxSize: opts.maxSize,
          candidates: opts.candidates,
          runs: opts.runs,
          seed: opts.seed,
          format: opts.format,
          invocation: currentInvocation(),
          workers: opts.workers,
          shouldStop: hooks.shouldStop,
          ...(hooks.onProgress ? { onProgress: (sets: number) => hooks.onProgress!({ runs: Math.floor(sets), counts: [] }) } : {}),
        }),
      );
    });

  // ---- backtest ---------------------------------------------------------------------------------------------------
  jobFlags(
    addParamOption(program
      .command('backtest'))
      .description('simulate historical cases blind and score the model against what was actually decided')
      .argument('[paths...]', 'case files or folders (default: scenarios/history/ and the Swakopmund 2009 scenario)')
      .option('-n, --runs <n>', 'simulated runs per case', parseRuns, 1000)
      .option('-s, --seed <seed>', 'master seed (any text); run k of every case uses (seed, k)', parseSeed, DEFAULT_SEED)
      .addOption(new Option('-f, --format <format>', `output format (${BACKTEST_FORMATS.join(', ')})`).argParser(formatParser(BACKTEST_FORMATS)).default('table'))
      .option('--min-hit-rate <share>', 'gate: exit 1 when the hit rate is below this share (0..1)', parseShare('--min-hit-rate'))
      .option('--blocker-threshold <share>', 'a recorded blocker counts as found when decisive in at least this share of runs', parseShare('--blocker-threshold'), 0.5)
      .option('--model <name>', `floor model for every case (${FLOOR_MODEL_NAMES.join(', ')}; default: each case's own, else ${DEFAULT_FLOOR_MODEL})`, parseFloorModel)
      .option('--models <list>', 'compare floor models, comma-separated (e.g. ordinal,spatial,compromise,ensemble); the case table shows the first', parseFloorModels)
      .option('--chair <name>', "simulated chair for every case: in-order or reads-the-room (default: each case's procedure.chair, else in-order)", parseChair)
      .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout'),
    'shard',
  )
    .addHelpText('after', '\nExamples:\n  plenary backtest\n  plenary backtest --models ordinal,spatial,compromise,ensemble\n  plenary backtest scenarios/history/ --runs 5000 --format markdown\n  plenary backtest --format html --out backtest.html\n  plenary backtest --format csv --out cases.csv\n  plenary backtest my-cases/ --min-hit-rate 0.6\n  plenary backtest --runs 100000 --shard 1/4 --out part1.json')
    .action(async (paths: string[], opts: JobOpts & { format: Of<typeof BACKTEST_FORMATS>; minHitRate?: number; blockerThreshold: number; model?: FloorModelName; models?: FloorModelName[]; chair?: string; param?: ParameterOverrides }) => {
      const { shard, total } = prepare(opts, paths);
      const { backtestCommand } = await import('./commands/backtest');
      const result = await runJobCommand(io, { total, quiet: opts.quiet, out: opts.out, inputs: paths }, (hooks) =>
        backtestCommand({ paths, overrides: opts.param, runs: opts.runs, seed: opts.seed, format: opts.format, minHitRate: opts.minHitRate, blockerThreshold: opts.blockerThreshold, floor: opts.model, models: opts.models, chair: opts.chair, shard, workers: opts.workers, invocation: currentInvocation(), ...hooks }),
      );
      const { gate, result: backtest, exitCode } = result as Awaited<ReturnType<typeof backtestCommand>>;
      if (gate && !gate.passed) io.err(`plenary: backtest hit rate ${backtest.overall.hits}/${backtest.overall.cases} is below --min-hit-rate ${gate.minHitRate}`);
      io.exitCode = exitCode;
    });

  // ---- power ------------------------------------------------------------------------------------------------------
  program
    .command('power')
    .description('a-priori voting power under a rule: Banzhaf, Shapley-Shubik, Coleman; veto players and dummies (exact)')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-r, --rule <rule>', 'the rule (default: the rule in force in the scenario)')
    .option('--rules <list>', 'comma-separated rules, side by side')
    .option('--all-present', 'count participants marked absent as voters (the body as constituted, not as it met)')
    .option('--weights <list>', 'quick form without a scenario: weights of players p1..pn, whole or decimal, e.g. 4,4,4,2,2,1 or 1.5,2.25,3 (decimals are scaled exactly to whole numbers by 10^d, d the most decimal places; the output says so)')
    .option('--quota <q>', 'quick form: the weight a coalition must reach (12, or 4.5), or a share of the total weight (2/3: at least two thirds, as in qualified-majority:2/3; the smallest whole quota >= 2/3 of the scaled total)')
    .option('--min-members <m>', 'quick form: and at least m yes members')
    .option('--names <list>', 'quick form: player names instead of p1..pn')
    .addOption(new Option('-f, --format <format>', `output format (${POWER_FORMATS.join(', ')})`).argParser(formatParser(POWER_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout')
    .option('-q, --quiet', 'no progress display')
    .addHelpText(
      'after',
      '\nExamples:\n  plenary power\n  plenary power --rules consensus,qualified-majority:2/3,consensus-minus-subject\n  plenary power --weights 4,4,4,2,2,1 --quota 12 --names FR,DE,IT,NL,BE,LU\n  plenary power --weights 1.5,2.25,3 --quota 2/3\n  plenary power --rule simple-majority --format json --out power.json',
    )
    .action(async (scenario: string | undefined, opts: { rule?: string; rules?: string; weights?: string; quota?: string; minMembers?: string; names?: string; allPresent?: boolean; format: Of<typeof POWER_FORMATS>; out?: string; quiet?: boolean }) => {
      const inputs = inputsOf(scenario);
      if (opts.out) checkOutPath(opts.out, inputs);
      const [{ powerCommand }, { runOffThread }] = await Promise.all([import('./commands/power'), import('./offThread')]);
      const { quiet, ...rest } = opts;
      const options = { scenario, ...rest, invocation: currentInvocation() };
      // one exact computation that cannot yield: on a worker thread, so that Ctrl-C ends it at once (exit 130)
      await runJobCommand(io, { total: 1, title: 'Counting coalitions', quiet, out: opts.out, inputs }, (hooks) =>
        runOffThread({ command: 'power', options }, hooks.shouldStop ?? (() => false), () => powerCommand(options)),
      );
    });

  // ---- sensitivity, calibrate (issue 14) ---------------------------------------------------------------------------
  jobFlags(
    addParamOption(program
      .command('sensitivity'))
    .description('which uncertain inputs move the outcome probabilities most: Morris screen, Sobol indices, tornado chart, where research pays')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-s, --seed <seed>', 'master seed: designs and runs derive from it', parseSeed, DEFAULT_SEED)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
    .option('-n, --runs <n>', 'simulated runs per design point (the same runs at every point)', parseCount('--runs', 10, 100_000), 200)
    .option('--trajectories <n>', 'Morris trajectories', parseCount('--trajectories', 2, 1000), 10)
    .option('--sobol-rows <n>', 'base rows of the Saltelli design', parseCount('--sobol-rows', 4, 100_000), 128)
    .option('--sobol-factors <n>', 'most inputs carried from the screen into the Sobol stage', parseCount('--sobol-factors', 1, 50), 8)
    .option('--outcome <id>', 'the outcome "where research pays" is about (default: the most likely)')
    .addOption(new Option('-f, --format <format>', `output format (${SENSITIVITY_FORMATS.join(', ')})`).argParser(formatParser(SENSITIVITY_FORMATS)).default('table'))
    .option('-o, --out <file>', 'write the result to a file (atomically) instead of stdout'),
    false,
  )
    .addHelpText('after', '\nExamples:\n  plenary sensitivity\n  plenary sensitivity scenarios/kp-2009-swakopmund.yaml --outcome joint-work-plan\n  plenary sensitivity --format html --out sensitivity.html')
    .action(async (scenario: string | undefined, opts: { seed: string; rule?: string; model?: FloorModelName; runs: number; trajectories: number; sobolRows: number; sobolFactors: number; outcome?: string; format: Of<typeof SENSITIVITY_FORMATS>; out?: string; quiet?: boolean; workers: WorkerCount; param?: ParameterOverrides }) => {
      const inputs = inputsOf(scenario);
      const { prepareSensitivity, sensitivityCommand } = await import('./commands/sensitivity');
      const { param, ...rest } = opts;
      const options = { scenario, ...rest, overrides: param, invocation: currentInvocation() };
      const prepared = await prepareSensitivity(options);
      await runJobCommand(io, { total: prepared.plannedRuns, title: 'Sensitivity', quiet: opts.quiet, out: opts.out, inputs }, (hooks) => sensitivityCommand({ ...options, ...hooks }, prepared));
    });

  jobFlags(
    addParamOption(program
      .command('calibrate'))
      .description("fit the model's global parameters on a case library; in-sample and leave-one-out scores beside the current values and the baselines")
      .argument('[paths...]', 'case files or folders (default: scenarios/history/ and the Swakopmund 2009 scenario)')
      .option('-n, --runs <n>', 'simulated runs per case and grid point (the same runs everywhere)', parseRuns, 200)
      .option('-s, --seed <seed>', 'master seed', parseSeed, DEFAULT_SEED)
      .addOption(new Option('--score <name>', 'what the fit minimises: brier or log').choices(['brier', 'log']).default('brier'))
      .option(MODEL_FLAG[0], MODEL_FLAG[1], parseFloorModel)
      .addOption(new Option('-f, --format <format>', `output format (${CALIBRATION_FORMATS.join(', ')})`).argParser(formatParser(CALIBRATION_FORMATS)).default('table'))
      .option('--write [file]', 'write the fitted values with their provenance into the parameters file (default: scenarios/parameters/model.yaml)')
      .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout'),
    false,
    'one thread',
  )
    .addHelpText('after', '\nExamples:\n  plenary calibrate\n  plenary calibrate scenarios/history/ --runs 400 --score log\n  plenary calibrate --write')
    .action(async (paths: string[], opts: JobOpts & { score: 'brier' | 'log'; model?: FloorModelName; format: Of<typeof CALIBRATION_FORMATS>; write?: boolean | string; param?: ParameterOverrides }) => {
      prepare(opts, paths);
      const { prepareCalibration, calibrateCommand } = await import('./commands/calibrate');
      const options = { paths, runs: opts.runs, seed: opts.seed, score: opts.score, format: opts.format, invocation: currentInvocation(), ...(opts.model ? { model: opts.model } : {}), ...(opts.write !== undefined ? { write: opts.write } : {}), ...(opts.param ? { overrides: opts.param } : {}) };
      const prepared = await prepareCalibration(options);
      await runJobCommand(io, { total: prepared.plannedRuns, title: 'Calibrating', quiet: opts.quiet, out: opts.out, inputs: paths }, (hooks) => calibrateCommand({ ...options, ...hooks }, prepared));
    });

  registerTrainer(program, io);
  // ---- import ---------------------------------------------------------------------------------------------------
  const importCommand = program.command('import').description('convert data from other tools into a scenario file');
  importCommand
    .command('ktab')
    .description('a KTAB spatial-model CSV (actors, influence, position and salience per dimension) as a scenario')
    .argument('<file>', 'the KTAB CSV')
    .option('-o, --out <file>', 'write the scenario to a file (atomically) instead of stdout')
    .addHelpText('after', '\nExamples:\n  plenary import ktab dummyData_3Dim.csv\n  plenary import ktab SOE-Policy.csv --out soe-policy.yaml && plenary run soe-policy.yaml')
    .action(async (file: string, opts: { out?: string }) => {
      const { importKtabAction } = await import('./commands/import');
      await importKtabAction(file, opts, io);
    });
  importCommand.exitOverride();
  for (const command of program.commands) command.exitOverride().showSuggestionAfterError(true).showHelpAfterError(`(run plenary ${command.name()} --help for usage)`);
  return program;
}
