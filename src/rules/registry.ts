import { UserError } from '../common/errors';
import { didYouMean, listOf } from '../common/suggest';
import { matchId } from '../common/typedIds';
import { consensus } from './consensus';
import { consensusMinusN } from './consensusMinusN';
import { consensusMinusSubject } from './consensusMinusSubject';
import { makeConsensusThenVote } from './consensusThenVote';
import type { RuleDefinition } from './definition';
import { doubleMajority } from './doubleMajority';
import { MODIFIERS } from './modifiers';
import { qualifiedMajority } from './qualifiedMajority';
import { reverseConsensus } from './reverseConsensus';
import { simpleMajority } from './simpleMajority';
import type { DecisionRule } from './types';
import { weighted } from './weighted';
import { writtenProcedure } from './writtenProcedure';

export { MODIFIERS } from './modifiers';

/** Every rule plenary knows, in the order `plenary rules` lists them. */
export const RULES: readonly RuleDefinition[] = [
  consensus,
  consensusMinusSubject,
  consensusMinusN,
  qualifiedMajority,
  simpleMajority,
  makeConsensusThenVote((spec) => parseBaseRule(spec)),
  doubleMajority,
  weighted,
  writtenProcedure,
  reverseConsensus,
];

/** The rule a name typed in any case names (`Qualified-Majority` → qualified-majority). */
export function findRule(name: string): RuleDefinition | undefined {
  const match = matchId(name, RULES.map((r) => ({ id: r.name })));
  return 'id' in match ? RULES.find((r) => r.name === match.id) : undefined;
}

/**
 * Parses `name[:param[:param]][+modifier[:param]]...`, e.g. `consensus-then-vote:2/3:present+observers`.
 * Returns the rule or a message saying what is wrong and what is allowed.
 */
export function parseRule(spec: string): DecisionRule | string {
  const [base, ...mods] = spec.trim().split('+');
  let rule = parseBaseRule(base);
  for (const mod of mods) {
    if (typeof rule === 'string') return rule;
    const [name, ...params] = mod.trim().split(':');
    const match = matchId(name, MODIFIERS.map((m) => ({ id: m.name })));
    const modifier = 'id' in match ? MODIFIERS.find((m) => m.name === match.id) : undefined;
    if (!modifier) {
      const names = MODIFIERS.map((m) => m.name);
      return `unknown rule modifier "+${name}".${didYouMean(name, names)} Modifiers: ${names.map((n) => `+${n}`).join(', ')} (double-majority groups are separated by ":", e.g. double-majority:2/3:adpa:western)`;
    }
    rule = modifier.apply(rule, params);
  }
  return rule;
}

function parseBaseRule(spec: string): DecisionRule | string {
  const text = spec.trim();
  if (text === '') return 'empty rule name';
  const [name, ...params] = text.split(':');
  const definition = findRule(name);
  if (!definition) {
    return `unknown rule "${name}".${didYouMean(name, RULES.map((r) => r.name))} Known rules: ${listOf(RULES.map((r) => r.name), 20)}`;
  }
  return definition.build(params);
}

/** parseRule for command lines: throws a UserError (exit 2). */
export function ruleOrThrow(spec: string, where = '--rule'): DecisionRule {
  const rule = parseRule(spec);
  if (typeof rule === 'string') throw new UserError(`${where}: ${rule}`);
  return rule;
}

/** `a,b,c` into rules, all problems at once. */
export function rulesOrThrow(list: string, where = '--rules'): DecisionRule[] {
  const specs = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length === 0) throw new UserError(`${where}: no rules given (e.g. ${where} consensus,qualified-majority:2/3)`);
  const problems: string[] = [];
  const rules: DecisionRule[] = [];
  for (const spec of specs) {
    const rule = parseRule(spec);
    if (typeof rule === 'string') problems.push(`${where}: ${rule}`);
    else rules.push(rule);
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
  return rules;
}
