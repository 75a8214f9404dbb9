/** Registration of the trainer commands: play, replay, diagram. Bodies load lazily (ink and react only for play). */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { didYouMean } from '../../common/suggest';
import { Interrupted } from '../../common/errors';
import { DEFAULT_SEED } from '../../engine/rng';
import type { CliIO } from '../io';
import { addParamOption, formatParser, parseCount, parseSeed } from '../options';
import type { ParameterOverrides } from '../../scenario/parameterOverrides';
import { checkOutPath } from '../output';

const DIAGRAM_FORMATS = ['mermaid', 'markdown'] as const;
const MACHINES = ['procedure', 'participant'] as const;
type MachineName = (typeof MACHINES)[number];

function parseMachine(text: string): MachineName {
  if ((MACHINES as readonly string[]).includes(text)) return text as MachineName;
  throw new InvalidArgumentError(`unknown machine "${text}" (allowed: ${MACHINES.join(', ')}).${didYouMean(text, MACHINES)}`.replace(/\.$/, ''));
}

/** Writes the debrief to --debrief FILE (atomically), or says how to get one. */
async function writeDebrief(io: CliIO, markdown: string, file: string | undefined, inputs: readonly string[]): Promise<void> {
  if (file) {
    await io.emit(markdown, { out: file, inputs });
    io.err(`Debrief written to ${file}.`);
  } else io.err('(plenary play --debrief FILE writes the debrief as Markdown.)');
}

function parsePace(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || n > 60) throw new InvalidArgumentError(`--pace must be 0 to 60 seconds (received ${text})`);
  return n;
}

export function registerTrainer(program: Command, io: CliIO): void {
  addParamOption(program
    .command('play'))
    .description('trainer mode: step through one run in the terminal, take a seat (the chair, a delegation, an observer; several for a hot-seat), then a debrief')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-a, --as <seats>', 'your seat: "chair" or a participant or observer id in any case, or its name (e.g. zimbabwe, "South Africa"); several separated by commas take turns on one terminal', 'chair')
    .option('-s, --seed <seed>', 'master seed of the job the run belongs to', parseSeed, DEFAULT_SEED)
    .option('-k, --run <k>', 'run index (0-based)', parseCount('--run', 0, 1e12), 0)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option('--debrief <file>', 'write the debrief as Markdown when you quit or press Ctrl-C (atomically)')
    .option('--present', 'presenter mode: fewer, bigger, high-contrast elements for a projector')
    .option('--script <file>', 'play a prepared demo (YAML: captions, keys, pauses; see docs/trainer-guide.md)')
    .option('--record <file>', 'record the session as an asciicast v2 file (asciinema play FILE)')
    .addHelpText('after', '\nExamples:\n  plenary play --as chair --debrief debrief.md\n  plenary play --as chair --script docs/demos/swakopmund-chair.yaml --record demo.cast\n  plenary play --as zimbabwe --run 7\n  plenary play --as chair,zimbabwe,eu          three trainees on one terminal\n  plenary play --as csc                        an observer seat: press delegations\n  plenary play --as chair --rule qualified-majority:2/3 --present')
    .action(async (scenario: string | undefined, opts: { as: string; seed: string; run: number; rule?: string; debrief?: string; present?: boolean; script?: string; record?: string; param?: ParameterOverrides }) => {
      const inputs = [...(scenario ? [scenario] : []), ...(opts.script ? [opts.script] : [])];
      if (opts.debrief) checkOutPath(opts.debrief, inputs);
      if (opts.record) checkOutPath(opts.record, inputs);
      const { playCommand } = await import('./trainer');
      const { markdown, ending, cast } = await playCommand({
        scenario,
        as: opts.as,
        seed: opts.seed,
        run: opts.run,
        rule: opts.rule,
        overrides: opts.param,
        debriefFile: opts.debrief,
        present: opts.present === true,
        ...(opts.script ? { script: opts.script } : {}),
        record: opts.record !== undefined,
      });
      if (opts.record && cast !== undefined) {
        await io.emit(cast, { out: opts.record, inputs });
        io.err(`Recording written to ${opts.record} (asciicast v2: asciinema play ${opts.record}).`);
      }
      await writeDebrief(io, markdown, opts.debrief, inputs);
      if (ending === 'interrupted') throw new Interrupted();
    });

  addParamOption(program
    .command('replay'))
    .description('open any run of run/compare in the trainer screen (simulated chair, stepping only)')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-s, --seed <seed>', 'master seed of the job the run belongs to', parseSeed, DEFAULT_SEED)
    .option('-k, --run <k>', 'run index (0-based)', parseCount('--run', 0, 1e12), 0)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option('--debrief <file>', 'write the debrief as Markdown when you quit or press Ctrl-C (atomically)')
    .option('--present', 'presenter mode: fewer, bigger, high-contrast elements for a projector')
    .addHelpText('after', '\nExamples:\n  plenary replay --run 173\n  plenary replay --seed 42 --run 5 --rule consensus-minus-subject --debrief run5.md')
    .action(async (scenario: string | undefined, opts: { seed: string; run: number; rule?: string; debrief?: string; present?: boolean; param?: ParameterOverrides }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.debrief) checkOutPath(opts.debrief, inputs);
      const { playCommand } = await import('./trainer');
      const { markdown, ending } = await playCommand({ scenario, seed: opts.seed, run: opts.run, rule: opts.rule, overrides: opts.param, debriefFile: opts.debrief, present: opts.present === true });
      if (opts.debrief) await writeDebrief(io, markdown, opts.debrief, inputs);
      if (ending === 'interrupted') throw new Interrupted();
    });

  addParamOption(program
    .command('serve'))
    .description('host one plenary for a room of trainees on this machine (loopback); they join with plenary join')
    .argument('[scenario]', 'scenario file (default: the bundled Swakopmund 2009 scenario)')
    .option('-s, --seed <seed>', 'master seed of the job the run belongs to', parseSeed, DEFAULT_SEED)
    .option('-k, --run <k>', 'run index (0-based)', parseCount('--run', 0, 1e12), 0)
    .option('-r, --rule <rule>', 'override the rule in force')
    .option('--port <n>', 'port to listen on (0: any free port, printed)', parseCount('--port', 0, 65535), 7070)
    .option('--host <address>', 'address to listen on: the loopback address only', '127.0.0.1')
    .option('--pace <seconds>', 'seconds between simulated steps while playing', parsePace, 1)
    .option('--debrief <file>', 'write the debrief as Markdown when the host ends the plenary (atomically)')
    .addHelpText('after', '\nHost keys: p play/pause, space step (past a trainee who has not decided), e end.\nFrom a pipe: lines play, pause, step, end.\n\nExamples:\n  plenary serve --port 7070\n  plenary join 127.0.0.1:7070 --as chair        (in another terminal)\n  plenary join 127.0.0.1:7070 --as zimbabwe')
    .action(async (scenario: string | undefined, opts: { seed: string; run: number; rule?: string; port: number; host: string; pace: number; debrief?: string; param?: ParameterOverrides }) => {
      const inputs = scenario ? [scenario] : [];
      if (opts.debrief) checkOutPath(opts.debrief, inputs);
      const { serveCommand } = await import('./serve');
      const served = await serveCommand({ scenario, seed: opts.seed, run: opts.run, rule: opts.rule, overrides: opts.param, port: opts.port, host: opts.host, pace: opts.pace, log: (line) => process.stdout.write(`${line}\n`) });
      if (opts.debrief) await writeDebrief(io, served.markdown, opts.debrief, inputs);
      if (served.interrupted) throw new Interrupted();
    });

  program
    .command('join')
    .description('take a seat in a room hosted with plenary serve (loopback)')
    .argument('<address>', 'HOST:PORT that plenary serve printed, e.g. 127.0.0.1:7070')
    .requiredOption('-a, --as <seat>', '"chair" or a participant or observer id in any case, or its name (e.g. zimbabwe)')
    .option('--debrief <file>', 'write the debrief the host sends at the end of the item (atomically)')
    .addHelpText('after', '\nA dropped trainee rejoins its seat with the same command.\n\nExamples:\n  plenary join 127.0.0.1:7070 --as chair\n  plenary join 127.0.0.1:7070 --as zimbabwe --debrief zimbabwe.md')
    .action(async (address: string, opts: { as: string; debrief?: string }) => {
      if (opts.debrief) checkOutPath(opts.debrief);
      const { joinCommand } = await import('./join');
      const left = await joinCommand({
        address,
        as: opts.as,
        out: (text) => process.stdout.write(text),
        err: (text) => io.err(text),
        ...(opts.debrief ? { onDebrief: (markdown: string) => writeDebrief(io, markdown, opts.debrief, []) } : {}),
      });
      if (left === 'interrupted') throw new Interrupted();
    });

  program
    .command('diagram')
    .description('the statecharts as Mermaid diagrams, generated from the machine definitions')
    .addOption(new Option('-f, --format <format>', `output format (${DIAGRAM_FORMATS.join(', ')}: a fenced block)`).argParser(formatParser(DIAGRAM_FORMATS)).default('mermaid'))
    .addOption(new Option('-m, --machine <machine>', `which machine (${MACHINES.join(', ')}: the stance machine)`).argParser(parseMachine).default('procedure'))
    .option('-o, --out <file>', 'write it to a file')
    .addHelpText('after', '\nExamples:\n  plenary diagram\n  plenary diagram --machine participant --format markdown')
    .action(async (opts: { format: (typeof DIAGRAM_FORMATS)[number]; machine: MachineName; out?: string }) => {
      if (opts.out) checkOutPath(opts.out);
      const { diagramCommand } = await import('./trainer');
      await io.emit(diagramCommand(opts.machine, opts.format), { out: opts.out });
    });
}
