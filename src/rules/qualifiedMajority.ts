import { COUNTS_ONLY, EVERYONE, NO_GROUPS, type RuleDefinition } from './definition';
import { fractionText, parseThreshold, reaches, type Fraction } from './fraction';
import { votesCast, yesVotes, type DecisionRule, type Tally } from './types';

/** Yes votes reach `threshold` of those present and voting (abstentions excluded); nothing passes on no votes cast. */
export const qualifiedMajorityOfVotesCast = (threshold: Fraction) => (t: Tally): boolean =>
  votesCast(t) > 0 && reaches(yesVotes(t), votesCast(t), threshold);

export function qualifiedMajorityRule(threshold: Fraction): DecisionRule {
  const q = fractionText(threshold);
  const adopts = qualifiedMajorityOfVotesCast(threshold);
  return {
    spec: `qualified-majority:${q}`,
    name: 'qualified-majority',
    title: `Qualified majority (${q})`,
    description: `Adopted when at least ${q} of the participants present and voting vote yes; abstentions are not counted.`,
    source: 'WDC proposal, Swakopmund Nov 2009 ("two thirds majority voting"): docs/sources/kp-reference.md §3.6(b), §4',
    mode: 'vote',
    electorate: EVERYONE,
    groups: NO_GROUPS,
    uses: COUNTS_ONLY,
    adopts,
    explain: (t) => `${yesVotes(t)} yes of ${votesCast(t)} votes cast, ${q} needed (${t.abstain} abstained)`,
  };
}

export const qualifiedMajority: RuleDefinition = {
  name: 'qualified-majority',
  syntax: 'qualified-majority:<threshold>',
  example: 'qualified-majority:2/3',
  summary: 'yes votes reach the threshold of those present and voting (abstentions excluded)',
  source: 'WDC 2009 two-thirds proposal; DDI 2017: docs/sources/kp-reference.md §4',
  build(params) {
    if (params.length !== 1) return 'qualified-majority needs one parameter, the threshold (e.g. qualified-majority:2/3)';
    const threshold = parseThreshold(params[0]);
    return typeof threshold === 'string' ? `qualified-majority:${params[0]}: ${threshold}` : qualifiedMajorityRule(threshold);
  },
};
