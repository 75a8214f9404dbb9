/** The rule and the electorate (as a member mask of the compiled model) that decide a check in a run. */
import { decidingRule, type CheckKind } from '../procedure/check';
import type { Model } from '../floor/model';
import type { DecisionRule } from '../rules/types';

export interface CheckOf {
  readonly rule: DecisionRule;
  /** 1 for members whose stance counts in this check */
  readonly voting: Uint8Array;
  readonly byFallback: boolean;
}

export function checkOf(model: Model, kind: CheckKind): CheckOf {
  const deciding = decidingRule(model.rule, kind) ?? { rule: model.rule, byFallback: false };
  return { rule: deciding.rule, voting: deciding.byFallback ? model.voteVoting : model.voting, byFallback: deciding.byFallback };
}
