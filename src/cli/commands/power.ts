/** `plenary power`: a-priori voting power of a scenario body under one or more rules, or of a textbook weighted game. */
import { UserError } from '../../common/errors';
import { DEFAULT_SCENARIO } from '../../common/paths';
import { ruleOrThrow, rulesOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { powerOfRule, powerOfWeightedGame } from '../../analyses/power/analyze';
import { renderPower, type PowerFormat } from '../../report/power';

export interface PowerCommandOptions {
  readonly scenario?: string;
  readonly rule?: string;
  readonly rules?: string;
  /** quick form: `4,4,4,2,2,1` */
  readonly weights?: string;
  readonly quota?: string;
  readonly minMembers?: string;
  readonly names?: string;
  /** count absent participants as voters */
  readonly allPresent?: boolean;
  readonly format: PowerFormat;
}

function wholeNumber(flag: string, text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new UserError(`${flag}: "${text}" is not a whole number >= 0`);
  return Number(t);
}

/** `4,4,4,2,2,1` → weights; every problem named. */
export function parseWeights(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) throw new UserError('--weights: the body is empty; give at least one weight (e.g. --weights 4,4,4,2,2,1)');
  const bad = parts.map((p, i) => [p, i] as const).filter(([p]) => !/^\d+$/.test(p));
  if (bad.length > 0) {
    const [p, i] = bad[0];
    throw new UserError(`--weights: weight ${i + 1} is "${p}"; weights must be whole numbers >= 0 separated by commas (scale decimal weights, e.g. 0.5,1.5 → 1,3)`);
  }
  return parts.map(Number);
}

export function powerCommand(o: PowerCommandOptions): string {
  if (o.rule !== undefined && o.rules !== undefined) throw new UserError('give either --rule or --rules, not both');
  if (o.weights !== undefined) {
    if (o.scenario !== undefined) throw new UserError(`--weights describes the body itself; leave out the scenario file "${o.scenario}"`);
    if (o.allPresent) throw new UserError('--all-present applies to scenario bodies, not to --weights');
    if (o.rule !== undefined || o.rules !== undefined) throw new UserError('--weights with --quota is a game of its own; --rule/--rules apply to scenario bodies');
    if (o.quota === undefined) throw new UserError('--weights needs --quota, the weight a coalition must reach (e.g. --weights 4,4,4,2,2,1 --quota 12)');
    const weights = parseWeights(o.weights);
    const names = o.names?.split(',').map((s) => s.trim());
    if (names?.some((n) => n === '')) throw new UserError('--names: empty name in the list');
    const result = powerOfWeightedGame(weights, wholeNumber('--quota', o.quota), {
      minMembers: o.minMembers !== undefined ? wholeNumber('--min-members', o.minMembers) : undefined,
      names,
    });
    return renderPower([result], o.format);
  }
  for (const [flag, value] of [['--quota', o.quota], ['--min-members', o.minMembers], ['--names', o.names]] as const) {
    if (value !== undefined) throw new UserError(`${flag} belongs to the quick form; add --weights (e.g. --weights 4,4,4,2,2,1 --quota 12)`);
  }
  const scenario = loadScenario(o.scenario ?? DEFAULT_SCENARIO);
  const rules = o.rules !== undefined ? rulesOrThrow(o.rules) : [ruleOrThrow(o.rule ?? scenario.rule, o.rule !== undefined ? '--rule' : `${scenario.file ?? scenario.id}: rule`)];
  const results = rules.map((rule) => powerOfRule(scenario, rule, { allPresent: o.allPresent }));
  return renderPower(results, o.format, o.rules === undefined);
}
