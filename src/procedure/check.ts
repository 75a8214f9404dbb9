/**
 * Which rule and which electorate decide a check. One place for the procedure's guards, the engine's blocker
 * analysis and the narration.
 *
 * A call for consensus (or a written circulation) is decided by the rule's own test over the rule's electorate. A
 * vote is decided by the rule itself when the rule votes, and otherwise by its fallback vote (consensus-then-vote),
 * over the fallback's electorate (which can differ: observers may vote only in the fallback vote).
 */
import type { DecisionRule, Tally } from '../rules/types';

export type CheckKind = 'consensus' | 'vote';

export interface DecidingRule {
  readonly rule: DecisionRule;
  /** the fallback vote of a consensus rule decides (its electorate counts) */
  readonly byFallback: boolean;
}

/** The rule deciding a check of `kind` under `rule`. A vote under a rule without one is decided by nothing (undefined). */
export function decidingRule(rule: DecisionRule, kind: CheckKind): DecidingRule | undefined {
  if (kind === 'consensus' || rule.mode === 'vote') return { rule, byFallback: false };
  return rule.fallback === undefined ? undefined : { rule: rule.fallback, byFallback: true };
}

/**
 * Does the check pass? `tally` is the floor as the rule's electorate sees it, `voteTally` as the fallback vote's
 * electorate sees it (when it differs).
 */
export function checkPasses(rule: DecisionRule, kind: CheckKind, tally: Tally, voteTally?: Tally): boolean {
  if (kind === 'consensus' || rule.mode === 'vote') return rule.adopts(tally);
  return rule.fallback !== undefined && rule.fallback.adopts(voteTally ?? tally);
}
