import { COUNTS_ONLY, EVERYONE, NO_GROUPS, noParams, type RuleDefinition } from './definition';
import { votesCast, yesVotes, type DecisionRule, type Tally } from './types';

/** More yes than no votes among those present and voting; a tie fails. */
export const moreYesThanNo = (t: Tally): boolean => yesVotes(t) > t.object;

export const simpleMajorityRule: DecisionRule = {
  spec: 'simple-majority',
  name: 'simple-majority',
  title: 'Simple majority',
  description: 'Adopted when more participants present and voting vote yes than no; a tie fails.',
  source: 'WTO Agreement Art. IX:1 (majority of votes cast): docs/sources/kp-reference.md §5',
  mode: 'vote',
  electorate: EVERYONE,
  groups: NO_GROUPS,
  uses: COUNTS_ONLY,
  adopts: moreYesThanNo,
  explain: (t) => `${yesVotes(t)} yes against ${t.object} no of ${votesCast(t)} votes cast (${t.abstain} abstained)`,
};

export const simpleMajority: RuleDefinition = {
  name: 'simple-majority',
  syntax: 'simple-majority',
  example: 'simple-majority',
  summary: 'more yes than no votes among those present and voting',
  source: simpleMajorityRule.source,
  build: (params) => noParams('simple-majority', params) ?? simpleMajorityRule,
};
