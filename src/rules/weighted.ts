import { EVERYONE, NO_GROUPS, type RuleDefinition } from './definition';
import { fractionText, parseThreshold, reaches, type Fraction } from './fraction';
import type { DecisionRule, Tally } from './types';

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * The weight voting yes reaches `quota` of the weight of those present and voting (yes + no; abstainers' weight is
 * left out, as abstentions are in a qualified majority). Nothing passes when no weight is cast.
 */
export const weightedQuota = (quota: Fraction) => (t: Tally): boolean => {
  const cast = t.yesWeight + t.noWeight;
  return cast > 0 && reaches(t.yesWeight, cast, quota);
};

export function weightedRule(quota: Fraction): DecisionRule {
  const q = fractionText(quota);
  const adopts = weightedQuota(quota);
  return {
    spec: `weighted:${q}`,
    name: 'weighted',
    title: `Weighted vote (quota ${q})`,
    description: `Adopted when the weight voting yes is at least ${q} of the weight of those present and voting (participant weights from the scenario; abstainers' weight left out).`,
    source: 'assumption: generic weighted voting (e.g. by production or trade share); no KP proposal on record: docs/sources/kp-reference.md §4',
    mode: 'vote',
    electorate: EVERYONE,
    groups: NO_GROUPS,
    uses: { counts: false, weights: true, groups: false },
    adopts,
    explain: (t) => `yes weight ${fmt(t.yesWeight)} of ${fmt(t.yesWeight + t.noWeight)} cast, ${q} needed`,
  };
}

export const weighted: RuleDefinition = {
  name: 'weighted',
  syntax: 'weighted:<quota>',
  example: 'weighted:2/3',
  summary: 'yes weight reaches the quota of the weight present and voting (participant `weight` in the scenario)',
  source: 'assumption: generic weighted voting; no KP proposal on record',
  build(params) {
    if (params.length !== 1) return 'weighted needs one parameter, the quota as a fraction of the weight present and voting (e.g. weighted:2/3)';
    const quota = parseThreshold(params[0]);
    return typeof quota === 'string' ? `weighted:${params[0]}: ${quota}` : weightedRule(quota);
  },
};
