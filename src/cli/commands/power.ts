/** `plenary power`: a-priori voting power of a scenario body under one or more rules, or of a textbook weighted game. */
import { UserError } from '../../common/errors';
import { defaultScenarioFile } from '../../common/paths';
import { ruleOrThrow, rulesOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import { powerOfRule, powerOfWeightedGame } from '../../analyses/power/analyze';
import { renderPower, type PowerFormat, type PowerScaling } from '../../report/power';
import { scaleWeightedGame, type ScaledGame } from '../../analyses/power/scaling';
import { stampOf, type Invocation } from '../stamp';

/** How the typed game was made whole, for the JSON. */
const scalingRecord = (g: ScaledGame): PowerScaling => ({ scale: String(g.scale), quota: g.quotaGiven.text, quotaIs: g.quotaGiven.kind === 'share' ? 'share of the total weight' : 'weight', scaledQuota: g.quota, scaledTotal: g.total });

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
  /** the invocation to stamp the result with (the CLI passes it; library callers may leave it out) */
  readonly invocation?: Invocation;
}

function wholeNumber(flag: string, text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new UserError(`${flag}: "${text}" is not a whole number >= 0`);
  return Number(t);
}

export function powerCommand(o: PowerCommandOptions): string {
  if (o.rule !== undefined && o.rules !== undefined) throw new UserError('give either --rule or --rules, not both');
  if (o.weights !== undefined) {
    if (o.scenario !== undefined) throw new UserError(`--weights describes the body itself; leave out the scenario file "${o.scenario}"`);
    if (o.allPresent) throw new UserError('--all-present applies to scenario bodies, not to --weights');
    if (o.rule !== undefined || o.rules !== undefined) throw new UserError('--weights with --quota is a game of its own; --rule/--rules apply to scenario bodies');
    if (o.quota === undefined) throw new UserError('--weights needs --quota, the weight a coalition must reach (e.g. --weights 4,4,4,2,2,1 --quota 12)');
    const game = scaleWeightedGame(o.weights, o.quota);
    const names = o.names?.split(',').map((s) => s.trim());
    if (names?.some((n) => n === '')) throw new UserError('--names: empty name in the list');
    const result = powerOfWeightedGame(game.weights, game.quota, {
      minMembers: o.minMembers !== undefined ? wholeNumber('--min-members', o.minMembers) : undefined,
      names,
    });
    // the body is on the command line: the stamp's hash is of no file, and it says so; exact, so no seed
    const stamp = stampOf([], undefined, o.invocation);
    return renderPower([result], o.format, true, { ...(game.note ? { note: game.note } : {}), scaling: scalingRecord(game), ...(stamp ? { stamp } : {}) });
  }
  for (const [flag, value] of [['--quota', o.quota], ['--min-members', o.minMembers], ['--names', o.names]] as const) {
    if (value !== undefined) throw new UserError(`${flag} belongs to the quick form; add --weights (e.g. --weights 4,4,4,2,2,1 --quota 12)`);
  }
  const scenario = loadScenario(o.scenario ?? defaultScenarioFile());
  const rules = o.rules !== undefined ? rulesOrThrow(o.rules) : [ruleOrThrow(o.rule ?? scenario.rule, o.rule !== undefined ? '--rule' : `${scenario.file ?? scenario.id}: rule`)];
  const results = rules.map((rule) => powerOfRule(scenario, rule, { allPresent: o.allPresent }));
  const stamp = stampOf([scenario], undefined, o.invocation);
  return renderPower(results, o.format, o.rules === undefined, stamp ? { stamp } : {});
}
