/**
 * `--param NAME=VALUE`: global model parameters set on the command line for one command. A value given this way
 * overrides the parameters file (scenarios/parameters/model.yaml) and — as `--rule` overrides the scenario's rule —
 * also a value the scenario sets in `model:` itself. `resolveParameter` is the one place where a model parameter's
 * value and its origin are decided: normalize reads the number the engine uses from it, and inputSites the
 * provenance of that number (a value set on the command line is an assumption of whoever typed it). Pure.
 */
import { UserError } from '../common/errors';
import { idOrThrow } from '../common/typedIds';
import { GLOBAL_PARAMETER_NAMES, GLOBAL_PARAMETER_RANGES, type GlobalParameterName, type GlobalParameters } from './parameters';

/** Global parameters set on the command line (`--param`), by name. */
export type ParameterOverrides = Readonly<Partial<Record<GlobalParameterName, number>>>;

/** Where the number a run uses comes from. */
export type ParameterOrigin = '--param' | 'scenario' | 'parameters file';

export interface ResolvedParameter<W> {
  /** the override, else what the scenario writes (a number or a distribution), else the parameters file's value */
  readonly value: number | W;
  readonly origin: ParameterOrigin;
}

/** A model parameter's value and where it comes from: --param, else the scenario's `model:`, else the parameters file. */
export function resolveParameter<W>(name: GlobalParameterName, written: W | undefined, parameters: GlobalParameters, overrides: ParameterOverrides = {}): ResolvedParameter<W> {
  const set = overrides[name];
  if (set !== undefined) return { value: set, origin: '--param' };
  if (written !== undefined) return { value: written, origin: 'scenario' };
  return { value: parameters[name], origin: 'parameters file' };
}

/** The source a value set with --param carries: an assumption, saying what it replaced. */
export function overrideSource(name: GlobalParameterName, value: number, replaced: { readonly origin: 'scenario' | 'parameters file'; readonly value: unknown }): string {
  const was = typeof replaced.value === 'number' ? `${replaced.value}` : 'distribution';
  return `assumption: set on the command line (--param ${name}=${value}) instead of the ${replaced.origin === 'scenario' ? "scenario's" : "parameters file's"} ${was}`;
}

/** A global parameter set with --param, and what it replaced (for a result's model line and JSON). */
export interface ParameterSet {
  readonly name: GlobalParameterName;
  readonly value: number;
  readonly from: '--param';
  /** the value the run would have used without it, and where that comes from */
  readonly instead: { readonly value: number | 'a distribution'; readonly from: 'scenario' | 'parameters file' };
}

/** The parameters a scenario was read with that --param set, in the parameters file's order. */
export function parametersSet(overrides: ParameterOverrides | undefined, written: Readonly<Record<string, unknown>> | undefined, parameters: GlobalParameters): ParameterSet[] {
  return GLOBAL_PARAMETER_NAMES.flatMap((name) => {
    const value = overrides?.[name];
    if (value === undefined) return [];
    const was = resolveParameter(name, written?.[name], parameters);
    return [{ name, value, from: '--param' as const, instead: { value: typeof was.value === 'number' ? was.value : ('a distribution' as const), from: was.origin as 'scenario' | 'parameters file' } }];
  });
}

/** "pressureEffect 1 (--param; instead of the parameters file's 0)" */
export const parameterSetText = (p: ParameterSet): string => `${p.name} ${p.value} (--param; instead of the ${p.instead.from === 'scenario' ? "scenario's" : "parameters file's"} ${p.instead.value})`;

/** The overrides as the command line spells them, in the parameters file's order: "pressureEffect=1, vetoCost=0.5". */
export function overridesText(overrides: ParameterOverrides, separator = ', '): string {
  return GLOBAL_PARAMETER_NAMES.filter((n) => overrides[n] !== undefined)
    .map((n) => `${n}=${overrides[n]}`)
    .join(separator);
}

export const hasOverrides = (overrides: ParameterOverrides | undefined): boolean => overrides !== undefined && GLOBAL_PARAMETER_NAMES.some((n) => overrides[n] !== undefined);

const rangeText = (name: GlobalParameterName): string => `${GLOBAL_PARAMETER_RANGES[name][0]} to ${GLOBAL_PARAMETER_RANGES[name][1]}`;
const knownText = (): string => GLOBAL_PARAMETER_NAMES.map((n) => `${n} (${rangeText(n)})`).join(', ');

/**
 * The values of every `--param` given (each `NAME=VALUE`, or several separated by commas: `a=1,b=0.5`). Names are
 * the parameters file's, in any case; values numbers within the parameter's range (the scenario schema's bounds for
 * the same `model:` number); `previous`: those of the --param flags before. Bad input → UserError (exit 2) saying what is allowed.
 */
export function parseParameterOverrides(texts: readonly string[], previous: ParameterOverrides = {}): ParameterOverrides {
  const out: Partial<Record<GlobalParameterName, number>> = { ...previous };
  for (const text of texts) {
    for (const raw of text.split(',')) {
      const item = raw.trim();
      const where = `--param ${item}`;
      const eq = item.indexOf('=');
      if (item === '' || eq < 0) throw new UserError(`--param ${text}: give NAME=VALUE (several separated by commas), e.g. --param pressureEffect=1; names: ${knownText()}`);
      const typed = item.slice(0, eq).trim();
      const name = idOrThrow(typed, GLOBAL_PARAMETER_NAMES.map((id) => ({ id })), { where, kind: 'model parameter', listed: 'known', hint: 'see scenarios/parameters/model.yaml' }) as GlobalParameterName;
      const valueText = item.slice(eq + 1).trim();
      const value = valueText === '' ? NaN : Number(valueText);
      const [min, max] = GLOBAL_PARAMETER_RANGES[name];
      if (!Number.isFinite(value)) throw new UserError(`${where}: "${valueText}" is not a number; ${name} takes a number from ${rangeText(name)}, e.g. --param ${name}=${max}`);
      if (value < min || value > max) throw new UserError(`${where}: ${valueText} is outside the range of ${name} (allowed: ${rangeText(name)})`);
      if (out[name] !== undefined && out[name] !== value) throw new UserError(`--param: ${name} is given twice (${out[name]} and ${valueText}); give it once`);
      out[name] = value;
    }
  }
  return out;
}
