/**
 * The scenario's inputs: every number in the document that is a judgement (salience, flexibility, weight, cohesion,
 * stance mixes, pressure strengths, concession probabilities, hours, model parameters), where it sits, what source
 * stands behind it, and its distribution if the file gives one. Also: the document with every distribution replaced
 * by its mean (`pointDocument`), a document with chosen values set (`withValues`), and a draw of the declared
 * distributions from a generator (`drawInputs`) for the two-level Monte Carlo. Pure.
 */
import {
  dirichletMean,
  dirichletQuantile,
  isDirichlet,
  isScalarDistribution,
  meanOf,
  quantile,
  STANCE_NAMES,
  type Distribution,
  type ScalarDistribution,
} from './distributions';
import type { Bounds } from './uncertain';
import type { ScenarioDocument, UncertainScenarioDocument } from './schema';
import { GLOBAL_PARAMETER_NAMES, type GlobalParameters } from './parameters';
import { overrideSource, resolveParameter, type ParameterOverrides } from './parameterOverrides';

export type Path = readonly (string | number)[];

/** How a source reads: "assumption: ..." first; a sourced direction with an assumed number; sourced; nothing. */
export type SourceStatus = 'assumption' | 'assumed number' | 'sourced' | 'unsourced';

export function sourceStatus(source: string | undefined): SourceStatus {
  if (source === undefined || source.trim() === '') return 'unsourced';
  const s = source.trim().toLowerCase();
  if (s.startsWith('assumption')) return 'assumption';
  if (/\bassum(ption|ed)\b/.test(s)) return 'assumed number';
  return 'sourced';
}

/** An assumption (or an unsourced number) rather than a sourced one. */
export const restsOnAssumption = (status: SourceStatus): boolean => status !== 'sourced';

export interface InputSite {
  /** the path in `--vary` syntax, e.g. `participants[id=zimbabwe].salience`, `blocs[id=sadc].defaults.stances.suspend` */
  readonly id: string;
  readonly path: Path;
  /** for people: "zimbabwe: salience", "sadc (bloc defaults): stance on suspend" */
  readonly label: string;
  readonly field: string;
  /** grouping: the participant or bloc the number belongs to, else the section */
  readonly owner: { readonly kind: 'participant' | 'bloc' | 'defaults' | 'model' | 'procedure' | 'option' | 'pressure' | 'agenda'; readonly id: string };
  readonly source?: string;
  readonly status: SourceStatus;
  /** a number, or a stance mix (a whole stance distribution) */
  readonly kind: 'scalar' | 'stances';
  /** the distribution written in the file, if any */
  readonly declared?: Distribution;
  /** the value a point run uses: the number, the mean, or the stance vector (support, accept, abstain, object) */
  readonly point: number | readonly number[];
  /** the range the number may take (scalars) */
  readonly bounds: Bounds;
  /** whether the value changes a run's outcome probabilities (agenda hours only crowd out other items) */
  readonly affectsOutcome: boolean;
  /** set on the command line (`--param`) for this command: a fixed value, not drawn or varied */
  readonly fixed?: '--param';
}

const UNIT: Bounds = { min: 0, max: 1 };
const HOURS: Bounds = { min: 0, max: 10_000 };
const WEIGHT: Bounds = { min: 0, max: 1e9 };
const SCALE: Bounds = { min: 0, max: 100 };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The document with every distribution replaced by its mean (a Dirichlet by its mean stance mix). */
export function pointDocument(doc: UncertainScenarioDocument): ScenarioDocument {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isScalarDistribution(v)) return meanOf(v);
    if (isDirichlet(v)) {
      const mean = dirichletMean(v);
      const out: Obj = {};
      STANCE_NAMES.forEach((k, i) => {
        if (mean[i] > 0) out[k] = mean[i];
      });
      const source = (v as unknown as Obj).source;
      if (source !== undefined) out.source = source;
      return out;
    }
    const o = obj(v);
    if (!o) return v;
    const out: Obj = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(doc) as ScenarioDocument;
}

/** Every input site of the document as written (numbers and distributions), with its source. */
export function inputSites(doc: UncertainScenarioDocument, parameters: GlobalParameters, overrides: ParameterOverrides = {}): InputSite[] {
  const sites: InputSite[] = [];
  const scalar = (v: unknown, path: Path, id: string, label: string, field: string, owner: InputSite['owner'], source: string | undefined, bounds: Bounds, affectsOutcome = true) => {
    if (typeof v !== 'number' && !isScalarDistribution(v)) return;
    const declared = isScalarDistribution(v) ? (v as ScalarDistribution) : undefined;
    sites.push({ id, path, label, field, owner, ...(source !== undefined ? { source } : {}), status: sourceStatus(source), kind: 'scalar', ...(declared ? { declared } : {}), point: declared ? meanOf(declared) : (v as number), bounds, affectsOutcome });
  };
  const stances = (all: unknown, path: Path, id: string, who: string, owner: InputSite['owner'], fallbackSource: string | undefined) => {
    const byOption = obj(all);
    if (!byOption) return;
    for (const [option, dist] of Object.entries(byOption)) {
      const d = obj(dist);
      if (!d) continue;
      const source = (d.source as string | undefined) ?? fallbackSource;
      const here = [...path, option];
      if (isDirichlet(d)) {
        sites.push({ id: `${id}.${option}`, path: here, label: `${who}: stance on ${option}`, field: `stances.${option}`, owner, ...(source !== undefined ? { source } : {}), status: sourceStatus(source), kind: 'stances', declared: { dirichlet: d.dirichlet } as unknown as Distribution, point: dirichletMean(d as never), bounds: UNIT, affectsOutcome: true });
        continue;
      }
      const ranged = STANCE_NAMES.filter((k) => isScalarDistribution(d[k]));
      if (ranged.length > 0) {
        for (const k of ranged) scalar(d[k], [...here, k], `${id}.${option}.${k}`, `${who}: p(${k}) on ${option}`, `stances.${option}.${k}`, owner, source, UNIT);
        continue;
      }
      const raw = STANCE_NAMES.map((k) => (typeof d[k] === 'number' ? (d[k] as number) : 0));
      const sum = raw.reduce((s, x) => s + x, 0);
      sites.push({ id: `${id}.${option}`, path: here, label: `${who}: stance on ${option}`, field: `stances.${option}`, owner, ...(source !== undefined ? { source } : {}), status: sourceStatus(source), kind: 'stances', point: sum > 0 ? raw.map((x) => x / sum) : raw, bounds: UNIT, affectsOutcome: true });
    }
  };
  const person = (p: Obj, path: Path, id: string, who: string, owner: InputSite['owner'], source: string | undefined) => {
    scalar(p.weight, [...path, 'weight'], `${id}.weight`, `${who}: weight`, 'weight', owner, source, WEIGHT);
    scalar(p.salience, [...path, 'salience'], `${id}.salience`, `${who}: salience`, 'salience', owner, source, UNIT);
    scalar(p.flexibility, [...path, 'flexibility'], `${id}.flexibility`, `${who}: flexibility`, 'flexibility', owner, source, UNIT);
    stances(p.stances, [...path, 'stances'], `${id}.stances`, who, owner, source);
    for (const [dim, at] of Object.entries(obj(p.positions) ?? {})) {
      const here = obj(at);
      if (here) scalar(here.position, [...path, 'positions', dim, 'position'], `${id}.positions.${dim}.position`, `${who}: position on ${dim}`, `positions.${dim}`, owner, (here.source as string | undefined) ?? source, SCALE);
    }
  };
  const model = obj(doc.model) ?? {};
  const modelSource = model.source as string | undefined;
  for (const key of GLOBAL_PARAMETER_NAMES) {
    // --param, else the scenario's value, else the parameters file's, each with its provenance
    const resolved = resolveParameter(key, model[key], parameters, overrides);
    const replaced = resolveParameter(key, model[key], parameters);
    const source =
      resolved.origin === '--param' ? overrideSource(key, resolved.value as number, replaced as { origin: 'scenario' | 'parameters file'; value: unknown }) : resolved.origin === 'scenario' ? modelSource : parameters.source;
    const before = sites.length;
    scalar(resolved.value, ['model', key], `model.${key}`, `model: ${key}`, key, { kind: 'model', id: 'model' }, source, key === 'positionNoise' ? { min: 0, max: 50 } : UNIT);
    if (resolved.origin === '--param' && sites.length > before) sites[before] = { ...sites[before], fixed: '--param' };
  }
  const proc = obj(doc.procedure) ?? {};
  for (const key of ['sessionHours', 'itemBudgetHours', 'hoursToTable', 'hoursPerRound'] as const) {
    scalar(proc[key], ['procedure', key], `procedure.${key}`, `procedure: ${key}`, key, { kind: 'procedure', id: 'procedure' }, proc.source as string | undefined, HOURS);
  }
  const defaults = obj(doc.defaults);
  if (defaults) person(defaults, ['defaults'], 'defaults', 'every participant (defaults)', { kind: 'defaults', id: 'defaults' }, defaults.source as string | undefined);
  doc.blocs.forEach((b, i) => {
    const owner = { kind: 'bloc' as const, id: b.id };
    scalar(b.cohesion, ['blocs', i, 'cohesion'], `blocs[id=${b.id}].cohesion`, `${b.id} (bloc): cohesion`, 'cohesion', owner, b.source, UNIT);
    const d = obj(b.defaults);
    if (d) person(d, ['blocs', i, 'defaults'], `blocs[id=${b.id}].defaults`, `${b.id} (bloc defaults)`, owner, (d.source as string | undefined) ?? b.source);
  });
  doc.participants.forEach((p, i) => person(p as unknown as Obj, ['participants', i], `participants[id=${p.id}]`, p.id, { kind: 'participant', id: p.id }, p.source));
  doc.options.forEach((o, i) => {
    for (const [dim, at] of Object.entries(obj(o.positions) ?? {})) scalar(at, ['options', i, 'positions', dim], `options[id=${o.id}].positions.${dim}`, `option ${o.id}: position on ${dim}`, `positions.${dim}`, { kind: 'option', id: o.id }, o.source, SCALE);
  });
  doc.options.forEach((o, i) =>
    o.concessions.forEach((c, j) =>
      c.effects.forEach((e, k) =>
        scalar(e.probability, ['options', i, 'concessions', j, 'effects', k, 'probability'], `options[id=${o.id}].concessions[id=${c.id}].effects[${k}].probability`, `concession ${c.id} → ${e.on.join(', ')}: probability`, 'probability', { kind: 'option', id: o.id }, e.source ?? c.source, UNIT),
      ),
    ),
  );
  doc.pressure.forEach((p, i) =>
    scalar(p.strength, ['pressure', i, 'strength'], `pressure[${i}].strength`, `pressure by ${p.by} on ${p.on.join(', ')}${p.option ? ` (${p.option})` : ''}: strength`, 'strength', { kind: 'pressure', id: p.by }, p.source, UNIT),
  );
  doc.agenda.forEach((a, i) => scalar(a.hours, ['agenda', i, 'hours'], `agenda[id=${a.id}].hours`, `agenda ${a.id}: hours`, 'hours', { kind: 'agenda', id: a.id }, a.source, HOURS, false));
  return sites;
}

/** A value for a site: a number, or a stance vector (support, accept, abstain, object). */
export type InputValue = number | readonly number[];

/** A copy of the point document with the given sites set to the given values. */
export function withValues(doc: ScenarioDocument, sites: readonly InputSite[], values: readonly InputValue[]): ScenarioDocument {
  const out = structuredClone(doc) as unknown as Obj;
  sites.forEach((site, s) => {
    const value = values[s];
    let parent = out as Obj | unknown[];
    for (const step of site.path.slice(0, -1)) {
      const next = (parent as Obj)[step as string];
      if (next === undefined || next === null) (parent as Obj)[step as string] = {};
      parent = (parent as Obj)[step as string] as Obj;
    }
    const last = site.path[site.path.length - 1] as string;
    if (site.kind === 'stances') {
      const old = obj((parent as Obj)[last]) ?? {};
      const v = value as readonly number[];
      const next: Obj = {};
      STANCE_NAMES.forEach((k, i) => {
        if (v[i] > 0) next[k] = v[i];
      });
      if (old.source !== undefined) next.source = old.source;
      (parent as Obj)[last] = next;
    } else (parent as Obj)[last] = value as number;
  });
  return out as unknown as ScenarioDocument;
}

/** The sites whose distribution the file declares: what the two-level Monte Carlo draws. */
export const declaredSites = (sites: readonly InputSite[]): InputSite[] => sites.filter((s) => s.declared !== undefined);

/** One draw of every declared site's distribution, from the generator (one uniform per scalar, four per stance mix). */
export function drawInputs(sites: readonly InputSite[], rng: () => number): InputValue[] {
  return sites.map((site) => {
    const d = site.declared!;
    if (isDirichlet(d)) return dirichletQuantile(d, [rng(), rng(), rng(), rng()]);
    return quantile(d as ScalarDistribution, rng());
  });
}
