/**
 * Scenario validation in stages: read (size, encoding) → YAML (syntax, tags, aliases) → roster include →
 * shape (zod schema, with defaults) → meaning (named rules) → normalized Scenario. Every problem is collected
 * and located (file:line, field path).
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../common/errors';
import { shortPath } from '../common/paths';
import { didYouMean, listOf } from '../common/suggest';
import { normalize } from './normalize';
import { showWarning } from '../common/warnings';
import { formatPath, problemsMessage, received, renderProblem, type Problem } from './problems';
import { SCENARIO_RULES } from './checks';
import { roster as rosterSchema, scenario as scenarioSchema, type RosterDocument, type ScenarioDocument, type UncertainScenarioDocument } from './schema';
import { inputSites, pointDocument } from './inputs';
import { defaultParameters } from './parameters';
import type { ParameterOverrides } from './parameterOverrides';
import { DISTRIBUTION_HINT } from './uncertain';
import { locate, locateKey, parseYaml, readText, type YamlSource } from './source';
import type { Scenario } from './types';

export interface Validation {
  readonly scenario?: Scenario;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

type Path = (string | number)[];

/** Where a path of the merged document came from, for line numbers. */
interface Origin {
  locate(path: Path): { file: string; line?: number; column?: number };
  locateKey(path: Path, key: string): { file: string; line?: number };
}

const nowhere = (file: string): Origin => ({ locate: () => ({ file }), locateKey: () => ({ file }) });

/** One roster file of an include chain (the included roster first, then the rosters it extends), with its own entries. */
interface RosterLayer {
  readonly source: YamlSource;
  readonly data: RosterDocument;
}

function originOf(source: YamlSource, roster?: { layers: readonly RosterLayer[] }, merged?: { participants: string[]; blocs: string[] }, own?: { participants: string[]; blocs: string[] }): Origin {
  // paths into participants/blocs of the merged list map back to the scenario file or to the roster file
  const map = (path: Path): { src: YamlSource; path: Path } => {
    const [section, index, ...rest] = path;
    if (roster && merged && own && (section === 'participants' || section === 'blocs') && typeof index === 'number') {
      const id = merged[section][index];
      const mine = own[section].indexOf(id);
      if (mine >= 0) return { src: source, path: [section, mine, ...rest] };
      for (const layer of roster.layers) {
        const theirs = layer.data[section].findIndex((x) => x.id === id);
        if (theirs >= 0) return { src: layer.source, path: [section, theirs, ...rest] };
      }
    }
    return { src: source, path };
  };
  return {
    locate(path) {
      const { src, path: p } = map(path);
      return { file: src.file, ...locate(src, p) };
    },
    locateKey(path, key) {
      const { src, path: p } = map(path);
      return { file: src.file, ...locateKey(src, p, key) };
    },
  };
}

/** Known keys of the object schema at `path`, for "did you mean". */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let node: unknown = schema;
  const unwrap = (n: unknown): unknown => {
    let cur = n as { def?: { type?: string; innerType?: unknown; element?: unknown; valueType?: unknown; options?: unknown[] } };
    while (cur?.def && (cur.def.type === 'optional' || cur.def.type === 'default' || cur.def.type === 'nullable' || cur.def.type === 'prefault' || cur.def.type === 'union')) {
      // a union (number-or-distribution, stance mix): its first option with fields
      cur = (cur.def.type === 'union' ? (cur.def.options?.find((o) => (o as { shape?: unknown }).shape) ?? cur.def.options?.[0]) : cur.def.innerType) as typeof cur;
    }
    return cur;
  };
  for (const part of path) {
    const cur = unwrap(node) as { def?: { type?: string; element?: unknown; valueType?: unknown }; shape?: Record<string, unknown> };
    if (cur?.def?.type === 'array') node = cur.def.element;
    else if (cur?.def?.type === 'record') node = cur.def.valueType;
    else if (cur?.shape) node = cur.shape[String(part)];
    else return [];
  }
  const last = unwrap(node) as { shape?: Record<string, unknown> };
  return last?.shape ? Object.keys(last.shape).filter((k) => k !== '$schema') : [];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur = data as Record<string | number, unknown> | undefined;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part] as typeof cur;
  }
  return cur;
}

type Issue = z.core.$ZodIssue;

/**
 * A number-or-distribution field (src/scenario/uncertain.ts) fails as a union; report the branch the value was meant
 * for: the number's own problem for a non-object, else the distribution it names, else what is allowed.
 */
function unionIssues(issue: Issue, data: unknown): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const path = issue.path as Path;
  const value = valueAt(data, path);
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const branches = issue.errors.map((branch) => branch.map((i) => ({ ...i, path: [...path, ...i.path] }) as Issue));
  if (!isObject) return unionIssues(branches[0][0] ?? issue, data).concat(branches[0].slice(1));
  // object values: leave out branches that wanted another type altogether
  const candidates = branches.filter((b) => !(b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === path.length));
  const flat = candidates.map((b) => b.flatMap((i) => unionIssues(i, data)));
  const clean = flat.filter((b) => !b.some((i) => i.code === 'unrecognized_keys' && i.path.length === path.length));
  const pool = clean.length > 0 ? clean : flat;
  if (pool.length === 0) return [issue];
  if (clean.length === 0 && isDistributionLike(value)) return [{ ...issue, message: `not a known distribution (${Object.keys(value as object).join(', ')}); ${DISTRIBUTION_HINT}` } as Issue];
  return pool.reduce((best, b) => (b.length < best.length ? b : best));
}

/** An object that is not a stance mix: meant as a distribution. */
const isDistributionLike = (value: unknown): boolean => !['support', 'accept', 'abstain', 'object', 'source'].some((k) => k in (value as object));

function shapeProblems(schema: z.ZodType, error: z.ZodError, data: unknown, origin: Origin): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues.flatMap((i) => unionIssues(i as Issue, data))) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        const at = origin.locateKey(path, key);
        problems.push({
          severity: 'error',
          ...at,
          path: formatPath([...path, key]),
          message: `unknown key "${key}".${didYouMean(key, known)} Allowed here: ${listOf(known, 30)}`,
        });
      }
      continue;
    }
    const value = valueAt(data, path);
    const at = origin.locate(path);
    let message: string;
    if (issue.code === 'invalid_type' && value === undefined) message = `is required (expected ${issue.expected})`;
    else if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof value === 'number') message = `expected a finite ${issue.expected}, received ${received(value)}`;
    else if (issue.code === 'invalid_type') message = `expected ${issue.expected}, received ${received(value)}`;
    else if (issue.code === 'too_small' || issue.code === 'too_big') {
      const limit = String((issue as { minimum?: unknown; maximum?: unknown }).minimum ?? (issue as { maximum?: unknown }).maximum);
      const bound = issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
      const noun = issue.origin === 'array' ? 'number of entries' : issue.origin === 'string' ? 'length' : 'value';
      message = `${noun} must be ${bound} ${limit}, received ${issue.origin === 'array' ? `${(value as unknown[]).length} entries` : received(value)}`;
    } else if (issue.code === 'invalid_value') message = `received ${received(value)}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    else if (issue.code === 'invalid_format') message = `${issue.message}, received ${received(value)}`;
    else message = `${issue.message}, received ${received(value)}`;
    problems.push({ severity: 'error', ...at, path: formatPath(path), message });
  }
  return problems;
}

/** Only inside the scenario collection: the nearest folder above the file that holds `schema.json`, else the file's folder. */
export function includeRoot(file: string): string {
  const own = dirname(resolve(file));
  let dir = own;
  for (;;) {
    if (existsSync(resolve(dir, 'schema.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return own;
    dir = up;
  }
}

function resolveInclude(file: string, include: string, root = includeRoot(file), key = 'roster'): string | string {
  if (isAbsolute(include)) return `${key}: "${include}" is an absolute path; give a path relative to the ${key === 'roster' ? 'scenario' : 'roster'} file`;
  const target = resolve(dirname(resolve(file)), include);
  let real = target;
  try {
    real = realpathSync(target);
  } catch {
    // missing files are reported by readText
  }
  const rel = relative(realpathSync(root), real);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return `${key}: "${include}" resolves outside the scenario folder tree (${shortPath(root)}); includes may not escape it`;
  }
  // named as the including file is: relative to the working folder when it was given so, absolute when it was
  return isAbsolute(file) ? target : shortPath(target);
}

/**
 * Ids listed twice in one file's own participants or blocs. Checked where entries merge by id (a scenario over its
 * roster, a roster over the one it extends), because the merge would otherwise fold the two entries into one.
 */
function repeatedIds(source: YamlSource | undefined, section: 'participants' | 'blocs', what: string, data: unknown = source?.data, file = source?.file ?? '<scenario>'): Problem[] {
  const list = (data as Record<string, unknown> | null)?.[section];
  if (!Array.isArray(list)) return [];
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  list.forEach((item, i) => {
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const at = first.get(id);
    if (at === undefined) first.set(id, i);
    else problems.push({ severity: 'error', file, ...(source ? locate(source, [section, i, 'id']) : {}), path: formatPath([section, i, 'id']), message: `${what} "${id}" is listed twice in this file (first at ${section}[${at}]); ids must be unique (an entry that changes an included roster's entry is written once)` });
  });
  return problems;
}

/** `own` entries override `base` entries by id; entries that are not objects with an id are kept as they are, for the schema to report. */
function mergeById<T extends { id: string }>(base: readonly T[], own: readonly unknown[]): T[] {
  const byId = new Map(base.map((x) => [x.id, x]));
  const out: T[] = base.map((x) => ({ ...x }));
  for (const item of own) {
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    const i = typeof id === 'string' && byId.has(id) ? out.findIndex((x) => x.id === id) : -1;
    if (i >= 0) out[i] = { ...out[i], ...(item as T) };
    else out.push(item as T);
  }
  return out;
}

const idOf = (x: unknown): string => String(x !== null && typeof x === 'object' ? (x as { id?: unknown }).id : undefined);

/**
 * The scenario document with its roster (and the rosters that one extends) merged in by id, as validation sees it;
 * with the origin of every merged entry for line numbers. The `roster` key stays (validation checks its shape).
 */
function includeRoster(data: Record<string, unknown>, file: string, source: YamlSource | undefined): { input: Record<string, unknown>; origin?: Origin; rosters: string[] } | { errors: Problem[] } {
  let input = data;
  let origin: Origin | undefined;
  /** the roster files read, in include order (for the provenance stamp) */
  const rosters: string[] = [];
  const at = source ? originOf(source) : nowhere(file);
  if (typeof input.roster === 'string') {
    const loaded = loadRoster(file, input.roster);
    if ('problems' in loaded) {
      const where = at.locate(['roster']);
      return { errors: loaded.problems.map((p) => (p.file === file && p.line === undefined ? { ...p, ...where } : p)) };
    }
    const twice = [...repeatedIds(source, 'participants', 'participant', input, file), ...repeatedIds(source, 'blocs', 'bloc', input, file)];
    if (twice.length > 0) return { errors: twice };
    const own = {
      participants: Array.isArray(input.participants) ? input.participants.map(idOf) : [],
      blocs: Array.isArray(input.blocs) ? input.blocs.map(idOf) : [],
    };
    const ownParticipants: unknown[] = Array.isArray(input.participants) ? input.participants : [];
    const ownBlocs: unknown[] = Array.isArray(input.blocs) ? input.blocs : [];
    const participants = mergeById(loaded.data.participants as { id: string }[], ownParticipants);
    const blocs = mergeById(loaded.data.blocs as { id: string }[], ownBlocs);
    // a section of the wrong type stays as written, so the schema reports it (rather than the roster hiding it)
    const keep = (section: unknown, merged: unknown[]) => (section === undefined || Array.isArray(section) ? merged : section);
    input = { ...input, participants: keep(input.participants, participants), blocs: keep(input.blocs, blocs) };
    if (source) origin = originOf(source, { layers: loaded.layers }, { participants: participants.map(idOf), blocs: blocs.map(idOf) }, own);
    rosters.push(...loaded.layers.map((l) => l.source.file));
  }
  return { input, ...(origin ? { origin } : {}), rosters };
}

/**
 * The document of a scenario file as validation reads it: YAML, with the included roster chain merged in and the
 * `roster` key gone, so that it validates alone (`validateData(doc, file)`) — `sweep` varies numbers in it, and a
 * path into a roster entry reaches the merged entry. Throws a UserError listing every problem of the file.
 */
export function scenarioDocument(file: string): Record<string, unknown> {
  const fail = (problems: readonly Problem[]) => {
    const lines = problems.map(renderProblem);
    return new UserError(problemsMessage(lines, file), lines);
  };
  const text = readText(file, 'a scenario');
  if (!text.ok) throw fail(text.problems);
  const yaml = parseYaml(file, text.value);
  if (!yaml.ok) throw fail(yaml.problems);
  const data = yaml.value.data as Record<string, unknown>;
  const result = validateData(data, file, yaml.value);
  if (!result.scenario) throw fail(result.errors);
  const included = includeRoster(data, file, yaml.value);
  if ('errors' in included) throw fail(included.errors);
  const { roster: _roster, ...rest } = included.input;
  return rest;
}

/** Keys only a scenario has: a document with none of them is not a scenario (a roster, a reform, a parameters file). */
const SCENARIO_ONLY_KEYS = ['id', 'meeting', 'options', 'statusQuo'];

/** What a plenary document that is not a scenario is, in a sentence for the user; undefined for a (would-be) scenario. */
function otherDocumentKind(data: Record<string, unknown>): string | undefined {
  const keys = Object.keys(data);
  const has = (k: string) => keys.includes(k);
  if (keys.length === 0 || SCENARIO_ONLY_KEYS.some((k) => has(k) && !(k === 'id' && (has('proponent') || has('kind'))))) return undefined;
  const roster = ['participants', 'blocs', 'extends', 'remove', 'year'].filter(has);
  if (roster.length > 0 && keys.every((k) => ['participants', 'blocs', 'extends', 'remove', 'year', 'sources', 'notes', '$schema'].includes(k))) {
    return 'is a roster file (participants and blocs), not a scenario; a scenario includes it with `roster: <path>`. Run the scenario that includes it';
  }
  if (has('proponent') && has('rule')) return 'is a reform file (scenarios/reforms/), not a scenario; compare reforms on a scenario with `plenary compare --reforms [scenario]`';
  if (has('parameters') && has('version')) return 'is the model parameters file (written by `plenary calibrate`), not a scenario';
  return undefined;
}

/** How a scenario is read for one command: global parameters set on the command line (`--param`). */
export interface LoadOptions {
  readonly overrides?: ParameterOverrides;
}

/** Validates parsed data (any JSON-like value). Never throws. */
export function validateData(data: unknown, file = '<scenario>', source?: YamlSource, options: LoadOptions = {}): Validation {
  let origin: Origin = source ? originOf(source) : nowhere(file);
  const problems: Problem[] = [];
  let input = data as Record<string, unknown>;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: [{ severity: 'error', file, line: 1, path: '', message: 'a scenario must be a mapping of fields (id, meeting, rule, ...)' }], warnings: [] };
  }
  // another kind of plenary file given where a scenario belongs: say so, rather than list its missing fields
  const kind = otherDocumentKind(input);
  if (kind) return { errors: [{ severity: 'error', file, line: 1, path: '', message: kind }], warnings: [] };
  // roster include
  const included = includeRoster(input, file, source);
  if ('errors' in included) return { errors: included.errors, warnings: [] };
  input = included.input;
  if (included.origin) origin = included.origin;
  /** the files the scenario is read from: itself, then every roster it includes (for the provenance stamp) */
  const files = [file, ...included.rosters];
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    problems.push(...shapeProblems(scenarioSchema, parsed.error, input, origin));
    // Report the problems of meaning too, all at once: check the document with the misshapen fields left out,
    // when that is enough to make it well-formed (a missing required field is not; then shape problems only).
    const repaired = withoutMisshapenFields(input, parsed.error);
    if (repaired) {
      const meaning = checkMeaning(repaired.doc, origin);
      const clear = (p: Problem) => !repaired.removed.some((r) => p.path === r || p.path.startsWith(`${r}.`) || p.path.startsWith(`${r}[`));
      // with a whole list or an entry of it left out, a reference to what it held would be reported as unknown:
      // a follow-on error (e.g. "chair: unknown participant" after a too-long participants list), not a problem
      const listGone = repaired.removed.some((r) => /^(participants|blocs|options)(\[\d+\])?$/.test(r));
      const followOn = (p: Problem) => listGone && /^unknown |^no participant with role|^no option is tabled|is not a member of bloc|is also a participant id/.test(p.message);
      problems.push(...meaning.errors.filter((p) => clear(p) && !followOn(p)));
    }
    return { errors: problems, warnings: [] };
  }
  const written: UncertainScenarioDocument = parsed.data;
  const doc: ScenarioDocument = pointDocument(written);
  const { errors, warnings } = checkMeaning(doc, origin);
  if (errors.length > 0) return { errors, warnings };
  const parameters = defaultParameters();
  const overrides = options.overrides ?? {};
  return { scenario: { ...normalize(doc, file, { parameters, overrides, inputs: inputSites(written, parameters, overrides) }), files }, errors, warnings };
}

/** The named cross-field rules (src/scenario/checks.ts), located. */
function checkMeaning(doc: ScenarioDocument, origin: Origin): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const rule of SCENARIO_RULES) {
    let findings;
    try {
      findings = rule(doc);
    } catch (error) {
      findings = [{ severity: 'error' as const, path: [], message: `internal check "${rule.name}" failed: ${(error as Error).message}` }];
    }
    for (const f of findings) {
      const at = origin.locate(f.path);
      (f.severity === 'error' ? errors : warnings).push({ severity: f.severity, ...at, path: formatPath(f.path), message: f.message, ...(f.always ? { always: true as const } : {}) });
    }
  }
  return { errors, warnings };
}

/** The input with every field the schema refused deleted, if the rest then parses; with the removed paths. */
function withoutMisshapenFields(input: unknown, error: z.ZodError): { doc: ScenarioDocument; removed: string[] } | undefined {
  let data: unknown;
  try {
    data = structuredClone(input);
  } catch {
    return undefined;
  }
  const removed: string[] = [];
  let issues = error.issues;
  for (let attempt = 0; attempt < 5 && issues.length > 0; attempt++) {
    for (const issue of issues) {
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths) {
        if (path.length === 0) return undefined;
        const parent = valueAt(data, path.slice(0, -1) as (string | number)[]) as Record<string | number, unknown> | undefined;
        if (parent === null || typeof parent !== 'object') return undefined;
        delete parent[path[path.length - 1] as string | number];
        removed.push(formatPath(path as (string | number)[]));
      }
    }
    const again = scenarioSchema.safeParse(data);
    if (again.success) return { doc: pointDocument(again.data), removed };
    issues = again.error.issues;
  }
  return undefined;
}

/** How many rosters an include may chain through `extends` (kp-2023 → kp-2022 → ... → kp-2009). */
export const MAX_ROSTER_CHAIN = 10;

const realOrSelf = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Loads the roster a scenario includes. A roster may extend an earlier one (`extends:`): the earlier roster's
 * participants and blocs, less `remove`, with this roster's entries added or overriding by id. Every file of the
 * chain must stay inside the scenario file's collection root; a chain may not loop or exceed MAX_ROSTER_CHAIN.
 */
function loadRoster(
  file: string,
  include: string,
  root = includeRoot(file),
  chain: readonly string[] = [],
): { data: RosterDocument; layers: RosterLayer[] } | { problems: Problem[] } {
  const key = chain.length === 0 ? 'roster' : 'extends';
  const target = resolveInclude(file, include, root, key);
  if (target.startsWith(`${key}:`)) return { problems: [{ severity: 'error', file, path: key, message: target.slice(key.length + 2) }] };
  const real = realOrSelf(target);
  if (chain.includes(real)) {
    return { problems: [{ severity: 'error', file, path: key, message: `rosters extend each other in a loop: ${[...chain, real].map((f) => relative(root, f)).join(' extends ')}` }] };
  }
  if (chain.length >= MAX_ROSTER_CHAIN) {
    return { problems: [{ severity: 'error', file, path: key, message: `more than ${MAX_ROSTER_CHAIN} rosters chained by extends; flatten the chain` }] };
  }
  const text = readText(target, `a roster included by ${file}`);
  // reported at the including file's `roster:` / `extends:` line, naming the file it could not read
  if (!text.ok) return { problems: text.problems.map((p) => ({ ...p, file, line: undefined, column: undefined, path: key, message: `"${include}" (${target}): ${p.message}` })) };
  const yaml = parseYaml(target, text.value);
  if (!yaml.ok) return { problems: yaml.problems };
  const parsed = rosterSchema.safeParse(yaml.value.data);
  if (!parsed.success) return { problems: shapeProblems(rosterSchema, parsed.error, yaml.value.data, originOf(yaml.value)) };
  if ((parsed.data as { roster?: unknown }).roster !== undefined) return { problems: [{ severity: 'error', file: target, path: 'roster', message: 'a roster may not include another roster' }] };
  const own: RosterLayer = { source: yaml.value, data: parsed.data };
  if (parsed.data.extends === undefined) {
    if (parsed.data.remove.length > 0) {
      return { problems: [{ severity: 'error', file: target, ...locate(yaml.value, ['remove']), path: 'remove', message: 'remove needs extends: there is no earlier roster to remove participants from' }] };
    }
    return { data: parsed.data, layers: [own] };
  }
  const base = loadRoster(target, parsed.data.extends, root, [...chain, real]);
  // a problem with the extended file (missing, a loop, too long a chain) is shown at this roster's `extends:` line
  if ('problems' in base) return { problems: base.problems.map((p) => (p.file === target && p.line === undefined ? { ...p, ...locate(yaml.value, ['extends']) } : p)) };
  const twice = [...repeatedIds(yaml.value, 'participants', 'participant'), ...repeatedIds(yaml.value, 'blocs', 'bloc')];
  if (twice.length > 0) return { problems: twice };
  const baseIds = base.data.participants.map((p) => p.id);
  const unknown = parsed.data.remove.flatMap((id, i) =>
    baseIds.includes(id)
      ? []
      : [{ severity: 'error' as const, file: target, ...locate(yaml.value, ['remove', i]), path: `remove[${i}]`, message: `"${id}" is not a participant of the extended roster ${parsed.data.extends}.${didYouMean(id, baseIds)}`.replace(/\.$/, '') }],
  );
  if (unknown.length > 0) return { problems: unknown };
  const gone = new Set(parsed.data.remove);
  // entries merge as written (like a scenario's entries over its roster): an override keeps what it does not say
  const raw = yaml.value.data as { participants?: RosterDocument['participants']; blocs?: RosterDocument['blocs'] };
  const data: RosterDocument = {
    ...parsed.data,
    participants: mergeById(base.data.participants.filter((p) => !gone.has(p.id)), raw.participants ?? []),
    blocs: mergeById(base.data.blocs.map((b) => ({ ...b, members: b.members.filter((m) => !gone.has(m)) })), raw.blocs ?? []),
    ...(base.data.sources !== undefined || parsed.data.sources !== undefined ? { sources: { ...base.data.sources, ...parsed.data.sources } } : {}),
  };
  return { data, layers: [own, ...base.layers] };
}

/** Validates YAML text. Never throws. */
/** A roster file checked on its own by the roster schema and its `extends` chain (`plenary validate`). Never throws. */
export function validateRosterFile(file: string): Problem[] {
  const r = loadRoster(file, basename(file), includeRoot(file));
  return 'problems' in r ? r.problems : [];
}

export function validateText(text: string, file = '<scenario>', options: LoadOptions = {}): Validation {
  const yaml = parseYaml(file, text);
  if (!yaml.ok) return { errors: yaml.problems, warnings: [] };
  return validateData(yaml.value.data, file, yaml.value, options);
}

/** Validates a scenario file. Never throws. */
export function validateFile(file: string, options: LoadOptions = {}): Validation {
  const text = readText(file, 'a scenario');
  if (!text.ok) return { errors: text.problems, warnings: [] };
  return validateText(text.value, file, options);
}

/** Loads a scenario file (with the global parameters set by --param, if any) or throws a UserError listing every problem (exit 2). */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  const result = validateFile(file, options);
  if (!result.scenario) {
    const lines = result.errors.map(renderProblem);
    throw new UserError(problemsMessage(lines, file), lines);
  }
  for (const w of result.warnings) if (w.always) showWarning(renderProblem(w));
  return result.scenario;
}
