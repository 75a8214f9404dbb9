/**
 * What `plenary merge` checks in a shard file before it allocates anything or trusts a number: the shape of every
 * field (zod), the limits (shards, runs, sizes), the run range of each part, and that the tallies add up (every
 * count a whole number from 0 to the part's runs, outcome counts summing to its runs, histograms too, dimensions
 * matching the compiled model). A shard file is input like any other: a hand-edited or damaged one is refused with
 * exit 2 and the file named, never merged into nonsense or an internal error. Pure: no I/O.
 */
import { z } from 'zod';
import { UserError } from '../common/errors';
import { cutForMessage } from '../common/terminalText';
import type { Tallies } from '../engine/accumulator';
import { drawOfRun, firstRunOf } from '../engine/inputDraws';
import { FLOOR_MODEL_NAMES } from '../scenario/floorModelNames';
// the same maxima the commands accept: --runs, --seed, sweep settings
import { MAX_RUNS, MAX_SEED_LENGTH } from '../common/limits';
import { MAX_SETTINGS } from './sweep';

/** At most this many parts in one merge (a job split finer than this is not worth merging by hand). */
export const MAX_SHARDS = 10_000;
/** Shard files larger than this are refused before reading (a 10,000-member scenario context is a few MB). */
export const MAX_SHARD_FILE_BYTES = 64 * 1024 * 1024;
const MAX_PARTICIPANTS = 10_000;
const MAX_OUTCOMES = 60;
const MAX_RULES = 100;
/** cases × floor models of one backtest */
const MAX_BACKTEST_SETTINGS = 10_000;

const count = z.number().int().min(0).max(MAX_RUNS);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const unit = z.number().min(0).max(1);
const text = z.string().max(10_000);

export const shardJob = z
  .object({
    command: z.enum(['run', 'compare', 'sweep', 'backtest']),
    scenario: z.object({ id: text, file: z.string().max(4096).optional(), title: text.optional() }).strict(),
    rules: z.array(z.string().min(1).max(200)).min(1).max(MAX_RULES),
    seed: z.string().max(MAX_SEED_LENGTH),
    runs: z.number().int().min(1).max(MAX_RUNS),
    shards: z.number().int().min(1).max(MAX_SHARDS),
    options: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The provenance stamp a shard file carries (src/report/provenance.ts): bounded text fields. */
const stampText = (max: number) => z.string().max(max);
const stampSchema = z
  .object({
    plenary: stampText(100),
    scenarioSha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex'),
    files: z.array(stampText(4096)).max(10_000),
    command: stampText(200_000),
    seed: stampText(10_000).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  })
  .strict();

export const shardEnvelope = z
  .object({
    kind: z.literal('plenary-shard'),
    version: z.literal(1),
    job: shardJob,
    shard: z.object({ index: z.number().int().min(1).max(MAX_SHARDS), count: z.number().int().min(1).max(MAX_SHARDS), from: count, to: count }).strict(),
    context: z.unknown(),
    tallies: z.unknown(),
    provenance: stampSchema.optional(),
  })
  .strict();

const histogram = z.record(z.string().regex(/^\d{1,15}$/, 'histogram keys are whole numbers'), count);

export const talliesSchema = z
  .object({
    runs: count,
    from: count,
    to: count,
    outcomes: z.array(count).min(1).max(MAX_OUTCOMES),
    decisiveAny: z.array(count).max(MAX_PARTICIPANTS),
    decisive: z.array(z.array(count).max(MAX_PARTICIPANTS)).max(MAX_OUTCOMES),
    adoptedByVote: z.array(count).max(MAX_OUTCOMES),
    hours: histogram,
    rounds: histogram,
  })
  .strict();

/** A two-level run's part: its tallies and the outcome counts of each draw its runs met. */
export const twoLevelTalliesSchema = talliesSchema.extend({
  perDraw: z.object({ first: count, counts: z.array(z.array(count).max(MAX_OUTCOMES)).max(MAX_RUNS) }).strict(),
});

export const compareTalliesSchema = z
  .object({
    runs: count,
    from: count,
    to: count,
    rules: z.array(talliesSchema).min(1).max(MAX_RULES),
    transitions: z.array(z.array(z.array(count).max(MAX_OUTCOMES)).max(MAX_OUTCOMES)).max(MAX_RULES),
  })
  .strict();

export const sweepTalliesSchema = z
  .object({
    runs: count,
    from: count,
    to: count,
    counts: z.array(z.array(z.array(count).max(MAX_OUTCOMES)).max(MAX_RULES)).min(1).max(MAX_SETTINGS),
  })
  .strict();

/** The parts of a normalized scenario the merge compiles a model from: shapes and bounds (other fields pass). */
const stanceVector = z.tuple([unit, unit, unit, unit]);
export const scenarioContext = z.looseObject({
  id: text,
  meeting: z.looseObject({ body: text, title: text }),
  rule: z.string().max(200),
  procedure: z.looseObject({
    sessionHours: z.number().min(0).max(10_000),
    itemBudgetHours: z.number().min(0).max(10_000),
    hoursToTable: z.number().min(0).max(10_000),
    hoursPerRound: z.number().min(0).max(10_000),
    maxRoundsPerOption: z.number().int().min(0).max(100),
    fallbackToNextOption: z.boolean(),
  }),
  model: z.record(z.string(), z.union([finite, z.string().max(100)])),
  participants: z
    .array(
      z.looseObject({
        id: text,
        name: text,
        role: z.enum(['participant', 'observer']),
        blocs: z.array(text).max(100),
        weight: z.number().min(0).max(1e9),
        salience: unit,
        flexibility: unit,
        present: z.boolean(),
        stances: z.record(z.string(), stanceVector),
      }),
    )
    .min(1)
    .max(MAX_PARTICIPANTS),
  blocs: z.array(z.looseObject({ id: text, name: text, members: z.array(text).max(MAX_PARTICIPANTS), cohesion: unit })).max(1000),
  options: z
    .array(
      z.looseObject({
        id: text,
        name: text,
        tabled: z.boolean(),
        concessions: z.array(z.looseObject({ id: text, offeredAtRound: z.number().int().min(1).max(1000), effects: z.array(z.looseObject({ on: z.array(text).max(MAX_PARTICIPANTS), probability: unit })).max(100) })).max(50),
      }),
    )
    .min(1)
    .max(50),
  statusQuo: text,
  pressure: z.array(z.looseObject({ by: text, on: z.array(text).max(MAX_PARTICIPANTS), strength: unit })).max(1000),
  agenda: z.array(z.looseObject({ id: text, name: text, hours: z.number().min(0).max(10_000) })).max(200),
});

export const compareContext = z.looseObject({
  scenario: scenarioContext,
  reforms: z.array(z.union([z.null(), z.looseObject({ id: text, title: text })])).max(MAX_RULES),
  skipped: z.array(z.object({ id: text, reason: text }).strict()).max(MAX_RULES).optional(),
});

export const sweepContext = z
  .object({
    scenario: z.object({ id: text, title: text, file: z.string().max(4096).optional() }).strict(),
    vary: z.array(z.object({ path: z.string().max(1000), from: finite, to: finite, step: finite }).strict()).min(1).max(20),
    settings: z.array(z.array(finite).max(20)).min(1).max(MAX_SETTINGS),
    rules: z.array(z.string().max(200)).min(1).max(MAX_RULES),
    outcomes: z.array(z.object({ id: text, label: text }).strict()).min(1).max(MAX_OUTCOMES),
    outcome: text,
  })
  .strict();

export const backtestTalliesSchema = z
  .object({
    runs: count,
    from: count,
    to: count,
    cases: z.array(talliesSchema).min(1).max(MAX_BACKTEST_SETTINGS),
  })
  .strict();

export const backtestContext = z
  .object({
    scenarios: z.array(scenarioContext).min(1).max(MAX_BACKTEST_SETTINGS),
    options: z
      .object({
        blockerThreshold: unit.optional(),
        floor: z.enum(FLOOR_MODEL_NAMES).optional(),
        models: z.array(z.enum(FLOOR_MODEL_NAMES)).min(1).max(FLOOR_MODEL_NAMES.length).optional(),
      })
      .strict(),
  })
  .strict();

/** The first problems of a zod error, as `path: message` (the file name goes in front). */
export function schemaProblems(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${cutForMessage(i.message, 200)}`);
  return `${lines.join('; ')}${error.issues.length > max ? `; ... (${error.issues.length - max} more)` : ''}`;
}

/** Parses `value` with `schema` or throws a UserError naming the file and the field. */
export function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown, name: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserError(`${name}: not a valid shard file: ${what}: ${schemaProblems(parsed.error)}`);
  return parsed.data;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The shape a run's tallies must have for a model. */
export interface TallyShape {
  readonly outcomes: number;
  readonly members: number;
  readonly options: number;
}

/** Throws unless `t` is a consistent tally of exactly the runs [from, to) for a model of this shape. */
export function checkTallies(t: Tallies, shape: TallyShape, from: number, to: number, where: string): void {
  const bad = (what: string) => new UserError(`${where}: the tallies do not add up: ${what}; the file was changed or damaged after plenary wrote it`);
  const runs = to - from;
  if (t.runs !== runs || t.from !== from || t.to !== to) throw bad(`they cover runs ${t.from}..${t.to} (${t.runs}), the part is runs ${from}..${to} (${runs})`);
  if (t.outcomes.length !== shape.outcomes) throw bad(`${t.outcomes.length} outcome counts for ${shape.outcomes} outcomes`);
  if (sum(t.outcomes) !== runs) throw bad(`outcome counts sum to ${sum(t.outcomes)}, not to the ${runs} runs`);
  if (t.decisiveAny.length !== shape.members) throw bad(`${t.decisiveAny.length} blocker counts for ${shape.members} participants`);
  if (t.decisive.length !== shape.options || t.decisive.some((row) => row.length !== shape.members)) throw bad(`the decisive-blocker table is not ${shape.options} options × ${shape.members} participants`);
  if (t.adoptedByVote.length !== shape.options) throw bad(`${t.adoptedByVote.length} vote counts for ${shape.options} options`);
  const over = [...t.decisiveAny, ...t.decisive.flat(), ...t.adoptedByVote].find((c) => c > runs);
  if (over !== undefined) throw bad(`a count of ${over} in a part of ${runs} runs`);
  for (const [name, h] of [['hours', t.hours], ['rounds', t.rounds]] as const) {
    const total = sum(Object.values(h));
    if (total !== runs) throw bad(`the ${name} histogram counts ${total} runs, not ${runs}`);
  }
}

/**
 * Throws unless a [rows][columns] table is exactly that size and adds up: every row to `runs` (a sweep), or (with
 * `margins`, a compare's baseline × rule transitions) its row sums and column sums to the two rules' outcome counts.
 */
export function checkTable(
  table: readonly (readonly number[])[],
  rows: number,
  columns: number,
  runs: number,
  where: string,
  what: string,
  margins?: { readonly rows: readonly number[]; readonly columns: readonly number[] },
): void {
  const damaged = 'the file was changed or damaged after plenary wrote it';
  if (table.length !== rows || table.some((r) => r.length !== columns)) throw new UserError(`${where}: the ${what} table is not ${rows} × ${columns}; ${damaged}`);
  if (margins) {
    const row = table.findIndex((r, i) => sum(r) !== margins.rows[i]);
    const column = Array.from({ length: columns }, (_, j) => sum(table.map((r) => r[j]))).findIndex((c, j) => c !== margins.columns[j]);
    if (row >= 0 || column >= 0) throw new UserError(`${where}: the ${what} table does not add up to the outcome counts; ${damaged}`);
    return;
  }
  const off = table.findIndex((r) => sum(r) !== runs);
  if (off >= 0) throw new UserError(`${where}: the ${what} table's row ${off + 1} counts ${sum(table[off])} runs, not ${runs}; ${damaged}`);
}

/** Throws unless `draws` (a two-level run's `options.draws`) is what a run of `runs` runs can have: 1 to `runs`. */
export function checkDraws(draws: unknown, runs: number, where: string): number {
  if (typeof draws !== 'number' || !Number.isInteger(draws) || draws < 1 || draws > runs) {
    throw new UserError(`${where}: not a valid shard file: job.options.draws is ${cutForMessage(String(JSON.stringify(draws)), 40)}, a two-level run of ${runs} runs has 1 to ${runs} draws; the file was changed or damaged after plenary wrote it`);
  }
  return draws;
}

/**
 * Throws unless a two-level part's per-draw counts are exactly those of its runs [from, to): one row per draw the
 * runs meet (run k belongs to draw floor(k · draws / runs)), each row as long as the outcomes and summing to the
 * part's runs of that draw, the rows adding up to the part's outcome counts.
 */
export function checkDrawCounts(t: { first: number; counts: number[][] }, outcomes: readonly number[], job: { draws: number; runs: number }, from: number, to: number, where: string): void {
  const bad = (what: string) => new UserError(`${where}: the per-draw counts do not add up: ${what}; the file was changed or damaged after plenary wrote it`);
  const drawOf = (k: number) => drawOfRun(k, job.runs, job.draws);
  const firstRun = (d: number) => firstRunOf(d, job.runs, job.draws);
  const first = to > from ? drawOf(from) : 0;
  const rows = to > from ? drawOf(to - 1) - first + 1 : 0;
  if ((rows > 0 && t.first !== first) || t.counts.length !== rows) throw bad(`they cover draws ${t.first}..${t.first + t.counts.length}, the part's runs ${from}..${to} meet draws ${first}..${first + rows}`);
  t.counts.forEach((row, i) => {
    const d = first + i;
    const runs = Math.min(to, firstRun(d + 1)) - Math.max(from, firstRun(d));
    if (row.length !== outcomes.length) throw bad(`draw ${d} has ${row.length} outcome counts for ${outcomes.length} outcomes`);
    if (sum(row) !== runs) throw bad(`draw ${d} counts ${sum(row)} runs, not ${runs}`);
  });
  const off = outcomes.findIndex((c, o) => sum(t.counts.map((row) => row[o])) !== c);
  if (off >= 0) throw bad(`the draws' counts of outcome ${off + 1} do not sum to the part's ${outcomes[off]}`);
}
