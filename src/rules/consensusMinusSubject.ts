import { COUNTS_ONLY, NO_GROUPS, noParams, plural, type RuleDefinition } from './definition';
import { noFormalObjection } from './consensus';
import type { DecisionRule } from './types';

export const consensusMinusSubjectRule: DecisionRule = {
  spec: 'consensus-minus-subject',
  name: 'consensus-minus-subject',
  title: 'Consensus minus the party concerned',
  description: 'Consensus, but the participant the item concerns cannot block a decision on its own case.',
  source: 'OSCE "consensus-minus-one" (Prague 1992; Yugoslavia suspended July 1992): docs/sources/kp-reference.md §5',
  mode: 'consensus',
  electorate: { excludeSubject: true, observersVote: false },
  groups: NO_GROUPS,
  uses: COUNTS_ONLY,
  adopts: noFormalObjection,
  explain: (t) =>
    noFormalObjection(t)
      ? 'no formal objection apart from the party concerned'
      : `${plural(t.object, 'formal objection')} apart from the party concerned`,
};

export const consensusMinusSubject: RuleDefinition = {
  name: 'consensus-minus-subject',
  syntax: 'consensus-minus-subject',
  example: 'consensus-minus-subject',
  summary: 'consensus, but the participant concerned cannot block its own case (OSCE style)',
  source: consensusMinusSubjectRule.source,
  build: (params) => noParams('consensus-minus-subject', params) ?? consensusMinusSubjectRule,
};
