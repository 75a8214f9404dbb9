/**
 * Which source a result cites for its rule. The rule catalogue says where a rule comes from in general (KP practice,
 * OSCE, a reform proposal); a scenario's own `ruleSource` says where the body's rule in force is written down. A result
 * cites, in this order: the reform proposal it stands for, the scenario's own rule source when the rule is the rule
 * in force, else the catalogue's general description (and says so).
 */
import { parseRule } from './registry';
import type { DecisionRule } from './types';

export type CitationKind = 'reform' | 'scenario' | 'catalogue';

export interface RuleCitation {
  readonly spec: string;
  readonly title: string;
  /** one sentence: when an option passes under the rule */
  readonly description: string;
  /** what the result cites for this rule */
  readonly source: string;
  /** where `source` comes from: the reform file, the scenario's `ruleSource`, or the rule catalogue */
  readonly sourceKind: CitationKind;
  /** the catalogue's general note on where the rule comes from */
  readonly origin: string;
}

/** The rule in force of a scenario, as far as citing it is concerned. */
export interface RuleInForce {
  readonly rule: string;
  readonly ruleSource?: string;
}

/** True when `rule` is the scenario's rule in force (same canonical spec). */
export function isRuleInForce(rule: DecisionRule, scenario: RuleInForce): boolean {
  const inForce = parseRule(scenario.rule);
  return typeof inForce !== 'string' && inForce.spec === rule.spec;
}

export function citeRule(rule: DecisionRule, scenario: RuleInForce, reformSource?: string): RuleCitation {
  const base = { spec: rule.spec, title: rule.title, description: rule.description, origin: rule.source };
  if (reformSource) return { ...base, source: reformSource, sourceKind: 'reform' };
  if (scenario.ruleSource && isRuleInForce(rule, scenario)) return { ...base, source: scenario.ruleSource, sourceKind: 'scenario' };
  return { ...base, source: rule.source, sourceKind: 'catalogue' };
}

/** One line for reports: the cited source, and the catalogue's general note when it differs. */
export function citationText(c: Pick<RuleCitation, 'source' | 'sourceKind' | 'origin'>): string {
  if (c.sourceKind === 'catalogue') return `${c.source} (where the rule comes from in general)`;
  return c.source;
}
