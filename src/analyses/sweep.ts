/**
 * Sweeps: vary numbers of the scenario document (`--vary blocs.sadc.cohesion=0:1:0.1`) and run every setting under
 * every rule with common random numbers (run k uses (seed, k) for every setting and rule). Each derived document is
 * re-validated through the scenario pipeline, so a sweep never runs an invalid scenario. The runs go through the
 * kernel (src/engine/kernel.ts) as one job whose settings are setting × rule, setting-major, with the 'outcomes'
 * reduction (or 'records' for rows). Pure: documents in, data out.
 */
import { UserError } from '../common/errors';
import { idOrThrow, matchId } from '../common/typedIds';
import type { JobTallies } from '../engine/kernel';
import { round6, wilson } from '../engine/statistics';

export interface Vary {
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly step: number;
  readonly values: readonly number[];
}

export const MAX_SETTINGS = 10_000;
/**
 * Work limit of a sweep: settings × rules × participants. Each setting and rule is a compiled model of the whole
 * body (about 0.6 KB per participant), so this bounds memory to some 600 MB whatever the body's size.
 */
export const MAX_SWEEP_WORK = 1_000_000;

/** Refuses a sweep whose models would not fit, before any is built. */
export function checkSweepWork(settings: number, rules: number, participants: number): void {
  const work = settings * rules * participants;
  if (work > MAX_SWEEP_WORK) {
    throw new UserError(
      `sweep: ${settings.toLocaleString('en-US')} settings × ${rules} rule${rules === 1 ? '' : 's'} × ${participants.toLocaleString('en-US')} participants = ${work.toLocaleString('en-US')} participant-models, more than the limit of ${MAX_SWEEP_WORK.toLocaleString('en-US')}; use fewer or coarser --vary steps, or fewer --rules`,
    );
  }
}
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** `path=from:to:step`, e.g. `blocs.sadc.cohesion=0:1:0.1`. */
export function parseVary(text: string): Vary {
  // the last '=': a path may select by id (`participants[id=zimbabwe].flexibility=0:0.5:0.1`)
  const eq = text.lastIndexOf('=');
  const usage = 'write --vary <path>=<from>:<to>:<step>, e.g. --vary blocs.sadc.cohesion=0:1:0.1';
  if (eq <= 0) throw new UserError(`--vary ${text}: ${usage}`);
  const path = text.slice(0, eq).trim();
  const range = text.slice(eq + 1).split(':').map((s) => s.trim());
  if (range.length !== 3 || !range.every((s) => NUMBER.test(s))) throw new UserError(`--vary ${text}: "${text.slice(eq + 1)}" is not <from>:<to>:<step> with numbers; ${usage}`);
  const [from, to, step] = range.map(Number);
  if (!(step > 0)) throw new UserError(`--vary ${text}: the step must be greater than 0`);
  parsePath(path, `--vary ${text}`);
  const decimals = Math.max(...range.map((s) => (s.includes('.') ? s.split('.')[1].length : 0)));
  const count = Math.floor(Math.abs(to - from) / step + 1e-9) + 1;
  if (count > 1000) throw new UserError(`--vary ${text}: ${count} values; at most 1000 per parameter`);
  const sign = to >= from ? 1 : -1;
  const values = Array.from({ length: count }, (_, i) => Number((from + sign * i * step).toFixed(decimals)));
  return { path, from, to, step, values };
}

/** Object internals, never scenario fields: a path through them would reach the prototype, not the document. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type PathStep = { readonly key: string } | { readonly id: string } | { readonly index: number };

/**
 * `blocs.sadc.cohesion`, `blocs[id=sadc].cohesion`, `participants[3].weight`, `procedure.maxRoundsPerOption`. Ids
 * are read as typed (`participants[id=Zimbabwe]`, `participants[id=South Africa]`); setAtPath matches them.
 */
export function parsePath(path: string, where = `--vary ${path}`): PathStep[] {
  const steps: PathStep[] = [];
  if (path === '') throw new UserError(`${where}: empty path`);
  for (const part of path.split('.')) {
    const m = /^([A-Za-z0-9_$-]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) throw new UserError(`${where}: cannot read "${part}" in the path (write e.g. blocs.sadc.cohesion or blocs[id=sadc].cohesion)`);
    if (FORBIDDEN_KEYS.has(m[1])) throw new UserError(`${where}: "${m[1]}" is not a field of a scenario (${[...FORBIDDEN_KEYS].join(', ')} are never path segments)`);
    if (m[1] !== '') steps.push({ key: m[1] });
    for (const sel of m[2].match(/\[[^\]]*\]/g) ?? []) {
      const inner = sel.slice(1, -1).trim();
      const byId = /^id\s*=\s*(?:"([^"]+)"|'([^']+)'|([^"'\s](?:.*[^"'\s])?))$/.exec(inner);
      if (byId) steps.push({ id: (byId[1] ?? byId[2] ?? byId[3]).trim() });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else throw new UserError(`${where}: cannot read the selector ${sel} (write [id=<id>] or [<index>])`);
    }
  }
  return steps;
}

type Json = Record<string, unknown> | unknown[];

/**
 * A copy of `doc` with the number at `path` set to `value`. Entries of lists are addressed by id (or index); a missing
 * field of an object is created (the schema check that follows rejects fields that do not exist). Missing ids and
 * non-objects on the way are clear errors.
 */
export function setAtPath(doc: unknown, path: string, value: number): unknown {
  return assign(doc, path, value).root;
}

/**
 * The vary with its path as the document spells it: ids and keys typed in another case, or a participant's name for
 * its id (`participants[id=South Africa].flexibility` → `participants[id=south-africa].flexibility`), so that every
 * output and shard names the same path. Unknown ids and non-numbers are refused as setAtPath refuses them.
 */
export function resolveVary<V extends { readonly path: string; readonly from: number }>(doc: unknown, vary: V): V {
  return { ...vary, path: assign(doc, vary.path, vary.from).path };
}

function assign(doc: unknown, path: string, value: number): { root: unknown; path: string } {
  const steps = parsePath(path);
  const root = structuredClone(doc) as Json;
  let cur: Json = root;
  const trail: string[] = [];
  /** the path as the document spells it, segment by segment */
  const spelled: string[] = [];
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const here = trail.join('.') || 'the scenario';
    let next: unknown;
    let put: (v: unknown) => void;
    if (Array.isArray(cur)) {
      const list = cur as unknown[];
      const entries = list.map((x) => ({ id: String((x as { id?: unknown })?.id), ...(typeof (x as { name?: unknown })?.name === 'string' ? { name: (x as { name: string }).name } : {}) }));
      let idx: number;
      if ('index' in step) {
        idx = step.index;
        if (idx >= list.length) throw new UserError(`--vary ${path}: ${here} has ${list.length} entries; there is no entry [${idx}]`);
      } else {
        const typed = 'id' in step ? step.id : step.key;
        const id = idOrThrow(typed, entries, { where: `--vary ${path}`, kind: 'id', scope: here });
        idx = entries.findIndex((e) => e.id === id);
      }
      next = list[idx];
      put = (v) => (list[idx] = v);
      trail.push(`${trail.pop() ?? ''}[${'index' in step ? step.index : `id=${entries[idx].id}`}]`);
      if ('key' in step) spelled.push(entries[idx].id);
      else spelled.push(`${spelled.pop() ?? ''}[${'index' in step ? step.index : `id=${entries[idx].id}`}]`);
    } else {
      if (!('key' in step)) throw new UserError(`--vary ${path}: ${here} is not a list; ${'id' in step ? `[id=${step.id}]` : `[${step.index}]`} does not apply`);
      const obj = cur as Record<string, unknown>;
      // a key typed in another case is the document's key when exactly one matches; otherwise it is created as typed
      const match = Object.hasOwn(obj, step.key) ? { id: step.key } : matchId(step.key, Object.keys(obj).filter((k) => !FORBIDDEN_KEYS.has(k)).map((id) => ({ id })));
      if ('ambiguous' in match) throw new UserError(`--vary ${path}: "${step.key}" matches ${match.ambiguous.join(' and ')} in ${here} ignoring case; type the key exactly`);
      const key = 'id' in match ? match.id : step.key;
      next = Object.hasOwn(obj, key) ? obj[key] : undefined;
      put = (v) => (obj[key] = v);
      trail.push(key);
      spelled.push(key);
    }
    if (last) {
      if (next !== undefined && typeof next !== 'number') throw new UserError(`--vary ${path}: ${trail.join('.')} is ${Array.isArray(next) ? 'a list' : typeof next}, not a number`);
      put(value);
      return;
    }
    if (next === undefined) {
      const created: Json = 'key' in steps[i + 1] ? {} : [];
      put(created);
      next = created;
    }
    if (next === null || typeof next !== 'object') throw new UserError(`--vary ${path}: ${trail.join('.')} is a ${typeof next}, not a list or a mapping`);
    cur = next as Json;
  });
  return { root, path: spelled.join('.') };
}

/** Every combination of the varied values, the first --vary outermost. */
export function sweepSettings(varies: readonly Vary[]): number[][] {
  // counted before they are built: three --vary of 1,000 values would be a billion settings
  const count = varies.reduce((n, v) => n * v.values.length, 1);
  if (count > MAX_SETTINGS) throw new UserError(`--vary: ${count.toLocaleString('en-US')} settings in all (${varies.map((v) => v.values.length).join(' × ')}); at most ${MAX_SETTINGS.toLocaleString('en-US')}`);
  let settings: number[][] = [[]];
  for (const v of varies) settings = settings.flatMap((s) => v.values.map((x) => [...s, x]));
  if (settings.length > MAX_SETTINGS) throw new UserError(`--vary: ${settings.length} settings in all; at most ${MAX_SETTINGS}`);
  return settings;
}

/** What a sweep result needs besides the counts (also the context of a sweep shard). */
export interface SweepContext {
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly vary: readonly Omit<Vary, 'values'>[];
  readonly settings: readonly (readonly number[])[];
  readonly rules: readonly string[];
  readonly outcomes: readonly { readonly id: string; readonly label: string }[];
  /** the outcome charted */
  readonly outcome: string;
}

export interface SweepRow {
  readonly setting: Readonly<Record<string, number>>;
  readonly rule: string;
  readonly outcome: string;
  readonly label: string;
  readonly count: number;
  readonly share: number;
  readonly ci95: readonly [number, number];
}

export interface Sweep extends SweepContext {
  readonly kind: 'sweep';
  readonly runs: number;
  readonly seed: string;
  readonly partial: boolean;
  /** tidy: one row per setting × rule × outcome */
  readonly rows: readonly SweepRow[];
}

/** The job setting of (setting s, rule r): setting-major. */
export const sweepSettingIndex = (context: Pick<SweepContext, 'rules'>, s: number, r: number): number => s * context.rules.length + r;

/** The id of a sweep setting in records: `path=value,...` and the rule, e.g. `blocs.sadc.cohesion=0.5 | consensus`. */
export const sweepSettingId = (context: Pick<SweepContext, 'vary'>, values: readonly number[], rule: string): string =>
  `${context.vary.map((v, i) => `${v.path}=${values[i]}`).join(',')} | ${rule}`;

/** The sweep of an 'outcomes' job's tallies. */
export function summarizeSweep(context: SweepContext, job: JobTallies, seed: string, partial = false): Sweep {
  if (!job.outcomes) throw new Error('summarizeSweep: the job was not run with the outcomes reduction');
  const n = job.runs;
  const t = { counts: context.settings.map((_, s) => context.rules.map((_, r) => job.outcomes![sweepSettingIndex(context, s, r)])) };
  const rows: SweepRow[] = [];
  context.settings.forEach((values, s) =>
    context.rules.forEach((rule, r) =>
      context.outcomes.forEach((o, k) => {
        const count = t.counts[s][r][k];
        const [lo, hi] = wilson(count, n);
        rows.push({ setting: Object.fromEntries(context.vary.map((v, i) => [v.path, values[i]])), rule, outcome: o.id, label: o.label, count, share: n === 0 ? 0 : round6(count / n), ci95: [round6(lo), round6(hi)] });
      }),
    ),
  );
  return { kind: 'sweep', ...context, runs: n, seed, partial, rows };
}
