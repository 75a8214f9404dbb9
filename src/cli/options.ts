/** Parsers for command-line values: each returns the value or throws a UserError (exit 2) saying what is allowed. */
import { InvalidArgumentError, type Command } from 'commander';
import { parseParameterOverrides, type ParameterOverrides } from '../scenario/parameterOverrides';
import { didYouMean } from '../common/suggest';
import { MAX_RUNS, MAX_SEED_LENGTH } from '../common/limits';
import { FLOOR_MODEL_NAMES, type FloorModelName } from '../scenario/floorModelNames';
import { CHAIR_NAMES } from '../scenario/chairNames';

export { MAX_RUNS, MAX_SEED_LENGTH };

export function parseRuns(text: string): number {
  // 10000, 10_000, 10,000 and 1e4 all mean ten thousand; anything else that is not a whole number is refused
  const t = text.trim().replace(/(?<=\d)[_,](?=\d{3})/g, '');
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${text}" is not a whole number of runs (1 to ${MAX_RUNS.toLocaleString('en-US')})`);
  if (n < 1) throw new InvalidArgumentError(`at least 1 run is needed (received ${text})`);
  if (n > MAX_RUNS) throw new InvalidArgumentError(`${text} runs is more than the maximum of ${MAX_RUNS.toLocaleString('en-US')}; split the job with --shard i/n instead`);
  return n;
}

export function parseCount(name: string, min: number, max: number) {
  return (text: string): number => {
    const t = text.trim();
    if (!/^\d+$/.test(t)) throw new InvalidArgumentError(`"${text}" is not a whole number (${min} to ${max})`);
    const n = Number(t);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be ${min} to ${max} (received ${text})`);
    return n;
  };
}

/** Any string is a seed; it is used as given (so "42" and "042" are different seeds). */
export function parseSeed(text: string): string {
  if (text.length > MAX_SEED_LENGTH) throw new InvalidArgumentError(`a seed is at most ${MAX_SEED_LENGTH} characters (received ${text.length})`);
  return text;
}

export function formatParser<T extends string>(allowed: readonly T[]) {
  return (text: string): T => {
    if ((allowed as readonly string[]).includes(text)) return text as T;
    throw new InvalidArgumentError(`unknown format "${text}" (allowed: ${allowed.join(', ')}).${didYouMean(text, allowed)}`.replace(/\.$/, ''));
  };
}

export { REPORT_FORMATS, type ReportFormat } from '../report/runReport';

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

/** A simulated chair's name (`--chair`). */
export function parseChair(text: string): string {
  const t = text.trim();
  if ((CHAIR_NAMES as readonly string[]).includes(t)) return t;
  throw new InvalidArgumentError(`unknown chair "${text}" (known: ${CHAIR_NAMES.join(', ')}).${didYouMean(t, CHAIR_NAMES)}`.replace(/\.$/, ''));
}

/** A floor model name (`--model`). */
export function parseFloorModel(text: string): FloorModelName {
  const t = text.trim();
  if ((FLOOR_MODEL_NAMES as readonly string[]).includes(t)) return t as FloorModelName;
  throw new InvalidArgumentError(`unknown floor model "${text}" (known: ${FLOOR_MODEL_NAMES.join(', ')}).${didYouMean(t, FLOOR_MODEL_NAMES)}`.replace(/\.$/, ''));
}

/** Comma-separated floor model names (`--models`), each once. */
export function parseFloorModels(text: string): FloorModelName[] {
  const names = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (names.length === 0) throw new InvalidArgumentError(`--models needs at least one floor model (known: ${FLOOR_MODEL_NAMES.join(', ')})`);
  return [...new Set(names.map(parseFloorModel))];
}

/**
 * `--param NAME=VALUE` (repeatable; also `a=1,b=0.5`), the same on every command that simulates a scenario: global
 * model parameters for this command, over the parameters file and the scenario's own `model:` values. Checked as
 * it is read (names and ranges: src/scenario/parameterOverrides.ts); the value is the overrides so far.
 */
export function addParamOption(command: Command): Command {
  return command.option(
    '--param <name=value>',
    "set a global model parameter for this command, over the parameters file and the scenario's own model: value (repeatable, or a=1,b=0.5), e.g. --param pressureEffect=1 (docs/uncertainty.md)",
    (text: string, previous: ParameterOverrides | undefined) => parseParameterOverrides([text], previous),
  );
}
